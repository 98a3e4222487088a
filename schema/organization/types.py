"""The tree's GraphQL types: District → Street → Community → Grid → Building, and the
party organisations on them. Fields read ORM attributes; relations go through loaders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry

from db import models
from db.base import Base
from resolvers.accounts.personal_data import require_home_scope
from resolvers.loaders.organization import Rollup, organization_of, rollup_counts, secretary_of
from resolvers.organization.queries import OrganizationFilter, TreeFilter
from resolvers.organization.tree import AnyNodeModel, TreeModel, organization_node_id
from resolvers.paging import Ordering, SortField
from schema.base import Info, Node, is_model
from schema.organization.enums import PartyOrganizationKind, StreetKind
from schema.organization.inputs import PartyOrganizationFilter, StreetFilter, TreeNodeFilter
from schema.pagination import Connection, list_field
from schema.people.inputs import RoleFilterInput, role_filter

if TYPE_CHECKING:
    from schema.people.types import Person, PersonRole

PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
PersonRoleT = Annotated["PersonRole", strawberry.lazy("schema.people.types")]


def tree_filter(model: TreeModel, given: TreeNodeFilter | StreetFilter | None) -> TreeFilter:
    """The resolver filter for one level from the GraphQL filter (parent set by caller)."""
    if given is None:
        return TreeFilter(level=model)
    return TreeFilter(
        level=model,
        name_contains=given.name_contains,
        street_kind=getattr(given, "kind", None),
        include_archived=given.include_archived,
    )


def organization_filter(given: PartyOrganizationFilter | None) -> OrganizationFilter:
    if given is None:
        return OrganizationFilter()
    return OrganizationFilter(
        kind=given.kind, name_contains=given.name_contains, include_archived=given.include_archived
    )


def children(model: TreeModel, parent: str, description: str) -> Any:
    """The connection of a node's children at the next level down."""
    return list_field(
        model,
        description=description,
        parent=parent,
        filter_input=StreetFilter if model is models.Street else TreeNodeFilter,
        make_filter=lambda given: tree_filter(model, given),
    )


# partyMemberCount below the district: the district's definition, on the node's buildings.
MEMBERS_LIVING_HERE = (
    "Party members living here (居住在此的党员数): people with a live party-member role whose"
    " home is a live building at or below this node, counted where they live rather than where"
    " their party organisation sits; members with no home on record are not counted"
    " (不含无住址记录的党员)."
)


def rollup(level: AnyNodeModel, counted: Rollup, description: str) -> Any:
    """A roll-up count below a node: one grouped statement for all nodes of a list."""

    async def resolve(root: Any, info: Info) -> int:
        return await rollup_counts(info.context.loaders, level, counted).load(root.id)

    return strawberry.field(resolver=resolve, description=description)


def roles(column: str, description: str) -> Any:
    """The roles bound to a node (workers, part-time members, cadres, …)."""
    return list_field(
        models.PersonRole,
        description=description,
        parent=column,
        filter_input=RoleFilterInput,
        make_filter=role_filter,
        fixed_order=Ordering(SortField.ID),
    )


def organization(column: str, description: str) -> Any:
    """The live party organisation sitting on a node."""

    async def resolve(root: Any, info: Info) -> PartyOrganization | None:
        row = await organization_of(info.context.loaders, column).load(root.id)
        return cast("PartyOrganization | None", row)

    return strawberry.field(resolver=resolve, description=description)


async def _parent(info: Info, model: type[Base], pk: int) -> Any:
    """The row a foreign key points at, as the GraphQL type the caller declares."""
    row = await info.context.loaders.by_id(model).load(pk)
    assert row is not None  # a foreign key guarantees it
    return cast(Any, row)


@strawberry.type(description="The district (区), root of the organisation tree: 市中区.")
class District(Node):
    is_type_of = is_model(models.District)

    name: str = strawberry.field(description="Name (名称).")
    code: str = strawberry.field(description="Administrative division code (行政区划代码).")
    streets: Connection[Street] = children(
        models.Street, "district_id", "Streets and towns of the district (街道/镇)."
    )
    street_count: int = rollup(
        models.District, Rollup.STREETS, "Live streets and towns (街道/镇数)."
    )
    community_count: int = rollup(
        models.District, Rollup.COMMUNITIES, "Live communities in the district (社区数)."
    )
    grid_count: int = rollup(models.District, Rollup.GRIDS, "Live grids in the district (网格数).")
    building_count: int = rollup(
        models.District, Rollup.BUILDINGS, "Live buildings in the district (楼栋数)."
    )
    party_member_count: int = rollup(
        models.District,
        Rollup.PARTY_MEMBERS,
        "Party members living in the district (居住在辖区的党员数): people with a live"
        " party-member role whose home is a live building of the district (in a live grid,"
        " community and street), counted where they live; members with no home on record,"
        " such as the street committees' secretaries, are not counted (不含无住址记录的党员).",
    )
    worker_count: int = rollup(
        models.District, Rollup.WORKERS, "Community workers in the district (社区工作者数)."
    )


@strawberry.type(description="A street (街道, led by a big working committee 大工委) or town (镇).")
class Street(Node):
    is_type_of = is_model(models.Street)

    name: str = strawberry.field(description="Name (名称).")
    kind: StreetKind = strawberry.field(description="Subdistrict (街道) or town (镇).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )
    communities: Connection[Community] = children(
        models.Community, "street_id", "Communities of the street (社区)."
    )
    party_organization: PartyOrganization | None = organization(
        "street_id", "The street working committee (街道大工委), if any."
    )
    roles: Connection[PersonRoleT] = roles(
        "street_id", "Roles bound to this street, e.g. part-time committee members (兼职委员)."
    )
    community_count: int = rollup(models.Street, Rollup.COMMUNITIES, "Live communities (社区数).")
    grid_count: int = rollup(models.Street, Rollup.GRIDS, "Live grids (网格数).")
    building_count: int = rollup(models.Street, Rollup.BUILDINGS, "Live buildings (楼栋数).")
    party_member_count: int = rollup(models.Street, Rollup.PARTY_MEMBERS, MEMBERS_LIVING_HERE)
    worker_count: int = rollup(models.Street, Rollup.WORKERS, "Community workers (社区工作者数).")

    @strawberry.field(description="The district (区) above.")
    async def district(self, root: strawberry.Parent[models.Street], info: Info) -> District:
        return cast(District, await _parent(info, models.District, root.district_id))


@strawberry.type(description="A community (社区), led by a big party committee (大党委).")
class Community(Node):
    is_type_of = is_model(models.Community)

    name: str = strawberry.field(description="Name (名称).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )
    grids: Connection[Grid] = children(
        models.Grid, "community_id", "Grids of the community (网格)."
    )
    party_organization: PartyOrganization | None = organization(
        "community_id", "The community party committee (社区大党委), if any."
    )
    roles: Connection[PersonRoleT] = roles(
        "community_id",
        "Roles bound to this community: community workers (社区工作者), part-time committee"
        " members (兼职委员), linked district leaders (联系社区的区级领导).",
    )
    grid_count: int = rollup(models.Community, Rollup.GRIDS, "Live grids (网格数).")
    building_count: int = rollup(models.Community, Rollup.BUILDINGS, "Live buildings (楼栋数).")
    party_member_count: int = rollup(models.Community, Rollup.PARTY_MEMBERS, MEMBERS_LIVING_HERE)
    worker_count: int = rollup(
        models.Community, Rollup.WORKERS, "Community workers (社区工作者数)."
    )

    @strawberry.field(description="The street (街道) above.")
    async def street(self, root: strawberry.Parent[models.Community], info: Info) -> Street:
        return cast(Street, await _parent(info, models.Street, root.street_id))


@strawberry.type(description="A grid (网格) of a community, with one party branch or group.")
class Grid(Node):
    is_type_of = is_model(models.Grid)

    name: str = strawberry.field(description="Name (名称).")
    latitude: float | None = strawberry.field(
        description="Latitude of the grid's centre (纬度), WGS-84 degrees; null until mapped."
    )
    longitude: float | None = strawberry.field(
        description="Longitude of the grid's centre (经度), WGS-84 degrees; null until mapped."
    )
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )
    buildings: Connection[Building] = children(
        models.Building, "grid_id", "Buildings of the grid (楼栋)."
    )
    party_organization: PartyOrganization | None = organization(
        "grid_id", "The grid party branch (网格党支部) or party group (党小组), if any."
    )
    roles: Connection[PersonRoleT] = roles(
        "grid_id", "Roles bound to this grid: sunk cadres (下沉干部)."
    )
    building_count: int = rollup(models.Grid, Rollup.BUILDINGS, "Live buildings (楼栋数).")
    party_member_count: int = rollup(models.Grid, Rollup.PARTY_MEMBERS, MEMBERS_LIVING_HERE)
    resident_count: int = rollup(models.Grid, Rollup.RESIDENTS, "Residents (居民数).")
    cadre_count: int = rollup(
        models.Grid, Rollup.CADRES, "Cadres sunk into this grid (下沉干部数)."
    )

    @strawberry.field(description="The community (社区) above.")
    async def community(self, root: strawberry.Parent[models.Grid], info: Info) -> Community:
        return cast(Community, await _parent(info, models.Community, root.community_id))


@strawberry.type(description="A residential building (楼栋) in a grid.")
class Building(Node):
    is_type_of = is_model(models.Building)

    name: str = strawberry.field(description="Name (楼栋名称).")
    address: str = strawberry.field(description="Street address (地址).")
    household_count: int = strawberry.field(description="Households (户数).")
    latitude: float | None = strawberry.field(
        description="Latitude of the building (纬度), WGS-84 degrees; null until mapped."
    )
    longitude: float | None = strawberry.field(
        description="Longitude of the building (经度), WGS-84 degrees; null until mapped."
    )
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )
    party_organization: PartyOrganization | None = organization(
        "building_id", "The building party group (楼栋党小组), if any."
    )
    residents: Connection[PersonT] = list_field(
        models.Person,
        description=(
            "People living in the building (居民); only inside the scope of your roles,"
            " since it tells their home address."
        ),
        parent="building_id",
        precheck=lambda root, info, _filter: require_home_scope(info.context, building_id=root.id),
    )
    party_member_count: int = rollup(models.Building, Rollup.PARTY_MEMBERS, MEMBERS_LIVING_HERE)
    resident_count: int = rollup(models.Building, Rollup.RESIDENTS, "Residents (居民数).")

    @strawberry.field(description="The grid (网格) above.")
    async def grid(self, root: strawberry.Parent[models.Building], info: Info) -> Grid:
        return cast(Grid, await _parent(info, models.Grid, root.grid_id))


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
    children: Connection[PartyOrganization] = list_field(
        models.PartyOrganization,
        description="Organisations directly below (下级党组织).",
        parent="parent_id",
        filter_input=PartyOrganizationFilter,
        make_filter=organization_filter,
    )

    @strawberry.field(description="The organisation above (上级党组织); null at street level.")
    async def parent(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> PartyOrganization | None:
        if root.parent_id is None:
            return None
        return cast(
            PartyOrganization, await _parent(info, models.PartyOrganization, root.parent_id)
        )

    @strawberry.field(description="The node of the tree it sits on (所在节点).")
    async def node(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> Annotated[TreeNodeType, TREE_NODE]:
        level, node_id = organization_node_id(root)
        return cast(TreeNodeType, await _parent(info, level.model, node_id))

    @strawberry.field(description="The current secretary (书记), if one is appointed.")
    async def secretary(
        self, root: strawberry.Parent[models.PartyOrganization], info: Info
    ) -> PersonT | None:
        return cast("Person | None", await secretary_of(info.context.loaders).load(root.id))
