"""The volunteer-service reports: each is one SQL statement that counts and groups in the
database, so a report costs the same whatever the number of orders behind it.

A service counts as done when its order is COMPLETED or RATED; its day is the district
calendar's (Asia/Shanghai) date of `started_at`. Days become UTC instants here, in
Python, so that the SQL compares plain timestamps on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import UTCDateTime
from db.models import (
    Building,
    Community,
    Grid,
    HoursEntry,
    KeyRecipient,
    OrderStatus,
    Person,
    ServiceOrder,
    TeamMembership,
    Volunteer,
)
from resolvers.clock import DISTRICT_TZ
from resolvers.errors import BadUserInputError

DONE = (OrderStatus.COMPLETED, OrderStatus.RATED)
# The longest period the weekly check looks at: a year, leap day included.
MAX_PERIOD_DAYS = 366
# A claimed order not started this long after its scheduled start is overdue (超时未服务).
OVERDUE_AFTER = timedelta(hours=2)


def day_start(day: date) -> datetime:
    """The UTC instant at which `day` begins in the district's calendar."""
    return datetime.combine(day, time(), DISTRICT_TZ).astimezone(UTC)


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month (BAD_USER_INPUT for an impossible month)."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise BadUserInputError(f"{year}-{month} is not a month between 2000 and 2100")
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _done_in(starts: Any, ends: Any) -> ColumnElement[bool]:
    order = ServiceOrder
    return and_(
        order.community_id == Community.id,
        order.status.in_(DONE),
        order.started_at >= starts,
        order.started_at < ends,
    )


def _communities(street_id: int | None, community_id: int | None) -> list[ColumnElement[bool]]:
    if community_id is not None:
        return [Community.id == community_id]
    clauses: list[ColumnElement[bool]] = [Community.archived_at.is_(None)]
    if street_id is not None:
        clauses.append(Community.street_id == street_id)
    return clauses


@dataclass(frozen=True)
class MonthFigures:
    """What a community did in a month (the figures of a monthly publication)."""

    community_id: int
    year: int
    month: int
    services: int
    minutes: int
    volunteers: int
    recipients_served: int
    key_recipients_served: int
    ratings: int
    average_rating: float | None


async def month_figures(
    session: AsyncSession,
    year: int,
    month: int,
    *,
    street_id: int | None = None,
    community_id: int | None = None,
) -> list[MonthFigures]:
    """Per community (live ones, or the one asked for), the month's figures, in one
    statement. A recipient counts as key when a registration of theirs overlaps the
    month."""
    first, last = month_days(year, month)
    order = ServiceOrder
    is_key = exists().where(
        KeyRecipient.person_id == order.recipient_id,
        KeyRecipient.registered_on <= last,
        or_(KeyRecipient.ended_on.is_(None), KeyRecipient.ended_on >= first),
    )
    stmt = (
        select(
            Community.id,
            func.count(order.id),
            func.coalesce(func.sum(order.minutes), 0),
            func.count(distinct(order.claimer_id)),
            func.count(distinct(order.recipient_id)),
            func.count(distinct(case((is_key, order.recipient_id)))),
            func.count(order.rating),
            func.avg(order.rating),
        )
        .select_from(Community)
        .outerjoin(order, _done_in(day_start(first), day_start(last + timedelta(days=1))))
        .where(*_communities(street_id, community_id))
        .group_by(Community.id)
        .order_by(Community.id)
    )
    return [
        MonthFigures(
            community_id=row[0],
            year=year,
            month=month,
            services=int(row[1]),
            minutes=int(row[2]),
            volunteers=int(row[3]),
            recipients_served=int(row[4]),
            key_recipients_served=int(row[5]),
            ratings=int(row[6]),
            average_rating=None if row[7] is None else float(row[7]),
        )
        for row in (await session.execute(stmt)).all()
    ]


@dataclass(frozen=True)
class WeeklyShortfall:
    """A community that went without a completed service in some week of a period."""

    community_id: int
    weeks_counted: int
    short_weeks: list[date]  # their Mondays

    @property
    def weeks_with_service(self) -> int:
        return self.weeks_counted - len(self.short_weeks)


def whole_weeks(start: date, end: date) -> list[date]:
    """Mondays of the ISO weeks (Monday to Sunday) lying wholly inside `start`…`end`."""
    if end < start:
        raise BadUserInputError("`to` is before `from`")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise BadUserInputError(f"the period is limited to {MAX_PERIOD_DAYS} days")
    monday = start + timedelta(days=-start.weekday() % 7)
    mondays = []
    while monday + timedelta(days=6) <= end:
        mondays.append(monday)
        monday += timedelta(days=7)
    if not mondays:
        raise BadUserInputError("the period holds no whole week (Monday to Sunday)")
    return mondays


async def weekly_shortfalls(
    session: AsyncSession, start: date, end: date, *, street_id: int | None = None
) -> list[WeeklyShortfall]:
    """Live communities with a week of the period without a done service, in one
    statement: every community against every week, keeping the pairs that count 0."""
    mondays = whole_weeks(start, end)
    weeks = union_all(
        *(
            select(
                literal(index, Integer).label("week"),
                literal(day_start(monday), UTCDateTime()).label("starts"),
                literal(day_start(monday + timedelta(days=7)), UTCDateTime()).label("ends"),
            )
            for index, monday in enumerate(mondays)
        )
    ).cte("weeks")
    stmt = (
        select(Community.id, weeks.c.week)
        .select_from(Community)
        .join(weeks, true())
        .outerjoin(ServiceOrder, _done_in(weeks.c.starts, weeks.c.ends))
        .where(*_communities(street_id, None))
        .group_by(Community.id, weeks.c.week)
        .having(func.count(ServiceOrder.id) == 0)
        .order_by(Community.id, weeks.c.week)
    )
    short: dict[int, list[date]] = {}
    for community_id, week in (await session.execute(stmt)).all():
        short.setdefault(community_id, []).append(mondays[week])
    return [WeeklyShortfall(pk, len(mondays), days) for pk, days in short.items()]


@dataclass(frozen=True)
class HoursFilter:
    """Which entries of the hours ledger (服务时长台账) to list or total."""

    volunteer_id: int | None = None
    team_id: int | None = None
    community_id: int | None = None
    served_from: date | None = None
    served_to: date | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.volunteer_id is not None:
            clauses.append(HoursEntry.volunteer_id == self.volunteer_id)
        if self.team_id is not None:
            clauses.append(HoursEntry.team_id == self.team_id)
        if self.community_id is not None:
            clauses.append(HoursEntry.community_id == self.community_id)
        if self.served_from is not None:
            clauses.append(HoursEntry.served_on >= self.served_from)
        if self.served_to is not None:
            clauses.append(HoursEntry.served_on <= self.served_to)
        return clauses


@dataclass(frozen=True)
class HoursTotal:
    """A volunteer's or a team's services and minutes in the ledger."""

    key: int
    services: int
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


async def hours_totals(
    session: AsyncSession, filter: HoursFilter, *, by_team: bool, limit: int, offset: int
) -> list[HoursTotal]:
    """Totals per volunteer (or team), most minutes first, one page in one statement."""
    key = HoursEntry.team_id if by_team else HoursEntry.volunteer_id
    minutes = func.sum(HoursEntry.minutes)
    stmt = (
        select(key, func.count(HoursEntry.id), minutes)
        .where(*filter.clauses())
        .group_by(key)
        .order_by(minutes.desc(), key)
        .limit(limit)
        .offset(offset)
    )
    return [
        HoursTotal(int(row[0]), int(row[1]), int(row[2]))
        for row in (await session.execute(stmt)).all()
    ]


@dataclass(frozen=True)
class AtRisk:
    """A volunteer who failed to turn up, or holds claimed orders gone overdue."""

    volunteer_id: int
    no_shows: int
    overdue_claims: int


async def at_risk_volunteers(
    session: AsyncSession,
    now: datetime,
    *,
    team_id: int | None,
    community_id: int | None,
    min_no_shows: int,
    limit: int,
) -> list[AtRisk]:
    """Volunteers with at least `min_no_shows` no-shows or with overdue claims, most at
    risk (no-shows plus overdue claims) first, in one statement. The community is the
    volunteer's home community; the team, one they are a live member of."""
    order = ServiceOrder
    overdue = (
        select(order.claimer_id.label("volunteer_id"), func.count(order.id).label("n"))
        .where(
            order.status == OrderStatus.CLAIMED,
            order.started_at.is_(None),
            order.scheduled_start < now - OVERDUE_AFTER,
            order.claimer_id.is_not(None),
        )
        .group_by(order.claimer_id)
        .subquery()
    )
    claims = func.coalesce(overdue.c.n, 0)
    stmt = (
        select(Volunteer.id, Volunteer.no_shows, claims)
        .outerjoin(overdue, overdue.c.volunteer_id == Volunteer.id)
        .where(or_(Volunteer.no_shows >= min_no_shows, overdue.c.n > 0))
        .order_by((Volunteer.no_shows + claims).desc(), Volunteer.no_shows.desc(), Volunteer.id)
        .limit(limit)
    )
    if team_id is not None:
        stmt = stmt.where(
            Volunteer.id.in_(
                select(TeamMembership.volunteer_id).where(
                    TeamMembership.team_id == team_id, TeamMembership.left_on.is_(None)
                )
            )
        )
    if community_id is not None:
        stmt = stmt.where(
            Volunteer.person_id.in_(
                select(Person.id)
                .join(Building, Building.id == Person.building_id)
                .join(Grid, Grid.id == Building.grid_id)
                .where(Grid.community_id == community_id)
            )
        )
    return [
        AtRisk(int(row[0]), int(row[1]), int(row[2])) for row in (await session.execute(stmt)).all()
    ]
