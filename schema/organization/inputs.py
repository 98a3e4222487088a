"""Filters and mutation inputs of the organisation tree."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.organization.enums import PartyOrganizationKind, StreetKind


@strawberry.input(description="Which streets (街道/镇) to list.")
class StreetFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name, case-insensitive (名称包含)."
    )
    kind: StreetKind | None = strawberry.field(
        default=None, description="Only subdistricts (街道) or only towns (镇)."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived streets (含已归档)."
    )


@strawberry.input(description="Which tree nodes (社区/网格/楼栋) to list.")
class TreeNodeFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name, case-insensitive (名称包含)."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only children of this parent node (上级节点); ignored on nested lists.",
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived nodes (含已归档)."
    )


@strawberry.input(description="Which party organisations (党组织) to list.")
class PartyOrganizationFilter:
    kind: PartyOrganizationKind | None = strawberry.field(
        default=None, description="Only organisations of this kind (党组织类型)."
    )
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name, case-insensitive (名称包含)."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived organisations (含已归档)."
    )


@strawberry.input(description="A new street or town (新建街道/镇) in the district.")
class CreateStreetInput:
    name: str = strawberry.field(description="Name (名称), unique among live streets.")
    kind: StreetKind = strawberry.field(description="Subdistrict (街道) or town (镇).")


@strawberry.input(description="A new community (新建社区) under a street.")
class CreateCommunityInput:
    street_id: strawberry.ID = strawberry.field(description="The street (街道) it belongs to.")
    name: str = strawberry.field(description="Name (名称), unique within the street.")


@strawberry.input(description="A new grid (新建网格) in a community.")
class CreateGridInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    name: str = strawberry.field(description="Name (名称), unique within the community.")


@strawberry.input(description="A new building (新建楼栋) in a grid.")
class CreateBuildingInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid (网格) it belongs to.")
    name: str = strawberry.field(description="Name (楼栋名称), unique within the grid.")
    address: str | None = strawberry.field(default=None, description="Street address (地址).")
    household_count: int = strawberry.field(
        default=0, description="Number of households (户数), zero or more."
    )


@strawberry.input(description="Rename a tree node or party organisation (重命名).")
class RenameNodeInput:
    id: strawberry.ID = strawberry.field(
        description="A street, community, grid, building or party organisation (节点或党组织)."
    )
    name: str = strawberry.field(description="The new name (新名称).")


@strawberry.input(
    description=(
        "Move a community, grid or building under another parent (调整隶属), or attach a"
        " party organisation to another node of its level."
    )
)
class MoveNodeInput:
    id: strawberry.ID = strawberry.field(description="What to move (调整对象).")
    new_parent_id: strawberry.ID = strawberry.field(
        description=(
            "The new parent node: a street for a community, a community for a grid, a grid"
            " for a building; for an organisation, the node it is to sit on (新上级节点)."
        )
    )


@strawberry.input(description="Archive a tree node or party organisation (归档).")
class ArchiveNodeInput:
    id: strawberry.ID = strawberry.field(
        description="A street, community, grid, building or party organisation (节点或党组织)."
    )


@strawberry.input(description="A new party organisation (新建党组织) on a node of the tree.")
class CreatePartyOrganizationInput:
    kind: PartyOrganizationKind = strawberry.field(description="Kind (党组织类型).")
    node_id: strawberry.ID = strawberry.field(
        description="The node it sits on (所在节点); its level must fit the kind."
    )
    name: str = strawberry.field(description="Name (党组织名称).")


@strawberry.input(description="Appoint a party secretary (任命书记).")
class AppointSecretaryInput:
    organization_id: strawberry.ID = strawberry.field(
        description="The party organisation (党组织)."
    )
    person_id: strawberry.ID = strawberry.field(description="A party member (党员).")
    started_on: date | None = strawberry.field(
        default=None,
        description="First day of the term (任期开始), in Asia/Shanghai; default today.",
    )
