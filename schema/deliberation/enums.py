"""Enums of consultations and joint meetings, shared with the models."""

from __future__ import annotations

import strawberry

from db import models
from resolvers.deliberation.consultation_queries import FiveHave

strawberry.enum(
    models.ConsultationStatus,
    description=(
        "Where a consultation stands (协商状态): PROPOSED (议题提出), SCHEDULED (已安排), HELD"
        " (已协商), FOLLOWING_UP (落实中), RESOLVED (已解决), NOT_RESOLVED (未解决),"
        " CANCELLED (已撤销)."
    ),
)
strawberry.enum(
    models.ConsultationAction,
    description=(
        "A step of a consultation (协商操作): PROPOSE, SCHEDULE, HOLD (record the meeting),"
        " FOLLOW_UP (decisions become follow-up items), RESOLVE, FAIL (not resolved), CANCEL."
    ),
)
strawberry.enum(
    models.ParticipantRole,
    description=(
        "The three parties of a consultation (三方): CONVENER (问题召集方, raises the problem),"
        " STAKEHOLDER (利益相关方), COORDINATOR (协调处置方, coordinates and disposes)."
    ),
)
strawberry.enum(
    models.MeetingLevel,
    description=(
        "Level of a joint meeting (联席会议层级): DISTRICT (区), STREET (街道), COMMUNITY (社区)."
    ),
)
strawberry.enum(
    models.JointProblemStatus,
    description=(
        "Where a joint-meeting problem stands (议题状态): RAISED (已提出), DECIDED (已议定, with"
        " owner and due date), SOLVED (已解决), PASSED (已移交 to another level)."
    ),
)
strawberry.enum(
    models.JointProblemAction,
    description=(
        "A step of a joint-meeting problem (议题操作): RAISE, RECEIVE (arrived from another"
        " level), DECIDE, SOLVE, PASS_UP (报上级), PASS_DOWN (交下级)."
    ),
)
strawberry.enum(
    FiveHave,
    description=(
        'The five "haves" of a consultation (五有): PLACE (有场所), SIGN (有标识), RECORD'
        " (有记录), FEEDBACK (有回声), FOLLOW_THROUGH (有落实)."
    ),
)

ConsultationStatus = models.ConsultationStatus
ConsultationAction = models.ConsultationAction
ParticipantRole = models.ParticipantRole
MeetingLevel = models.MeetingLevel
JointProblemStatus = models.JointProblemStatus
JointProblemAction = models.JointProblemAction
__all__ = [
    "ConsultationAction",
    "ConsultationStatus",
    "FiveHave",
    "JointProblemAction",
    "JointProblemStatus",
    "MeetingLevel",
    "ParticipantRole",
]
