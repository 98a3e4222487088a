"""Who sees what of training and party life, the list filters and the year's figures
(学习研讨、问题整改、组织生活 statistics)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Community,
    CourseEnrolment,
    CourseRecord,
    FiveOnesItem,
    Grid,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
    PartyMeeting,
    PartyMeetingEvent,
    PersonRole,
    ProblemStatus,
    RoleKind,
    StudyProblem,
    StudyProblemEvent,
    StudySession,
    TrainingAudience,
    TrainingCourse,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer
from resolvers.clock import DISTRICT_TZ
from resolvers.rules import STAFF

FIVE_ONES = len(FiveOnesItem)
# The three meetings and one lesson (三会一课), beside the themed party day.
THREE_MEETINGS_ONE_LESSON = (
    MeetingKind.MEMBERS_MEETING,
    MeetingKind.COMMITTEE_MEETING,
    MeetingKind.GROUP_MEETING,
    MeetingKind.PARTY_LESSON,
)


def staff_area(viewer: Viewer, community: Any) -> list[ColumnElement[bool]]:
    """What the viewer's staff grants cover, as conditions on a community column."""
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants_of(STAFF):
        if grant.level is ScopeLevel.DISTRICT:
            return [true()]
        if grant.level is ScopeLevel.STREET:
            seen.append(
                community.in_(select(Community.id).where(Community.street_id == grant.scope_id))
            )
        elif grant.level is ScopeLevel.COMMUNITY:
            seen.append(community == grant.scope_id)
        elif grant.level is ScopeLevel.GRID:
            seen.append(community.in_(select(Grid.community_id).where(Grid.id == grant.scope_id)))
    return seen


def sessions_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    seen = staff_area(viewer, StudySession.community_id)
    return or_(*seen) if seen else false()


def problems_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    seen = staff_area(viewer, StudyProblem.community_id)
    if viewer.person_id is not None:
        seen.append(StudyProblem.owner_person_id == viewer.person_id)
    return or_(*seen) if seen else false()


def problem_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return StudyProblemEvent.problem_id.in_(select(StudyProblem.id).where(problems_seen_by(viewer)))


def meetings_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff see the meetings of their area (a street's staff its committee's too); a party
    member those of the organisations they belong to and those they were counted at."""
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants_of(STAFF):
        if grant.level is ScopeLevel.DISTRICT:
            return true()
        if grant.level is ScopeLevel.STREET:
            seen.append(PartyMeeting.street_id == grant.scope_id)
    seen += staff_area(viewer, PartyMeeting.community_id)
    if viewer.person_id is not None:
        seen.append(
            PartyMeeting.party_organization_id.in_(
                select(PersonRole.party_organization_id).where(
                    PersonRole.person_id == viewer.person_id,
                    PersonRole.kind == RoleKind.PARTY_MEMBER,
                    PersonRole.ended_on.is_(None),
                )
            )
        )
        seen.append(
            PartyMeeting.id.in_(
                select(MeetingAttendance.meeting_id).where(
                    MeetingAttendance.person_id == viewer.person_id
                )
            )
        )
    return or_(*seen) if seen else false()


def attendance_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return MeetingAttendance.meeting_id.in_(select(PartyMeeting.id).where(meetings_seen_by(viewer)))


def meeting_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return PartyMeetingEvent.meeting_id.in_(select(PartyMeeting.id).where(meetings_seen_by(viewer)))


def enrolments_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff read the training records; anyone else their own."""
    if viewer.grants_of(STAFF):
        return true()
    if viewer.person_id is not None:
        return CourseEnrolment.person_id == viewer.person_id
    return false()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the first day's start to the day after the last, on the district's calendar."""
    return (
        datetime.combine(first, time(), DISTRICT_TZ),
        datetime.combine(date.fromordinal(last.toordinal() + 1), time(), DISTRICT_TZ),
    )


@dataclass(frozen=True)
class CourseFilter:
    audience: TrainingAudience | None = None
    at_training_base: bool | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.audience is not None:
            clauses.append(TrainingCourse.audience == self.audience)
        if self.at_training_base is not None:
            clauses.append(TrainingCourse.at_training_base == self.at_training_base)
        if self.starts_from is not None:
            clauses.append(TrainingCourse.starts_at >= self.starts_from)
        if self.starts_before is not None:
            clauses.append(TrainingCourse.starts_at < self.starts_before)
        return clauses


@dataclass(frozen=True)
class EnrolmentFilter:
    """One person's training record (培训档案): `person_id`, else the viewer's own (none for
    an account that is no person)."""

    viewer: Viewer
    person_id: int | None = None
    completed: bool | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [enrolments_seen_by(self.viewer)]
        person = self.person_id if self.person_id is not None else self.viewer.person_id
        clauses.append(CourseEnrolment.person_id == person if person is not None else false())
        if self.completed is not None:
            clauses.append(CourseEnrolment.completed == self.completed)
        return clauses


@dataclass(frozen=True)
class SessionFilter:
    viewer: Viewer
    community_id: int | None = None
    held_from: date | None = None
    held_until: date | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [sessions_seen_by(self.viewer)]
        if self.community_id is not None:
            clauses.append(StudySession.community_id == self.community_id)
        if self.held_from is not None:
            clauses.append(StudySession.held_on >= self.held_from)
        if self.held_until is not None:
            clauses.append(StudySession.held_on <= self.held_until)
        return clauses


@dataclass(frozen=True)
class ProblemFilter:
    viewer: Viewer
    today: date
    community_id: int | None = None
    session_id: int | None = None
    status: ProblemStatus | None = None
    overdue: bool | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [problems_seen_by(self.viewer)]
        for column, value in (
            (StudyProblem.community_id, self.community_id),
            (StudyProblem.session_id, self.session_id),
            (StudyProblem.status, self.status),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.overdue is not None:
            late = overdue_clause(self.today)
            clauses.append(late if self.overdue else ~late)
        return clauses


def overdue_clause(today: date) -> ColumnElement[bool]:
    """Open past its due day (逾期未整改)."""
    return and_(StudyProblem.status == ProblemStatus.OPEN, StudyProblem.due_on < today)


@dataclass(frozen=True)
class MeetingFilter:
    viewer: Viewer
    party_organization_id: int | None = None
    community_id: int | None = None
    street_id: int | None = None
    kind: MeetingKind | None = None
    status: MeetingStatus | None = None
    scheduled_from: datetime | None = None
    scheduled_before: datetime | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [meetings_seen_by(self.viewer)]
        for column, value in (
            (PartyMeeting.party_organization_id, self.party_organization_id),
            (PartyMeeting.community_id, self.community_id),
            (PartyMeeting.street_id, self.street_id),
            (PartyMeeting.kind, self.kind),
            (PartyMeeting.status, self.status),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.scheduled_from is not None:
            clauses.append(PartyMeeting.scheduled_at >= self.scheduled_from)
        if self.scheduled_before is not None:
            clauses.append(PartyMeeting.scheduled_at < self.scheduled_before)
        return clauses


@dataclass(frozen=True)
class Figures:
    """A year's training and party-life figures as the viewer sees them."""

    courses: int
    base_courses: int
    complete_courses: int
    enrolments: int
    completions: int
    study_sessions: int
    study_problems: int
    corrected_problems: int
    overdue_problems: int
    party_days: int
    three_meetings_one_lesson: int
    attendance_rate: float | None


async def figures(session: AsyncSession, viewer: Viewer, year: int, today: date) -> Figures:
    start, end = day_bounds(date(year, 1, 1), date(year, 12, 31))
    in_year = and_(TrainingCourse.starts_at >= start, TrainingCourse.starts_at < end)
    course_row = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(TrainingCourse.at_training_base.is_(True)),
            ).where(in_year)
        )
    ).one()
    complete = await session.scalar(
        select(func.count()).select_from(
            select(CourseRecord.course_id)
            .join(TrainingCourse, TrainingCourse.id == CourseRecord.course_id)
            .where(in_year)
            .group_by(CourseRecord.course_id)
            .having(func.count() == FIVE_ONES)
            .subquery()
        )
    )
    enrolment_row = (
        await session.execute(
            select(func.count(), func.count().filter(CourseEnrolment.completed.is_(True)))
            .join(TrainingCourse, TrainingCourse.id == CourseEnrolment.course_id)
            .where(in_year, enrolments_seen_by(viewer))
        )
    ).one()
    sessions = await session.scalar(
        select(func.count()).where(
            StudySession.held_on >= date(year, 1, 1),
            StudySession.held_on <= date(year, 12, 31),
            sessions_seen_by(viewer),
        )
    )
    problem_row = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(StudyProblem.status == ProblemStatus.CORRECTED),
                func.count().filter(overdue_clause(today)),
            )
            .join(StudySession, StudySession.id == StudyProblem.session_id)
            .where(
                StudySession.held_on >= date(year, 1, 1),
                StudySession.held_on <= date(year, 12, 31),
                problems_seen_by(viewer),
            )
        )
    ).one()
    meeting_row = (
        await session.execute(
            select(
                func.count().filter(PartyMeeting.kind == MeetingKind.PARTY_DAY),
                func.count().filter(PartyMeeting.kind.in_(THREE_MEETINGS_ONE_LESSON)),
                func.coalesce(func.sum(PartyMeeting.present), 0),
                func.coalesce(
                    func.sum(PartyMeeting.present + PartyMeeting.absent + PartyMeeting.excused), 0
                ),
            ).where(
                PartyMeeting.status == MeetingStatus.HELD,
                PartyMeeting.scheduled_at >= start,
                PartyMeeting.scheduled_at < end,
                meetings_seen_by(viewer),
            )
        )
    ).one()
    counted = int(meeting_row[3])
    return Figures(
        courses=int(course_row[0]),
        base_courses=int(course_row[1]),
        complete_courses=int(complete or 0),
        enrolments=int(enrolment_row[0]),
        completions=int(enrolment_row[1]),
        study_sessions=int(sessions or 0),
        study_problems=int(problem_row[0]),
        corrected_problems=int(problem_row[1]),
        overdue_problems=int(problem_row[2]),
        party_days=int(meeting_row[0]),
        three_meetings_one_lesson=int(meeting_row[1]),
        attendance_rate=round(int(meeting_row[2]) / counted, 4) if counted else None,
    )
