"""The deliberation domain's part of the schema."""

from __future__ import annotations

from schema.deliberation.mutations import DeliberationMutation
from schema.deliberation.queries import DeliberationQuery
from schema.deliberation.types import (
    Consultation,
    ConsultationCategory,
    ConsultationEvent,
    ConsultationFeedback,
    ConsultationFollowUp,
    ConsultationParticipant,
    JointMeeting,
    JointMeetingProblem,
    JointMeetingProblemEvent,
)
from schema.domain import SchemaDomain

DOMAIN = SchemaDomain(
    "deliberation",
    queries=(DeliberationQuery,),
    mutations=(DeliberationMutation,),
    types=(
        ConsultationCategory,
        Consultation,
        ConsultationParticipant,
        ConsultationFollowUp,
        ConsultationFeedback,
        ConsultationEvent,
        JointMeeting,
        JointMeetingProblem,
        JointMeetingProblemEvent,
    ),
)
