"""Inputs of the complaint and rating mutations, and the complaint filter."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.complaints.enums import ComplaintLevel, ComplaintStatus, EscalationLevel

COMPLAINT = "The complaint (投诉)."


@strawberry.input(description="File a complaint against a property company (受理物业投诉).")
class FileComplaintInput:
    property_company_id: strawberry.ID = strawberry.field(description="The company (被投诉物业).")
    building_id: strawberry.ID = strawberry.field(description="The building it is about (楼栋).")
    level: ComplaintLevel = strawberry.field(description="Level (投诉等级): sets the deadline.")
    title: str = strawberry.field(description="What it is about (投诉事项).")
    description: str | None = strawberry.field(default=None, description="Details (投诉内容).")
    complainant_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The resident staff act for (投诉人); by default the viewer themselves.",
    )


@strawberry.input(description="A complaint (投诉).")
class ComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)


@strawberry.input(description="A complaint step with a note (处理说明).")
class ComplaintNoteInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    note: str = strawberry.field(description="What is being done (处理情况).")


@strawberry.input(description="A complaint step that needs a reason (原因).")
class ComplaintReasonInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Resolve a complaint (办结投诉).")
class ResolveComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    resolution: str = strawberry.field(description="How it was settled (办理结果).")


@strawberry.input(description="Confirm a resolution (投诉人确认).")
class ConfirmComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    comment: str | None = strawberry.field(default=None, description="Comment (评价意见).")


@strawberry.input(description="Escalate a community's overdue complaints (超时督办).")
class EscalateOverdueComplaintsInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")


@strawberry.input(description="Reassign a complaint to another company (改派).")
class ReassignComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    property_company_id: strawberry.ID = strawberry.field(description="The new company (物业).")
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Change a complaint's level (调整投诉等级).")
class ChangeComplaintLevelInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT)
    level: ComplaintLevel = strawberry.field(description="The new level (投诉等级).")
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Evidence (佐证材料).")
class RatingEvidenceInput:
    title: str = strawberry.field(description="What it shows (名称).")
    url: str = strawberry.field(description="An http(s) link (链接).")


@strawberry.input(description="Rate a company for a quarter (物业企业季度评价).")
class RecordCompanyRatingInput:
    property_company_id: strawberry.ID = strawberry.field(description="The company (物业企业).")
    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    positive_items: list[int] = strawberry.field(
        description="Items of the positive list met (正面清单), 1–15."
    )
    negative_items: list[int] = strawberry.field(
        default_factory=list, description="Items of the negative list found (负面清单), 1–6."
    )
    note: str | None = strawberry.field(default=None, description="Note (说明).")
    evidence: list[RatingEvidenceInput] = strawberry.field(
        default_factory=list, description="Evidence (佐证材料), at most 10."
    )


@strawberry.input(description="Publish a quarter's red/black list (发布红黑榜).")
class PublishRedBlackListInput:
    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度), once it is over.")


@strawberry.input(description="Which complaints (物业投诉) to list, among those you see.")
class ComplaintFilterInput:
    property_company_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only against this company (物业)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community (社区)."
    )
    street_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this street (街道)."
    )
    building_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this building (楼栋)."
    )
    status: ComplaintStatus | None = strawberry.field(default=None, description="Status (状态).")
    level: ComplaintLevel | None = strawberry.field(default=None, description="Level (等级).")
    escalation: EscalationLevel | None = strawberry.field(
        default=None, description="Escalated to (督办层级)."
    )
    breached: bool | None = strawberry.field(
        default=None, description="Only breached (超时) ones, or only those not breached."
    )
    open: bool | None = strawberry.field(
        default=None, description="Only unsettled ones (未办结), or only settled ones."
    )
    filed_from: datetime | None = strawberry.field(
        default=None, description="Filed at or after (受理不早于)."
    )
    filed_before: datetime | None = strawberry.field(
        default=None, description="Filed before (受理早于)."
    )
