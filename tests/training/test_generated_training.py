"""The generated district's training and party life follow the API's rules: party days
on the 28th, held meetings counting exactly their attendance rows of the organisation's
members, histories along the declared transitions, enrolments completed as the API
computes it, and planned services pointing at a meeting of their community and kind."""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import (
    Attendance,
    CourseEnrolment,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
    PartyMeeting,
    PartyMeetingEvent,
    PartyTieIn,
    PersonRole,
    PlannedService,
    RoleKind,
    ServicePlan,
    StudyProblem,
    StudyProblemEvent,
    TrainingCourse,
)
from resolvers.training.courses import completes
from resolvers.training.queries import THREE_MEETINGS_ONE_LESSON
from resolvers.training.workflow import MEETINGS, PROBLEMS
from tests.support.database import Database

TZ = ZoneInfo("Asia/Shanghai")


async def test_generated_meetings_follow_the_rules(seeded: Database) -> None:
    async with seeded.session() as s:
        meetings = list(await s.scalars(select(PartyMeeting)))
        assert meetings
        attendance = Counter(
            (row.meeting_id, row.status) for row in await s.scalars(select(MeetingAttendance))
        )
        members = {
            (row.party_organization_id, row.person_id)
            for row in await s.scalars(
                select(PersonRole).where(PersonRole.kind == RoleKind.PARTY_MEMBER)
            )
        }
        attended = list(await s.scalars(select(MeetingAttendance)))
        events = list(await s.scalars(select(PartyMeetingEvent).order_by(PartyMeetingEvent.id)))
    by_meeting = {meeting.id: meeting for meeting in meetings}
    for meeting in meetings:
        if meeting.kind is MeetingKind.PARTY_DAY:
            assert meeting.scheduled_at.astimezone(TZ).day == 28
        held = meeting.status is MeetingStatus.HELD
        assert (meeting.held_at is not None) == held
        counted = (meeting.present, meeting.absent, meeting.excused)
        assert counted == tuple(
            attendance[(meeting.id, status)]
            for status in (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)
        )
        assert held or counted == (0, 0, 0)
    for row in attended:
        assert (by_meeting[row.meeting_id].party_organization_id, row.person_id) in members
    history: dict[int, list[PartyMeetingEvent]] = {}
    for event in events:
        history.setdefault(event.meeting_id, []).append(event)
    for key, steps in history.items():
        status = None
        for step in steps:
            transition = MEETINGS.transition(step.action)
            assert status in transition.sources and step.to_status in transition.targets
            status = step.to_status
        assert status is by_meeting[key].status


async def test_generated_problems_and_courses_follow_the_rules(seeded: Database) -> None:
    async with seeded.session() as s:
        problems = {row.id: row for row in await s.scalars(select(StudyProblem))}
        events = list(await s.scalars(select(StudyProblemEvent).order_by(StudyProblemEvent.id)))
        courses = {row.id: row for row in await s.scalars(select(TrainingCourse))}
        enrolments = list(await s.scalars(select(CourseEnrolment)))
    assert problems and enrolments
    status: dict[int, object] = {}
    for event in events:
        transition = PROBLEMS.transition(event.action)
        assert status.get(event.problem_id) in transition.sources
        status[event.problem_id] = event.to_status
    assert status == {key: problem.status for key, problem in problems.items()}
    for problem in problems.values():
        assert (problem.corrected_on is not None) == (problem.correction is not None)
    for enrolment in enrolments:
        assert enrolment.completed == completes(courses[enrolment.course_id], enrolment)


async def test_planned_services_point_at_their_meetings(seeded: Database) -> None:
    async with seeded.session() as s:
        rows = (
            await s.execute(
                select(PlannedService, ServicePlan.community_id, PartyMeeting)
                .join(ServicePlan, ServicePlan.id == PlannedService.plan_id)
                .join(PartyMeeting, PartyMeeting.id == PlannedService.party_meeting_id)
            )
        ).all()
    assert rows
    for service, community, meeting in rows:
        assert meeting.community_id == community
        if service.tie_in is PartyTieIn.PARTY_DAY:
            assert meeting.kind is MeetingKind.PARTY_DAY
        else:
            assert service.tie_in is PartyTieIn.THREE_MEETINGS_ONE_LESSON
            assert meeting.kind in THREE_MEETINGS_ONE_LESSON
