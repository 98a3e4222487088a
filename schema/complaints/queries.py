"""Root fields of complaints, on-time figures, ratings and the red/black list."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers import clock, global_ids
from resolvers.complaints import ratings
from resolvers.complaints.queries import (
    ComplaintFilter,
    RateGroup,
    on_time_rows,
    quarter_bounds,
    seen_by,
)
from resolvers.complaints.rating_lists import NEGATIVE_LIST, POSITIVE_LIST
from resolvers.complaints.sla import DEADLINE_DAYS
from resolvers.errors import BadUserInputError
from resolvers.paging import NEWEST_FIRST
from schema.base import Info
from schema.complaints.enums import OnTimeGroup
from schema.complaints.inputs import ComplaintFilterInput
from schema.complaints.types import (
    CompanyRating,
    ComplaintDeadline,
    OnTimeFigure,
    PropertyComplaint,
    RatingItem,
    RedBlackList,
    RedBlackStanding,
)
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    connection,
    list_field,
)

TYPE_OF_GROUP = {
    RateGroup.COMPANY: "PropertyCompany",
    RateGroup.COMMUNITY: "Community",
    RateGroup.STREET: "Street",
}


def complaint_filter(
    info: Info, given: ComplaintFilterInput | None, *, breached: bool | None = None
) -> ComplaintFilter:
    """The viewer's complaints as the input narrows them; `breached` overrides the input's
    (the breach list)."""
    # Minute precision keeps the filter (and its batched loaders) stable in a request.
    now = clock.now().replace(second=0, microsecond=0)
    viewer = info.context.viewer
    if given is None:
        return ComplaintFilter(viewer, now, breached=breached)
    return ComplaintFilter(
        viewer,
        now,
        property_company_id=global_ids.key_of(given.property_company_id, "PropertyCompany"),
        community_id=global_ids.key_of(given.community_id, "Community"),
        street_id=global_ids.key_of(given.street_id, "Street"),
        building_id=global_ids.key_of(given.building_id, "Building"),
        status=given.status,
        level=given.level,
        escalation=given.escalation,
        breached=given.breached if breached is None else breached,
        open=given.open,
        filed_from=given.filed_from,
        filed_before=given.filed_before,
    )


def _quarter(year: int, quarter: int) -> None:
    """The same range the ratings' mutations accept (resolvers/complaints/ratings.py)."""
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise BadUserInputError("a quarter is 1 to 4 of a year from 2000 to 2100")


@strawberry.type
class ComplaintsQuery:
    @strawberry.field(
        description=(
            "Property complaints (物业投诉) you take part in, newest first: staff see their"
            " area's, a company those against it, residents their own."
        )
    )
    def complaints(
        self,
        info: Info,
        filter: Annotated[ComplaintFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PropertyComplaint]:
        return connection(
            info,
            models.PropertyComplaint,
            filter=complaint_filter(info, filter),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "The breach list (超时投诉): complaints you see that were resolved after their due"
            " time or are still open past it, newest first."
        )
    )
    def breached_complaints(
        self,
        info: Info,
        filter: Annotated[ComplaintFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PropertyComplaint]:
        return connection(
            info,
            models.PropertyComplaint,
            filter=complaint_filter(info, filter, breached=True),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description='The "2310" rule (2310时限规则): days allowed per level.')
    def complaint_deadline_rule(self) -> list[ComplaintDeadline]:
        return [ComplaintDeadline(level=level, days=days) for level, days in DEADLINE_DAYS.items()]

    @strawberry.field(
        description=(
            "On-time figures (按时办结率) of the complaints you see that were filed in a quarter,"
            " per company, community or street, as they stand now: open complaints past"
            " their due time count as late."
        )
    )
    async def complaint_on_time_rates(
        self,
        info: Info,
        group_by: Annotated[OnTimeGroup, strawberry.argument(description="Grouping (口径).")],
        year: Annotated[int, strawberry.argument(description="Year (年度).")],
        quarter: Annotated[int, strawberry.argument(description="Quarter 1–4 (季度).")],
    ) -> list[OnTimeFigure]:
        _quarter(year, quarter)
        start, end = quarter_bounds(year, quarter)
        rows = await on_time_rows(
            info.context.session,
            group_by,
            now=clock.now(),
            filed_from=start,
            filed_before=end,
            seen=seen_by(info.context.viewer),
        )
        return [
            OnTimeFigure(
                group=row.group,
                id=strawberry.ID(global_ids.encode(TYPE_OF_GROUP[row.group], row.key)),
                name=row.name,
                filed=row.filed,
                on_time=row.on_time,
                late=row.late,
                pending=row.pending,
                rate=row.rate,
            )
            for row in rows
        ]

    @strawberry.field(description="The positive list (正面清单, 15 items) companies are rated on.")
    def company_positive_list(self) -> list[RatingItem]:
        return [RatingItem.of(item) for item in POSITIVE_LIST]

    @strawberry.field(description="The negative list (负面清单, 6 items) companies are rated on.")
    def company_negative_list(self) -> list[RatingItem]:
        return [RatingItem.of(item) for item in NEGATIVE_LIST]

    company_ratings: Connection[CompanyRating] = list_field(
        models.CompanyRating,
        description="Quarterly company ratings (物业企业季度评价), newest first.",
        fixed_order=NEWEST_FIRST,
    )
    red_black_lists: Connection[RedBlackList] = list_field(
        models.RedBlackList,
        description="Published red/black lists (红黑榜), newest first.",
        fixed_order=NEWEST_FIRST,
    )

    @strawberry.field(
        description=(
            "The quarter's red/black list as the stated rule computes it now (红黑榜预览), from"
            " the quarter's ratings and complaints; not published."
        )
    )
    async def red_black_list_preview(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="Year (年度).")],
        quarter: Annotated[int, strawberry.argument(description="Quarter 1–4 (季度).")],
    ) -> list[RedBlackStanding]:
        _quarter(year, quarter)
        found = await ratings.compute(info.context.session, year, quarter, clock.now())
        return [
            RedBlackStanding(
                property_company_id=strawberry.ID(
                    global_ids.encode("PropertyCompany", each.property_company_id)
                ),
                standing=each.standing,
                score=each.score,
                negative_count=each.negative_count,
                complaints=each.complaints,
                on_time=each.on_time,
                late=each.late,
                on_time_rate=each.on_time_rate,
                reasons=list(each.reasons),
            )
            for each in found
        ]
