"""Lists of assessment rows as each viewer may see them, and the figures computed from
them: a review's bottom-rates-top average, a year's assessment totals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import (
    AnnualReview,
    AwardApplication,
    AwardOutcome,
    AwardStatus,
    CapacityScore,
    Community,
    ObserverAssignment,
    ObserverVisit,
    Project,
    RaterRole,
    ResponsibilityLetter,
    ReviewRating,
    ReviewStatus,
    Ring,
    RingRecord,
    Severity,
    Shortfall,
    ShortfallSource,
    VisitKind,
)
from resolvers.accounts.viewer import Viewer
from resolvers.assessment import visibility as v
from resolvers.rules import RowRule


@dataclass(frozen=True)
class _Filter:
    """Rows the viewer may see, narrowed by the filter's fields (None: any)."""

    model: ClassVar[type[Base]]
    viewer: Viewer
    community_id: int | None = None
    street_id: int | None = None
    year: int | None = None

    def more(self) -> list[ColumnElement[bool]]:
        return []

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        model: Any = self.model
        clauses = [RULES[self.model](self.viewer)]
        community = model.community_id
        if self.community_id is not None:
            clauses.append(community == self.community_id)
        if self.street_id is not None:
            clauses.append(
                community.in_(select(Community.id).where(Community.street_id == self.street_id))
            )
        if self.year is not None:
            if hasattr(model, "year"):
                clauses.append(model.year == self.year)
            else:  # a visit's year is its day's
                day = model.visited_on
                clauses.append(day >= date(self.year, 1, 1))
                clauses.append(day < date(self.year + 1, 1, 1))
        return [*clauses, *self.more()]


@dataclass(frozen=True)
class AssignmentFilter(_Filter):
    model = ObserverAssignment
    observer_id: int | None = None

    def more(self) -> list[ColumnElement[bool]]:
        if self.observer_id is None:
            return []
        return [ObserverAssignment.observer_id == self.observer_id]


@dataclass(frozen=True)
class VisitFilter(_Filter):
    model = ObserverVisit
    observer_id: int | None = None
    kind: VisitKind | None = None

    def more(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.observer_id is not None:
            found.append(ObserverVisit.observer_id == self.observer_id)
        if self.kind is not None:
            found.append(ObserverVisit.kind == self.kind)
        return found


@dataclass(frozen=True)
class ShortfallFilter(_Filter):
    model = Shortfall
    source: ShortfallSource | None = None
    severity: Severity | None = None
    has_project: bool | None = None

    def more(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.source is not None:
            found.append(Shortfall.source == self.source)
        if self.severity is not None:
            found.append(Shortfall.severity == self.severity)
        if self.has_project is not None:
            linked = Shortfall.id.in_(
                select(Project.source_shortfall_id).where(Project.source_shortfall_id.is_not(None))
            )
            found.append(linked if self.has_project else ~linked)
        return found


@dataclass(frozen=True)
class RingFilter(_Filter):
    model = RingRecord
    ring: Ring | None = None

    def more(self) -> list[ColumnElement[bool]]:
        return [] if self.ring is None else [RingRecord.ring == self.ring]


@dataclass(frozen=True)
class ReviewFilter(_Filter):
    model = AnnualReview
    status: ReviewStatus | None = None
    commended: bool | None = None

    def more(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.status is not None:
            found.append(AnnualReview.status == self.status)
        if self.commended is not None:
            found.append(AnnualReview.commended.is_(self.commended))
        return found


@dataclass(frozen=True)
class CapacityFilter(_Filter):
    model = CapacityScore


@dataclass(frozen=True)
class LetterFilter(_Filter):
    model = ResponsibilityLetter


@dataclass(frozen=True)
class AwardFilter(_Filter):
    model = AwardApplication
    status: AwardStatus | None = None
    outcome: AwardOutcome | None = None

    def more(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.status is not None:
            found.append(AwardApplication.status == self.status)
        if self.outcome is not None:
            found.append(AwardApplication.outcome == self.outcome)
        return found


# Which rows of each listed model a viewer sees (resolvers/assessment/visibility.py).
RULES: dict[type[Base], RowRule] = {
    ObserverAssignment: v.assignments_seen_by,
    ObserverVisit: v.visits_seen_by,
    Shortfall: v.shortfalls_seen_by,
    RingRecord: v.rings_seen_by,
    AnnualReview: v.reviews_seen_by,
    CapacityScore: v.capacity_seen_by,
    ResponsibilityLetter: v.letters_seen_by,
    AwardApplication: v.awards_seen_by,
}


@dataclass(frozen=True)
class RatingFigures:
    count: int
    average: float | None
    residents: int
    members: int


async def rating_figures(session: AsyncSession, ids: Sequence[int]) -> list[RatingFigures]:
    """Each review's bottom-rates-top figures (下评上), computed from its ratings."""
    rows = (
        await session.execute(
            select(
                ReviewRating.review_id,
                ReviewRating.rater_role,
                func.count(),
                func.sum(ReviewRating.score),
            )
            .where(ReviewRating.review_id.in_(ids))
            .group_by(ReviewRating.review_id, ReviewRating.rater_role)
        )
    ).all()
    counts: dict[int, dict[RaterRole, tuple[int, int]]] = {pk: {} for pk in ids}
    for review_id, role, n, total in rows:
        counts[review_id][role] = (int(n), int(total or 0))
    figures = []
    for pk in ids:
        by_role = counts[pk]
        count = sum(n for n, _ in by_role.values())
        total = sum(t for _, t in by_role.values())
        figures.append(
            RatingFigures(
                count=count,
                average=round(total / count, 2) if count else None,
                residents=by_role.get(RaterRole.RESIDENT, (0, 0))[0],
                members=by_role.get(RaterRole.PARTY_MEMBER, (0, 0))[0],
            )
        )
    return figures


@dataclass(frozen=True)
class YearFigures:
    """A year's assessment in numbers, as the viewer sees it (their area's rows)."""

    year: int
    observers_visiting: int
    observer_visits: int
    findings: int
    reviews: int
    reviews_concluded: int
    commended: int
    capacity_scores: int
    awards_best: int
    awards_most_distinctive: int
    secretaries_replaced: int
    shortfalls: int
    shortfall_projects: int


async def _count(session: AsyncSession, *where: ColumnElement[bool], what: Any) -> int:
    return int(await session.scalar(select(func.count(what)).where(*where)) or 0)


async def year_figures(session: AsyncSession, viewer: Viewer, year: int) -> YearFigures:
    visits = VisitFilter(viewer, year=year).clauses()
    reviews = ReviewFilter(viewer, year=year).clauses()
    awards = AwardFilter(viewer, year=year).clauses()
    shortfalls = ShortfallFilter(viewer, year=year).clauses()
    linked = ShortfallFilter(viewer, year=year, has_project=True).clauses()
    A = AwardApplication
    return YearFigures(
        year=year,
        observers_visiting=await _count(
            session, *visits, what=ObserverVisit.observer_id.distinct()
        ),
        observer_visits=await _count(session, *visits, what=ObserverVisit.id),
        findings=await _count(
            session,
            *shortfalls,
            Shortfall.source == ShortfallSource.VISIT_FINDING,
            what=Shortfall.id,
        ),
        reviews=await _count(session, *reviews, what=AnnualReview.id),
        reviews_concluded=await _count(
            session, *reviews, AnnualReview.status == ReviewStatus.CONCLUDED, what=AnnualReview.id
        ),
        commended=await _count(
            session, *reviews, AnnualReview.commended.is_(True), what=AnnualReview.id
        ),
        capacity_scores=await _count(
            session, *CapacityFilter(viewer, year=year).clauses(), what=CapacityScore.id
        ),
        awards_best=await _count(session, *awards, A.outcome == AwardOutcome.BEST, what=A.id),
        awards_most_distinctive=await _count(
            session, *awards, A.outcome == AwardOutcome.MOST_DISTINCTIVE, what=A.id
        ),
        secretaries_replaced=await _count(
            session, *reviews, AnnualReview.successor_role_id.is_not(None), what=AnnualReview.id
        ),
        shortfalls=await _count(session, *shortfalls, what=Shortfall.id),
        shortfall_projects=await _count(session, *linked, what=Shortfall.id),
    )
