"""Mutations of volunteer teams and of the order chain (点单 → 派单 → 接单 → 领单 → 评单)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.volunteering import orders, teams
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.volunteering.inputs import (
    AddTeamMemberInput,
    ArchiveVolunteerTeamInput,
    CompleteServiceInput,
    CreateVolunteerTeamInput,
    DispatchServiceOrderInput,
    MembershipInput,
    OrderInput,
    OrderReasonInput,
    PlaceServiceOrderInput,
    RateServiceOrderInput,
    ReassignServiceOrderInput,
    RegisterVolunteerInput,
    UpdateVolunteerProfileInput,
)
from schema.volunteering.orders import ServiceOrder
from schema.volunteering.teams import TeamMembership, Volunteer, VolunteerTeam


@strawberry.type(description="Result of a team mutation (队伍操作结果).")
class VolunteerTeamPayload:
    volunteer_team: VolunteerTeam | None = result("The team (队伍).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a volunteer mutation (志愿者操作结果).")
class VolunteerPayload:
    volunteer: Volunteer | None = result("The volunteer (志愿者).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a membership mutation (队员操作结果).")
class TeamMembershipPayload:
    team_membership: TeamMembership | None = result("The membership (队员).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a step of the order chain (订单操作结果).")
class ServiceOrderPayload:
    service_order: ServiceOrder | None = result("The order as it now stands (订单).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class VolunteeringMutation:
    @strawberry.mutation(description="Form a volunteer team (组建志愿服务队伍).")
    async def create_volunteer_team(
        self, info: Info, input: Annotated[CreateVolunteerTeamInput, Input]
    ) -> VolunteerTeamPayload:
        return await run(
            info,
            VolunteerTeamPayload,
            "volunteer_team",
            lambda: teams.create_team(
                info.context,
                name=input.name,
                level=input.level,
                node_id=input.node_id,
                categories=input.categories,
                founded_on=input.founded_on,
            ),
        )

    @strawberry.mutation(description="Archive a team; its members leave it (撤销队伍).")
    async def archive_volunteer_team(
        self, info: Info, input: Annotated[ArchiveVolunteerTeamInput, Input]
    ) -> VolunteerTeamPayload:
        return await run(
            info,
            VolunteerTeamPayload,
            "volunteer_team",
            lambda: teams.archive_team(info.context, input.team_id),
        )

    @strawberry.mutation(description="Register a person as a volunteer (志愿者注册).")
    async def register_volunteer(
        self, info: Info, input: Annotated[RegisterVolunteerInput, Input]
    ) -> VolunteerPayload:
        return await run(
            info,
            VolunteerPayload,
            "volunteer",
            lambda: teams.register_volunteer(
                info.context,
                person_id=input.person_id,
                skills=input.skills,
                weekdays=input.available_weekdays,
                available_from=input.available_from,
                available_until=input.available_until,
            ),
        )

    @strawberry.mutation(description="Change a volunteer's skills or availability (更新信息).")
    async def update_volunteer_profile(
        self, info: Info, input: Annotated[UpdateVolunteerProfileInput, Input]
    ) -> VolunteerPayload:
        return await run(
            info,
            VolunteerPayload,
            "volunteer",
            lambda: teams.update_volunteer(
                info.context,
                volunteer_id=input.volunteer_id,
                skills=input.skills,
                weekdays=input.available_weekdays,
                available_from=input.available_from,
                available_until=input.available_until,
                active=input.active,
            ),
        )

    @strawberry.mutation(description="Add a volunteer to a team (加入队伍).")
    async def add_team_member(
        self, info: Info, input: Annotated[AddTeamMemberInput, Input]
    ) -> TeamMembershipPayload:
        return await run(
            info,
            TeamMembershipPayload,
            "team_membership",
            lambda: teams.add_member(
                info.context, team_id=input.team_id, person_id=input.person_id
            ),
        )

    @strawberry.mutation(description="A member leaves the team (退出队伍).")
    async def remove_team_member(
        self, info: Info, input: Annotated[MembershipInput, Input]
    ) -> TeamMembershipPayload:
        return await run(
            info,
            TeamMembershipPayload,
            "team_membership",
            lambda: teams.remove_member(info.context, input.membership_id),
        )

    @strawberry.mutation(description="Make a member the team's lead (任命队长).")
    async def set_team_lead(
        self, info: Info, input: Annotated[MembershipInput, Input]
    ) -> TeamMembershipPayload:
        return await run(
            info,
            TeamMembershipPayload,
            "team_membership",
            lambda: teams.set_lead(info.context, input.membership_id),
        )

    @strawberry.mutation(description="Order a volunteer service (群众点单).")
    async def place_service_order(
        self, info: Info, input: Annotated[PlaceServiceOrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.place(
                info.context,
                recipient_id=input.recipient_id,
                category=input.category,
                local_item_id=input.local_item_id,
                title=input.title,
                description=input.description,
                scheduled_start=input.scheduled_start,
                scheduled_end=input.scheduled_end,
            ),
        )

    @strawberry.mutation(description="Dispatch an order to a team (社区派单).")
    async def dispatch_service_order(
        self, info: Info, input: Annotated[DispatchServiceOrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.dispatch(info.context, order_id=input.order_id, team_id=input.team_id),
        )

    @strawberry.mutation(description="The team's lead accepts the order (队伍接单).")
    async def accept_service_order(
        self, info: Info, input: Annotated[OrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.accept(info.context, order_id=input.order_id),
        )

    @strawberry.mutation(description="The team's lead declines, saying why (拒单).")
    async def decline_service_order(
        self, info: Info, input: Annotated[OrderReasonInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.decline(info.context, order_id=input.order_id, reason=input.reason),
        )

    @strawberry.mutation(
        description="A team member claims the order (成员领单); of racing claims one wins."
    )
    async def claim_service_order(
        self, info: Info, input: Annotated[OrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.claim(info.context, order_id=input.order_id),
        )

    @strawberry.mutation(description="The claimer starts the service (开始服务).")
    async def start_service(
        self, info: Info, input: Annotated[OrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.start(info.context, order_id=input.order_id),
        )

    @strawberry.mutation(description="The claimer completes it; minutes go to the ledger (完成).")
    async def complete_service(
        self, info: Info, input: Annotated[CompleteServiceInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.complete(info.context, order_id=input.order_id, minutes=input.minutes),
        )

    @strawberry.mutation(description="The resident rates the service (评单).")
    async def rate_service_order(
        self, info: Info, input: Annotated[RateServiceOrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.rate(
                info.context, order_id=input.order_id, rating=input.rating, comment=input.comment
            ),
        )

    @strawberry.mutation(description="Cancel an order, saying why (取消订单).")
    async def cancel_service_order(
        self, info: Info, input: Annotated[OrderReasonInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.cancel(info.context, order_id=input.order_id, reason=input.reason),
        )

    @strawberry.mutation(description="Move an order to another team or back (改派).")
    async def reassign_service_order(
        self, info: Info, input: Annotated[ReassignServiceOrderInput, Input]
    ) -> ServiceOrderPayload:
        return await run(
            info,
            ServiceOrderPayload,
            "service_order",
            lambda: orders.reassign(
                info.context,
                order_id=input.order_id,
                reason=input.reason,
                team_id=input.team_id,
                no_show=input.no_show,
            ),
        )
