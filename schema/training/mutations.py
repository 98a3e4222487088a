"""Mutations of courses, study sessions and party meetings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from resolvers.training import courses, meetings, study
from resolvers.training.meetings import AttendanceDraft
from resolvers.training.study import ProblemDraft
from schema.base import Info
from schema.errors import UserError
from schema.lazy import PlannedServiceT
from schema.mutation import Input, result, run, user_errors
from schema.training.inputs import (
    AddStudyProblemInput,
    CancelPartyMeetingInput,
    CorrectStudyProblemInput,
    CreateTrainingCourseInput,
    EnrolInCourseInput,
    HoldPartyMeetingInput,
    LinkServiceToPartyMeetingInput,
    RecordCourseFiveOnesInput,
    RecordCourseResultInput,
    RecordStudySessionInput,
    SchedulePartyMeetingInput,
    StudyProblemInput,
)
from schema.training.types import (
    CourseEnrolment,
    PartyMeeting,
    StudyProblem,
    StudySession,
    TrainingCourse,
)

if TYPE_CHECKING:
    pass


@strawberry.type(description="Result of a course mutation (课程操作结果).")
class TrainingCoursePayload:
    course: TrainingCourse | None = result("The course (课程).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordCourseResult (参训情况).")
class CourseEnrolmentPayload:
    enrolment: CourseEnrolment | None = result("The trainee's record (参训记录).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordStudySession (学习研讨).")
class StudySessionPayload:
    session: StudySession | None = result("The session (研讨场次).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a problem mutation (问题整改).")
class StudyProblemPayload:
    problem: StudyProblem | None = result("The problem (问题).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a meeting mutation (组织生活).")
class PartyMeetingPayload:
    meeting: PartyMeeting | None = result("The meeting (会议).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of linkServiceToPartyMeeting (结合党内活动).")
class LinkServiceToPartyMeetingPayload:
    planned_service: PlannedServiceT | None = result("The planned service (计划服务).")
    user_errors: list[UserError] = user_errors()


def _draft(given: StudyProblemInput) -> ProblemDraft:
    return ProblemDraft(
        source=given.source,
        description=given.description,
        due_on=given.due_on,
        owner_person_id=given.owner_person_id,
    )


async def _course(info: Info, work: Callable[[], Awaitable[Any]]) -> TrainingCoursePayload:
    return await run(info, TrainingCoursePayload, "course", work)


async def _meeting(info: Info, work: Callable[[], Awaitable[Any]]) -> PartyMeetingPayload:
    return await run(info, PartyMeetingPayload, "meeting", work)


@strawberry.type
class TrainingMutation:
    @strawberry.mutation(description="Open a training course (开设培训课程).")
    async def create_training_course(
        self, info: Info, input: Annotated[CreateTrainingCourseInput, Input]
    ) -> TrainingCoursePayload:
        return await _course(
            info,
            lambda: courses.create(
                info.context,
                title=input.title,
                description=input.description,
                audience=input.audience,
                mode=input.mode,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                street_id=input.street_id,
                at_training_base=input.at_training_base,
                pass_score=input.pass_score,
            ),
        )

    @strawberry.mutation(description='Keep one of a course\'s "five ones" (落实五个一).')
    async def record_course_five_ones(
        self, info: Info, input: Annotated[RecordCourseFiveOnesInput, Input]
    ) -> TrainingCoursePayload:
        return await _course(
            info,
            lambda: courses.record_five_ones(
                info.context, course_id=input.course_id, item=input.item, note=input.note
            ),
        )

    @strawberry.mutation(description="Put people on a course (报名参训).")
    async def enrol_in_course(
        self, info: Info, input: Annotated[EnrolInCourseInput, Input]
    ) -> TrainingCoursePayload:
        return await _course(
            info,
            lambda: courses.enrol(
                info.context, course_id=input.course_id, person_ids=list(input.person_ids)
            ),
        )

    @strawberry.mutation(
        description="Record a trainee's commitment, attendance and exam (参训情况)."
    )
    async def record_course_result(
        self, info: Info, input: Annotated[RecordCourseResultInput, Input]
    ) -> CourseEnrolmentPayload:
        return await run(
            info,
            CourseEnrolmentPayload,
            "enrolment",
            lambda: courses.record_result(
                info.context,
                course_id=input.course_id,
                person_id=input.person_id,
                signed_commitment=input.signed_commitment,
                attendance=input.attendance,
                exam_score=input.exam_score,
            ),
        )

    @strawberry.mutation(description="Record a held study session (记录学习研讨).")
    async def record_study_session(
        self, info: Info, input: Annotated[RecordStudySessionInput, Input]
    ) -> StudySessionPayload:
        return await run(
            info,
            StudySessionPayload,
            "session",
            lambda: study.record_session(
                info.context,
                community_id=input.community_id,
                held_on=input.held_on,
                topic=input.topic,
                participants=input.participants,
                summary=input.summary,
                problems=[_draft(each) for each in input.problems],
            ),
        )

    @strawberry.mutation(description="Add a problem to a study session (补充问题).")
    async def add_study_problem(
        self, info: Info, input: Annotated[AddStudyProblemInput, Input]
    ) -> StudyProblemPayload:
        return await run(
            info,
            StudyProblemPayload,
            "problem",
            lambda: study.add_problem(
                info.context, session_id=input.session_id, draft=_draft(input.problem)
            ),
        )

    @strawberry.mutation(description="Record a problem corrected (整改到位).")
    async def correct_study_problem(
        self, info: Info, input: Annotated[CorrectStudyProblemInput, Input]
    ) -> StudyProblemPayload:
        return await run(
            info,
            StudyProblemPayload,
            "problem",
            lambda: study.correct(
                info.context, problem_id=input.problem_id, correction=input.correction
            ),
        )

    @strawberry.mutation(description="Schedule a party meeting (安排主题党日或三会一课).")
    async def schedule_party_meeting(
        self, info: Info, input: Annotated[SchedulePartyMeetingInput, Input]
    ) -> PartyMeetingPayload:
        return await _meeting(
            info,
            lambda: meetings.schedule(
                info.context,
                party_organization_id=input.party_organization_id,
                kind=input.kind,
                theme=input.theme,
                scheduled_at=input.scheduled_at,
                agenda=list(input.agenda),
            ),
        )

    @strawberry.mutation(description="Record a meeting held with minutes and attendance (召开).")
    async def hold_party_meeting(
        self, info: Info, input: Annotated[HoldPartyMeetingInput, Input]
    ) -> PartyMeetingPayload:
        return await _meeting(
            info,
            lambda: meetings.hold(
                info.context,
                meeting_id=input.meeting_id,
                minutes=input.minutes,
                attendance=[
                    AttendanceDraft(person_id=each.person_id, status=each.status)
                    for each in input.attendance
                ],
            ),
        )

    @strawberry.mutation(description="Cancel a scheduled meeting (取消会议).")
    async def cancel_party_meeting(
        self, info: Info, input: Annotated[CancelPartyMeetingInput, Input]
    ) -> PartyMeetingPayload:
        return await _meeting(
            info,
            lambda: meetings.cancel(info.context, meeting_id=input.meeting_id, reason=input.reason),
        )

    @strawberry.mutation(
        description="Tie a planned volunteer service to the meeting it is held with (结合党内活动)."
    )
    async def link_service_to_party_meeting(
        self, info: Info, input: Annotated[LinkServiceToPartyMeetingInput, Input]
    ) -> LinkServiceToPartyMeetingPayload:
        return await run(
            info,
            LinkServiceToPartyMeetingPayload,
            "planned_service",
            lambda: meetings.link_service(
                info.context,
                planned_service_id=input.planned_service_id,
                meeting_id=input.meeting_id,
            ),
        )
