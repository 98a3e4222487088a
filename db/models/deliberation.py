"""Deliberation (议事协商): "Let's talk it over" consultations (好商量) with their
participants, follow-up items and residents' feedback, and the three-level joint meetings
(三级联席会议) with the problems on their agendas."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class ConsultationStatus(enum.Enum):
    PROPOSED = "PROPOSED"  # 议题提出
    SCHEDULED = "SCHEDULED"  # 已安排
    HELD = "HELD"  # 已协商
    FOLLOWING_UP = "FOLLOWING_UP"  # 落实中
    RESOLVED = "RESOLVED"  # 已解决
    NOT_RESOLVED = "NOT_RESOLVED"  # 未解决
    CANCELLED = "CANCELLED"  # 已撤销


class ConsultationAction(enum.Enum):
    """What moves a consultation; the rules are in resolvers/deliberation/workflow.py."""

    PROPOSE = "PROPOSE"
    SCHEDULE = "SCHEDULE"
    HOLD = "HOLD"
    FOLLOW_UP = "FOLLOW_UP"
    RESOLVE = "RESOLVE"
    FAIL = "FAIL"
    CANCEL = "CANCEL"


class ParticipantRole(enum.Enum):
    """The three parties of a consultation (三方)."""

    CONVENER = "CONVENER"  # 问题召集方: the party raising the problem
    STAKEHOLDER = "STAKEHOLDER"  # 利益相关方
    COORDINATOR = "COORDINATOR"  # 协调处置方: the coordinating/disposing party


class MeetingLevel(enum.Enum):
    """The three levels of joint meetings (三级联席会议)."""

    DISTRICT = "DISTRICT"  # 区级
    STREET = "STREET"  # 街道级
    COMMUNITY = "COMMUNITY"  # 社区级


class JointProblemStatus(enum.Enum):
    RAISED = "RAISED"  # 已提出
    DECIDED = "DECIDED"  # 已议定, with an owner and a due date
    SOLVED = "SOLVED"  # 已解决
    PASSED = "PASSED"  # 已移交 to another level's meeting


class JointProblemAction(enum.Enum):
    """What moves a joint-meeting problem; rules in resolvers/deliberation/workflow.py."""

    RAISE = "RAISE"
    RECEIVE = "RECEIVE"  # arrives from another level's meeting
    DECIDE = "DECIDE"
    SOLVE = "SOLVE"
    PASS_UP = "PASS_UP"
    PASS_DOWN = "PASS_DOWN"


class ConsultationCategory(IdMixin, TimestampMixin, Base):
    """A topic category of consultations (协商议题类别); 15 written by migration 0008."""

    __tablename__ = "consultation_categories"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    english_name: Mapped[str] = mapped_column(String(100), default="")


class Consultation(IdMixin, TimestampMixin, Base):
    """A "Let's talk it over" consultation (好商量) in a community: the topic, where it is
    held, the record of the meeting and its outcome."""

    __tablename__ = "consultations"
    __table_args__ = (
        CheckConstraint("attendees_count >= 0", name="attendees_not_negative"),
        Index("ix_consultations_community_status", "community_id", "status"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"), index=True, default=None)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"), default=None)
    category_id: Mapped[int] = mapped_column(ForeignKey("consultation_categories.id"), index=True)
    topic: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000), default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[ConsultationStatus] = mapped_column(
        _enum(ConsultationStatus), default=ConsultationStatus.PROPOSED
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    proposed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    proposed_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), index=True, default=None
    )
    scheduled_for: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    sign_posted: Mapped[bool] = mapped_column(default=False)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    minutes: Mapped[str | None] = mapped_column(String(4000), default=None)
    attendees_count: Mapped[int] = mapped_column(Integer, default=0)
    decisions: Mapped[str | None] = mapped_column(String(2000), default=None)
    outcome: Mapped[str | None] = mapped_column(String(1000), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class ConsultationParticipant(IdMixin, Base):
    """A party to a consultation in one of the three roles: a person of the district, or
    a named outside party (a company, a department, an owners' committee)."""

    __tablename__ = "consultation_participants"
    __table_args__ = (
        CheckConstraint("person_id IS NOT NULL OR party_name IS NOT NULL", name="person_or_party"),
    )

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(_enum(ParticipantRole))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True, default=None)
    party_name: Mapped[str | None] = mapped_column(String(100), default=None)
    attended: Mapped[bool | None] = mapped_column(default=None)


class ConsultationFollowUp(IdMixin, TimestampMixin, Base):
    """A decision of a consultation turned into a follow-up item (落实事项): what, who
    owns it, by when, and when it was done."""

    __tablename__ = "consultation_follow_ups"
    __table_args__ = (
        CheckConstraint("owner_person_id IS NOT NULL OR owner_name IS NOT NULL", name="has_owner"),
    )

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    decision: Mapped[str] = mapped_column(String(500))
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    owner_name: Mapped[str | None] = mapped_column(String(100), default=None)
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    done_note: Mapped[str | None] = mapped_column(String(500), default=None)


class ConsultationFeedback(IdMixin, Base):
    """A resident's feedback on a consultation (回声): satisfaction 1–5 and a comment."""

    __tablename__ = "consultation_feedback"
    __table_args__ = (
        CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),
        Index(
            "uq_consultation_feedback_consultation_person",
            "consultation_id",
            "person_id",
            unique=True,
        ),
    )

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    satisfaction: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class ConsultationEvent(IdMixin, Base):
    """One step of a consultation's history (协商流转记录): who, when, from, to, why."""

    __tablename__ = "consultation_events"

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    action: Mapped[ConsultationAction] = mapped_column(_enum(ConsultationAction))
    from_status: Mapped[ConsultationStatus | None] = mapped_column(
        _enum(ConsultationStatus), default=None
    )
    to_status: Mapped[ConsultationStatus] = mapped_column(_enum(ConsultationStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)


class JointMeeting(IdMixin, TimestampMixin, Base):
    """A quarter's joint meeting (联席会议) of one body: the district, a street or a
    community. `body_id` is that body's key, so that each body meets once a quarter;
    the columns above it name where the body sits."""

    __tablename__ = "joint_meetings"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        Index("uq_joint_meetings_body_quarter", "level", "body_id", "year", "quarter", unique=True),
        Index("ix_joint_meetings_year_quarter", "year", "quarter"),
    )

    level: Mapped[MeetingLevel] = mapped_column(_enum(MeetingLevel))
    body_id: Mapped[int] = mapped_column(Integer)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    scheduled_on: Mapped[date] = mapped_column(Date)
    convened_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    minutes: Mapped[str | None] = mapped_column(String(4000), default=None)
    attendees_count: Mapped[int] = mapped_column(Integer, default=0)


class JointMeetingProblem(IdMixin, TimestampMixin, Base):
    """A problem on a joint meeting's agenda (议题), one "touching structures and money"
    (动体制、动资金): who raised it, the decision with its owner and due date, its status
    until solved. Passed to another level's meeting, it is closed here and continues as
    a new problem there that points back at it (`passed_from_id`)."""

    __tablename__ = "joint_meeting_problems"
    __table_args__ = (Index("ix_joint_meeting_problems_meeting_status", "meeting_id", "status"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("joint_meetings.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000), default="")
    raised_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    raised_by_name: Mapped[str] = mapped_column(String(100))
    status: Mapped[JointProblemStatus] = mapped_column(
        _enum(JointProblemStatus), default=JointProblemStatus.RAISED
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decision: Mapped[str | None] = mapped_column(String(1000), default=None)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    owner_name: Mapped[str | None] = mapped_column(String(100), default=None)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolution: Mapped[str | None] = mapped_column(String(1000), default=None)
    passed_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("joint_meeting_problems.id"), index=True, default=None
    )
    passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class JointMeetingProblemEvent(IdMixin, Base):
    """One step of a joint-meeting problem (议题流转记录), with the meeting it stood in."""

    __tablename__ = "joint_meeting_problem_events"

    problem_id: Mapped[int] = mapped_column(ForeignKey("joint_meeting_problems.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("joint_meetings.id"))
    action: Mapped[JointProblemAction] = mapped_column(_enum(JointProblemAction))
    from_status: Mapped[JointProblemStatus | None] = mapped_column(
        _enum(JointProblemStatus), default=None
    )
    to_status: Mapped[JointProblemStatus] = mapped_column(_enum(JointProblemStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)
