"""The assessment domain's part of the schema."""

from __future__ import annotations

from schema.assessment.mutations import AssessmentMutation
from schema.assessment.queries import AssessmentQuery
from schema.assessment.types import (
    AnnualReview,
    AnnualReviewEvent,
    AnnualReviewRating,
    AwardApplication,
    AwardEvent,
    AwardScore,
    CapacityScore,
    Observer,
    ObserverAssignment,
    ObserverVisit,
    ResponsibilityLetter,
    RingRecord,
    Shortfall,
)
from schema.domain import SchemaDomain

DOMAIN = SchemaDomain(
    "assessment",
    queries=(AssessmentQuery,),
    mutations=(AssessmentMutation,),
    types=(
        Observer,
        ObserverAssignment,
        ObserverVisit,
        Shortfall,
        RingRecord,
        AnnualReview,
        AnnualReviewEvent,
        AnnualReviewRating,
        CapacityScore,
        ResponsibilityLetter,
        AwardApplication,
        AwardScore,
        AwardEvent,
    ),
)
