"""Mutations of local service items, key recipients, plans and the monthly publication."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.volunteering import plans, recipients
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.volunteering.plan_inputs import (
    AddPlannedServiceInput,
    CreateServicePlanInput,
    PublishMonthlyReportInput,
)
from schema.volunteering.plans import MonthlyPublication, PlannedService, ServicePlan
from schema.volunteering.recipient_inputs import (
    DefineLocalServiceItemInput,
    EndKeyRecipientInput,
    RegisterKeyRecipientInput,
    UpdateKeyRecipientInput,
)
from schema.volunteering.recipients import KeyRecipient, LocalServiceItem


@strawberry.type(description="Result of defineLocalServiceItem (新增社区自定服务项目).")
class DefineLocalServiceItemPayload:
    local_service_item: LocalServiceItem | None = result("The new item (服务项目).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(
    description="Result of registering, changing or ending a key recipient (重点服务对象登记)."
)
class KeyRecipientPayload:
    key_recipient: KeyRecipient | None = result("The registration (重点服务对象).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createServicePlan (制定服务计划).")
class CreateServicePlanPayload:
    service_plan: ServicePlan | None = result("The new plan (服务计划).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of addPlannedService (添加计划服务).")
class AddPlannedServicePayload:
    planned_service: PlannedService | None = result(
        "The planned service (计划服务); its `plan` is the plan."
    )
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of publishMonthlyReport (按月公示).")
class PublishMonthlyReportPayload:
    monthly_publication: MonthlyPublication | None = result(
        "The publication (公示), figures frozen."
    )
    user_errors: list[UserError] = user_errors()


@strawberry.type
class ServicePlansMutation:
    @strawberry.mutation(
        description=(
            'Define one of a community\'s own service items (社区自定服务项目, the "N" of "6+N").'
        )
    )
    async def define_local_service_item(
        self, info: Info, input: Annotated[DefineLocalServiceItemInput, Input]
    ) -> DefineLocalServiceItemPayload:
        return await run(
            info,
            DefineLocalServiceItemPayload,
            "local_service_item",
            lambda: recipients.define_local_item(
                info.context,
                community_id=input.community_id,
                name=input.name,
                description=input.description,
            ),
        )

    @strawberry.mutation(
        description=(
            "Register a key service recipient (登记重点服务对象) of the person's home"
            " community; one live registration per person."
        )
    )
    async def register_key_recipient(
        self, info: Info, input: Annotated[RegisterKeyRecipientInput, Input]
    ) -> KeyRecipientPayload:
        return await run(
            info,
            KeyRecipientPayload,
            "key_recipient",
            lambda: recipients.register_key_recipient(
                info.context,
                person_id=input.person_id,
                kind=input.kind,
                needs=input.needs,
                needs_note=input.needs_note,
            ),
        )

    @strawberry.mutation(description="Change a key recipient's kind, needs or note (修改登记).")
    async def update_key_recipient(
        self, info: Info, input: Annotated[UpdateKeyRecipientInput, Input]
    ) -> KeyRecipientPayload:
        return await run(
            info,
            KeyRecipientPayload,
            "key_recipient",
            lambda: recipients.update_key_recipient(
                info.context,
                key_recipient_id=input.key_recipient_id,
                kind=input.kind,
                needs=input.needs,
                needs_note=input.needs_note,
            ),
        )

    @strawberry.mutation(description="End a key recipient's registration (结束重点服务).")
    async def end_key_recipient(
        self, info: Info, input: Annotated[EndKeyRecipientInput, Input]
    ) -> KeyRecipientPayload:
        return await run(
            info,
            KeyRecipientPayload,
            "key_recipient",
            lambda: recipients.end_key_recipient(
                info.context, key_recipient_id=input.key_recipient_id, ended_on=input.ended_on
            ),
        )

    @strawberry.mutation(
        description="Make a monthly schedule or yearly plan (制定服务计划); one per period."
    )
    async def create_service_plan(
        self, info: Info, input: Annotated[CreateServicePlanInput, Input]
    ) -> CreateServicePlanPayload:
        return await run(
            info,
            CreateServicePlanPayload,
            "service_plan",
            lambda: plans.create_plan(
                info.context,
                community_id=input.community_id,
                kind=input.kind,
                year=input.year,
                month=input.month,
                title=input.title,
                notes=input.notes,
            ),
        )

    @strawberry.mutation(description="Put a service on a plan (添加计划服务).")
    async def add_planned_service(
        self, info: Info, input: Annotated[AddPlannedServiceInput, Input]
    ) -> AddPlannedServicePayload:
        return await run(
            info,
            AddPlannedServicePayload,
            "planned_service",
            lambda: plans.add_planned_service(
                info.context,
                plan_id=input.plan_id,
                scheduled_on=input.scheduled_on,
                category=input.category,
                local_item_id=input.local_item_id,
                team_id=input.team_id,
                title=input.title,
                tie_in=input.tie_in,
            ),
        )

    @strawberry.mutation(
        description=(
            "Publish a finished month's figures (志愿服务按月公示), frozen from then on;"
            " once per community and month."
        )
    )
    async def publish_monthly_report(
        self, info: Info, input: Annotated[PublishMonthlyReportInput, Input]
    ) -> PublishMonthlyReportPayload:
        return await run(
            info,
            PublishMonthlyReportPayload,
            "monthly_publication",
            lambda: plans.publish_month(
                info.context, community_id=input.community_id, year=input.year, month=input.month
            ),
        )
