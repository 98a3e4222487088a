"""People (人员) and the roles (身份) they hold."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers import global_ids
from resolvers.accounts.personal_data import home_of, id_number_of, phone_of, sees_personal_data_of
from resolvers.loaders.people import live_report_of, roles_of
from resolvers.paging import Ordering, SortField
from resolvers.people.queries import PersonFilter
from schema.base import Info, Node, is_model
from schema.pagination import Connection, list_field
from schema.people.enums import Gender, RoleKind

if TYPE_CHECKING:
    from schema.organization.types import (
        Building,
        Community,
        Grid,
        PartyOrganization,
        Street,
    )
    from schema.projects.types import NegativeListViolation
    from schema.units.types import MemberReport, WorkUnit

BuildingT = Annotated["Building", strawberry.lazy("schema.organization.types")]
CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
GridT = Annotated["Grid", strawberry.lazy("schema.organization.types")]
StreetT = Annotated["Street", strawberry.lazy("schema.organization.types")]
OrganizationT = Annotated["PartyOrganization", strawberry.lazy("schema.organization.types")]
WorkUnitT = Annotated["WorkUnit", strawberry.lazy("schema.units.types")]
MemberReportT = Annotated["MemberReport", strawberry.lazy("schema.units.types")]
ViolationT = Annotated["NegativeListViolation", strawberry.lazy("schema.projects.types")]


@strawberry.input(description="Which people (人员) to list.")
class PersonFilterInput:
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (姓名包含)."
    )
    role_kind: RoleKind | None = strawberry.field(
        default=None, description="Only people holding a live role of this kind (身份)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only people living in this community (居住社区)."
    )
    building_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only people living in this building (居住楼栋)."
    )


def person_filter(given: PersonFilterInput | None) -> PersonFilter:
    if given is None:
        return PersonFilter()
    return PersonFilter(
        name_contains=given.name_contains,
        role_kind=given.role_kind,
        building_id=global_ids.key_of(given.building_id, "Building"),
        community_id=global_ids.key_of(given.community_id, "Community"),
    )


@strawberry.type(description="A person (人员): resident, party member, worker, cadre, ….")
class Person(Node):
    is_type_of = is_model(models.Person)

    name: str = strawberry.field(description="Name (姓名).")
    gender: Gender = strawberry.field(description="Gender (性别).")
    created_at: datetime = strawberry.field(description="When it was registered (登记时间).")
    negative_list_violations: Connection[ViolationT] = list_field(
        models.NegativeListViolation,
        description="Breaches of the negative list on their record (负面清单记录), oldest first.",
        parent="person_id",
        fixed_order=Ordering(SortField.ID),
    )

    @strawberry.field(
        description=(
            "Whether phone, ID number and home building are hidden (个人信息已脱敏): the"
            " person lives outside the scope of your roles."
        )
    )
    async def personal_data_masked(
        self, root: strawberry.Parent[models.Person], info: Info
    ) -> bool:
        return not await sees_personal_data_of(info.context, root)

    @strawberry.field(
        description="Phone number (联系电话); masked as 138****5678 outside your scope."
    )
    def phone(self, root: strawberry.Parent[models.Person], info: Info) -> str | None:
        # Possibly an awaitable, which graphql-core awaits (see personal_data.personal_value).
        return cast("str | None", phone_of(info.context, root))

    @strawberry.field(
        description="Resident ID number (身份证号); only its last 4 characters outside your scope."
    )
    def id_number(self, root: strawberry.Parent[models.Person], info: Info) -> str | None:
        return cast("str | None", id_number_of(info.context, root))

    @strawberry.field(
        description=(
            "The building the person lives in (居住楼栋, home address), if known; null"
            " outside your scope."
        )
    )
    async def building(
        self, root: strawberry.Parent[models.Person], info: Info
    ) -> BuildingT | None:
        return cast("Building | None", await home_of(info.context, root))

    @strawberry.field(description="Roles the person holds (身份), oldest first.")
    async def roles(
        self,
        root: strawberry.Parent[models.Person],
        info: Info,
        include_ended: Annotated[
            bool, strawberry.argument(description="Also list roles that have ended (含已结束).")
        ] = False,
    ) -> list[PersonRole]:
        return await roles_of(info.context.loaders, include_ended=include_ended).load(root.id)  # type: ignore[return-value]

    @strawberry.field(
        description="The live dual report of an in-service party member (在职党员双报到)."
    )
    async def member_report(
        self, root: strawberry.Parent[models.Person], info: Info
    ) -> MemberReportT | None:
        return cast("MemberReport | None", await live_report_of(info.context.loaders).load(root.id))


@strawberry.type(description="A role a person holds (身份), bound to a node, unit or organisation.")
class PersonRole(Node):
    is_type_of = is_model(models.PersonRole)

    kind: RoleKind = strawberry.field(description="Kind of role (身份).")
    post: str | None = strawberry.field(description="Post of a sunk cadre (岗位).")
    duty: str | None = strawberry.field(description="Duty of a sunk cadre (职责).")
    started_on: date = strawberry.field(description="First day in the role (开始日期).")
    ended_on: date | None = strawberry.field(
        description="Day the role ended (结束日期); null while live."
    )

    @strawberry.field(description="Who holds it (人员).")
    async def person(self, root: strawberry.Parent[models.PersonRole], info: Info) -> Person:
        return cast(Person, await info.context.loaders.required(models.Person, root.person_id))

    @strawberry.field(description="The street it is bound to (街道), for street roles.")
    async def street(
        self, root: strawberry.Parent[models.PersonRole], info: Info
    ) -> StreetT | None:
        return cast(
            "Street | None", await info.context.loaders.optional(models.Street, root.street_id)
        )

    @strawberry.field(description="The community it is bound to (社区), for community roles.")
    async def community(
        self, root: strawberry.Parent[models.PersonRole], info: Info
    ) -> CommunityT | None:
        return cast(
            "Community | None",
            await info.context.loaders.optional(models.Community, root.community_id),
        )

    @strawberry.field(description="The grid a cadre is sunk into (下沉网格).")
    async def grid(self, root: strawberry.Parent[models.PersonRole], info: Info) -> GridT | None:
        return cast("Grid | None", await info.context.loaders.optional(models.Grid, root.grid_id))

    @strawberry.field(
        description="The party organisation: a secretary's, or a member's branch (党组织)."
    )
    async def party_organization(
        self, root: strawberry.Parent[models.PersonRole], info: Info
    ) -> OrganizationT | None:
        return cast(
            "PartyOrganization | None",
            await info.context.loaders.optional(
                models.PartyOrganization, root.party_organization_id
            ),
        )

    @strawberry.field(description="The unit a part-time member or cadre comes from (所在单位).")
    async def work_unit(
        self, root: strawberry.Parent[models.PersonRole], info: Info
    ) -> WorkUnitT | None:
        return cast(
            "WorkUnit | None",
            await info.context.loaders.optional(models.WorkUnit, root.work_unit_id),
        )
