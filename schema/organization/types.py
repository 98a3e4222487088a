"""The tree's GraphQL types: District → Street → Community → Grid → Building, and the
party organisations on them. Fields read ORM attributes; relations go through loaders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry

from db import models
from db.base import Base
from resolvers.loaders.organization import Rollup, organization_of, rollup_counts, secretary_of
from resolvers.organization.queries import OrganizationFilter, TreeFilter
from resolvers.organization.tree import TreeModel, organization_node_id
from resolvers.paging import Ordering, SortField
from resolvers.people.queries import RoleFilter
from schema.base import Info, Node, is_model
from schema.organization.enums import PartyOrganizationKind, StreetKind
from schema.organization.inputs import PartyOrganizationFilter, StreetFilter, TreeNodeFilter
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

if TYPE_CHECKING:
    from schema.people.types import Person, PersonRole, RoleFilterInput

PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
PersonRoleT = Annotated["PersonRole", strawberry.lazy("schema.people.types")]
RoleFilterT = Annotated["RoleFilterInput", strawberry.lazy("schema.people.types")]


async def _count(info: Info, model: type, rollup: Rollup, pk: int) -> int:
    return await rollup_counts(info.context.loaders, model, rollup).load(pk)


def tree_filter(model: TreeModel, given: TreeNodeFilter | StreetFilter | None) -> TreeFilter:
    """The resolver filter for one level from the GraphQL filter (parent set by caller)."""
    if given is None:
        return TreeFilter(model=model)
    return TreeFilter(
        model=model,
        name_contains=given.name_contains,
        street_kind=getattr(given, "kind", None),
        include_archived=given.include_archived,
    )


@strawberry.type(description="The district (区), root of the organisation tree: 市中区.")
class District(Node):
    is_type_of = is_model(models.District)

    name: str = strawberry.field(description="Name (名称).")
    code: str = strawberry.field(description="Administrative division code (行政区划代码).")

    @strawberry.field(description="Streets and towns of the district (街道/镇).")
    def streets(
        self,
        root: strawberry.Parent[models.District],
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
            parent=("district_id", root.id),
            filter=tree_filter(models.Street, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Live streets and towns (街道/镇数).")
    async def street_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.STREETS, root.id)

    @strawberry.field(description="Live communities in the district (社区数).")
    async def community_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.COMMUNITIES, root.id)

    @strawberry.field(description="Live grids in the district (网格数).")
    async def grid_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.GRIDS, root.id)

    @strawberry.field(description="Live buildings in the district (楼栋数).")
    async def building_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.BUILDINGS, root.id)

    @strawberry.field(description="Party members living in the district (党员数).")
    async def party_member_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.PARTY_MEMBERS, root.id)

    @strawberry.field(description="Community workers in the district (社区工作者数).")
    async def worker_count(self, root: strawberry.Parent[models.District], info: Info) -> int:
        return await _count(info, models.District, Rollup.WORKERS, root.id)


@strawberry.type(description="A street (街道, led by a big working committee 大工委) or town (镇).")
class Street(Node):
    is_type_of = is_model(models.Street)

    name: str = strawberry.field(description="Name (名称).")
    kind: StreetKind = strawberry.field(description="Subdistrict (街道) or town (镇).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The district (区) above.")
    async def district(self, root: strawberry.Parent[models.Street], info: Info) -> District:
        return cast(District, await _parent(info, models.District, root.district_id))

    @strawberry.field(description="Communities of the street (社区).")
    def communities(
        self,
        root: strawberry.Parent[models.Street],
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
            parent=("street_id", root.id),
            filter=tree_filter(models.Community, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="The street working committee (街道大工委), if any.")
    async def party_organization(
        self, root: strawberry.Parent[models.Street], info: Info
    ) -> PartyOrganization | None:
        row = await organization_of(info.context.loaders, "street_id").load(root.id)
        return cast("PartyOrganization | None", row)

    @strawberry.field(
        description="Roles bound to this street, e.g. part-time committee members (兼职委员)."
    )
    def roles(
        self,
        root: strawberry.Parent[models.Street],
        info: Info,
        filter: Annotated[RoleFilterT | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonRoleT]:
        return _roles(info, "street_id", root.id, filter, first, after, last, before)

    @strawberry.field(description="Live communities (社区数).")
    async def community_count(self, root: strawberry.Parent[models.Street], info: Info) -> int:
        return await _count(info, models.Street, Rollup.COMMUNITIES, root.id)

    @strawberry.field(description="Live grids (网格数).")
    async def grid_count(self, root: strawberry.Parent[models.Street], info: Info) -> int:
        return await _count(info, models.Street, Rollup.GRIDS, root.id)

    @strawberry.field(description="Live buildings (楼栋数).")
    async def building_count(self, root: strawberry.Parent[models.Street], info: Info) -> int:
        return await _count(info, models.Street, Rollup.BUILDINGS, root.id)

    @strawberry.field(description="Party members living here (党员数).")
    async def party_member_count(self, root: strawberry.Parent[models.Street], info: Info) -> int:
        return await _count(info, models.Street, Rollup.PARTY_MEMBERS, root.id)

    @strawberry.field(description="Community workers (社区工作者数).")
    async def worker_count(self, root: strawberry.Parent[models.Street], info: Info) -> int:
        return await _count(info, models.Street, Rollup.WORKERS, root.id)


@strawberry.type(description="A community (社区), led by a big party committee (大党委).")
class Community(Node):
    is_type_of = is_model(models.Community)

    name: str = strawberry.field(description="Name (名称).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The street (街道) above.")
    async def street(self, root: strawberry.Parent[models.Community], info: Info) -> Street:
        return cast(Street, await _parent(info, models.Street, root.street_id))

    @strawberry.field(description="Grids of the community (网格).")
    def grids(
        self,
        root: strawberry.Parent[models.Community],
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
            parent=("community_id", root.id),
            filter=tree_filter(models.Grid, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="The community party committee (社区大党委), if any.")
    async def party_organization(
        self, root: strawberry.Parent[models.Community], info: Info
    ) -> PartyOrganization | None:
        row = await organization_of(info.context.loaders, "community_id").load(root.id)
        return cast("PartyOrganization | None", row)

    @strawberry.field(
        description=(
            "Roles bound to this community: community workers (社区工作者), part-time"
            " committee members (兼职委员), linked district leaders (联系社区的区级领导)."
        )
    )
    def roles(
        self,
        root: strawberry.Parent[models.Community],
        info: Info,
        filter: Annotated[RoleFilterT | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonRoleT]:
        return _roles(info, "community_id", root.id, filter, first, after, last, before)

    @strawberry.field(description="Live grids (网格数).")
    async def grid_count(self, root: strawberry.Parent[models.Community], info: Info) -> int:
        return await _count(info, models.Community, Rollup.GRIDS, root.id)

    @strawberry.field(description="Live buildings (楼栋数).")
    async def building_count(self, root: strawberry.Parent[models.Community], info: Info) -> int:
        return await _count(info, models.Community, Rollup.BUILDINGS, root.id)

    @strawberry.field(description="Party members living here (党员数).")
    async def party_member_count(
        self, root: strawberry.Parent[models.Community], info: Info
    ) -> int:
        return await _count(info, models.Community, Rollup.PARTY_MEMBERS, root.id)

    @strawberry.field(description="Community workers (社区工作者数).")
    async def worker_count(self, root: strawberry.Parent[models.Community], info: Info) -> int:
        return await _count(info, models.Community, Rollup.WORKERS, root.id)


@strawberry.type(description="A grid (网格) of a community, with one party branch or group.")
class Grid(Node):
    is_type_of = is_model(models.Grid)

    name: str = strawberry.field(description="Name (名称).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The community (社区) above.")
    async def community(self, root: strawberry.Parent[models.Grid], info: Info) -> Community:
        return cast(Community, await _parent(info, models.Community, root.community_id))

    @strawberry.field(description="Buildings of the grid (楼栋).")
    def buildings(
        self,
        root: strawberry.Parent[models.Grid],
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
            parent=("grid_id", root.id),
            filter=tree_filter(models.Building, filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description="The grid party branch (网格党支部) or party group (党小组), if any."
    )
    async def party_organization(
        self, root: strawberry.Parent[models.Grid], info: Info
    ) -> PartyOrganization | None:
        row = await organization_of(info.context.loaders, "grid_id").load(root.id)
        return cast("PartyOrganization | None", row)

    @strawberry.field(description="Roles bound to this grid: sunk cadres (下沉干部).")
    def roles(
        self,
        root: strawberry.Parent[models.Grid],
        info: Info,
        filter: Annotated[RoleFilterT | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonRoleT]:
        return _roles(info, "grid_id", root.id, filter, first, after, last, before)

    @strawberry.field(description="Live buildings (楼栋数).")
    async def building_count(self, root: strawberry.Parent[models.Grid], info: Info) -> int:
        return await _count(info, models.Grid, Rollup.BUILDINGS, root.id)

    @strawberry.field(description="Party members living here (党员数).")
    async def party_member_count(self, root: strawberry.Parent[models.Grid], info: Info) -> int:
        return await _count(info, models.Grid, Rollup.PARTY_MEMBERS, root.id)

    @strawberry.field(description="Residents (居民数).")
    async def resident_count(self, root: strawberry.Parent[models.Grid], info: Info) -> int:
        return await _count(info, models.Grid, Rollup.RESIDENTS, root.id)

    @strawberry.field(description="Cadres sunk into this grid (下沉干部数).")
    async def cadre_count(self, root: strawberry.Parent[models.Grid], info: Info) -> int:
        return await _count(info, models.Grid, Rollup.CADRES, root.id)


@strawberry.type(description="A residential building (楼栋) in a grid.")
class Building(Node):
    is_type_of = is_model(models.Building)

    name: str = strawberry.field(description="Name (楼栋名称).")
    address: str = strawberry.field(description="Street address (地址).")
    household_count: int = strawberry.field(description="Households (户数).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The grid (网格) above.")
    async def grid(self, root: strawberry.Parent[models.Building], info: Info) -> Grid:
        return cast(Grid, await _parent(info, models.Grid, root.grid_id))

    @strawberry.field(description="The building party group (楼栋党小组), if any.")
    async def party_organization(
        self, root: strawberry.Parent[models.Building], info: Info
    ) -> PartyOrganization | None:
        row = await organization_of(info.context.loaders, "building_id").load(root.id)
        return cast("PartyOrganization | None", row)

    @strawberry.field(description="People living in the building (居民).")
    def residents(
        self,
        root: strawberry.Parent[models.Building],
        info: Info,
        order_by: OrderBy = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PersonT]:
        return connection(
            info,
            models.Person,
            parent=("building_id", root.id),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="Party members living here (党员数).")
    async def party_member_count(self, root: strawberry.Parent[models.Building], info: Info) -> int:
        return await _count(info, models.Building, Rollup.PARTY_MEMBERS, root.id)

    @strawberry.field(description="Residents (居民数).")
    async def resident_count(self, root: strawberry.Parent[models.Building], info: Info) -> int:
        return await _count(info, models.Building, Rollup.RESIDENTS, root.id)


TreeNodeType = Street | Community | Grid | Building
TREE_NODE = strawberry.union("TreeNode", description="A node of the tree (组织架构节点).")


@strawberry.type(
    description=(
        "A party organisation (党组织) on a node of the tree: street working committee"
        " (大工委), community party committee (大党委), grid party branch (网格党支部) or"
        " group (党小组), building party group (楼栋党小组)."
    )
)
class PartyOrganization(Node):
    is_type_of = is_model(models.PartyOrganization)

    name: str = strawberry.field(description="Name (党组织名称).")
    kind: PartyOrganizationKind = strawberry.field(description="Kind (党组织类型).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The organisation above (上级党组织); null at street level.")
    async def parent(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> PartyOrganization | None:
        if root.parent_id is None:
            return None
        row = await info.context.loaders.by_id(models.PartyOrganization).load(root.parent_id)
        return cast("PartyOrganization | None", row)

    @strawberry.field(description="Organisations directly below (下级党组织).")
    def children(
        self,
        root: strawberry.Parent[models.PartyOrganization],
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
            parent=("parent_id", root.id),
            filter=organization_filter(filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="The node of the tree it sits on (所在节点).")
    async def node(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> Annotated[
        TreeNodeType, strawberry.union("TreeNode", description="A node of the tree (组织架构节点).")
    ]:
        level, node_id = organization_node_id(root)
        return cast(TreeNodeType, await _parent(info, level.model, node_id))

    @strawberry.field(description="The current secretary (书记), if one is appointed.")
    async def secretary(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> PersonT | None:
        return cast("Person | None", await secretary_of(info.context.loaders).load(root.id))


def organization_filter(given: PartyOrganizationFilter | None) -> OrganizationFilter:
    if given is None:
        return OrganizationFilter()
    return OrganizationFilter(
        kind=given.kind, name_contains=given.name_contains, include_archived=given.include_archived
    )


async def _parent(info: Info, model: type[Base], pk: int) -> Any:
    """The row a foreign key points at, as the GraphQL type the caller declares."""
    row = await info.context.loaders.by_id(model).load(pk)
    assert row is not None  # a foreign key guarantees it
    return cast(Any, row)


def _roles(
    info: Info,
    column: str,
    pk: int,
    given: RoleFilterInput | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    role_filter = RoleFilter(
        kind=given.kind if given else None,
        include_ended=given.include_ended if given else False,
    )
    return connection(
        info,
        models.PersonRole,
        parent=(column, pk),
        filter=role_filter,
        fixed_order=Ordering(SortField.ID),
        first=first,
        after=after,
        last=last,
        before=before,
    )
