"""Courses with their five records and trainees, the training base's steps, study
sessions and problems, party meetings with attendance, and the year's figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, cast

import strawberry

from db import models
from resolvers import clock
from resolvers.loaders.training import (
    attendance_of,
    course_records_of,
    enrolments_of,
    meeting_events_of,
    members_of,
    problem_events_of,
    problems_of,
    services_of,
)
from resolvers.rules import STAFF
from resolvers.training.queries import FIVE_ONES
from schema.base import Info, Node, is_model
from schema.lazy import CommunityT, OrganizationT, PersonT, PlannedServiceT, StreetT, person_of
from schema.training.enums import (
    Attendance,
    CourseMode,
    FiveOnesItem,
    MeetingAction,
    MeetingKind,
    MeetingStatus,
    ProblemAction,
    ProblemSource,
    ProblemStatus,
    TrainingAudience,
)

if TYPE_CHECKING:
    from schema.organization.types import Community, PartyOrganization, Street
    from schema.people.types import Person
    from schema.volunteering.plans import PlannedService


@strawberry.type(description='A record of a course\'s "five ones" (五个一记录).')
class CourseRecord(Node):
    is_type_of = is_model(models.CourseRecord)

    item: FiveOnesItem = strawberry.field(description="Which of the five (项目).")
    note: str = strawberry.field(description="What was recorded (记录内容).")
    recorded_at: datetime = strawberry.field(description="When (记录时间).")

    @strawberry.field(description="The course (课程).")
    async def course(
        self, root: strawberry.Parent[models.CourseRecord], info: Info
    ) -> TrainingCourse:
        row = await info.context.loaders.required(models.TrainingCourse, root.course_id)
        return cast(TrainingCourse, row)


@strawberry.type(
    description=(
        "A person on a course (参训记录): the commitment signed, attendance and exam score;"
        " completed (结业) when signed, present and at least the pass mark."
    )
)
class CourseEnrolment(Node):
    is_type_of = is_model(models.CourseEnrolment)

    signed_commitment: bool = strawberry.field(description="Signed the commitment (签订承诺书).")
    attendance: Attendance | None = strawberry.field(
        description="Attendance (考勤); null until taken."
    )
    exam_score: int | None = strawberry.field(description="Exam score 0–100 (考试成绩).")
    completed: bool = strawberry.field(description="Completed the course (结业).")

    @strawberry.field(description="The course (课程).")
    async def course(
        self, root: strawberry.Parent[models.CourseEnrolment], info: Info
    ) -> TrainingCourse:
        row = await info.context.loaders.required(models.TrainingCourse, root.course_id)
        return cast(TrainingCourse, row)

    @strawberry.field(description="The trainee (学员).")
    async def person(
        self, root: strawberry.Parent[models.CourseEnrolment], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.person_id)


@strawberry.type(
    description=(
        'A training course (培训课程) with the "five ones" (五个一): for one audience, online'
        " through the video network to every community or in person; the courses of the"
        " volunteer training base (志愿服务培训基地) have atTrainingBase."
    )
)
class TrainingCourse(Node):
    is_type_of = is_model(models.TrainingCourse)

    title: str = strawberry.field(description="Title (课程名称).")
    description: str = strawberry.field(description="What it covers (课程内容).")
    audience: TrainingAudience = strawberry.field(description="Who it trains (培训对象).")
    mode: CourseMode = strawberry.field(description="Online or in person (培训方式).")
    at_training_base: bool = strawberry.field(
        description="A course of the volunteer training base (志愿服务培训基地精品课程)."
    )
    starts_at: datetime = strawberry.field(description="Starts (开始时间).")
    ends_at: datetime = strawberry.field(description="Ends (结束时间).")
    pass_score: int = strawberry.field(description="Pass mark of the exam (合格分数).")

    @strawberry.field(description="The street that runs it (主办街道); null for the district.")
    async def street(
        self, root: strawberry.Parent[models.TrainingCourse], info: Info
    ) -> StreetT | None:
        return cast(
            "Street | None", await info.context.loaders.optional(models.Street, root.street_id)
        )

    @strawberry.field(description='Its "five ones" records kept so far (五个一记录).')
    async def five_ones(
        self, root: strawberry.Parent[models.TrainingCourse], info: Info
    ) -> list[CourseRecord]:
        return cast(list[CourseRecord], await course_records_of(info.context.loaders).load(root.id))

    @strawberry.field(description='Which of the "five ones" are still missing (未落实).')
    async def missing_five_ones(
        self, root: strawberry.Parent[models.TrainingCourse], info: Info
    ) -> list[FiveOnesItem]:
        kept = {row.item for row in await course_records_of(info.context.loaders).load(root.id)}
        return [item for item in models.FiveOnesItem if item not in kept]

    @strawberry.field(description='Complete on all "five ones" (五个一全部落实).')
    async def five_ones_complete(
        self, root: strawberry.Parent[models.TrainingCourse], info: Info
    ) -> bool:
        return len(await course_records_of(info.context.loaders).load(root.id)) == FIVE_ONES

    @strawberry.field(
        description="Its trainees (学员): all of them for staff, anyone else only themselves."
    )
    async def enrolments(
        self, root: strawberry.Parent[models.TrainingCourse], info: Info
    ) -> list[CourseEnrolment]:
        rows = await enrolments_of(info.context.loaders).load(root.id)
        viewer = info.context.viewer
        if not viewer.grants_of(STAFF):
            rows = [row for row in rows if row.person_id == viewer.person_id]
        return cast(list[CourseEnrolment], rows)


@strawberry.type(
    description='A step of the volunteer training base\'s "12+YI" process (12+YI全流程培育模式).'
)
class TrainingBaseStep:
    number: int = strawberry.field(description='Step number (序号); 13 is the "+YI".')
    name: str = strawberry.field(description="The step (环节).")
    description: str = strawberry.field(description="The step in English (释义).")
    from_source: bool = strawberry.field(
        description="Named in the district's report (原文); false: reconstructed."
    )


@strawberry.type(description="A step of a problem's correction (整改记录).")
class StudyProblemEvent(Node):
    is_type_of = is_model(models.StudyProblemEvent)

    action: ProblemAction = strawberry.field(description="What was done (操作).")
    from_status: ProblemStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: ProblemStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="What was done about it (说明).")


@strawberry.type(
    description=(
        "A problem a study session found (查找问题), tracked to correction (整改): its owner,"
        " due day, and when and how it was corrected; overdue when open past its due day."
    )
)
class StudyProblem(Node):
    is_type_of = is_model(models.StudyProblem)

    source: ProblemSource = strawberry.field(description="How it was found (问题来源).")
    description: str = strawberry.field(description="The problem (问题描述).")
    due_on: date = strawberry.field(description="To be corrected by (整改时限).")
    status: ProblemStatus = strawberry.field(description="Where it stands (整改状态).")
    found_at: datetime = strawberry.field(description="Recorded (查找时间).")
    corrected_on: date | None = strawberry.field(description="Corrected on (整改完成日期).")
    correction: str | None = strawberry.field(description="What was done (整改措施).")

    @strawberry.field(description="Open past its due day (逾期未整改).")
    def overdue(self, root: strawberry.Parent[models.StudyProblem]) -> bool:
        return root.status is models.ProblemStatus.OPEN and root.due_on < clock.today()

    @strawberry.field(description="Who owns its correction (整改责任人).")
    async def owner(
        self, root: strawberry.Parent[models.StudyProblem], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.owner_person_id)

    @strawberry.field(description="The session that found it (研讨场次).")
    async def session(
        self, root: strawberry.Parent[models.StudyProblem], info: Info
    ) -> StudySession:
        row = await info.context.loaders.required(models.StudySession, root.session_id)
        return cast(StudySession, row)

    @strawberry.field(description="Its history (整改记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.StudyProblem], info: Info
    ) -> list[StudyProblemEvent]:
        rows = await problem_events_of(info.context.loaders).load(root.id)
        return cast(list[StudyProblemEvent], rows)


@strawberry.type(description="A community's study session (学习研讨) of its workers.")
class StudySession(Node):
    is_type_of = is_model(models.StudySession)

    held_on: date = strawberry.field(description="Held on (研讨日期).")
    topic: str = strawberry.field(description="Topic (研讨主题).")
    participants: int = strawberry.field(description="Workers taking part (参加人数).")
    summary: str = strawberry.field(description="Summary (研讨情况).")

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.StudySession], info: Info
    ) -> CommunityT:
        row = await info.context.loaders.required(models.Community, root.community_id)
        return cast("Community", row)

    @strawberry.field(description="The problems it found (查找问题).")
    async def problems(
        self, root: strawberry.Parent[models.StudySession], info: Info
    ) -> list[StudyProblem]:
        return cast(list[StudyProblem], await problems_of(info.context.loaders).load(root.id))


@strawberry.type(description="A step of a party meeting (会议记录).")
class PartyMeetingEvent(Node):
    is_type_of = is_model(models.PartyMeetingEvent)

    action: MeetingAction = strawberry.field(description="What was done (操作).")
    from_status: MeetingStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: MeetingStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, for a cancellation (原因).")


@strawberry.type(description="A member's attendance at a held meeting (党员出勤).")
class MeetingAttendance(Node):
    is_type_of = is_model(models.MeetingAttendance)

    status: Attendance = strawberry.field(description="Present, absent or excused (出勤).")

    @strawberry.field(description="The member (党员).")
    async def person(
        self, root: strawberry.Parent[models.MeetingAttendance], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.person_id)

    @strawberry.field(description="The meeting (会议).")
    async def meeting(
        self, root: strawberry.Parent[models.MeetingAttendance], info: Info
    ) -> PartyMeeting:
        row = await info.context.loaders.required(models.PartyMeeting, root.meeting_id)
        return cast(PartyMeeting, row)


@strawberry.type(
    description=(
        "A party organisation's meeting (组织生活): the 28th-of-the-month themed party day"
        " (28日主题党日) or one of the three meetings and one lesson (三会一课), with agenda,"
        " its members' attendance and minutes."
    )
)
class PartyMeeting(Node):
    is_type_of = is_model(models.PartyMeeting)

    kind: MeetingKind = strawberry.field(description="Which meeting (会议类型).")
    theme: str = strawberry.field(description="Theme (主题).")
    agenda: list[str] = strawberry.field(description="Agenda (议程).")
    scheduled_at: datetime = strawberry.field(description="When it is set for (会议时间).")
    status: MeetingStatus = strawberry.field(description="Where it stands (会议状态).")
    held_at: datetime | None = strawberry.field(description="When it was recorded held (召开).")
    cancelled_at: datetime | None = strawberry.field(description="When cancelled (取消时间).")
    minutes: str | None = strawberry.field(description="Minutes (会议记录).")
    present: int = strawberry.field(description="Members present (出席人数).")
    absent: int = strawberry.field(description="Members absent (缺席人数).")
    excused: int = strawberry.field(description="Members excused (请假人数).")

    @strawberry.field(description="The party organisation (党组织).")
    async def party_organization(
        self, root: strawberry.Parent[models.PartyMeeting], info: Info
    ) -> OrganizationT:
        row = await info.context.loaders.required(
            models.PartyOrganization, root.party_organization_id
        )
        return cast("PartyOrganization", row)

    @strawberry.field(
        description="The organisation's live members, who are expected (应到党员), by name."
    )
    async def members(
        self, root: strawberry.Parent[models.PartyMeeting], info: Info
    ) -> list[PersonT]:
        keys = await members_of(info.context.loaders).load(root.party_organization_id)
        rows = await info.context.loaders.by_id(models.Person).load_many(keys)
        return cast("list[Person]", [row for row in rows if row is not None])

    @strawberry.field(description="Its members' attendance (出勤), once held.")
    async def attendance(
        self, root: strawberry.Parent[models.PartyMeeting], info: Info
    ) -> list[MeetingAttendance]:
        return cast(
            list[MeetingAttendance], await attendance_of(info.context.loaders).load(root.id)
        )

    @strawberry.field(description="Its history (会议记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.PartyMeeting], info: Info
    ) -> list[PartyMeetingEvent]:
        rows = await meeting_events_of(info.context.loaders).load(root.id)
        return cast(list[PartyMeetingEvent], rows)

    @strawberry.field(description="The volunteer services held with it (结合开展的志愿服务).")
    async def planned_services(
        self, root: strawberry.Parent[models.PartyMeeting], info: Info
    ) -> list[PlannedServiceT]:
        rows = await services_of(info.context.loaders).load(root.id)
        return cast("list[PlannedService]", rows)


@strawberry.type(
    description=(
        "A year's training and party-life figures (培训与组织生活统计) as the viewer sees them,"
        " beside the district's: 108 study sessions, 250+ problems, 23 base courses."
    )
)
class TrainingFigures:
    year: int = strawberry.field(description="Year (年度).")
    courses: int = strawberry.field(description="Courses started in the year (培训课程).")
    base_courses: int = strawberry.field(description="Of them at the training base (基地课程).")
    complete_courses: int = strawberry.field(
        description='Complete on the "five ones" (五个一落实).'
    )
    enrolments: int = strawberry.field(description="Trainees' enrolments (参训人次).")
    completions: int = strawberry.field(description="Of them completed (结业人次).")
    study_sessions: int = strawberry.field(description="Study sessions held (学习研讨场次).")
    study_problems: int = strawberry.field(description="Problems they found (查找问题).")
    corrected_problems: int = strawberry.field(description="Of them corrected (已整改).")
    overdue_problems: int = strawberry.field(description="Open past their due day (逾期).")
    party_days: int = strawberry.field(description="Themed party days held (主题党日).")
    three_meetings_one_lesson: int = strawberry.field(
        description="Three meetings and one lesson held (三会一课)."
    )
    attendance_rate: float | None = strawberry.field(
        description="Present / members counted at held meetings (出勤率)."
    )
