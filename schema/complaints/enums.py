"""Enums of complaints and ratings, shared with the models."""

from __future__ import annotations

import strawberry

from db import models
from resolvers.complaints.queries import RateGroup

strawberry.enum(
    models.ComplaintLevel,
    description=(
        'Level of a complaint (投诉等级), which sets its "2310" deadline: GENERAL (一般, 2'
        " days), IMPORTANT (重要, 3 days), MAJOR (重大, 10 days)."
    ),
)
strawberry.enum(
    models.ComplaintStatus,
    description=(
        "Where a complaint stands (投诉状态): FILED (已受理), ACKNOWLEDGED (已签收),"
        " IN_HANDLING (处理中), PAUSED (暂停计时), RESOLVED (已办结), CONFIRMED (已确认)."
    ),
)
strawberry.enum(
    models.ComplaintAction,
    description=(
        "A step of a complaint (投诉操作): FILE, ACKNOWLEDGE, HANDLE, PAUSE, RESUME, RESOLVE,"
        " CONFIRM, REOPEN, ESCALATE (督办), REASSIGN (改派), CHANGE_LEVEL (调整等级)."
    ),
)
strawberry.enum(
    models.EscalationLevel,
    description=(
        "Who watches a breached complaint (督办层级): NONE, COMMUNITY (社区), STREET (街道)."
    ),
)
strawberry.enum(
    models.Standing,
    description="A rated company's place (榜单): RED (红榜), BLACK (黑榜), NEUTRAL (未上榜).",
)
strawberry.enum(
    RateGroup,
    name="OnTimeGroup",
    description="How on-time figures are grouped (统计口径): COMPANY, COMMUNITY, STREET.",
)

# The models' enums, registered above with their GraphQL descriptions.
ComplaintLevel = models.ComplaintLevel
ComplaintStatus = models.ComplaintStatus
ComplaintAction = models.ComplaintAction
EscalationLevel = models.EscalationLevel
Standing = models.Standing
OnTimeGroup = RateGroup
