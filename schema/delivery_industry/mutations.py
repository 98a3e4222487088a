"""Mutations of the delivery industry's party work."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.delivery_industry import mutations
from schema.base import Info
from schema.delivery_industry.inputs import (
    AddIndustryPartyMemberInput,
    ReportChecklistProgressInput,
    ReportMeasureProgressInput,
)
from schema.delivery_industry.types import (
    CommissionerChecklistItem,
    IndustryMeasureProgress,
    IndustryPartyMember,
)
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors


@strawberry.type(description="Result of addIndustryPartyMember (骑手党员入册).")
class IndustryPartyMemberPayload:
    member: IndustryPartyMember | None = result("The member (骑手党员).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of reportMeasureProgress (举措落实进展).")
class MeasureProgressPayload:
    measure: IndustryMeasureProgress | None = result("The measure (举措).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of reportChecklistProgress (专员履职进展).")
class ChecklistProgressPayload:
    item: CommissionerChecklistItem | None = result("The item (清单事项).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class DeliveryIndustryMutation:
    @strawberry.mutation(
        description="Enter a rider who is a party member in the committee (骑手党员入册)."
    )
    async def add_industry_party_member(
        self, info: Info, input: Annotated[AddIndustryPartyMemberInput, Input]
    ) -> IndustryPartyMemberPayload:
        return await run(
            info,
            IndustryPartyMemberPayload,
            "member",
            lambda: mutations.add_member(
                info.context,
                committee_id=input.committee_id,
                person_id=input.person_id,
                platform=input.platform,
                delivery_station=input.delivery_station,
                joined_on=input.joined_on,
            ),
        )

    @strawberry.mutation(
        description=(
            "Report a measure's progress (举措落实进展): 100 completes it, less reopens a"
            " completed one."
        )
    )
    async def report_measure_progress(
        self, info: Info, input: Annotated[ReportMeasureProgressInput, Input]
    ) -> MeasureProgressPayload:
        return await run(
            info,
            MeasureProgressPayload,
            "measure",
            lambda: mutations.report_measure(
                info.context,
                measure_progress_id=input.measure_progress_id,
                progress=input.progress,
                note=input.note,
                owner=input.owner,
            ),
        )

    @strawberry.mutation(
        description=(
            "Report a commissioner's item progress (专员履职进展): the district's admins, or"
            " the commissioner for their own items."
        )
    )
    async def report_checklist_progress(
        self, info: Info, input: Annotated[ReportChecklistProgressInput, Input]
    ) -> ChecklistProgressPayload:
        return await run(
            info,
            ChecklistProgressPayload,
            "item",
            lambda: mutations.report_checklist(
                info.context,
                checklist_progress_id=input.checklist_progress_id,
                progress=input.progress,
                note=input.note,
            ),
        )
