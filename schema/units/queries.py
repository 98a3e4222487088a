"""Root query fields for work units."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers import global_ids
from resolvers.units.queries import WorkUnitFilter as UnitFilter
from schema.base import Info
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    OrderBy,
    connection,
)
from schema.units.inputs import WorkUnitFilter
from schema.units.types import WorkUnit


def unit_filter(given: WorkUnitFilter | None) -> UnitFilter:
    if given is None:
        return UnitFilter()
    return UnitFilter(
        kind=given.kind,
        name_contains=given.name_contains,
        community_id=global_ids.decode_as(given.community_id, "Community")[1]
        if given.community_id
        else None,
        include_archived=given.include_archived,
    )


@strawberry.type
class UnitsQuery:
    @strawberry.field(description="Work units reporting to communities (双报到单位).")
    def work_units(
        self,
        info: Info,
        filter: Annotated[WorkUnitFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[WorkUnit]:
        return connection(
            info,
            models.WorkUnit,
            filter=unit_filter(filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )
