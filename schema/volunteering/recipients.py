"""Key recipients (重点服务对象) and a community's own service items (社区自定服务项目).

A key recipient's phone, ID number, home building and needs note are personal data,
masked exactly like a Person's outside the viewer's scope: the teams that serve them read
the name and needs, staff of the recipient's area read everything.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.accounts.personal_data import (
    home_of,
    id_number_of,
    in_scope,
    phone_of,
    sees_personal_data_of,
)
from schema.base import Info, Node, is_model
from schema.volunteering.enums import RecipientKind, ServiceCategory

if TYPE_CHECKING:
    from schema.organization.types import Building, Community
    from schema.people.types import Person

BuildingT = Annotated["Building", strawberry.lazy("schema.organization.types")]
CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]


async def _community(info: Info, community_id: int) -> Community:
    row = await info.context.loaders.by_id(models.Community).load(community_id)
    assert row is not None
    return cast("Community", row)


@strawberry.type(
    description='A community\'s own service item (社区自定服务项目), the "N" of "6+N".'
)
class LocalServiceItem(Node):
    is_type_of = is_model(models.LocalServiceItem)

    name: str = strawberry.field(description="Name (项目名称), unique among the community's.")
    description: str = strawberry.field(description="What the service is (项目说明).")
    created_at: datetime = strawberry.field(description="When it was defined (创建时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The community that defined it (所属社区).")
    async def community(
        self, root: strawberry.Parent[models.LocalServiceItem], info: Info
    ) -> CommunityT:
        return await _community(info, root.community_id)


async def _person(info: Info, root: models.KeyRecipient) -> models.Person:
    row = await info.context.loaders.by_id(models.Person).load(root.person_id)
    assert row is not None
    return row


@strawberry.type(
    description=(
        "A key service recipient (重点服务对象) of a community: widowed, orphaned, childless"
        " or lonely elderly (鳏寡孤独) and similar, with what they need."
    )
)
class KeyRecipient(Node):
    is_type_of = is_model(models.KeyRecipient)

    kind: RecipientKind = strawberry.field(description="Why they are a key recipient (类别).")
    registered_on: date = strawberry.field(description="Day of registration (登记日期).")
    ended_on: date | None = strawberry.field(
        description="Day the registration ended (结束日期); null while live."
    )

    @strawberry.field(description='What they need (服务需求), as "6+N" items.')
    def needs(self, root: strawberry.Parent[models.KeyRecipient]) -> list[ServiceCategory]:
        return [ServiceCategory(need) for need in root.needs]

    @strawberry.field(description="The community that serves them (所属社区).")
    async def community(
        self, root: strawberry.Parent[models.KeyRecipient], info: Info
    ) -> CommunityT:
        return await _community(info, root.community_id)

    @strawberry.field(description="Name (姓名), for the teams that serve them.")
    async def name(self, root: strawberry.Parent[models.KeyRecipient], info: Info) -> str:
        return (await _person(info, root)).name

    @strawberry.field(
        description=(
            "Whether phone, ID number, home building and needs note are hidden (个人信息已"
            "脱敏): the recipient lives outside the scope of your roles."
        )
    )
    async def personal_data_masked(
        self, root: strawberry.Parent[models.KeyRecipient], info: Info
    ) -> bool:
        return not await sees_personal_data_of(info.context, await _person(info, root))

    @strawberry.field(
        description="Phone number (联系电话); masked as 138****5678 outside your scope."
    )
    async def phone(self, root: strawberry.Parent[models.KeyRecipient], info: Info) -> str | None:
        person = await _person(info, root)
        shown = phone_of(info.context, person)
        return shown if shown is None or isinstance(shown, str) else await shown

    @strawberry.field(
        description="Resident ID number (身份证号); only its last 4 characters outside your scope."
    )
    async def id_number(
        self, root: strawberry.Parent[models.KeyRecipient], info: Info
    ) -> str | None:
        person = await _person(info, root)
        shown = id_number_of(info.context, person)
        return shown if shown is None or isinstance(shown, str) else await shown

    @strawberry.field(
        description="The building they live in (居住楼栋, home address); null outside your scope."
    )
    async def building(
        self, root: strawberry.Parent[models.KeyRecipient], info: Info
    ) -> BuildingT | None:
        return cast("Building | None", await home_of(info.context, await _person(info, root)))

    @strawberry.field(
        description=(
            "Notes on their needs and circumstances (需求备注), personal data: null outside"
            " your scope."
        )
    )
    async def needs_note(
        self, root: strawberry.Parent[models.KeyRecipient], info: Info
    ) -> str | None:
        return await in_scope(info.context, await _person(info, root), root.needs_note)

    @strawberry.field(
        description="The person's own record (人员), for staff (readable by staff roles only)."
    )
    async def person(self, root: strawberry.Parent[models.KeyRecipient], info: Info) -> PersonT:
        return cast("Person", await _person(info, root))
