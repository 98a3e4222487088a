"""Service plans (月度安排、年度计划), their planned services and the monthly
publication (志愿服务按月公示): all public, like the community's other notices."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.paging import Ordering, SortField
from schema.base import Info, Node, is_model
from schema.pagination import Connection, list_field
from schema.volunteering.enums import PartyTieIn, PlanKind, ServiceCategory
from schema.volunteering.recipients import LocalServiceItem

if TYPE_CHECKING:
    from schema.organization.types import Community
    from schema.training.types import PartyMeeting
    from schema.volunteering.teams import VolunteerTeam

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
VolunteerTeamT = Annotated["VolunteerTeam", strawberry.lazy("schema.volunteering.teams")]
PartyMeetingT = Annotated["PartyMeeting", strawberry.lazy("schema.training.types")]


@strawberry.type(
    description=(
        "A service planned on a schedule or plan (计划服务): a day, an item, the team that"
        " will run it, and the party routine it is tied to."
    )
)
class PlannedService(Node):
    is_type_of = is_model(models.PlannedService)

    scheduled_on: date = strawberry.field(description="Day of the service (服务日期).")
    category: ServiceCategory = strawberry.field(description='The "6+N" item (服务项目).')
    title: str = strawberry.field(description="Title (服务标题).")
    tie_in: PartyTieIn = strawberry.field(
        description="The party routine it is tied to (结合党内活动): 28th party day, 三会一课."
    )
    created_at: datetime = strawberry.field(description="When it was planned (创建时间).")

    @strawberry.field(description="The community's own item, for a LOCAL service (自定项目).")
    async def local_item(
        self, root: strawberry.Parent[models.PlannedService], info: Info
    ) -> LocalServiceItem | None:
        return cast(
            "LocalServiceItem | None",
            await info.context.loaders.optional(models.LocalServiceItem, root.local_item_id),
        )

    @strawberry.field(description="The team that will run it (服务队伍), if chosen.")
    async def team(
        self, root: strawberry.Parent[models.PlannedService], info: Info
    ) -> VolunteerTeamT | None:
        return cast(
            "VolunteerTeam | None",
            await info.context.loaders.optional(models.VolunteerTeam, root.team_id),
        )

    @strawberry.field(description="The plan it belongs to (所属计划).")
    async def plan(self, root: strawberry.Parent[models.PlannedService], info: Info) -> ServicePlan:
        return cast(
            "ServicePlan", await info.context.loaders.optional(models.ServicePlan, root.plan_id)
        )

    @strawberry.field(
        description="The party meeting it is held with (结合的组织生活), once recorded; its tag"
        " stays in tieIn."
    )
    async def party_meeting(
        self, root: strawberry.Parent[models.PlannedService], info: Info
    ) -> PartyMeetingT | None:
        return cast(
            "PartyMeeting | None",
            await info.context.loaders.optional(models.PartyMeeting, root.party_meeting_id),
        )


@strawberry.type(
    description=(
        "A community's monthly schedule (月度安排) or yearly plan (年度计划) of volunteer services."
    )
)
class ServicePlan(Node):
    is_type_of = is_model(models.ServicePlan)

    kind: PlanKind = strawberry.field(description="Monthly schedule or yearly plan (计划类型).")
    year: int = strawberry.field(description="Year (年度).")
    title: str = strawberry.field(description="Title (标题).")
    notes: str = strawberry.field(description="Notes (说明).")
    created_at: datetime = strawberry.field(description="When it was made (创建时间).")

    @strawberry.field(
        description="Month (月份) 1–12 of a monthly schedule; null for a yearly plan."
    )
    def month(self, root: strawberry.Parent[models.ServicePlan]) -> int | None:
        return root.month or None

    @strawberry.field(description="The community whose plan it is (所属社区).")
    async def community(
        self, root: strawberry.Parent[models.ServicePlan], info: Info
    ) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.optional(models.Community, root.community_id)
        )

    services: Connection[PlannedService] = list_field(
        models.PlannedService,
        description="The services on the plan (计划服务), in the order they were added.",
        parent="plan_id",
        fixed_order=Ordering(SortField.ID),
    )


@strawberry.type(
    description=(
        "What a community did in a month, as published (志愿服务按月公示): figures frozen"
        " when published, which later changes to orders do not alter."
    )
)
class MonthlyPublication(Node):
    is_type_of = is_model(models.MonthlyPublication)

    year: int = strawberry.field(description="Year (年).")
    month: int = strawberry.field(description="Month (月) 1–12.")
    services: int = strawberry.field(description="Services done (完成服务次数).")
    minutes: int = strawberry.field(description="Minutes of service (服务时长, 分钟).")
    volunteers: int = strawberry.field(description="Distinct volunteers who served (参与志愿者).")
    recipients_served: int = strawberry.field(description="Distinct people served (服务对象).")
    key_recipients_served: int = strawberry.field(
        description="Of them, key recipients (其中重点服务对象)."
    )
    ratings: int = strawberry.field(description="Services rated (评价数).")
    average_rating: float | None = strawberry.field(
        description="Average rating 1–5 (平均评分); null without ratings."
    )
    published_at: datetime = strawberry.field(description="When it was published (公示时间).")

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.MonthlyPublication], info: Info
    ) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.optional(models.Community, root.community_id)
        )
