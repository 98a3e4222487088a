"""Root query fields for work units."""

from __future__ import annotations

import strawberry

from db import models
from resolvers import global_ids
from resolvers.units.queries import WorkUnitFilter as UnitFilter
from schema.pagination import (
    Connection,
    list_field,
)
from schema.units.inputs import WorkUnitFilter
from schema.units.types import WorkUnit


def unit_filter(given: WorkUnitFilter | None) -> UnitFilter:
    if given is None:
        return UnitFilter()
    return UnitFilter(
        kind=given.kind,
        name_contains=given.name_contains,
        community_id=global_ids.key_of(given.community_id, "Community"),
        include_archived=given.include_archived,
    )


@strawberry.type
class UnitsQuery:
    work_units: Connection[WorkUnit] = list_field(
        models.WorkUnit,
        description="Work units reporting to communities (双报到单位).",
        filter_input=WorkUnitFilter,
        make_filter=unit_filter,
    )
