"""Root fields of grid incidents: the catalogue, the departments, incidents by area,
overdue incidents and tasks, statistics and the CSV export."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from db import models
from resolvers import clock, global_ids
from resolvers.incidents import queries
from resolvers.incidents.queries import IncidentFilter, TaskFilter
from resolvers.incidents.visibility import IncidentVisibility
from resolvers.loaders.incidents import catalogue
from resolvers.paging import NEWEST_FIRST
from resolvers.permissions import require_read
from schema.base import Info
from schema.incidents.inputs import IncidentFilterInput, IncidentTaskFilterInput
from schema.incidents.types import (
    Department,
    Incident,
    IncidentBucket,
    IncidentCategory,
    IncidentStatistics,
    IncidentTask,
)
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    connection,
)


def incident_filter(
    info: Info, given: IncidentFilterInput | None, **extra: object
) -> IncidentFilter:
    visibility = IncidentVisibility.of(info.context.viewer)
    if given is None:
        return IncidentFilter(visibility, **extra)  # type: ignore[arg-type]
    return IncidentFilter(
        visibility,
        statuses=tuple(given.statuses or ()),
        open_only=given.open_only,
        category_id=global_ids.key_of(given.category_id, "IncidentCategory"),
        tier=given.tier,
        street_id=global_ids.key_of(given.street_id, "Street"),
        community_id=global_ids.key_of(given.community_id, "Community"),
        grid_id=global_ids.key_of(given.grid_id, "Grid"),
        reported_from=given.reported_from,
        reported_to=given.reported_to,
        **extra,  # type: ignore[arg-type]
    )


def task_filter(info: Info, given: IncidentTaskFilterInput | None, **extra: object) -> TaskFilter:
    visibility = IncidentVisibility.of(info.context.viewer)
    if given is None:
        return TaskFilter(visibility, **extra)  # type: ignore[arg-type]
    return TaskFilter(
        visibility,
        department_id=global_ids.key_of(given.department_id, "Department"),
        incident_id=global_ids.key_of(given.incident_id, "Incident"),
        statuses=tuple(given.statuses or ()),
        **extra,  # type: ignore[arg-type]
    )


def _minute() -> datetime:
    # Minute precision keeps the filter (and its batched loaders) stable in a request.
    return clock.now().replace(second=0, microsecond=0)


def _bucket(bucket: queries.Bucket) -> IncidentBucket:
    return IncidentBucket(
        key=bucket.key,
        name=bucket.name,
        count=bucket.count,
        open=bucket.open,
        overdue=bucket.overdue,
        resolved=bucket.resolved,
        called_back=bucket.called_back,
        satisfied=bucket.satisfied,
        mean_hours_to_close=bucket.mean_hours_to_close,
    )


@strawberry.type
class IncidentsQuery:
    @strawberry.field(description="The incident category catalogue (事件分类目录).")
    async def incident_categories(self, info: Info) -> list[IncidentCategory]:
        return await catalogue(info.context.loaders).load("categories")

    @strawberry.field(description="The district's coordinating departments (协同部门).")
    async def departments(self, info: Info) -> list[Department]:
        return await catalogue(info.context.loaders).load("departments")

    @strawberry.field(
        description=(
            "Grid incidents (网格事件) you may read, newest first: staff and departments their"
            " area's (filter by street, community or grid), residents those they reported."
        )
    )
    def incidents(
        self,
        info: Info,
        filter: Annotated[IncidentFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Incident]:
        return connection(
            info,
            models.Incident,
            filter=incident_filter(info, filter),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Overdue incidents (超时事件): open past their category's deadline or waiting"
            " longer than their step allows, newest first."
        )
    )
    def overdue_incidents(
        self,
        info: Info,
        filter: Annotated[IncidentFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Incident]:
        return connection(
            info,
            models.Incident,
            filter=incident_filter(info, filter, overdue_at=_minute()),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Tasks of the incidents you may read (处置任务), newest first: a department's"
            " work list with `departmentId` and `statuses`."
        )
    )
    def incident_tasks(
        self,
        info: Info,
        filter: Annotated[IncidentTaskFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[IncidentTask]:
        return connection(
            info,
            models.IncidentTask,
            filter=task_filter(info, filter),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description="Overdue tasks (超期任务): open tasks past their due time, newest first."
    )
    def overdue_incident_tasks(
        self,
        info: Info,
        filter: Annotated[IncidentTaskFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[IncidentTask]:
        return connection(
            info,
            models.IncidentTask,
            filter=task_filter(info, filter, overdue_at=_minute()),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Statistics of the incidents you may read (事件统计) by category, state, month,"
            " grid and tier."
        )
    )
    async def incident_statistics(
        self, info: Info, filter: Annotated[IncidentFilterInput | None, FILTER] = None
    ) -> IncidentStatistics:
        require_read(info.context.viewer, "Incident")
        ctx, wanted = info.context, incident_filter(info, filter)
        found = await ctx.loaders.gate.run(lambda: queries.statistics(ctx.session, wanted))
        return IncidentStatistics(
            total=found.total,
            by_category=[_bucket(b) for b in found.by_category],
            by_status=[_bucket(b) for b in found.by_status],
            by_month=[_bucket(b) for b in found.by_month],
            by_grid=[_bucket(b) for b in found.by_grid],
            by_tier=[_bucket(b) for b in found.by_tier],
        )

    @strawberry.field(
        description=(
            "The incidents you may read as CSV (事件导出) for offline analysis: a header row,"
            " one incident a line, oldest first, times in the district's zone; no personal"
            " data. At most 20,000 rows."
        )
    )
    async def incidents_csv(
        self, info: Info, filter: Annotated[IncidentFilterInput | None, FILTER] = None
    ) -> str:
        require_read(info.context.viewer, "Incident")
        ctx, wanted = info.context, incident_filter(info, filter)
        return await ctx.loaders.gate.run(lambda: queries.export_csv(ctx.session, wanted))
