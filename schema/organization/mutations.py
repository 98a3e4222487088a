"""Mutations of the organisation tree and its party organisations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers.organization import mutations
from schema.base import Info, Node
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.organization.inputs import (
    AppointSecretaryInput,
    ArchiveNodeInput,
    CreateBuildingInput,
    CreateCommunityInput,
    CreateGridInput,
    CreatePartyOrganizationInput,
    CreateStreetInput,
    MoveNodeInput,
    RenameNodeInput,
)
from schema.organization.types import Building, Community, Grid, PartyOrganization, Street


@strawberry.type(description="Result of createStreet (新建街道).")
class CreateStreetPayload:
    street: Street | None = result("The new street (街道).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createCommunity (新建社区).")
class CreateCommunityPayload:
    community: Community | None = result("The new community (社区).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createGrid (新建网格).")
class CreateGridPayload:
    grid: Grid | None = result("The new grid (网格).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createBuilding (新建楼栋).")
class CreateBuildingPayload:
    building: Building | None = result("The new building (楼栋).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of renameNode, moveNode or archiveNode (节点变更).")
class NodeChangePayload:
    node: Node | None = result("The changed tree node or party organisation (变更后的节点).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createPartyOrganization or appointSecretary (党组织).")
class PartyOrganizationPayload:
    party_organization: PartyOrganization | None = result("The organisation as it now is (党组织).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class OrganizationMutation:
    @strawberry.mutation(description="Create a street or town (新建街道/镇).")
    async def create_street(
        self, info: Info, input: Annotated[CreateStreetInput, Input]
    ) -> CreateStreetPayload:
        return await run(
            info,
            CreateStreetPayload,
            "street",
            lambda: mutations.create_street(info.context, name=input.name, kind=input.kind),
        )

    @strawberry.mutation(description="Create a community under a street (新建社区).")
    async def create_community(
        self, info: Info, input: Annotated[CreateCommunityInput, Input]
    ) -> CreateCommunityPayload:
        return await run(
            info,
            CreateCommunityPayload,
            "community",
            lambda: mutations.create_child(
                info.context, models.Community, input.street_id, input.name
            ),
        )

    @strawberry.mutation(description="Create a grid in a community (新建网格).")
    async def create_grid(
        self, info: Info, input: Annotated[CreateGridInput, Input]
    ) -> CreateGridPayload:
        return await run(
            info,
            CreateGridPayload,
            "grid",
            lambda: mutations.create_child(
                info.context, models.Grid, input.community_id, input.name
            ),
        )

    @strawberry.mutation(description="Create a building in a grid (新建楼栋).")
    async def create_building(
        self, info: Info, input: Annotated[CreateBuildingInput, Input]
    ) -> CreateBuildingPayload:
        return await run(
            info,
            CreateBuildingPayload,
            "building",
            lambda: mutations.create_building(
                info.context,
                input.grid_id,
                input.name,
                address=input.address,
                household_count=input.household_count,
            ),
        )

    @strawberry.mutation(description="Rename a tree node or party organisation (重命名).")
    async def rename_node(
        self, info: Info, input: Annotated[RenameNodeInput, Input]
    ) -> NodeChangePayload:
        return await run(
            info,
            NodeChangePayload,
            "node",
            lambda: mutations.rename(info.context, input.id, input.name),
            lambda connection, read: mutations.rename_at_once(
                info.context, connection, input.id, input.name, read
            ),
        )

    @strawberry.mutation(
        description=(
            "Move a community, grid or building under another parent, or attach a party"
            " organisation to another node (调整隶属关系)."
        )
    )
    async def move_node(
        self, info: Info, input: Annotated[MoveNodeInput, Input]
    ) -> NodeChangePayload:
        return await run(
            info,
            NodeChangePayload,
            "node",
            lambda: mutations.move(info.context, input.id, input.new_parent_id),
        )

    @strawberry.mutation(
        description=(
            "Archive a tree node or party organisation (归档); refused while anything live"
            " still hangs from it."
        )
    )
    async def archive_node(
        self, info: Info, input: Annotated[ArchiveNodeInput, Input]
    ) -> NodeChangePayload:
        return await run(
            info, NodeChangePayload, "node", lambda: mutations.archive(info.context, input.id)
        )

    @strawberry.mutation(description="Create a party organisation on a node (新建党组织).")
    async def create_party_organization(
        self, info: Info, input: Annotated[CreatePartyOrganizationInput, Input]
    ) -> PartyOrganizationPayload:
        return await run(
            info,
            PartyOrganizationPayload,
            "party_organization",
            lambda: mutations.create_organization(
                info.context, kind=input.kind, node_id=input.node_id, name=input.name
            ),
        )

    @strawberry.mutation(
        description="Appoint a party secretary (任命书记), ending the previous secretary's term."
    )
    async def appoint_secretary(
        self, info: Info, input: Annotated[AppointSecretaryInput, Input]
    ) -> PartyOrganizationPayload:
        return await run(
            info,
            PartyOrganizationPayload,
            "party_organization",
            lambda: mutations.appoint_secretary(
                info.context,
                organization_id=input.organization_id,
                person_id=input.person_id,
                started_on=input.started_on,
            ),
        )
