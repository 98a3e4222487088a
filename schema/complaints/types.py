"""Complaints (物业投诉) with their "2310" clock and history, on-time figures, company
ratings (物业企业评价) and the red/black list (红黑榜)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers import clock
from resolvers.complaints import sla
from resolvers.complaints.rating_lists import RatingItem as RatingItemData
from resolvers.loaders.complaints import complaint_events_of, list_entries_of
from schema.base import Info, Node, is_model
from schema.complaints.enums import (
    ComplaintAction,
    ComplaintLevel,
    ComplaintStatus,
    EscalationLevel,
    OnTimeGroup,
    Standing,
)

if TYPE_CHECKING:
    from schema.organization.types import Building, Community
    from schema.people.types import Person
    from schema.property.types import PropertyCompany

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
BuildingT = Annotated["Building", strawberry.lazy("schema.organization.types")]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
CompanyT = Annotated["PropertyCompany", strawberry.lazy("schema.property.types")]


async def _company(info: Info, key: int) -> CompanyT:
    return cast(
        "PropertyCompany", await info.context.loaders.by_id(models.PropertyCompany).load(key)
    )


async def _actor_name(info: Info, person_id: int | None) -> str | None:
    person = await info.context.loaders.optional(models.Person, person_id)
    return person.name if person else None


@strawberry.type(
    description="Complaint event (投诉流转记录): one step of a complaint, with the clock it left."
)
class PropertyComplaintEvent(Node):
    is_type_of = is_model(models.ComplaintEvent)

    action: ComplaintAction = strawberry.field(description="What was done (操作).")
    from_status: ComplaintStatus | None = strawberry.field(
        description="Status before (原状态); null when it was filed."
    )
    to_status: ComplaintStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, or the note of the step (原因/说明).")
    level: ComplaintLevel = strawberry.field(description="Level after the step (投诉等级).")
    due_at: datetime = strawberry.field(description="Due time after the step (办结时限).")
    escalation: EscalationLevel = strawberry.field(description="Escalation after it (督办层级).")

    @strawberry.field(description="The company it was with after the step (责任物业).")
    async def property_company(
        self, root: strawberry.Parent[models.ComplaintEvent], info: Info
    ) -> CompanyT:
        return await _company(info, root.property_company_id)

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.ComplaintEvent], info: Info
    ) -> str | None:
        return await _actor_name(info, root.actor_person_id)


@strawberry.type(
    description=(
        'Property complaint (物业投诉) against a company about a building it serves, on the "2310"'
        " clock: due 2, 3 or 10 calendar days after filing by level, later by the time paused."
    )
)
class PropertyComplaint(Node):
    is_type_of = is_model(models.PropertyComplaint)

    level: ComplaintLevel = strawberry.field(description="Level (投诉等级).")
    title: str = strawberry.field(description="What it is about (投诉事项).")
    description: str = strawberry.field(description="Details (投诉内容).")
    status: ComplaintStatus = strawberry.field(description="Where it stands (投诉状态).")
    filed_at: datetime = strawberry.field(description="Filed (受理时间).")
    clock_started_at: datetime = strawberry.field(
        description="The clock's start (计时起点): filing, or the last reassignment."
    )
    paused_seconds: int = strawberry.field(description="Time paused so far, in seconds (暂停时长).")
    paused_at: datetime | None = strawberry.field(description="Paused since (暂停时间), if paused.")
    pause_reason: str | None = strawberry.field(description="Why paused last (暂停原因).")
    acknowledged_at: datetime | None = strawberry.field(description="Acknowledged (签收时间).")
    resolved_at: datetime | None = strawberry.field(description="Resolved (办结时间).")
    resolution: str | None = strawberry.field(description="How it was settled (办理结果).")
    confirmed_at: datetime | None = strawberry.field(description="Confirmed (确认时间).")
    escalation: EscalationLevel = strawberry.field(description="Escalated to (督办层级).")
    escalated_at: datetime | None = strawberry.field(description="Last escalated (督办时间).")
    reopen_count: int = strawberry.field(description="Times reopened (重新办理次数).")

    @strawberry.field(description="Days the level allows (办结时限天数): 2, 3 or 10.")
    def deadline_days(self, root: strawberry.Parent[models.PropertyComplaint]) -> int:
        return sla.deadline_days(root.level)

    @strawberry.field(
        description="Due time (办结时限) as it stands now: a pause in progress moves it too."
    )
    def due_at(self, root: strawberry.Parent[models.PropertyComplaint]) -> datetime:
        return sla.effective_due(root, clock.now())

    @strawberry.field(
        description="Seconds left before the due time (剩余时间), negative once past it; null"
        " once resolved."
    )
    def time_left_seconds(self, root: strawberry.Parent[models.PropertyComplaint]) -> int | None:
        left = sla.time_left(root, clock.now())
        return None if left is None else int(left.total_seconds())

    @strawberry.field(
        description="Breached (超时): resolved after its due time, or still open past it."
    )
    def breached(self, root: strawberry.Parent[models.PropertyComplaint]) -> bool:
        return sla.breached(root, clock.now())

    @strawberry.field(description="The company complained about (被投诉物业).")
    async def property_company(
        self, root: strawberry.Parent[models.PropertyComplaint], info: Info
    ) -> CompanyT:
        return await _company(info, root.property_company_id)

    @strawberry.field(description="The community (所属社区).")
    async def community(
        self, root: strawberry.Parent[models.PropertyComplaint], info: Info
    ) -> CommunityT:
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        return cast("Community", row)

    @strawberry.field(description="The building (楼栋).")
    async def building(
        self, root: strawberry.Parent[models.PropertyComplaint], info: Info
    ) -> BuildingT:
        row = await info.context.loaders.by_id(models.Building).load(root.building_id)
        return cast("Building", row)

    @strawberry.field(description="The complainant (投诉人), masked as personal data is.")
    async def complainant(
        self, root: strawberry.Parent[models.PropertyComplaint], info: Info
    ) -> PersonT | None:
        row = await info.context.loaders.optional(models.Person, root.complainant_person_id)
        return cast("Person", row)

    @strawberry.field(description="Its history (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.PropertyComplaint], info: Info
    ) -> list[PropertyComplaintEvent]:
        rows = await complaint_events_of(info.context.loaders).load(root.id)
        return cast(list[PropertyComplaintEvent], rows)


@strawberry.type(description='The "2310" rule (2310时限规则): a level and the days it allows.')
class ComplaintDeadline:
    level: ComplaintLevel = strawberry.field(description="Level (投诉等级).")
    days: int = strawberry.field(description="Calendar days in Asia/Shanghai (自然日).")


@strawberry.type(
    description=(
        "On-time figures (按时办结率) of one company, community or street for complaints filed"
        " in a period: open complaints past their due time count as late."
    )
)
class OnTimeFigure:
    group: OnTimeGroup = strawberry.field(description="How grouped (统计口径).")
    id: strawberry.ID = strawberry.field(description="The company, community or street (对象).")
    name: str = strawberry.field(description="Its name (名称).")
    filed: int = strawberry.field(description="Complaints filed (投诉数).")
    on_time: int = strawberry.field(description="Resolved in time (按时办结).")
    late: int = strawberry.field(description="Resolved late or open past due (超时).")
    pending: int = strawberry.field(description="Open and not yet due (未到期).")
    rate: float | None = strawberry.field(
        description="on time / (on time + late) (按时办结率); null when nothing is judged yet."
    )


@strawberry.type(description="An item of the positive (正面清单) or negative list (负面清单).")
class RatingItem:
    number: int = strawberry.field(description="Number in its list (序号).")
    kind: str = strawberry.field(description="POSITIVE (正面) or NEGATIVE (负面).")
    text: str = strawberry.field(description="The item (条目).")
    gloss: str = strawberry.field(description="The item in English (英文释义).")

    @classmethod
    def of(cls, item: RatingItemData) -> RatingItem:
        return cls(number=item.number, kind=item.kind, text=item.text, gloss=item.gloss)


@strawberry.type(description="A piece of evidence (佐证材料): a title and a link.")
class RatingEvidence:
    title: str = strawberry.field(description="What it shows (名称).")
    url: str = strawberry.field(description="Where it is (链接).")


@strawberry.type(
    description=(
        "Company rating (物业企业季度评价): the positive-list items met and the negative-list"
        " items found in a quarter, the score the stated rule gives, who rated, evidence."
    )
)
class CompanyRating(Node):
    is_type_of = is_model(models.CompanyRating)

    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    positive_items: list[int] = strawberry.field(description="Positive items met (正面清单).")
    negative_items: list[int] = strawberry.field(description="Negative items found (负面清单).")
    score: int = strawberry.field(description="Score 0–100 (得分) by the stated rule.")
    note: str = strawberry.field(description="Note (说明).")
    rated_at: datetime = strawberry.field(description="When (评价时间).")

    @strawberry.field(description="Evidence (佐证材料).")
    def evidence(self, root: strawberry.Parent[models.CompanyRating]) -> list[RatingEvidence]:
        return [RatingEvidence(title=item["title"], url=item["url"]) for item in root.evidence]

    @strawberry.field(description="The company (物业企业).")
    async def property_company(
        self, root: strawberry.Parent[models.CompanyRating], info: Info
    ) -> CompanyT:
        return await _company(info, root.property_company_id)

    @strawberry.field(description="Who rated (评价人): the person's name, if known.")
    async def rated_by_name(
        self, root: strawberry.Parent[models.CompanyRating], info: Info
    ) -> str | None:
        return await _actor_name(info, root.rated_by_person_id)


@strawberry.type(
    description="A company in a published red/black list (红黑榜条目) with its figures."
)
class RedBlackListEntry(Node):
    is_type_of = is_model(models.RedBlackListEntry)

    standing: Standing = strawberry.field(description="Where it stands (榜单).")
    score: int = strawberry.field(description="Rating score (评价得分).")
    negative_count: int = strawberry.field(description="Negative items found (负面清单条数).")
    complaints: int = strawberry.field(description="Complaints filed in the quarter (投诉数).")
    on_time: int = strawberry.field(description="Resolved in time (按时办结).")
    late: int = strawberry.field(description="Late, open ones past due included (超时).")
    on_time_rate: float = strawberry.field(description="On-time rate (按时办结率).")
    reasons: list[str] = strawberry.field(description="The rule's reasons (上榜依据).")

    @strawberry.field(description="The company (物业企业).")
    async def property_company(
        self, root: strawberry.Parent[models.RedBlackListEntry], info: Info
    ) -> CompanyT:
        return await _company(info, root.property_company_id)

    @strawberry.field(description="The list (榜单).")
    async def list(
        self, root: strawberry.Parent[models.RedBlackListEntry], info: Info
    ) -> RedBlackList:
        row = await info.context.loaders.by_id(models.RedBlackList).load(root.list_id)
        return cast(RedBlackList, row)


@strawberry.type(
    description=(
        "The quarter's red/black list (红黑榜) of property companies as published (frozen):"
        " computed from ratings and complaints by the stated rule, kept with it."
    )
)
class RedBlackList(Node):
    is_type_of = is_model(models.RedBlackList)

    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    published_at: datetime = strawberry.field(description="Published (发布时间).")

    @strawberry.field(description="The rule it was computed by (评定规则), as JSON text.")
    def rule(self, root: strawberry.Parent[models.RedBlackList]) -> str:
        return json.dumps(root.rule, sort_keys=True)

    @strawberry.field(description="Every rated company with its standing (榜单条目).")
    async def entries(
        self, root: strawberry.Parent[models.RedBlackList], info: Info
    ) -> list[RedBlackListEntry]:
        rows = await list_entries_of(info.context.loaders).load(root.id)
        return cast(list[RedBlackListEntry], rows)


@strawberry.type(description="A rated company's standing as the rule computes it now (榜单预览).")
class RedBlackStanding:
    property_company_id: strawberry.ID = strawberry.field(description="The company (物业企业).")
    standing: Standing = strawberry.field(description="Where it would stand (榜单).")
    score: int = strawberry.field(description="Rating score (评价得分).")
    negative_count: int = strawberry.field(description="Negative items (负面清单条数).")
    complaints: int = strawberry.field(description="Complaints filed (投诉数).")
    on_time: int = strawberry.field(description="On time (按时办结).")
    late: int = strawberry.field(description="Late (超时).")
    on_time_rate: float = strawberry.field(description="On-time rate (按时办结率).")
    reasons: list[str] = strawberry.field(description="The rule's reasons (依据).")
