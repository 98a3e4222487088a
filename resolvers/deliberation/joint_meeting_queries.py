"""Which joint meetings (联席会议) a viewer sees, and the roll-ups per level and quarter
(raised, solved, open, overdue), computed from the problems, never stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AccountRole as R
from db.models import (
    JointMeeting,
    JointMeetingProblem,
    JointMeetingProblemEvent,
    JointProblemStatus,
    MeetingLevel,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer

M, P, S = JointMeeting, JointMeetingProblem, JointProblemStatus
OPEN = (S.RAISED, S.DECIDED)
# Who reads the meetings of their body and the levels under it.
MEETING_READERS = frozenset(
    {R.DISTRICT_ADMIN, R.STREET_ADMIN, R.COMMUNITY_SECRETARY, R.COMMUNITY_WORKER, R.OBSERVER}
)


def seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """The district's grants see every meeting, a street's its own and its communities',
    a community's its own."""
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants_of(MEETING_READERS):
        if grant.level is ScopeLevel.DISTRICT:
            return true()
        if grant.level is ScopeLevel.STREET:
            seen.append(M.street_id == grant.scope_id)
        elif grant.level is ScopeLevel.COMMUNITY:
            seen.append(M.community_id == grant.scope_id)
    return or_(*seen) if seen else false()


def seen_meeting_ids(viewer: Viewer) -> Select[int]:
    return select(M.id).where(seen_by(viewer))


def problems_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return P.meeting_id.in_(seen_meeting_ids(viewer))


def problem_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return JointMeetingProblemEvent.meeting_id.in_(seen_meeting_ids(viewer))


def overdue_clause(today: date) -> ColumnElement[bool]:
    """Open past its due date (逾期): decided with a due date before today."""
    return and_(P.status.in_(OPEN), P.due_on.is_not(None), P.due_on < today)


@dataclass(frozen=True)
class MeetingFilter:
    viewer: Viewer | None = None
    level: MeetingLevel | None = None
    year: int | None = None
    quarter: int | None = None
    street_id: int | None = None
    community_id: int | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.viewer is not None:
            clauses.append(seen_by(self.viewer))
        for column, value in (
            (M.level, self.level),
            (M.year, self.year),
            (M.quarter, self.quarter),
            (M.street_id, self.street_id),
            (M.community_id, self.community_id),
        ):
            if value is not None:
                clauses.append(column == value)
        return clauses


@dataclass(frozen=True)
class ProblemFilter:
    viewer: Viewer | None = None
    today: date | None = None
    meeting_id: int | None = None
    level: MeetingLevel | None = None
    year: int | None = None
    quarter: int | None = None
    status: JointProblemStatus | None = None
    open: bool | None = None
    overdue: bool | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.viewer is not None:
            clauses.append(problems_seen_by(self.viewer))
        if self.meeting_id is not None:
            clauses.append(P.meeting_id == self.meeting_id)
        meeting: list[ColumnElement[bool]] = []
        for column, value in (
            (M.level, self.level),
            (M.year, self.year),
            (M.quarter, self.quarter),
        ):
            if value is not None:
                meeting.append(column == value)
        if meeting:
            clauses.append(P.meeting_id.in_(select(M.id).where(*meeting)))
        if self.status is not None:
            clauses.append(P.status == self.status)
        if self.open is not None:
            clauses.append(P.status.in_(OPEN) if self.open else P.status.not_in(OPEN))
        if self.overdue is not None and self.today is not None:
            late = overdue_clause(self.today)
            clauses.append(late if self.overdue else ~late)
        return clauses


@dataclass(frozen=True)
class Rollup:
    """One level's figures for one quarter (分级分季统计)."""

    level: MeetingLevel
    year: int
    quarter: int
    meetings: int
    raised: int
    solved: int
    open: int
    overdue: int
    passed: int


async def rollups(
    session: AsyncSession,
    *,
    viewer: Viewer,
    year: int,
    today: date,
    quarter: int | None = None,
    level: MeetingLevel | None = None,
) -> list[Rollup]:
    """Per level and quarter of the year, over the meetings the viewer sees: problems on
    their agendas (raised), solved there, still open, open past their due date, and
    passed to another level (counted again where they arrived)."""
    where = [M.year == year, seen_by(viewer)]
    if quarter is not None:
        where.append(M.quarter == quarter)
    if level is not None:
        where.append(M.level == level)
    counts = (
        select(
            M.level,
            M.quarter,
            func.count(P.id),
            func.sum(case((P.status == S.SOLVED, 1), else_=0)),
            func.sum(case((P.status.in_(OPEN), 1), else_=0)),
            func.sum(case((overdue_clause(today), 1), else_=0)),
            func.sum(case((P.status == S.PASSED, 1), else_=0)),
        )
        .select_from(M)
        .join(P, P.meeting_id == M.id)
        .where(*where)
        .group_by(M.level, M.quarter)
    )
    meetings = (
        select(M.level, M.quarter, func.count(M.id)).where(*where).group_by(M.level, M.quarter)
    )
    held = {(lv, q): int(n) for lv, q, n in (await session.execute(meetings)).all()}
    figures = {
        (lv, q): (int(raised), int(solved or 0), int(open_ or 0), int(late or 0), int(gone or 0))
        for lv, q, raised, solved, open_, late, gone in (await session.execute(counts)).all()
    }
    order = list(MeetingLevel)
    return [
        Rollup(lv, year, q, n, *figures.get((lv, q), (0, 0, 0, 0, 0)))
        for (lv, q), n in sorted(
            held.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]
