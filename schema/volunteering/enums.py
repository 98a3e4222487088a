"""Enums of volunteer service, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.ServiceCategory,
    description=(
        'A "6+N" service item (6+N志愿服务项目): HOME_ENVIRONMENT (居家环境), DAILY_CARE'
        " (生活照料), TUTORING_AND_CHILD_CARE (托管教育), ERRANDS (跑腿代办),"
        " PSYCHOLOGICAL_COUNSELLING (心理疏导), HEALTH_CARE (医疗保健), or LOCAL: one of the"
        " community's own N items (社区自定项目)."
    ),
)
strawberry.enum(
    models.TeamLevel,
    description=(
        "Level of a volunteer team (队伍层级): DISTRICT (区级), STREET (街道级),"
        " COMMUNITY (社区级)."
    ),
)
strawberry.enum(
    models.RecipientKind,
    description=(
        "Why someone is a key recipient (重点服务对象类别): WIDOWER (鳏), WIDOW (寡), ORPHAN"
        " (孤), CHILDLESS_ELDERLY (独, 无子女老人), ELDERLY_LIVING_ALONE (独居老人), DISABLED"
        " (残疾人), LOW_INCOME (低保户)."
    ),
)
strawberry.enum(
    models.OrderStatus,
    description=(
        "Where a service order stands (订单状态): PLACED (已点单), DISPATCHED (已派单),"
        " ACCEPTED (已接单), CLAIMED (已领单), IN_SERVICE (服务中), COMPLETED (已完成),"
        " RATED (已评单), CANCELLED (已取消)."
    ),
)
strawberry.enum(
    models.OrderAction,
    description=(
        "A step of the order chain (订单操作): PLACE (点单), DISPATCH (派单), ACCEPT (接单),"
        " DECLINE (拒单), CLAIM (领单), START (开始服务), COMPLETE (完成服务), RATE (评单),"
        " CANCEL (取消), REASSIGN (改派)."
    ),
)
strawberry.enum(
    models.PlanKind,
    description="Kind of service plan (服务计划): MONTHLY (月度安排) or YEARLY (年度计划).",
)
strawberry.enum(
    models.PartyTieIn,
    description=(
        "The party routine a planned service is tied to (结合党内活动): NONE, PARTY_DAY"
        " (28日主题党日), THREE_MEETINGS_ONE_LESSON (三会一课)."
    ),
)

# The models' enums, registered above with their GraphQL descriptions.
ServiceCategory = models.ServiceCategory
TeamLevel = models.TeamLevel
RecipientKind = models.RecipientKind
OrderStatus = models.OrderStatus
OrderAction = models.OrderAction
PlanKind = models.PlanKind
PartyTieIn = models.PartyTieIn
