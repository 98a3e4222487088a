"""Mutations of complaints, ratings and the red/black list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from resolvers.complaints import mutations, ratings
from schema.base import Info
from schema.complaints.inputs import (
    ChangeComplaintLevelInput,
    ComplaintInput,
    ComplaintNoteInput,
    ComplaintReasonInput,
    ConfirmComplaintInput,
    EscalateOverdueComplaintsInput,
    FileComplaintInput,
    PublishRedBlackListInput,
    ReassignComplaintInput,
    RecordCompanyRatingInput,
    ResolveComplaintInput,
)
from schema.complaints.types import CompanyRating, PropertyComplaint, RedBlackList
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors


@strawberry.type(description="Result of a complaint mutation (投诉操作结果).")
class ComplaintPayload:
    complaint: PropertyComplaint | None = result("The complaint (投诉).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of escalateOverdueComplaints (超时督办结果).")
class EscalateOverdueComplaintsPayload:
    complaints: list[PropertyComplaint] | None = result("The complaints escalated (被督办投诉).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordCompanyRating (物业企业评价).")
class CompanyRatingPayload:
    rating: CompanyRating | None = result("The rating (评价).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of publishRedBlackList (发布红黑榜).")
class RedBlackListPayload:
    red_black_list: RedBlackList | None = result("The published list (红黑榜).")
    user_errors: list[UserError] = user_errors()


async def _step(info: Info, work: Callable[[], Awaitable[Any]]) -> ComplaintPayload:
    """One step on a complaint in one transaction, answered with the complaint."""
    return await run(info, ComplaintPayload, "complaint", work)


@strawberry.type
class ComplaintsMutation:
    @strawberry.mutation(description="File a complaint against a property company (物业投诉).")
    async def file_complaint(
        self, info: Info, input: Annotated[FileComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.file(
                info.context,
                property_company_id=input.property_company_id,
                building_id=input.building_id,
                level=input.level,
                title=input.title,
                description=input.description,
                complainant_person_id=input.complainant_person_id,
            ),
        )

    @strawberry.mutation(description="Acknowledge a complaint (签收投诉).")
    async def acknowledge_complaint(
        self, info: Info, input: Annotated[ComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.acknowledge(info.context, complaint_id=input.complaint_id),
        )

    @strawberry.mutation(description="Report the handling of a complaint (处理投诉).")
    async def record_complaint_handling(
        self, info: Info, input: Annotated[ComplaintNoteInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.record_handling(
                info.context, complaint_id=input.complaint_id, note=input.note
            ),
        )

    @strawberry.mutation(description="Pause a complaint's clock with a reason (暂停计时).")
    async def pause_complaint(
        self, info: Info, input: Annotated[ComplaintReasonInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.pause(
                info.context, complaint_id=input.complaint_id, reason=input.reason
            ),
        )

    @strawberry.mutation(description="Resume a paused complaint's clock (恢复计时).")
    async def resume_complaint(
        self, info: Info, input: Annotated[ComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.resume(info.context, complaint_id=input.complaint_id),
        )

    @strawberry.mutation(description="Resolve a complaint (办结投诉).")
    async def resolve_complaint(
        self, info: Info, input: Annotated[ResolveComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.resolve(
                info.context, complaint_id=input.complaint_id, resolution=input.resolution
            ),
        )

    @strawberry.mutation(description="Confirm a complaint's resolution (投诉人确认).")
    async def confirm_complaint(
        self, info: Info, input: Annotated[ConfirmComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.confirm(
                info.context, complaint_id=input.complaint_id, comment=input.comment
            ),
        )

    @strawberry.mutation(description="Reopen a resolved complaint (重新办理).")
    async def reopen_complaint(
        self, info: Info, input: Annotated[ComplaintReasonInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.reopen(
                info.context, complaint_id=input.complaint_id, reason=input.reason
            ),
        )

    @strawberry.mutation(description="Escalate a complaint one level (督办): community, street.")
    async def escalate_complaint(
        self, info: Info, input: Annotated[ComplaintReasonInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.escalate(
                info.context, complaint_id=input.complaint_id, reason=input.reason
            ),
        )

    @strawberry.mutation(
        description=(
            "Escalate a community's breached complaints where the clock says (超时督办): to the"
            " community on breach, to the street once late by the level's days again."
        )
    )
    async def escalate_overdue_complaints(
        self, info: Info, input: Annotated[EscalateOverdueComplaintsInput, Input]
    ) -> EscalateOverdueComplaintsPayload:
        return await run(
            info,
            EscalateOverdueComplaintsPayload,
            "complaints",
            lambda: mutations.escalate_overdue(info.context, community_id=input.community_id),
        )

    @strawberry.mutation(description="Reassign a complaint to another company (改派).")
    async def reassign_complaint(
        self, info: Info, input: Annotated[ReassignComplaintInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.reassign(
                info.context,
                complaint_id=input.complaint_id,
                property_company_id=input.property_company_id,
                reason=input.reason,
            ),
        )

    @strawberry.mutation(description="Change a complaint's level and deadline (调整等级).")
    async def change_complaint_level(
        self, info: Info, input: Annotated[ChangeComplaintLevelInput, Input]
    ) -> ComplaintPayload:
        return await _step(
            info,
            lambda: mutations.change_level(
                info.context,
                complaint_id=input.complaint_id,
                level=input.level,
                reason=input.reason,
            ),
        )

    @strawberry.mutation(description="Rate a property company for a quarter (季度评价).")
    async def record_company_rating(
        self, info: Info, input: Annotated[RecordCompanyRatingInput, Input]
    ) -> CompanyRatingPayload:
        return await run(
            info,
            CompanyRatingPayload,
            "rating",
            lambda: ratings.record_rating(
                info.context,
                property_company_id=input.property_company_id,
                year=input.year,
                quarter=input.quarter,
                positive_items=input.positive_items,
                negative_items=input.negative_items,
                note=input.note,
                evidence=[(item.title, item.url) for item in input.evidence],
            ),
        )

    @strawberry.mutation(description="Publish a quarter's red/black list (发布红黑榜).")
    async def publish_red_black_list(
        self, info: Info, input: Annotated[PublishRedBlackListInput, Input]
    ) -> RedBlackListPayload:
        return await run(
            info,
            RedBlackListPayload,
            "red_black_list",
            lambda: ratings.publish(info.context, year=input.year, quarter=input.quarter),
        )
