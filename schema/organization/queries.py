"""Root query fields of the organisation tree."""

from __future__ import annotations

from typing import Any, cast

import strawberry

from db import models
from resolvers import global_ids
from resolvers.nodes import TYPE_NAMES
from resolvers.organization.queries import TreeFilter, the_district
from resolvers.organization.tree import LEVELS, TreeModel
from schema.base import Info
from schema.organization.inputs import PartyOrganizationFilter, StreetFilter, TreeNodeFilter
from schema.organization.types import (
    Building,
    Community,
    District,
    Grid,
    PartyOrganization,
    Street,
    organization_filter,
    tree_filter,
)
from schema.pagination import Connection, list_field


def level_filter(model: TreeModel, given: TreeNodeFilter | None) -> TreeFilter:
    """A tree filter whose `parentId` must name a node of the level above `model`."""
    base = tree_filter(model, given)
    if given is None or given.parent_id is None:
        return base
    level = LEVELS[model]
    _, parent_id = global_ids.decode_as(given.parent_id, TYPE_NAMES[level.parent_model])
    return TreeFilter(
        level=model,
        name_contains=base.name_contains,
        parent_column=level.parent_column,
        parent_id=parent_id,
        include_archived=base.include_archived,
    )


def level_list(model: TreeModel, description: str) -> Any:
    return list_field(
        model,
        description=description,
        filter_input=TreeNodeFilter,
        make_filter=lambda given: level_filter(model, given),
    )


@strawberry.type
class OrganizationQuery:
    streets: Connection[Street] = list_field(
        models.Street,
        description="Streets and towns (街道/镇), across the district.",
        filter_input=StreetFilter,
        make_filter=lambda given: tree_filter(models.Street, given),
    )
    communities: Connection[Community] = level_list(
        models.Community, "Communities (社区); `filter.parentId` takes a street."
    )
    grids: Connection[Grid] = level_list(
        models.Grid, "Grids (网格); `filter.parentId` takes a community."
    )
    buildings: Connection[Building] = level_list(
        models.Building, "Buildings (楼栋); `filter.parentId` takes a grid."
    )
    party_organizations: Connection[PartyOrganization] = list_field(
        models.PartyOrganization,
        description="Party organisations (党组织) at every level.",
        filter_input=PartyOrganizationFilter,
        make_filter=organization_filter,
    )

    @strawberry.field(description="The district (区) this service covers: 枣庄市市中区.")
    async def district(self, info: Info) -> District:
        return cast(District, await info.context.loaders.run(the_district))
