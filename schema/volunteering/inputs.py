"""Inputs of the volunteer-team and order-chain mutations, and the order filters."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from schema.volunteering.enums import OrderStatus, ServiceCategory, TeamLevel

ORDER = "The order (服务订单)."


@strawberry.input(description="Form a volunteer team (组建志愿服务队伍).")
class CreateVolunteerTeamInput:
    name: str = strawberry.field(description="Name (队伍名称), unique among live teams.")
    level: TeamLevel = strawberry.field(description="Level (层级).")
    node_id: strawberry.ID = strawberry.field(
        description="The District, Street or Community it belongs to (所属区/街道/社区)."
    )
    categories: list[ServiceCategory] = strawberry.field(
        default_factory=list, description='The "6" items it offers (服务项目); not LOCAL.'
    )
    founded_on: date | None = strawberry.field(
        default=None, description="Day formed (成立日期); default today."
    )


@strawberry.input(description="Archive a team without open orders (撤销队伍).")
class ArchiveVolunteerTeamInput:
    team_id: strawberry.ID = strawberry.field(description="The team (队伍).")


@strawberry.input(description="Register a person as a volunteer (志愿者注册).")
class RegisterVolunteerInput:
    person_id: strawberry.ID = strawberry.field(description="The person (人员).")
    skills: list[ServiceCategory] = strawberry.field(
        default_factory=list, description="Items they are good at (特长); not LOCAL."
    )
    available_weekdays: list[int] | None = strawberry.field(
        default=None, description="Days they can serve (可服务日), 1 Monday … 7 Sunday; all."
    )
    available_from: str | None = strawberry.field(
        default=None, description="From HH:MM (可服务开始时间); default 08:00."
    )
    available_until: str | None = strawberry.field(
        default=None, description="Until HH:MM (可服务结束时间); default 18:00."
    )


@strawberry.input(description="Change a volunteer's skills or availability (更新志愿者信息).")
class UpdateVolunteerProfileInput:
    volunteer_id: strawberry.ID = strawberry.field(description="The volunteer (志愿者).")
    skills: list[ServiceCategory] | None = strawberry.field(
        default=None, description="Items they are good at (特长)."
    )
    available_weekdays: list[int] | None = strawberry.field(
        default=None, description="可服务日, 1 Monday … 7 Sunday."
    )
    available_from: str | None = strawberry.field(default=None, description="HH:MM (开始).")
    available_until: str | None = strawberry.field(default=None, description="HH:MM (结束).")
    active: bool | None = strawberry.field(
        default=None, description="Whether they still serve (在岗)."
    )


@strawberry.input(description="Add a volunteer to a team (加入队伍).")
class AddTeamMemberInput:
    team_id: strawberry.ID = strawberry.field(description="The team (队伍).")
    person_id: strawberry.ID = strawberry.field(
        description="A registered volunteer (志愿者) as a person."
    )


@strawberry.input(description="A team membership (队员).")
class MembershipInput:
    membership_id: strawberry.ID = strawberry.field(description="The membership (队员记录).")


@strawberry.input(description="Order a volunteer service (群众点单).")
class PlaceServiceOrderInput:
    recipient_id: strawberry.ID = strawberry.field(
        description="Who is served (服务对象): yourself, or a resident when staff order."
    )
    category: ServiceCategory = strawberry.field(description='The "6+N" item (服务项目).')
    local_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="For LOCAL: one of the community's own items (社区自定项目)."
    )
    title: str = strawberry.field(description="What is asked for (服务内容).")
    description: str | None = strawberry.field(default=None, description="Details (说明).")
    scheduled_start: datetime = strawberry.field(description="Start (预约开始), ISO-8601.")
    scheduled_end: datetime = strawberry.field(
        description="End (预约结束); at most 12 hours after the start."
    )


@strawberry.input(description="Dispatch an order to a team (社区派单).")
class DispatchServiceOrderInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)
    team_id: strawberry.ID = strawberry.field(
        description="A live team (队伍) serving the order's community, street or district."
    )


@strawberry.input(description="An order step that needs nothing else (接单, 领单, 开始服务).")
class OrderInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)


@strawberry.input(description="Decline or cancel an order, saying why (拒单, 取消).")
class OrderReasonInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)
    reason: str = strawberry.field(description="Why (原因); required.")


@strawberry.input(description="Complete a service with its minutes (完成服务).")
class CompleteServiceInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)
    minutes: int = strawberry.field(description="Minutes served (服务时长), 1–1440.")


@strawberry.input(description="Rate a completed service (评单).")
class RateServiceOrderInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)
    rating: int = strawberry.field(description="1 (poor) to 5 (excellent) (评分).")
    comment: str | None = strawberry.field(default=None, description="Comment (评价).")


@strawberry.input(description="Move an order to another team or back to the community (改派).")
class ReassignServiceOrderInput:
    order_id: strawberry.ID = strawberry.field(description=ORDER)
    reason: str = strawberry.field(description="Why (改派原因); required.")
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="The new team (新队伍); without it the order waits for dispatch."
    )
    no_show: bool = strawberry.field(
        default=False, description="The claimer did not turn up (爽约): counted against them."
    )


@strawberry.input(description="Which volunteer teams (志愿服务队伍) to list.")
class VolunteerTeamFilter:
    level: TeamLevel | None = strawberry.field(default=None, description="Only this level (层级).")
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only teams of this community (社区级队伍)."
    )
    street_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only teams of this street (街道级队伍)."
    )
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (名称包含)."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also archived teams (含已撤销)."
    )


@strawberry.input(description="Which volunteers (志愿者) to list.")
class VolunteerFilterInput:
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only live members of this team (队员)."
    )
    skill: ServiceCategory | None = strawberry.field(
        default=None, description="Good at this item (特长)."
    )
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (姓名包含)."
    )
    include_inactive: bool = strawberry.field(
        default=False, description="Also inactive volunteers (含不在岗)."
    )


@strawberry.input(description="Which orders (服务订单) to list, among those you take part in.")
class ServiceOrderFilter:
    statuses: list[OrderStatus] | None = strawberry.field(
        default=None, description="Only these statuses (订单状态)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community (社区)."
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this team's (承接队伍)."
    )
    category: ServiceCategory | None = strawberry.field(
        default=None, description="Only this item (服务项目)."
    )
    scheduled_from: datetime | None = strawberry.field(
        default=None, description="Starting at or after (预约开始不早于)."
    )
    scheduled_to: datetime | None = strawberry.field(
        default=None, description="Starting before (预约开始早于)."
    )
