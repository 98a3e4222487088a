"""Service orders (服务订单) along the order chain, and their history (流转记录)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers import clock
from resolvers.loaders.volunteering import events_of
from resolvers.volunteering.contact import contact_of
from resolvers.volunteering.workflow import ORDERS
from schema.base import Info, Node, is_model
from schema.volunteering.enums import OrderAction, OrderStatus, ServiceCategory
from schema.volunteering.teams import Volunteer, VolunteerTeam

if TYPE_CHECKING:
    from schema.organization.types import Community
    from schema.people.types import Person
    from schema.volunteering.recipients import LocalServiceItem

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
LocalServiceItemT = Annotated["LocalServiceItem", strawberry.lazy("schema.volunteering.recipients")]


@strawberry.type(
    description=(
        "How to reach the recipient (联系方式): given to the recipient, whoever placed the"
        " order, its claimer and team lead, and staff of the recipient's area; masked"
        " (null fields, `masked: true`) for everyone else."
    )
)
class OrderContact:
    name: str = strawberry.field(description="The recipient's name (服务对象姓名).")
    phone: str | None = strawberry.field(description="Phone (联系电话); masked outside scope.")
    address: str | None = strawberry.field(description="Where to serve (服务地址): the home.")
    masked: bool = strawberry.field(description="Whether phone and address are withheld (已脱敏).")


@strawberry.type(description="How long an open order has waited at its step (等待时长).")
class OrderWait:
    step: str = strawberry.field(description="The step it waits at (当前环节).")
    since: datetime = strawberry.field(description="Since when the wait counts (起算时间).")
    allowed_hours: float = strawberry.field(description="How long the step may take (时限, 小时).")
    overdue: bool = strawberry.field(description="Whether it has waited too long (已超时).")
    overdue_minutes: int = strawberry.field(
        description="Minutes past the limit (超时分钟), 0 if not."
    )


@strawberry.type(
    description=(
        "A volunteer service order (志愿服务订单): residents order (群众点单), the community"
        " dispatches (社区派单), a team accepts (队伍接单), a member claims (成员领单), serves,"
        " completes with hours, and the resident rates it (评单)."
    )
)
class ServiceOrder(Node):
    is_type_of = is_model(models.ServiceOrder)

    title: str = strawberry.field(description="What is asked for (服务内容).")
    description: str = strawberry.field(description="Details (详细说明).")
    category: ServiceCategory = strawberry.field(description='The "6+N" item (服务项目).')
    status: OrderStatus = strawberry.field(description="Where it stands (订单状态).")
    scheduled_start: datetime = strawberry.field(description="When the service starts (预约开始).")
    scheduled_end: datetime = strawberry.field(description="When it ends (预约结束).")
    status_changed_at: datetime = strawberry.field(description="Last step's time (状态更新时间).")
    placed_at: datetime = strawberry.field(description="Ordered (点单时间).")
    dispatched_at: datetime | None = strawberry.field(description="Dispatched (派单时间).")
    accepted_at: datetime | None = strawberry.field(description="Accepted (接单时间).")
    claimed_at: datetime | None = strawberry.field(description="Claimed (领单时间).")
    started_at: datetime | None = strawberry.field(description="Service started (开始服务时间).")
    completed_at: datetime | None = strawberry.field(description="Completed (完成时间).")
    rated_at: datetime | None = strawberry.field(description="Rated (评价时间).")
    cancelled_at: datetime | None = strawberry.field(description="Cancelled (取消时间).")
    cancel_reason: str | None = strawberry.field(description="Why it was cancelled (取消原因).")
    minutes: int | None = strawberry.field(description="Minutes served (服务时长, 分钟).")
    rating: int | None = strawberry.field(description="The resident's rating 1–5 (评分).")
    rating_comment: str | None = strawberry.field(description="The resident's comment (评价).")

    @strawberry.field(description="The community it is served in (所属社区): the recipient's.")
    async def community(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> CommunityT:
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        return cast("Community", row)

    @strawberry.field(description="The community's own item of a LOCAL order (社区自定项目).")
    async def local_item(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> LocalServiceItemT | None:
        if root.local_item_id is None:
            return None
        row = await info.context.loaders.by_id(models.LocalServiceItem).load(root.local_item_id)
        return cast("LocalServiceItem", row)

    @strawberry.field(description="The team it is dispatched to (承接队伍); null before.")
    async def team(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> VolunteerTeam | None:
        if root.team_id is None:
            return None
        row = await info.context.loaders.by_id(models.VolunteerTeam).load(root.team_id)
        return cast(VolunteerTeam, row)

    @strawberry.field(
        description="The volunteer who claimed it (领单志愿者): staff and teams read it."
    )
    async def claimer(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> Volunteer | None:
        return cast(
            Volunteer | None, await info.context.loaders.optional(models.Volunteer, root.claimer_id)
        )

    @strawberry.field(description="The claimer's name (领单人), for everyone who sees the order.")
    async def claimer_name(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> str | None:
        claimer = await info.context.loaders.optional(models.Volunteer, root.claimer_id)
        person = await info.context.loaders.optional(
            models.Person, claimer.person_id if claimer else None
        )
        return person.name if person else None

    @strawberry.field(description="The recipient's name (服务对象).")
    async def recipient_name(self, root: strawberry.Parent[models.ServiceOrder], info: Info) -> str:
        person = await info.context.loaders.optional(models.Person, root.recipient_id)
        assert person is not None
        return person.name

    @strawberry.field(
        description="The recipient (服务对象) as a person: staff read it; null with an error else."
    )
    async def recipient(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> PersonT | None:
        return cast("Person", await info.context.loaders.optional(models.Person, root.recipient_id))

    @strawberry.field(description="How to reach the recipient (联系方式), masked outside scope.")
    async def contact(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> OrderContact:
        contact = await contact_of(info.context, root)
        return OrderContact(
            name=contact.name, phone=contact.phone, address=contact.address, masked=contact.masked
        )

    @strawberry.field(description="Its history (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.ServiceOrder], info: Info
    ) -> list[ServiceOrderEvent]:
        rows = await events_of(info.context.loaders).load(root.id)
        return cast(list[ServiceOrderEvent], rows)

    @strawberry.field(
        description="How long it has waited at its step (等待时长); null once it is done."
    )
    def waiting(self, root: strawberry.Parent[models.ServiceOrder]) -> OrderWait | None:
        found = ORDERS.waiting_since(root)
        if found is None:
            return None
        wait, since = found
        late = clock.now() - since - wait.allowed
        minutes = max(0, int(late.total_seconds() // 60))
        return OrderWait(
            step=wait.step,
            since=since,
            allowed_hours=wait.allowed.total_seconds() / 3600,
            overdue=late.total_seconds() > 0,
            overdue_minutes=minutes,
        )


@strawberry.type(description="One step of an order's history (订单流转记录).")
class ServiceOrderEvent(Node):
    is_type_of = is_model(models.OrderEvent)

    action: OrderAction = strawberry.field(description="What was done (操作).")
    from_status: OrderStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: OrderStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, where a reason is asked (原因).")
    no_show: bool = strawberry.field(description="The claimer did not turn up (爽约).")

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.OrderEvent], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.actor_person_id)
        return person.name if person else None

    @strawberry.field(description="The team concerned (相关队伍).")
    async def team(
        self, root: strawberry.Parent[models.OrderEvent], info: Info
    ) -> VolunteerTeam | None:
        if root.team_id is None:
            return None
        row = await info.context.loaders.by_id(models.VolunteerTeam).load(root.team_id)
        return cast(VolunteerTeam, row)
