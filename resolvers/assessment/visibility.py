"""Which assessment rows a viewer reads, as SQL: those of the communities their grants
cover (the district's, a street's, a community's, a grid's community). Observers read the
whole district, as their grants say; residents and members read the reviews and awards of
their own community."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from db.models import AccountRole as R
from db.models import (
    AnnualReview,
    AwardApplication,
    AwardEvent,
    AwardScore,
    CapacityScore,
    Community,
    Grid,
    ObserverAssignment,
    ObserverVisit,
    ResponsibilityLetter,
    ReviewEvent,
    ReviewRating,
    RingRecord,
    Shortfall,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer
from resolvers.rules import STAFF, RowRule

RESIDENTS = frozenset({R.RESIDENT, R.PARTY_MEMBER})


def area_rule(column: InstrumentedAttribute[int], roles: frozenset[R] = STAFF) -> RowRule:
    """Rows whose community (`column`) lies in the area of the viewer's grants of `roles`."""

    def rule(viewer: Viewer) -> ColumnElement[bool]:
        seen: list[ColumnElement[bool]] = []
        for grant in viewer.grants_of(roles):
            if grant.level is ScopeLevel.DISTRICT:
                return true()
            if grant.level is ScopeLevel.STREET:
                seen.append(
                    column.in_(select(Community.id).where(Community.street_id == grant.scope_id))
                )
            elif grant.level is ScopeLevel.COMMUNITY:
                seen.append(column == grant.scope_id)
            elif grant.level is ScopeLevel.GRID:
                seen.append(column.in_(select(Grid.community_id).where(Grid.id == grant.scope_id)))
        return or_(*seen) if seen else false()

    return rule


reviews_seen_by = area_rule(AnnualReview.community_id, STAFF | RESIDENTS)
awards_seen_by = area_rule(AwardApplication.community_id, STAFF | RESIDENTS)
visits_seen_by = area_rule(ObserverVisit.community_id)
assignments_seen_by = area_rule(ObserverAssignment.community_id)
shortfalls_seen_by = area_rule(Shortfall.community_id)
rings_seen_by = area_rule(RingRecord.community_id)
capacity_seen_by = area_rule(CapacityScore.community_id)
letters_seen_by = area_rule(ResponsibilityLetter.community_id)


def review_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return ReviewEvent.review_id.in_(
        select(AnnualReview.id).where(area_rule(AnnualReview.community_id)(viewer))
    )


def ratings_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff read the ratings of their area; a resident or member their own."""
    staff = ReviewRating.review_id.in_(
        select(AnnualReview.id).where(area_rule(AnnualReview.community_id)(viewer))
    )
    if viewer.person_id is None:
        return staff
    return or_(staff, ReviewRating.person_id == viewer.person_id)


def award_scores_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return AwardScore.application_id.in_(
        select(AwardApplication.id).where(area_rule(AwardApplication.community_id)(viewer))
    )


def award_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return AwardEvent.application_id.in_(
        select(AwardApplication.id).where(area_rule(AwardApplication.community_id)(viewer))
    )
