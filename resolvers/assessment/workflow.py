"""The two workflows of assessment on the core (resolvers/workflow).

Annual review (述职评议): OPEN (the district opens it; residents and members rate the
organisation, 下评上) → CONCLUDED (the district scores it, may commend it by one vote and
lists its shortfalls).

Best-service-centre award (最佳服务中心评选): APPLIED (the community's self-application,
自主申报) → RECOMMENDED or NOT_RECOMMENDED (the street's first review, 镇街初审) →
DECIDED from RECOMMENDED (the district's re-check, 区级复核, with the outcome).
"""

from __future__ import annotations

from db.models import (
    AnnualReview,
    AwardAction,
    AwardApplication,
    AwardEvent,
    AwardStatus,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
)
from resolvers.workflow import Machine, Move, State, StateKind, Transition


def _review_event(review: AnnualReview, move: Move[ReviewStatus, ReviewAction]) -> ReviewEvent:
    return ReviewEvent(
        review_id=review.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


def _award_event(application: AwardApplication, move: Move[AwardStatus, AwardAction]) -> AwardEvent:
    return AwardEvent(
        application_id=application.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


Reviews = Machine[AnnualReview, ReviewStatus, ReviewAction, ReviewEvent]
Awards = Machine[AwardApplication, AwardStatus, AwardAction, AwardEvent]

REVIEWS: Reviews = Machine(
    noun="an annual review",
    field="reviewId",
    model=AnnualReview,
    changed_at="status_changed_at",
    states=(
        State(ReviewStatus.OPEN, StateKind.OPEN, stamp="opened_at"),
        State(ReviewStatus.CONCLUDED, StateKind.CLOSED, stamp="concluded_at"),
    ),
    transitions=(
        Transition(ReviewAction.OPEN, frozenset({None}), ReviewStatus.OPEN, ("openAnnualReview",)),
        Transition(
            ReviewAction.CONCLUDE,
            frozenset({ReviewStatus.OPEN}),
            ReviewStatus.CONCLUDED,
            ("concludeAnnualReview",),
        ),
    ),
    event=_review_event,
)

AWARDS: Awards = Machine(
    noun="an award application",
    field="applicationId",
    model=AwardApplication,
    changed_at="status_changed_at",
    states=(
        State(AwardStatus.APPLIED, StateKind.OPEN, stamp="applied_at"),
        State(AwardStatus.RECOMMENDED, StateKind.OPEN),
        State(AwardStatus.NOT_RECOMMENDED, StateKind.CLOSED),
        State(AwardStatus.DECIDED, StateKind.CLOSED, stamp="rechecked_at"),
    ),
    transitions=(
        Transition(AwardAction.APPLY, frozenset({None}), AwardStatus.APPLIED, ("applyForAward",)),
        Transition(
            AwardAction.FIRST_REVIEW,
            frozenset({AwardStatus.APPLIED}),
            AwardStatus.RECOMMENDED,
            ("firstReviewAward",),
            alternatives=frozenset({AwardStatus.NOT_RECOMMENDED}),
            stamps=("first_reviewed_at",),
        ),
        Transition(
            AwardAction.RECHECK,
            frozenset({AwardStatus.RECOMMENDED}),
            AwardStatus.DECIDED,
            ("recheckAward",),
        ),
    ),
    event=_award_event,
)
