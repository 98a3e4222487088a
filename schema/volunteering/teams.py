"""Volunteer teams (志愿服务队伍), volunteers (志愿者) and memberships (队员)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.loaders.volunteering import lead_of
from resolvers.paging import NEWEST_FIRST, Ordering, SortField
from resolvers.volunteering.order_queries import MembershipFilter, OrderFilter
from resolvers.volunteering.visibility import Visibility
from schema.base import Info, Node, is_model
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    connection,
    list_field,
)
from schema.volunteering.enums import ServiceCategory, TeamLevel

if TYPE_CHECKING:
    from schema.organization.types import Community, Street
    from schema.people.types import Person
    from schema.volunteering.orders import ServiceOrder

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
StreetT = Annotated["Street", strawberry.lazy("schema.organization.types")]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
ServiceOrderT = Annotated["ServiceOrder", strawberry.lazy("schema.volunteering.orders")]


def clock_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@strawberry.input(description="Which memberships (队员) to list.")
class MembershipFilterInput:
    include_former: bool = strawberry.field(
        default=False, description="Also list members who have left (含已退出)."
    )


@strawberry.input(description="Which of a team's orders (服务订单) to list.")
class TeamOrderFilterInput:
    statuses: list[models.OrderStatus] | None = strawberry.field(
        default=None, description="Only orders in these statuses (订单状态)."
    )


@strawberry.type(
    description=(
        "A party-led volunteer team (党建引领志愿服务队伍) of the district, a street or a"
        " community; it accepts the orders its community dispatches (队伍接单)."
    )
)
class VolunteerTeam(Node):
    is_type_of = is_model(models.VolunteerTeam)

    name: str = strawberry.field(description="Name (队伍名称).")
    level: TeamLevel = strawberry.field(description="Level (层级).")
    founded_on: date = strawberry.field(description="Day it was formed (成立日期).")
    created_at: datetime = strawberry.field(description="When it was registered (登记时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description='The "6" service items it offers (服务项目).')
    def categories(self, root: strawberry.Parent[models.VolunteerTeam]) -> list[ServiceCategory]:
        return [models.ServiceCategory(name) for name in root.categories]

    @strawberry.field(description="The street of a street-level team (所属街道); else null.")
    async def street(
        self, root: strawberry.Parent[models.VolunteerTeam], info: Info
    ) -> StreetT | None:
        if root.street_id is None:
            return None
        return cast("Street", await info.context.loaders.by_id(models.Street).load(root.street_id))

    @strawberry.field(description="The community of a community-level team (所属社区); else null.")
    async def community(
        self, root: strawberry.Parent[models.VolunteerTeam], info: Info
    ) -> CommunityT | None:
        if root.community_id is None:
            return None
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        return cast("Community", row)

    @strawberry.field(description="The team's lead (队长), if it has one.")
    async def lead(
        self, root: strawberry.Parent[models.VolunteerTeam], info: Info
    ) -> Volunteer | None:
        row = await lead_of(info.context.loaders).load(root.id)
        return cast(Volunteer | None, row)

    memberships: Connection[TeamMembership] = list_field(
        models.TeamMembership,
        description="Its members (队员), oldest first; live ones unless asked.",
        parent="team_id",
        filter_input=MembershipFilterInput,
        make_filter=lambda given: MembershipFilter(bool(given and given.include_former)),
        fixed_order=Ordering(SortField.ID),
    )

    @strawberry.field(
        description=(
            "Orders dispatched to it (服务订单), newest first: those the viewer takes part in."
        )
    )
    def service_orders(
        self,
        root: strawberry.Parent[models.VolunteerTeam],
        info: Info,
        filter: Annotated[TeamOrderFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ServiceOrderT]:
        wanted = OrderFilter(
            Visibility.of(info.context.viewer),
            statuses=tuple(filter.statuses or ()) if filter else (),
        )
        return connection(
            info,
            models.ServiceOrder,
            parent=("team_id", root.id),
            filter=wanted,
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )


@strawberry.type(description="A volunteer (志愿者): a person with skills and weekly availability.")
class Volunteer(Node):
    is_type_of = is_model(models.Volunteer)

    registered_on: date = strawberry.field(description="Day of registration (注册日期).")
    no_shows: int = strawberry.field(
        description="Claimed services they did not turn up for (爽约次数)."
    )
    active: bool = strawberry.field(description="Still serving (在岗).")

    @strawberry.field(description="Name (姓名).")
    async def name(self, root: strawberry.Parent[models.Volunteer], info: Info) -> str:
        person = await info.context.loaders.by_id(models.Person).load(root.person_id)
        assert person is not None
        return person.name

    @strawberry.field(
        description="The person (人员): readable by staff; null with an error for others."
    )
    async def person(self, root: strawberry.Parent[models.Volunteer], info: Info) -> PersonT | None:
        return cast("Person", await info.context.loaders.by_id(models.Person).load(root.person_id))

    @strawberry.field(description="Service items they are good at (特长).")
    def skills(self, root: strawberry.Parent[models.Volunteer]) -> list[ServiceCategory]:
        return [models.ServiceCategory(name) for name in root.skills]

    @strawberry.field(description="Days they can serve (可服务日): 1 Monday … 7 Sunday.")
    def available_weekdays(self, root: strawberry.Parent[models.Volunteer]) -> list[int]:
        return [day for day in range(1, 8) if root.available_weekdays & (1 << (day - 1))]

    @strawberry.field(description="From when they can serve, HH:MM (可服务开始时间).")
    def available_from(self, root: strawberry.Parent[models.Volunteer]) -> str:
        return clock_time(root.available_from_minute)

    @strawberry.field(description="Until when they can serve, HH:MM (可服务结束时间).")
    def available_until(self, root: strawberry.Parent[models.Volunteer]) -> str:
        return clock_time(root.available_until_minute)

    memberships: Connection[TeamMembership] = list_field(
        models.TeamMembership,
        description="Their teams (所在队伍), oldest first; live ones unless asked.",
        parent="volunteer_id",
        filter_input=MembershipFilterInput,
        make_filter=lambda given: MembershipFilter(bool(given and given.include_former)),
        fixed_order=Ordering(SortField.ID),
    )


@strawberry.type(description="A volunteer's membership of a team (队员).")
class TeamMembership(Node):
    is_type_of = is_model(models.TeamMembership)

    is_lead: bool = strawberry.field(description="Whether they lead the team (队长).")
    joined_on: date = strawberry.field(description="Day they joined (入队日期).")
    left_on: date | None = strawberry.field(
        description="Day they left (退出日期); null while a member."
    )

    @strawberry.field(description="The team (队伍).")
    async def team(
        self, root: strawberry.Parent[models.TeamMembership], info: Info
    ) -> VolunteerTeam:
        row = await info.context.loaders.by_id(models.VolunteerTeam).load(root.team_id)
        return cast(VolunteerTeam, row)

    @strawberry.field(description="The volunteer (志愿者).")
    async def volunteer(
        self, root: strawberry.Parent[models.TeamMembership], info: Info
    ) -> Volunteer:
        row = await info.context.loaders.by_id(models.Volunteer).load(root.volunteer_id)
        return cast(Volunteer, row)
