"""Root query fields for local service items, key recipients, plans and publications."""

from __future__ import annotations

import strawberry

from db import models
from resolvers.paging import NEWEST_FIRST, Ordering, SortField
from schema.pagination import Connection, list_field
from schema.volunteering.plan_inputs import (
    MonthlyPublicationFilter,
    ServicePlanFilter,
    plan_filter,
    publication_filter,
)
from schema.volunteering.plans import MonthlyPublication, ServicePlan
from schema.volunteering.recipient_inputs import (
    KeyRecipientFilter,
    LocalServiceItemFilter,
    local_item_filter,
    recipient_filter,
)
from schema.volunteering.recipients import KeyRecipient, LocalServiceItem


@strawberry.type
class ServicePlansQuery:
    local_service_items: Connection[LocalServiceItem] = list_field(
        models.LocalServiceItem,
        description='Communities\' own service items (社区自定服务项目, the "N" of "6+N").',
        filter_input=LocalServiceItemFilter,
        make_filter=local_item_filter,
    )
    key_recipients: Connection[KeyRecipient] = list_field(
        models.KeyRecipient,
        description=(
            "Key service recipients (重点服务对象), in order of registration; personal data"
            " masked outside the scope of your roles."
        ),
        filter_input=KeyRecipientFilter,
        make_filter=recipient_filter,
        fixed_order=Ordering(SortField.ID),
    )
    service_plans: Connection[ServicePlan] = list_field(
        models.ServicePlan,
        description="Monthly schedules and yearly plans (服务计划), newest first.",
        filter_input=ServicePlanFilter,
        make_filter=plan_filter,
        fixed_order=NEWEST_FIRST,
    )
    monthly_publications: Connection[MonthlyPublication] = list_field(
        models.MonthlyPublication,
        description="Published monthly figures (志愿服务按月公示), newest first.",
        filter_input=MonthlyPublicationFilter,
        make_filter=publication_filter,
        fixed_order=NEWEST_FIRST,
    )
