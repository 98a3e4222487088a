"""Root fields of assessment: observers and their visits, shortfalls, the four rings,
annual reviews, capacity scores, letters, award applications and a year's figures."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from db import models
from db.base import Base
from resolvers import global_ids
from resolvers.assessment import queries as q
from resolvers.assessment.rules import check_year
from resolvers.errors import BadUserInputError, UserErrors
from resolvers.paging import NEWEST_FIRST, SqlFilter
from resolvers.permissions import require_read
from schema.assessment.inputs import (
    AnnualReviewFilterInput,
    AssessmentFilterInput,
    AwardApplicationFilterInput,
    ObserverAssignmentFilterInput,
    ObserverVisitFilterInput,
    RingRecordFilterInput,
    ShortfallFilterInput,
)
from schema.assessment.types import (
    AnnualReview,
    AssessmentYear,
    AwardApplication,
    CapacityScore,
    Observer,
    ObserverAssignment,
    ObserverVisit,
    ResponsibilityLetter,
    RingRecord,
    Shortfall,
)
from schema.base import Info
from schema.pagination import FILTER, After, Before, Connection, First, Last, connection

FilterOf = Annotated[AssessmentFilterInput | None, FILTER]


def _area(info: Info, given: AssessmentFilterInput | None) -> dict[str, Any]:
    if given is None:
        return {"viewer": info.context.viewer}
    return {
        "viewer": info.context.viewer,
        "community_id": global_ids.key_of(given.community_id, "Community"),
        "street_id": global_ids.key_of(given.street_id, "Street"),
        "year": given.year,
    }


def _page(
    info: Info,
    model: type[Base],
    filter: SqlFilter,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    return connection(
        info,
        model,
        filter=filter,
        fixed_order=NEWEST_FIRST,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.type
class AssessmentQuery:
    @strawberry.field(description="The district's observers (基层党建观察员).")
    def observers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Observer]:
        return connection(info, models.Observer, first=first, after=after, last=last, before=before)

    @strawberry.field(description="Observers' assignments (联系社区) in your area.")
    def observer_assignments(
        self,
        info: Info,
        filter: Annotated[ObserverAssignmentFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ObserverAssignment]:
        observer = global_ids.key_of(filter.observer_id, "Observer") if filter else None
        found = q.AssignmentFilter(**_area(info, filter), observer_id=observer)
        return _page(info, models.ObserverAssignment, found, first, after, last, before)

    @strawberry.field(description="Observers' visits (观察走访) in your area, newest first.")
    def observer_visits(
        self,
        info: Info,
        filter: Annotated[ObserverVisitFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ObserverVisit]:
        found = q.VisitFilter(
            **_area(info, filter),
            observer_id=global_ids.key_of(filter.observer_id, "Observer") if filter else None,
            kind=filter.kind if filter else None,
        )
        return _page(info, models.ObserverVisit, found, first, after, last, before)

    @strawberry.field(description="Shortfalls (短板) in your area, newest first.")
    def shortfalls(
        self,
        info: Info,
        filter: Annotated[ShortfallFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Shortfall]:
        found = q.ShortfallFilter(
            **_area(info, filter),
            source=filter.source if filter else None,
            severity=filter.severity if filter else None,
            has_project=filter.has_project if filter else None,
        )
        return _page(info, models.Shortfall, found, first, after, last, before)

    @strawberry.field(description="Four-ring records (一体四环) in your area, newest first.")
    def ring_records(
        self,
        info: Info,
        filter: Annotated[RingRecordFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[RingRecord]:
        found = q.RingFilter(**_area(info, filter), ring=filter.ring if filter else None)
        return _page(info, models.RingRecord, found, first, after, last, before)

    @strawberry.field(
        description="Annual reviews (述职评议): staff their area's, residents their community's."
    )
    def annual_reviews(
        self,
        info: Info,
        filter: Annotated[AnnualReviewFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[AnnualReview]:
        found = q.ReviewFilter(
            **_area(info, filter),
            status=filter.status if filter else None,
            commended=filter.commended if filter else None,
        )
        return _page(info, models.AnnualReview, found, first, after, last, before)

    @strawberry.field(description="Capacity scores (一居一策服务力测评) in your area.")
    def capacity_scores(
        self,
        info: Info,
        filter: FilterOf = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CapacityScore]:
        found = q.CapacityFilter(**_area(info, filter))
        return _page(info, models.CapacityScore, found, first, after, last, before)

    @strawberry.field(description="Responsibility letters (目标责任书) in your area.")
    def responsibility_letters(
        self,
        info: Info,
        filter: FilterOf = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ResponsibilityLetter]:
        found = q.LetterFilter(**_area(info, filter))
        return _page(info, models.ResponsibilityLetter, found, first, after, last, before)

    @strawberry.field(
        description="Best-service-centre applications (评选申报): staff their area's,"
        " residents their community's."
    )
    def award_applications(
        self,
        info: Info,
        filter: Annotated[AwardApplicationFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[AwardApplication]:
        found = q.AwardFilter(
            **_area(info, filter),
            status=filter.status if filter else None,
            outcome=filter.outcome if filter else None,
        )
        return _page(info, models.AwardApplication, found, first, after, last, before)

    @strawberry.field(
        description="A year's assessment in figures (年度考核统计), computed from your area's rows."
    )
    async def assessment_year(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="The assessed year (考核年度).")],
    ) -> AssessmentYear:
        require_read(info.context.viewer, "AnnualReview")
        try:
            check_year(year)
        except UserErrors as failure:
            raise BadUserInputError(failure.errors[0].message) from None
        viewer = info.context.viewer
        figures = await info.context.loaders.run(
            lambda session: q.year_figures(session, viewer, year)
        )
        return AssessmentYear(**vars(figures))
