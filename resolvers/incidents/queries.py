"""Views of grid incidents: lists by grid, community and street, overdue tasks, statistics
by category, state, month and grid, and the CSV export for offline analysis. Every view
is limited to the incidents the viewer may read (resolvers/incidents/visibility.py)."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Community,
    Department,
    Grid,
    Incident,
    IncidentCategory,
    IncidentParticipant,
    IncidentStatus,
    IncidentTask,
    ResponseTier,
    Street,
    TaskStatus,
)
from resolvers import clock
from resolvers.global_ids import encode
from resolvers.incidents.visibility import IncidentVisibility
from resolvers.incidents.workflow import INCIDENTS, OPEN_STATUSES

CSV_LIMIT = 20_000  # a district's several years; more is a database dump, not an export


async def departments_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Department]:
    """The departments with these codes, in the codes' order."""
    rows = (await session.scalars(select(Department).where(Department.code.in_(codes)))).all()
    order = {code: index for index, code in enumerate(codes)}
    return sorted(rows, key=lambda row: order[row.code])


@dataclass(frozen=True)
class IncidentFilter:
    visibility: IncidentVisibility
    statuses: tuple[IncidentStatus, ...] = ()
    open_only: bool = False
    category_id: int | None = None
    tier: ResponseTier | None = None
    street_id: int | None = None
    community_id: int | None = None
    grid_id: int | None = None
    reported_from: datetime | None = None
    reported_to: datetime | None = None
    overdue_at: datetime | None = None  # only incidents overdue at this time

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [self.visibility.clause()]
        if self.statuses:
            clauses.append(Incident.status.in_(self.statuses))
        if self.open_only:
            clauses.append(Incident.status.in_(OPEN_STATUSES))
        for column, value in (
            (Incident.category_id, self.category_id),
            (Incident.tier, self.tier),
            (Incident.community_id, self.community_id),
            (Incident.grid_id, self.grid_id),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.street_id is not None:
            clauses.append(
                Incident.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.reported_from is not None:
            clauses.append(Incident.reported_at >= self.reported_from)
        if self.reported_to is not None:
            clauses.append(Incident.reported_at < self.reported_to)
        if self.overdue_at is not None:
            clauses.append(overdue_clause(self.overdue_at))
        return clauses


def overdue_clause(now: datetime) -> ColumnElement[bool]:
    """Open incidents past their category's deadline, or waiting longer than a step allows."""
    return (Incident.status.in_(OPEN_STATUSES) & (Incident.due_at < now)) | (
        INCIDENTS.overdue_clause(now)
    )


@dataclass(frozen=True)
class TaskFilter:
    visibility: IncidentVisibility
    incident_id: int | None = None
    department_id: int | None = None
    statuses: tuple[TaskStatus, ...] = ()
    overdue_at: datetime | None = None  # open tasks past their due time at this moment

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = [
            IncidentTask.incident_id.in_(select(Incident.id).where(self.visibility.clause()))
        ]
        if self.incident_id is not None:
            clauses.append(IncidentTask.incident_id == self.incident_id)
        if self.department_id is not None:
            clauses.append(IncidentTask.department_id == self.department_id)
        if self.statuses:
            clauses.append(IncidentTask.status.in_(self.statuses))
        if self.overdue_at is not None:
            clauses.append(IncidentTask.status.in_((TaskStatus.OPEN, TaskStatus.IN_PROGRESS)))
            clauses.append(IncidentTask.due_at < self.overdue_at)
        return clauses


@dataclass(frozen=True)
class Bucket:
    """One group of a statistic: its key and name, and its figures."""

    key: str
    name: str
    count: int
    open: int
    overdue: int
    resolved: int
    satisfied: int
    called_back: int
    mean_hours_to_close: float | None


@dataclass(frozen=True)
class Statistics:
    total: int
    by_category: list[Bucket]
    by_status: list[Bucket]
    by_month: list[Bucket]
    by_grid: list[Bucket]
    by_tier: list[Bucket]


@dataclass(frozen=True)
class _Row:
    category: str
    status: IncidentStatus
    month: str
    grid: str
    tier: ResponseTier
    reported_at: datetime
    due_at: datetime
    closed_at: datetime | None
    callback: str | None


async def _rows(session: AsyncSession, filter: IncidentFilter) -> list[_Row]:
    query = (
        select(
            IncidentCategory.code,
            Incident.status,
            Incident.reported_at,
            Grid.name,
            Community.name,
            Incident.tier,
            Incident.due_at,
            Incident.closed_at,
            Incident.callback_result,
        )
        .join(IncidentCategory, IncidentCategory.id == Incident.category_id)
        .join(Grid, Grid.id == Incident.grid_id)
        .join(Community, Community.id == Incident.community_id)
        .where(*filter.clauses())
    )
    rows = []
    for code, status, at, grid, community, tier, due, closed, callback in await session.execute(
        query
    ):
        local = at.astimezone(clock.DISTRICT_TZ)
        rows.append(
            _Row(
                code,
                status,
                f"{local.year:04d}-{local.month:02d}",
                f"{community}/{grid}",
                tier,
                at,
                due,
                closed,
                callback.value if callback else None,
            )
        )
    return rows


def _buckets(rows: list[_Row], key: str, names: dict[str, str], now: datetime) -> list[Bucket]:
    groups: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        value = getattr(row, key)
        groups[value.value if isinstance(value, IncidentStatus | ResponseTier) else value].append(
            row
        )
    found = []
    for value in sorted(groups):
        members = groups[value]
        hours = [
            (row.closed_at - row.reported_at).total_seconds() / 3600
            for row in members
            if row.closed_at is not None and row.status is IncidentStatus.RESOLVED
        ]
        found.append(
            Bucket(
                key=value,
                name=names.get(value, value),
                count=len(members),
                open=sum(row.status in OPEN_STATUSES for row in members),
                overdue=sum(row.status in OPEN_STATUSES and row.due_at < now for row in members),
                resolved=sum(row.status is IncidentStatus.RESOLVED for row in members),
                satisfied=sum(row.callback == "SATISFIED" for row in members),
                called_back=sum(row.callback is not None for row in members),
                mean_hours_to_close=round(sum(hours) / len(hours), 1) if hours else None,
            )
        )
    return found


async def statistics(session: AsyncSession, filter: IncidentFilter) -> Statistics:
    """Counts by category, state, month (district time), grid and tier, with open,
    overdue, resolved, callback and time-to-close figures per group."""
    rows = await _rows(session, filter)
    names = dict(
        (await session.execute(select(IncidentCategory.code, IncidentCategory.name))).all()
    )
    now = clock.now()
    return Statistics(
        total=len(rows),
        by_category=_buckets(rows, "category", names, now),
        by_status=_buckets(rows, "status", {}, now),
        by_month=_buckets(rows, "month", {}, now),
        by_grid=_buckets(rows, "grid", {}, now),
        by_tier=_buckets(rows, "tier", {}, now),
    )


CSV_COLUMNS = (
    "id",
    "category",
    "category_name",
    "status",
    "tier",
    "escalations",
    "channel",
    "street",
    "community",
    "grid",
    "reported_at",
    "due_at",
    "called_at",
    "closed_at",
    "hours_to_close",
    "overdue",
    "departments",
    "tasks",
    "tasks_done",
    "callback",
    "reopened",
    "duplicate_of",
)


async def export_csv(session: AsyncSession, filter: IncidentFilter) -> str:
    """The incidents as CSV (UTF-8, a header row, times in the district's zone, ISO 8601),
    oldest first; no personal data: the reporter is the channel only."""
    query = (
        select(Incident, IncidentCategory.code, IncidentCategory.name, Grid.name, Community.name)
        .join(IncidentCategory, IncidentCategory.id == Incident.category_id)
        .join(Grid, Grid.id == Incident.grid_id)
        .join(Community, Community.id == Incident.community_id)
        .where(*filter.clauses())
        .order_by(Incident.id)
        .limit(CSV_LIMIT)
    )
    rows = (await session.execute(query)).all()
    ids = [row[0].id for row in rows]
    streets = dict(
        (
            await session.execute(
                select(Community.id, Street.name).join(Street, Street.id == Community.street_id)
            )
        ).all()
    )
    departments: dict[int, list[str]] = defaultdict(list)
    tasks: Counter[int] = Counter()
    done: Counter[int] = Counter()
    if ids:
        for incident_id, code in await session.execute(
            select(IncidentParticipant.incident_id, Department.code)
            .join(Department, Department.id == IncidentParticipant.department_id)
            .where(IncidentParticipant.incident_id.in_(ids))
            .order_by(IncidentParticipant.id)
        ):
            departments[incident_id].append(code)
        for incident_id, status in await session.execute(
            select(IncidentTask.incident_id, IncidentTask.status).where(
                IncidentTask.incident_id.in_(ids)
            )
        ):
            tasks[incident_id] += 1
            done[incident_id] += status is TaskStatus.DONE
    now = clock.now()

    def local(at: datetime | None) -> str:
        return at.astimezone(clock.DISTRICT_TZ).isoformat(timespec="minutes") if at else ""

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for incident, code, name, grid, community in rows:
        hours = (
            round((incident.closed_at - incident.reported_at).total_seconds() / 3600, 1)
            if incident.closed_at
            else ""
        )
        overdue = (incident.closed_at or now) > incident.due_at
        writer.writerow(
            (
                encode("Incident", incident.id),
                code,
                name,
                incident.status.value,
                incident.tier.value,
                incident.escalations,
                incident.channel.value,
                streets.get(incident.community_id, ""),
                community,
                grid,
                local(incident.reported_at),
                local(incident.due_at),
                local(incident.called_at),
                local(incident.closed_at),
                hours,
                "yes" if overdue else "no",
                " ".join(departments[incident.id]),
                tasks[incident.id],
                done[incident.id],
                incident.callback_result.value if incident.callback_result else "",
                incident.reopen_count,
                encode("Incident", incident.duplicate_of_id) if incident.duplicate_of_id else "",
            )
        )
    return out.getvalue()
