"""Which complaints a viewer sees, the list filter (with the breach list) and the on-time
figures (按时办结率) per company, community or street."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Building,
    Community,
    ComplaintEvent,
    ComplaintLevel,
    ComplaintStatus,
    EscalationLevel,
    PropertyCompany,
    PropertyComplaint,
    Street,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer
from resolvers.complaints.sla import DISTRICT_TZ
from resolvers.rules import STAFF

C, S = PropertyComplaint, ComplaintStatus
SETTLED = (S.RESOLVED, S.CONFIRMED)


def seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff see the complaints of their area, a company those against it, anyone those
    they filed or made."""
    staff = viewer.grants_of(STAFF)
    if any(grant.level is ScopeLevel.DISTRICT for grant in staff):
        return true()
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants:
        if grant.role in STAFF and grant.level is ScopeLevel.STREET:
            seen.append(
                C.community_id.in_(
                    select(Community.id).where(Community.street_id == grant.scope_id)
                )
            )
        elif grant.role in STAFF and grant.level is ScopeLevel.COMMUNITY:
            seen.append(C.community_id == grant.scope_id)
        elif grant.role in STAFF and grant.level is ScopeLevel.GRID:
            seen.append(
                C.building_id.in_(select(Building.id).where(Building.grid_id == grant.scope_id))
            )
        elif grant.level is ScopeLevel.PROPERTY_COMPANY:
            seen.append(C.property_company_id == grant.scope_id)
    if viewer.person_id is not None:
        seen.append(C.complainant_person_id == viewer.person_id)
    if viewer.user_id is not None:
        seen.append(C.filed_by_user_id == viewer.user_id)
    return or_(*seen) if seen else false()


def events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return ComplaintEvent.complaint_id.in_(select(C.id).where(seen_by(viewer)))


def late_clause(now: datetime) -> ColumnElement[bool]:
    """Breached (超时): settled after the due time, or unsettled past it (a paused one by
    the time its pause began)."""
    return or_(
        and_(C.status.in_(SETTLED), C.resolved_at > C.due_at),
        and_(C.status.not_in(SETTLED), C.paused_at.is_(None), C.due_at < now),
        and_(C.status.not_in(SETTLED), C.paused_at.is_not(None), C.paused_at > C.due_at),
    )


def on_time_clause() -> ColumnElement[bool]:
    return and_(C.status.in_(SETTLED), C.resolved_at <= C.due_at)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime, datetime]:
    """The quarter's first moment and the next quarter's, on the district's calendar."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return (
        datetime.combine(start, time(), DISTRICT_TZ),
        datetime.combine(end, time(), DISTRICT_TZ),
    )


@dataclass(frozen=True)
class ComplaintFilter:
    viewer: Viewer | None = None  # only what this viewer sees (seen_by)
    now: datetime | None = None
    property_company_id: int | None = None
    community_id: int | None = None
    street_id: int | None = None
    building_id: int | None = None
    status: ComplaintStatus | None = None
    level: ComplaintLevel | None = None
    escalation: EscalationLevel | None = None
    breached: bool | None = None
    open: bool | None = None
    filed_from: datetime | None = None
    filed_before: datetime | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.viewer is not None:
            clauses.append(seen_by(self.viewer))
        for column, value in (
            (C.property_company_id, self.property_company_id),
            (C.community_id, self.community_id),
            (C.building_id, self.building_id),
            (C.status, self.status),
            (C.level, self.level),
            (C.escalation, self.escalation),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.street_id is not None:
            clauses.append(
                C.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.breached is not None and self.now is not None:
            late = late_clause(self.now)
            clauses.append(late if self.breached else ~late)
        if self.open is not None:
            clauses.append(C.status.not_in(SETTLED) if self.open else C.status.in_(SETTLED))
        if self.filed_from is not None:
            clauses.append(C.filed_at >= self.filed_from)
        if self.filed_before is not None:
            clauses.append(C.filed_at < self.filed_before)
        return clauses


class RateGroup(enum.Enum):
    COMPANY = "COMPANY"
    COMMUNITY = "COMMUNITY"
    STREET = "STREET"


@dataclass(frozen=True)
class OnTimeRow:
    group: RateGroup
    key: int
    name: str
    filed: int
    on_time: int
    late: int
    pending: int

    @property
    def rate(self) -> float | None:
        """On time among those settled or due; None when none is."""
        judged = self.on_time + self.late
        return None if judged == 0 else self.on_time / judged


async def on_time_rows(
    session: AsyncSession,
    group: RateGroup,
    *,
    now: datetime,
    filed_from: datetime,
    filed_before: datetime,
    seen: ColumnElement[bool] | None = None,
    property_company_id: int | None = None,
) -> list[OnTimeRow]:
    """Complaints filed in the period, per group: on time, late (open ones past due
    included) and pending (open, not yet due), as they stand at `now`."""
    key, name = {
        RateGroup.COMPANY: (PropertyCompany.id, PropertyCompany.name),
        RateGroup.COMMUNITY: (Community.id, Community.name),
        RateGroup.STREET: (Street.id, Street.name),
    }[group]
    late = late_clause(now)
    on_time = on_time_clause()
    query = (
        select(
            key,
            name,
            func.count(C.id),
            func.sum(case((on_time, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
        )
        .select_from(C)
        .join(PropertyCompany, PropertyCompany.id == C.property_company_id)
        .join(Community, Community.id == C.community_id)
        .join(Street, Street.id == Community.street_id)
        .where(C.filed_at >= filed_from, C.filed_at < filed_before)
        .group_by(key, name)
        .order_by(key)
    )
    if seen is not None:
        query = query.where(seen)
    if property_company_id is not None:
        query = query.where(C.property_company_id == property_company_id)
    rows = (await session.execute(query)).all()
    return [
        OnTimeRow(
            group,
            int(pk),
            str(label),
            int(filed),
            int(good or 0),
            int(bad or 0),
            int(filed) - int(good or 0) - int(bad or 0),
        )
        for pk, label, filed, good, bad in rows
    ]
