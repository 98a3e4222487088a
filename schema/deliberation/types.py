"""Consultations (好商量) with their parties, follow-up items, feedback and history, and
joint meetings (联席会议) with their problems and roll-ups."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, cast

import strawberry

from db import models
from resolvers import clock
from resolvers.deliberation.consultation_queries import FiveHave, five_haves
from resolvers.errors import NotFoundError
from resolvers.global_ids import encode
from resolvers.loaders import deliberation as loaders
from resolvers.nodes import load_node
from schema.base import Info, Node, is_model
from schema.deliberation.enums import (
    ConsultationAction,
    ConsultationStatus,
    JointProblemAction,
    JointProblemStatus,
    MeetingLevel,
    ParticipantRole,
)
from schema.lazy import BuildingT, CommunityT, DistrictT, GridT, PersonT, StreetT, person_of

if TYPE_CHECKING:
    from schema.organization.types import Building, Community, District, Grid, Street


async def _name(info: Info, key: int | None) -> str | None:
    person = await info.context.loaders.optional(models.Person, key)
    return person.name if person else None


@strawberry.type(description="Topic category of consultations (协商议题类别), one of 15.")
class ConsultationCategory(Node):
    is_type_of = is_model(models.ConsultationCategory)

    code: str = strawberry.field(description="Stable code (代码).")
    name: str = strawberry.field(description="Name (名称).")
    english_name: str = strawberry.field(description="Name in English (英文名称).")


@strawberry.type(
    description=(
        "A party to a consultation (协商参与方) in one of the three roles: a person of the"
        " district or a named outside party."
    )
)
class ConsultationParticipant(Node):
    is_type_of = is_model(models.ConsultationParticipant)

    role: ParticipantRole = strawberry.field(description="Role (角色).")
    party_name: str | None = strawberry.field(description="Outside party (单位/组织名称).")
    attended: bool | None = strawberry.field(
        description="Attended the meeting (是否到会); null before it was recorded."
    )

    @strawberry.field(description="The person (参与人), masked as personal data is.")
    async def person(
        self, root: strawberry.Parent[models.ConsultationParticipant], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.person_id)

    @strawberry.field(description="Who (名称): the person's name or the outside party.")
    async def name(
        self, root: strawberry.Parent[models.ConsultationParticipant], info: Info
    ) -> str:
        return root.party_name or await _name(info, root.person_id) or ""


@strawberry.type(
    description=(
        "Follow-up item (落实事项): a consultation's decision with its owner and due date,"
        " tracked to done."
    )
)
class ConsultationFollowUp(Node):
    is_type_of = is_model(models.ConsultationFollowUp)

    decision: str = strawberry.field(description="What was decided (决定事项).")
    due_on: date = strawberry.field(description="Due (完成时限).")
    done_at: datetime | None = strawberry.field(description="Done (完成时间).")
    done_note: str | None = strawberry.field(description="How it was done (落实情况).")

    @strawberry.field(description="Who owns it (责任人/责任方): a person's name or a party.")
    async def owner_name(
        self, root: strawberry.Parent[models.ConsultationFollowUp], info: Info
    ) -> str:
        return root.owner_name or await _name(info, root.owner_person_id) or ""

    @strawberry.field(description="The owner (责任人), when a person of the district.")
    async def owner(
        self, root: strawberry.Parent[models.ConsultationFollowUp], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.owner_person_id)

    @strawberry.field(description="Not done by its due date (逾期), in the district's calendar.")
    def overdue(self, root: strawberry.Parent[models.ConsultationFollowUp]) -> bool:
        return root.done_at is None and root.due_on < clock.today()


@strawberry.type(description="A party's feedback on a consultation (群众回声): satisfaction 1–5.")
class ConsultationFeedback(Node):
    is_type_of = is_model(models.ConsultationFeedback)

    satisfaction: int = strawberry.field(description="Satisfaction 1–5 (满意度).")
    comment: str = strawberry.field(description="Comment (意见).")
    at: datetime = strawberry.field(description="When (时间).")

    @strawberry.field(description="Who gave it (反馈人), masked as personal data is.")
    async def person(
        self, root: strawberry.Parent[models.ConsultationFeedback], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.person_id)


@strawberry.type(description="Consultation event (协商流转记录): one step, who, when and why.")
class ConsultationEvent(Node):
    is_type_of = is_model(models.ConsultationEvent)

    action: ConsultationAction = strawberry.field(description="What was done (操作).")
    from_status: ConsultationStatus | None = strawberry.field(
        description="Status before (原状态); null when it was proposed."
    )
    to_status: ConsultationStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, or the note of the step (说明).")

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.ConsultationEvent], info: Info
    ) -> str | None:
        return await _name(info, root.actor_person_id)


@strawberry.type(
    description='The five "haves" of a consultation (五有) as it stands, and what is missing.'
)
class FiveHaves:
    place: bool = strawberry.field(description="Has a place (有场所): a venue is set.")
    sign: bool = strawberry.field(description="Has a sign (有标识): the sign was posted.")
    record: bool = strawberry.field(description="Has a record (有记录): minutes were recorded.")
    feedback: bool = strawberry.field(description="Has an echo (有回声): residents gave feedback.")
    follow_through: bool = strawberry.field(
        description="Is followed through (有落实): every follow-up item is done."
    )
    missing: list[FiveHave] = strawberry.field(description="What is missing (缺项).")


@strawberry.type(
    description=(
        '"Let\'s talk it over" consultation (好商量): a topic in a community, its three parties,'
        " schedule and place, the record, decisions turned into follow-up items, the"
        " outcome and the residents' feedback."
    )
)
class Consultation(Node):
    is_type_of = is_model(models.Consultation)

    topic: str = strawberry.field(description="Topic (议题).")
    description: str = strawberry.field(description="Details (议题说明).")
    venue: str = strawberry.field(description="Where it is held (协商场所).")
    status: ConsultationStatus = strawberry.field(description="Where it stands (协商状态).")
    status_changed_at: datetime = strawberry.field(description="Last step (状态变更时间).")
    proposed_at: datetime = strawberry.field(description="Raised (提出时间).")
    scheduled_for: datetime | None = strawberry.field(description="Scheduled for (协商时间).")
    sign_posted: bool = strawberry.field(description="Sign posted (已设标识).")
    held_at: datetime | None = strawberry.field(description="Recorded as held (协商完成时间).")
    minutes: str | None = strawberry.field(description="Minutes (会议记录).")
    attendees_count: int = strawberry.field(description="Attendees (参会人数).")
    decisions: str | None = strawberry.field(description="Decisions (协商决定).")
    outcome: str | None = strawberry.field(description="Outcome (协商结果).")
    closed_at: datetime | None = strawberry.field(description="Closed (办结时间).")

    @strawberry.field(description="Topic category (议题类别).")
    async def category(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> ConsultationCategory:
        row = await info.context.loaders.by_id(models.ConsultationCategory).load(root.category_id)
        return cast(ConsultationCategory, row)

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> CommunityT:
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        return cast("Community", row)

    @strawberry.field(description="The grid (网格), if the topic is one grid's.")
    async def grid(self, root: strawberry.Parent[models.Consultation], info: Info) -> GridT | None:
        return cast("Grid", await info.context.loaders.optional(models.Grid, root.grid_id))

    @strawberry.field(description="The building (楼栋), if the topic is one building's.")
    async def building(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> BuildingT | None:
        row = await info.context.loaders.optional(models.Building, root.building_id)
        return cast("Building", row)

    @strawberry.field(description="Who raised it (提出人): the person's name, if known.")
    async def proposed_by_name(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> str | None:
        return await _name(info, root.proposed_by_person_id)

    @strawberry.field(description="The parties (参与方) in their three roles.")
    async def participants(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> list[ConsultationParticipant]:
        rows = await loaders.participants_of(info.context.loaders).load(root.id)
        return cast(list[ConsultationParticipant], rows)

    @strawberry.field(description="Follow-up items (落实事项), oldest first.")
    async def follow_ups(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> list[ConsultationFollowUp]:
        rows = await loaders.follow_ups_of(info.context.loaders).load(root.id)
        return cast(list[ConsultationFollowUp], rows)

    @strawberry.field(description="Residents' feedback (群众回声).")
    async def feedback(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> list[ConsultationFeedback]:
        rows = await loaders.feedback_of(info.context.loaders).load(root.id)
        return cast(list[ConsultationFeedback], rows)

    @strawberry.field(description="Average satisfaction 1–5 (平均满意度); null without feedback.")
    async def satisfaction(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> float | None:
        rows = await loaders.feedback_of(info.context.loaders).load(root.id)
        return sum(row.satisfaction for row in rows) / len(rows) if rows else None

    @strawberry.field(description='The five "haves" (五有) as they stand, with what is missing.')
    async def five_haves(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> FiveHaves:
        feedback = await loaders.feedback_of(info.context.loaders).load(root.id)
        items = await loaders.follow_ups_of(info.context.loaders).load(root.id)
        found = five_haves(root, feedback_count=len(feedback), follow_ups=items)
        return FiveHaves(
            place=found[FiveHave.PLACE],
            sign=found[FiveHave.SIGN],
            record=found[FiveHave.RECORD],
            feedback=found[FiveHave.FEEDBACK],
            follow_through=found[FiveHave.FOLLOW_THROUGH],
            missing=[have for have, met in found.items() if not met],
        )

    @strawberry.field(description="Its history (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.Consultation], info: Info
    ) -> list[ConsultationEvent]:
        rows = await loaders.consultation_events_of(info.context.loaders).load(root.id)
        return cast(list[ConsultationEvent], rows)


@strawberry.type(description="Joint-meeting problem event (议题流转记录): one step of a problem.")
class JointMeetingProblemEvent(Node):
    is_type_of = is_model(models.JointMeetingProblemEvent)

    action: JointProblemAction = strawberry.field(description="What was done (操作).")
    from_status: JointProblemStatus | None = strawberry.field(
        description="Status before (原状态); null when it was raised or received."
    )
    to_status: JointProblemStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, or the note of the step (说明).")

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.JointMeetingProblemEvent], info: Info
    ) -> str | None:
        return await _name(info, root.actor_person_id)


@strawberry.type(
    description=(
        'Joint-meeting problem (联席会议议题), one "touching structures and money" (动体制、'
        "动资金): who raised it, the decision with owner and due date, its status until solved;"
        " passed up or down a level, it continues at the other meeting and points back here."
    )
)
class JointMeetingProblem(Node):
    is_type_of = is_model(models.JointMeetingProblem)

    title: str = strawberry.field(description="The problem (议题).")
    description: str = strawberry.field(description="Details (说明).")
    raised_by_name: str = strawberry.field(description="Raised by (提出人/提出单位).")
    status: JointProblemStatus = strawberry.field(description="Where it stands (议题状态).")
    raised_at: datetime = strawberry.field(description="Raised (提出时间).")
    decision: str | None = strawberry.field(description="Decision (议定事项).")
    owner_name: str | None = strawberry.field(description="Owner (责任人/责任单位).")
    due_on: date | None = strawberry.field(description="Due (完成时限).")
    decided_at: datetime | None = strawberry.field(description="Decided (议定时间).")
    solved_at: datetime | None = strawberry.field(description="Solved (解决时间).")
    resolution: str | None = strawberry.field(description="How it was solved (解决情况).")
    passed_at: datetime | None = strawberry.field(description="Passed on (移交时间).")

    @strawberry.field(description="Open past its due date (逾期), in the district's calendar.")
    def overdue(self, root: strawberry.Parent[models.JointMeetingProblem]) -> bool:
        return (
            root.status in (models.JointProblemStatus.RAISED, models.JointProblemStatus.DECIDED)
            and root.due_on is not None
            and root.due_on < clock.today()
        )

    @strawberry.field(description="The meeting whose agenda it is on (所属会议).")
    async def meeting(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> JointMeeting:
        row = await info.context.loaders.by_id(models.JointMeeting).load(root.meeting_id)
        return cast(JointMeeting, row)

    @strawberry.field(description="The level that owns it now (责任层级): its meeting's level.")
    async def owning_level(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> MeetingLevel:
        row = await info.context.loaders.by_id(models.JointMeeting).load(root.meeting_id)
        assert row is not None
        return row.level

    @strawberry.field(description="Who raised it (提出人), when a person of the district.")
    async def raised_by(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.raised_by_person_id)

    @strawberry.field(description="The owner (责任人), when a person of the district.")
    async def owner(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.owner_person_id)

    @strawberry.field(
        description="The problem it continues (来源议题), passed from another level; null if"
        " raised here or if that meeting is not one you see."
    )
    async def passed_from(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> JointMeetingProblem | None:
        return cast(JointMeetingProblem, await _visible(info, root.passed_from_id))

    @strawberry.field(
        description="The problem it was passed on as (移交去向); null unless PASSED or if that"
        " meeting is not one you see."
    )
    async def passed_to(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> JointMeetingProblem | None:
        rows = await loaders.passed_to(info.context.loaders).load(root.id)
        return cast(JointMeetingProblem, await _visible(info, rows[0].id if rows else None))

    @strawberry.field(description="Its history here (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.JointMeetingProblem], info: Info
    ) -> list[JointMeetingProblemEvent]:
        rows = await loaders.problem_events_of(info.context.loaders).load(root.id)
        return cast(list[JointMeetingProblemEvent], rows)


async def _visible(info: Info, key: int | None) -> models.JointMeetingProblem | None:
    """The problem, if its meeting is one the viewer sees (a street does not see the
    district's agenda)."""
    if key is None:
        return None
    try:
        row = await load_node(info.context, encode("JointMeetingProblem", key))
    except NotFoundError:
        return None
    return cast(models.JointMeetingProblem, row)


@strawberry.type(
    description=(
        "A joint meeting (联席会议) of the district, a street or a community for one quarter,"
        " with the problems on its agenda."
    )
)
class JointMeeting(Node):
    is_type_of = is_model(models.JointMeeting)

    level: MeetingLevel = strawberry.field(description="Level (层级).")
    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    title: str = strawberry.field(description="Title (会议名称).")
    scheduled_on: date = strawberry.field(description="Day it is set for (会议日期).")
    held_at: datetime | None = strawberry.field(description="Recorded as held (召开时间).")
    minutes: str | None = strawberry.field(description="Minutes (会议纪要).")
    attendees_count: int = strawberry.field(description="Attendees (参会人数).")

    @strawberry.field(description="The district (区), for a district meeting.")
    async def district(
        self, root: strawberry.Parent[models.JointMeeting], info: Info
    ) -> DistrictT | None:
        if root.level is not models.MeetingLevel.DISTRICT:
            return None
        return cast(
            "District", await info.context.loaders.by_id(models.District).load(root.body_id)
        )

    @strawberry.field(description="The street (街道) of a street or community meeting.")
    async def street(
        self, root: strawberry.Parent[models.JointMeeting], info: Info
    ) -> StreetT | None:
        return cast("Street", await info.context.loaders.optional(models.Street, root.street_id))

    @strawberry.field(description="The community (社区) of a community meeting.")
    async def community(
        self, root: strawberry.Parent[models.JointMeeting], info: Info
    ) -> CommunityT | None:
        row = await info.context.loaders.optional(models.Community, root.community_id)
        return cast("Community", row)

    @strawberry.field(description="Problems on its agenda (议题), oldest first.")
    async def problems(
        self, root: strawberry.Parent[models.JointMeeting], info: Info
    ) -> list[JointMeetingProblem]:
        rows = await loaders.problems_of(info.context.loaders).load(root.id)
        return cast(list[JointMeetingProblem], rows)


@strawberry.type(
    description=(
        "Roll-up of one level's joint meetings in one quarter (分级分季统计), computed from"
        " the problems on their agendas as they stand now."
    )
)
class JointMeetingRollup:
    level: MeetingLevel = strawberry.field(description="Level (层级).")
    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    meetings: int = strawberry.field(description="Meetings (会议数).")
    raised: int = strawberry.field(
        description="Problems on their agendas (议题数), those received from another level too."
    )
    solved: int = strawberry.field(description="Solved (已解决).")
    open: int = strawberry.field(description="Still open (未解决): raised or decided.")
    overdue: int = strawberry.field(description="Open past their due date (逾期).")
    passed: int = strawberry.field(description="Passed to another level (已移交).")
