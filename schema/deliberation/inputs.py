"""Inputs of the consultation and joint-meeting mutations, and their list filters."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from schema.deliberation.enums import (
    ConsultationStatus,
    JointProblemStatus,
    MeetingLevel,
    ParticipantRole,
)

CONSULTATION = "The consultation (协商)."
PROBLEM = "The problem (议题)."
MEETING = "The meeting (联席会议)."


@strawberry.input(description='Raise a topic for "Let\'s talk it over" (提出协商议题).')
class ProposeConsultationInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    category_id: strawberry.ID = strawberry.field(description="Topic category (议题类别).")
    topic: str = strawberry.field(description="Topic (议题).")
    description: str | None = strawberry.field(default=None, description="Details (议题说明).")
    grid_id: strawberry.ID | None = strawberry.field(
        default=None, description="The grid (网格), if the topic is one grid's."
    )
    building_id: strawberry.ID | None = strawberry.field(
        default=None, description="The building (楼栋), if the topic is one building's."
    )
    convener_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The person raising the problem (问题召集方); by default the viewer.",
    )


@strawberry.input(description="Add a party to a consultation (添加参与方).")
class AddConsultationParticipantInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    role: ParticipantRole = strawberry.field(description="Role (角色).")
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="A person of the district (参与人), or"
    )
    party_name: str | None = strawberry.field(
        default=None, description="an outside party by name (单位/组织名称)."
    )


@strawberry.input(description="Schedule a consultation (安排协商): when, where, the sign.")
class ScheduleConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    scheduled_for: datetime = strawberry.field(description="When (协商时间).")
    venue: str = strawberry.field(description="Where (协商场所).")
    sign_posted: bool = strawberry.field(default=False, description="The sign is up (已设标识).")


@strawberry.input(description="A decision to follow through (落实事项).")
class FollowUpInput:
    decision: str = strawberry.field(description="What is to be done (决定事项).")
    due_on: date = strawberry.field(description="Due (完成时限).")
    owner_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owner, a person of the district (责任人), or"
    )
    owner_name: str | None = strawberry.field(
        default=None, description="an owning party by name (责任方)."
    )


@strawberry.input(description="Record a held consultation (协商记录).")
class RecordConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    minutes: str = strawberry.field(description="Minutes (会议记录).")
    attendees_count: int = strawberry.field(description="Attendees (参会人数).")
    attended_participant_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Parties who attended (到会参与方)."
    )
    decisions: str | None = strawberry.field(default=None, description="Decisions (协商决定).")
    follow_ups: list[FollowUpInput] = strawberry.field(
        default_factory=list, description="Decisions to follow through (落实事项)."
    )


@strawberry.input(description="Add a follow-up item to a held consultation (添加落实事项).")
class AddConsultationFollowUpInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    item: FollowUpInput = strawberry.field(description="The item (落实事项).")


@strawberry.input(description="Mark a follow-up item done (落实完成).")
class CompleteConsultationFollowUpInput:
    follow_up_id: strawberry.ID = strawberry.field(description="The item (落实事项).")
    note: str | None = strawberry.field(default=None, description="How (落实情况).")


@strawberry.input(description="Close a consultation with its outcome (协商结果).")
class CloseConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    resolved: bool = strawberry.field(description="Resolved (已解决), or not.")
    outcome: str = strawberry.field(description="The outcome, or why not resolved (结果/原因).")


@strawberry.input(description="Cancel a consultation before it is held (撤销协商).")
class CancelConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Feedback on a consultation (群众回声).")
class GiveConsultationFeedbackInput:
    consultation_id: strawberry.ID = strawberry.field(description=CONSULTATION)
    satisfaction: int = strawberry.field(description="Satisfaction 1–5 (满意度).")
    comment: str | None = strawberry.field(default=None, description="Comment (意见).")
    person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The party staff record it for (反馈人); by default the viewer.",
    )


@strawberry.input(description="Consultations filter (协商筛选).")
class ConsultationFilterInput:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )
    street_id: strawberry.ID | None = strawberry.field(default=None, description="Street (街道).")
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Category (议题类别)."
    )
    status: ConsultationStatus | None = strawberry.field(default=None, description="Status (状态).")
    open: bool | None = strawberry.field(default=None, description="Still open (未办结).")
    proposed_from: datetime | None = strawberry.field(
        default=None, description="Raised at or after (提出时间起)."
    )
    proposed_before: datetime | None = strawberry.field(
        default=None, description="Raised before (提出时间止)."
    )


@strawberry.input(description="Convene a body's joint meeting of a quarter (召开联席会议).")
class ConveneJointMeetingInput:
    level: MeetingLevel = strawberry.field(description="Level (层级).")
    body_id: strawberry.ID = strawberry.field(
        description="The district, street or community whose meeting it is (会议主体)."
    )
    year: int = strawberry.field(description="Year (年度).")
    quarter: int = strawberry.field(description="Quarter 1–4 (季度).")
    scheduled_on: date = strawberry.field(description="Day (会议日期), in the quarter.")
    title: str | None = strawberry.field(default=None, description="Title (会议名称).")


@strawberry.input(description="Record a held joint meeting (会议纪要).")
class RecordJointMeetingInput:
    meeting_id: strawberry.ID = strawberry.field(description=MEETING)
    minutes: str = strawberry.field(description="Minutes (会议纪要).")
    attendees_count: int = strawberry.field(description="Attendees (参会人数).")


@strawberry.input(description="Raise a problem at a joint meeting (提出议题).")
class RaiseJointMeetingProblemInput:
    meeting_id: strawberry.ID = strawberry.field(description=MEETING)
    title: str = strawberry.field(description="The problem (议题).")
    description: str | None = strawberry.field(default=None, description="Details (说明).")
    raised_by_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Raised by a person of the district (提出人), or"
    )
    raised_by_name: str | None = strawberry.field(
        default=None, description="by a unit or member named (提出单位)."
    )


@strawberry.input(description="Decide a problem (议定): owner and due date.")
class DecideJointMeetingProblemInput:
    problem_id: strawberry.ID = strawberry.field(description=PROBLEM)
    decision: str = strawberry.field(description="What is to be done (议定事项).")
    due_on: date = strawberry.field(description="Due (完成时限).")
    owner_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owner, a person of the district (责任人), or"
    )
    owner_name: str | None = strawberry.field(
        default=None, description="an owning unit by name (责任单位)."
    )


@strawberry.input(description="Mark a problem solved (议题解决).")
class SolveJointMeetingProblemInput:
    problem_id: strawberry.ID = strawberry.field(description=PROBLEM)
    resolution: str = strawberry.field(description="How it was solved (解决情况).")


@strawberry.input(description="Pass a problem up or down a level (议题移交).")
class PassJointMeetingProblemInput:
    problem_id: strawberry.ID = strawberry.field(description=PROBLEM)
    to_meeting_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "The parent or a child body's joint meeting (联席会议) of"
            " the same or the next quarter; by default"
            " the parent body's (passed up)."
        ),
    )
    reason: str = strawberry.field(description="Why (移交原因).")


@strawberry.input(description="Joint meetings filter (联席会议筛选).")
class JointMeetingFilterInput:
    level: MeetingLevel | None = strawberry.field(default=None, description="Level (层级).")
    year: int | None = strawberry.field(default=None, description="Year (年度).")
    quarter: int | None = strawberry.field(default=None, description="Quarter (季度).")
    street_id: strawberry.ID | None = strawberry.field(default=None, description="Street (街道).")
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )


@strawberry.input(description="Joint-meeting problems filter (议题筛选).")
class JointMeetingProblemFilterInput:
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="Joint meeting (联席会议)."
    )
    level: MeetingLevel | None = strawberry.field(default=None, description="Level (层级).")
    year: int | None = strawberry.field(default=None, description="Year (年度).")
    quarter: int | None = strawberry.field(default=None, description="Quarter (季度).")
    status: JointProblemStatus | None = strawberry.field(default=None, description="Status (状态).")
    open: bool | None = strawberry.field(default=None, description="Still open (未解决).")
    overdue: bool | None = strawberry.field(default=None, description="Open past due (逾期).")
