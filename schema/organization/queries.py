"""Root query fields of the organisation tree."""

from __future__ import annotations

from typing import Annotated, cast

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


def _level_filter(model: TreeModel, given: TreeNodeFilter | None) -> TreeFilter:
    base = tree_filter(model, given)
    if given is None or given.parent_id is None:
        return base
    level = LEVELS[model]
    _, parent_id = global_ids.decode_as(given.parent_id, TYPE_NAMES[level.parent_model])
    return TreeFilter(
        model=model,
        name_contains=base.name_contains,
        parent_column=level.parent_column,
        parent_id=parent_id,
        include_archived=base.include_archived,
    )


@strawberry.type
class OrganizationQuery:
    @strawberry.field(description="The district (区) this service covers: 枣庄市市中区.")
    async def district(self, info: Info) -> District:
        return cast(District, await info.context.loaders.run(the_district))

    @strawberry.field(description="Streets and towns (街道/镇), across the district.")
    def streets(
        self,
        info: Info,
        filter: Annotated[StreetFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Street]:
        return connection(
            info,
            models.Street,
            filter=tree_filter(models.Street, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Communities (社区); `filter.parentId` takes a street.")
    def communities(
        self,
        info: Info,
        filter: Annotated[TreeNodeFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Community]:
        return connection(
            info,
            models.Community,
            filter=_level_filter(models.Community, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Grids (网格); `filter.parentId` takes a community.")
    def grids(
        self,
        info: Info,
        filter: Annotated[TreeNodeFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Grid]:
        return connection(
            info,
            models.Grid,
            filter=_level_filter(models.Grid, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Buildings (楼栋); `filter.parentId` takes a grid.")
    def buildings(
        self,
        info: Info,
        filter: Annotated[TreeNodeFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Building]:
        return connection(
            info,
            models.Building,
            filter=_level_filter(models.Building, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Party organisations (党组织) at every level.")
    def party_organizations(
        self,
        info: Info,
        filter: Annotated[PartyOrganizationFilter | None, FILTER] = None,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PartyOrganization]:
        return connection(
            info,
            models.PartyOrganization,
            filter=organization_filter(filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )
