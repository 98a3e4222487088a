"""Root fields of consultations and joint meetings, with the roll-ups."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select

from db import models
from resolvers import clock, global_ids
from resolvers.deliberation.consultation_queries import ConsultationFilter
from resolvers.deliberation.joint_meeting_queries import MeetingFilter, ProblemFilter, rollups
from resolvers.errors import BadUserInputError
from resolvers.paging import NEWEST_FIRST, Ordering, SortField
from schema.base import Info
from schema.deliberation.enums import MeetingLevel
from schema.deliberation.inputs import (
    ConsultationFilterInput,
    JointMeetingFilterInput,
    JointMeetingProblemFilterInput,
)
from schema.deliberation.types import (
    Consultation,
    ConsultationCategory,
    JointMeeting,
    JointMeetingProblem,
    JointMeetingRollup,
)
from schema.pagination import FILTER, After, Before, Connection, First, Last, connection

OLDEST_FIRST = Ordering(SortField.ID)


def _key(value: strawberry.ID | None, type_name: str) -> int | None:
    return global_ids.key_of(value, type_name)


@strawberry.type
class DeliberationQuery:
    @strawberry.field(description="The 15 topic categories of consultations (协商议题类别).")
    async def consultation_categories(self, info: Info) -> list[ConsultationCategory]:
        rows = await info.context.session.scalars(
            select(models.ConsultationCategory).order_by(models.ConsultationCategory.id)
        )
        return list(rows.all())  # type: ignore[arg-type]

    @strawberry.field(
        description=(
            '"Let\'s talk it over" consultations (好商量) you see, newest first: staff their'
            " area's, residents and members those they raised or take part in."
        )
    )
    def consultations(
        self,
        info: Info,
        filter: Annotated[ConsultationFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Consultation]:
        viewer = info.context.viewer
        given = filter
        found = (
            ConsultationFilter(viewer)
            if given is None
            else ConsultationFilter(
                viewer,
                community_id=_key(given.community_id, "Community"),
                street_id=_key(given.street_id, "Street"),
                category_id=_key(given.category_id, "ConsultationCategory"),
                status=given.status,
                open=given.open,
                proposed_from=given.proposed_from,
                proposed_before=given.proposed_before,
            )
        )
        return connection(
            info,
            models.Consultation,
            filter=found,
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Joint meetings (联席会议) you see, newest first: the district's staff every level,"
            " a street its own and its communities', a community its own."
        )
    )
    def joint_meetings(
        self,
        info: Info,
        filter: Annotated[JointMeetingFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[JointMeeting]:
        viewer = info.context.viewer
        given = filter
        found = (
            MeetingFilter(viewer)
            if given is None
            else MeetingFilter(
                viewer,
                level=given.level,
                year=given.year,
                quarter=given.quarter,
                street_id=_key(given.street_id, "Street"),
                community_id=_key(given.community_id, "Community"),
            )
        )
        return connection(
            info,
            models.JointMeeting,
            filter=found,
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description="Problems of the joint meetings you see (联席会议议题), oldest first."
    )
    def joint_meeting_problems(
        self,
        info: Info,
        filter: Annotated[JointMeetingProblemFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[JointMeetingProblem]:
        viewer = info.context.viewer
        given = filter
        today = clock.today()
        found = (
            ProblemFilter(viewer, today)
            if given is None
            else ProblemFilter(
                viewer,
                today,
                meeting_id=_key(given.meeting_id, "JointMeeting"),
                level=given.level,
                year=given.year,
                quarter=given.quarter,
                status=given.status,
                open=given.open,
                overdue=given.overdue,
            )
        )
        return connection(
            info,
            models.JointMeetingProblem,
            filter=found,
            fixed_order=OLDEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Roll-ups of the joint meetings you see (分级分季统计) per level and quarter of a"
            " year: problems raised, solved, open, overdue and passed on, computed now."
        )
    )
    async def joint_meeting_rollups(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="Year (年度).")],
        quarter: Annotated[
            int | None, strawberry.argument(description="Quarter 1–4 (季度); all when null.")
        ] = None,
        level: Annotated[
            MeetingLevel | None, strawberry.argument(description="Level (层级); all when null.")
        ] = None,
    ) -> list[JointMeetingRollup]:
        if not 2000 <= year <= 2100 or (quarter is not None and not 1 <= quarter <= 4):
            raise BadUserInputError("a quarter is 1 to 4 of a year from 2000 to 2100")
        rows = await rollups(
            info.context.session,
            viewer=info.context.viewer,
            year=year,
            today=clock.today(),
            quarter=quarter,
            level=level,
        )
        return [
            JointMeetingRollup(
                level=row.level,
                year=row.year,
                quarter=row.quarter,
                meetings=row.meetings,
                raised=row.raised,
                solved=row.solved,
                open=row.open,
                overdue=row.overdue,
                passed=row.passed,
            )
            for row in rows
        ]
