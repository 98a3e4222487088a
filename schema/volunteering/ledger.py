"""The hours ledger (服务时长台账): one entry per completed service, and the totals per
volunteer and per team that volunteer recognition is based on."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.volunteering.reports import HoursTotal
from schema.base import Info, Node, is_model

if TYPE_CHECKING:
    from schema.organization.types import Community
    from schema.volunteering.orders import ServiceOrder
    from schema.volunteering.teams import Volunteer, VolunteerTeam

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
ServiceOrderT = Annotated["ServiceOrder", strawberry.lazy("schema.volunteering.orders")]
VolunteerT = Annotated["Volunteer", strawberry.lazy("schema.volunteering.teams")]
VolunteerTeamT = Annotated["VolunteerTeam", strawberry.lazy("schema.volunteering.teams")]


@strawberry.type(description="An entry of the hours ledger (服务时长记录): one completed service.")
class HoursEntry(Node):
    is_type_of = is_model(models.HoursEntry)

    served_on: date = strawberry.field(
        description="Day of the service (服务日期), district calendar."
    )
    minutes: int = strawberry.field(description="Minutes served (服务时长, 分钟).")
    recorded_at: datetime = strawberry.field(description="When it was recorded (记录时间).")

    @strawberry.field(description="Hours served (服务小时数).")
    def hours(self, root: strawberry.Parent[models.HoursEntry]) -> float:
        return root.minutes / 60

    @strawberry.field(description="The volunteer who served (志愿者).")
    async def volunteer(self, root: strawberry.Parent[models.HoursEntry], info: Info) -> VolunteerT:
        return cast(
            "Volunteer", await info.context.loaders.required(models.Volunteer, root.volunteer_id)
        )

    @strawberry.field(description="The team the service was done for (服务队伍).")
    async def team(self, root: strawberry.Parent[models.HoursEntry], info: Info) -> VolunteerTeamT:
        return cast(
            "VolunteerTeam", await info.context.loaders.required(models.VolunteerTeam, root.team_id)
        )

    @strawberry.field(description="The community served (服务社区).")
    async def community(self, root: strawberry.Parent[models.HoursEntry], info: Info) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.required(models.Community, root.community_id)
        )

    @strawberry.field(description="The order that was served (服务订单).")
    async def order(self, root: strawberry.Parent[models.HoursEntry], info: Info) -> ServiceOrderT:
        return cast(
            "ServiceOrder", await info.context.loaders.required(models.ServiceOrder, root.order_id)
        )


@strawberry.type(description="A volunteer's total in the hours ledger (志愿者服务时长合计).")
class VolunteerHours:
    total: strawberry.Private[HoursTotal]

    @strawberry.field(description="Services done (服务次数).")
    def services(self) -> int:
        return self.total.services

    @strawberry.field(description="Minutes served (服务时长, 分钟).")
    def minutes(self) -> int:
        return self.total.minutes

    @strawberry.field(description="Hours served (服务小时数).")
    def hours(self) -> float:
        return self.total.hours

    @strawberry.field(description="The volunteer (志愿者).")
    async def volunteer(self, info: Info) -> VolunteerT:
        return cast(
            "Volunteer", await info.context.loaders.required(models.Volunteer, self.total.key)
        )


@strawberry.type(description="A team's total in the hours ledger (队伍服务时长合计).")
class TeamHours:
    total: strawberry.Private[HoursTotal]

    @strawberry.field(description="Services done (服务次数).")
    def services(self) -> int:
        return self.total.services

    @strawberry.field(description="Minutes served (服务时长, 分钟).")
    def minutes(self) -> int:
        return self.total.minutes

    @strawberry.field(description="Hours served (服务小时数).")
    def hours(self) -> float:
        return self.total.hours

    @strawberry.field(description="The team (服务队伍).")
    async def team(self, info: Info) -> VolunteerTeamT:
        return cast(
            "VolunteerTeam",
            await info.context.loaders.required(models.VolunteerTeam, self.total.key),
        )
