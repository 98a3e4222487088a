"""Assessment (考核): observers (基层党建观察员) and their visits, the four rings (一体四环),
annual reviews (述职评议) with bottom-rates-top ratings (下评上), shortfalls that become
next year's breakthrough projects (突破项目), capacity scores (一居一策), responsibility
letters (目标责任书) and the best-service-centre award (最佳服务中心评选)."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    AnnualReview,
    AwardApplication,
    AwardEvent,
    AwardScore,
    CapacityScore,
    Community,
    District,
    Observer,
    ObserverAssignment,
    ObserverVisit,
    ResponsibilityLetter,
    ReviewEvent,
    ReviewRating,
    RingRecord,
    Shortfall,
)
from resolvers.assessment import visibility as v
from resolvers.domain import Domain, NodeType, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import ADMINS, EVERY_ROLE, STAFF, TREE_EDITORS, Read, Write

IN_AREA = "those of the communities the viewer's grants cover"
OWN_COMMUNITY = "those of the viewer's area; residents and members: their own community's"

NODES = (
    NodeType("Observer", Observer, Read(STAFF), via("district_id", District)),
    NodeType(
        "ObserverAssignment",
        ObserverAssignment,
        Read(STAFF, v.assignments_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "ObserverVisit",
        ObserverVisit,
        Read(STAFF, v.visits_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "Shortfall",
        Shortfall,
        Read(STAFF, v.shortfalls_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "RingRecord",
        RingRecord,
        Read(STAFF, v.rings_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "AnnualReview",
        AnnualReview,
        Read(EVERY_ROLE, v.reviews_seen_by, OWN_COMMUNITY),
        via("community_id", Community),
    ),
    NodeType(
        "AnnualReviewEvent",
        ReviewEvent,
        Read(STAFF, v.review_events_seen_by, IN_AREA),
        via("review_id", AnnualReview),
    ),
    NodeType(
        "AnnualReviewRating",
        ReviewRating,
        Read(EVERY_ROLE, v.ratings_seen_by, "staff: their area's; a rater: their own"),
        via("review_id", AnnualReview),
    ),
    NodeType(
        "CapacityScore",
        CapacityScore,
        Read(STAFF, v.capacity_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "ResponsibilityLetter",
        ResponsibilityLetter,
        Read(STAFF, v.letters_seen_by, IN_AREA),
        via("community_id", Community),
    ),
    NodeType(
        "AwardApplication",
        AwardApplication,
        Read(EVERY_ROLE, v.awards_seen_by, OWN_COMMUNITY),
        via("community_id", Community),
    ),
    NodeType(
        "AwardScore",
        AwardScore,
        Read(STAFF, v.award_scores_seen_by, IN_AREA),
        via("application_id", AwardApplication),
    ),
    NodeType(
        "AwardEvent",
        AwardEvent,
        Read(STAFF, v.award_events_seen_by, IN_AREA),
        via("application_id", AwardApplication),
    ),
)

DISTRICT = frozenset({R.DISTRICT_ADMIN})
OBSERVERS = frozenset({R.OBSERVER})
RATERS = frozenset({R.RESIDENT, R.PARTY_MEMBER})

DOMAIN = Domain(
    name="assessment",
    description='Observers, "one body, four rings", annual reviews, capacity and awards'
    " (观察员、一体四环、述职评议、服务力与评选)",
    nodes=NODES,
    writes={
        "registerObserver": Write(DISTRICT, "the district"),
        "assignObserver": Write(DISTRICT, "the community"),
        "recordObserverVisit": Write(
            OBSERVERS, "the community; only one the observer is assigned to that year"
        ),
        "recordRing": Write(
            TREE_EDITORS | OBSERVERS,
            "the community; an observer: LOOK where assigned; a secretary: REPORT",
        ),
        "openAnnualReview": Write(DISTRICT, "the community"),
        "rateAnnualReview": Write(RATERS, "the review's community: residents and members of it"),
        "concludeAnnualReview": Write(DISTRICT, "the review's community"),
        "createBreakthroughProject": Write(TREE_EDITORS, "the shortfall's community"),
        "replaceSecretary": Write(DISTRICT, "the reviewed community"),
        "recordCapacityScore": Write(ADMINS, "the community"),
        "signResponsibilityLetter": Write(TREE_EDITORS, "the community"),
        "applyForAward": Write(frozenset({R.COMMUNITY_SECRETARY}), "the community"),
        "firstReviewAward": Write(frozenset({R.STREET_ADMIN}), "the applying community"),
        "recheckAward": Write(DISTRICT, "the applying community"),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.OUT_OF_AREA,
        C.OUT_OF_RANGE,
        C.ALREADY_RECORDED,
        C.REASON_REQUIRED,
        C.ROLE_EXISTS,
        C.NOT_A_PARTY_MEMBER,
    ),
)
