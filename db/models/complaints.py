"""Property complaints (物业投诉) on the "2310" clock, the quarterly ratings of property
companies (物业企业季度评价) and the published red/black list (红黑榜)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class ComplaintLevel(enum.Enum):
    """The level sets the deadline (resolvers/complaints/sla.py): 2, 3 or 10 days."""

    GENERAL = "GENERAL"  # 一般
    IMPORTANT = "IMPORTANT"  # 重要
    MAJOR = "MAJOR"  # 重大


class ComplaintStatus(enum.Enum):
    FILED = "FILED"  # 已受理登记
    ACKNOWLEDGED = "ACKNOWLEDGED"  # 已签收
    IN_HANDLING = "IN_HANDLING"  # 处理中
    PAUSED = "PAUSED"  # 暂停计时
    RESOLVED = "RESOLVED"  # 已办结, awaiting the complainant
    CONFIRMED = "CONFIRMED"  # 投诉人确认, closed


class ComplaintAction(enum.Enum):
    """What moves a complaint; the rules are in resolvers/complaints/workflow.py."""

    FILE = "FILE"
    ACKNOWLEDGE = "ACKNOWLEDGE"
    HANDLE = "HANDLE"
    PAUSE = "PAUSE"
    RESUME = "RESUME"
    RESOLVE = "RESOLVE"
    CONFIRM = "CONFIRM"
    REOPEN = "REOPEN"
    ESCALATE = "ESCALATE"
    REASSIGN = "REASSIGN"
    CHANGE_LEVEL = "CHANGE_LEVEL"


class EscalationLevel(enum.Enum):
    """Who watches a breached complaint: nobody above the company yet, the community, the
    street (督办层级)."""

    NONE = "NONE"
    COMMUNITY = "COMMUNITY"
    STREET = "STREET"


class Standing(enum.Enum):
    """Where a rated company stands in a quarter's list."""

    RED = "RED"  # 红榜
    BLACK = "BLACK"  # 黑榜
    NEUTRAL = "NEUTRAL"  # 未上榜


class PropertyComplaint(IdMixin, TimestampMixin, Base):
    """A resident's complaint (物业投诉) against a property company about a building it
    serves. The clock: `due_at` is the start of the clock plus the level's days plus the
    time spent paused; a pause in progress started at `paused_at`."""

    __tablename__ = "property_complaints"
    __table_args__ = (
        CheckConstraint("paused_seconds >= 0", name="paused_not_negative"),
        Index("ix_property_complaints_company_filed", "property_company_id", "filed_at"),
        Index("ix_property_complaints_status_due", "status", "due_at"),
    )

    property_company_id: Mapped[int] = mapped_column(ForeignKey("property_companies.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"), index=True)
    complainant_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), index=True, default=None
    )
    filed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    level: Mapped[ComplaintLevel] = mapped_column(_enum(ComplaintLevel))
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[ComplaintStatus] = mapped_column(
        _enum(ComplaintStatus), default=ComplaintStatus.FILED
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The clock: started at filing (again at a reassignment), moved by pauses.
    clock_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    paused_from: Mapped[ComplaintStatus | None] = mapped_column(
        _enum(ComplaintStatus), default=None
    )
    pause_reason: Mapped[str | None] = mapped_column(String(300), default=None)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolution: Mapped[str | None] = mapped_column(String(1000), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    satisfied: Mapped[bool | None] = mapped_column(default=None)
    escalation: Mapped[EscalationLevel] = mapped_column(
        _enum(EscalationLevel), default=EscalationLevel.NONE
    )
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)


class ComplaintEvent(IdMixin, Base):
    """One step of a complaint's history (投诉流转记录): who, when, from what to what, why,
    and the clock as the step left it (level, company, due time, escalation)."""

    __tablename__ = "property_complaint_events"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("property_complaints.id"), index=True)
    action: Mapped[ComplaintAction] = mapped_column(_enum(ComplaintAction))
    from_status: Mapped[ComplaintStatus | None] = mapped_column(
        _enum(ComplaintStatus), default=None
    )
    to_status: Mapped[ComplaintStatus] = mapped_column(_enum(ComplaintStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)
    level: Mapped[ComplaintLevel] = mapped_column(_enum(ComplaintLevel))
    property_company_id: Mapped[int] = mapped_column(ForeignKey("property_companies.id"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    escalation: Mapped[EscalationLevel] = mapped_column(_enum(EscalationLevel))


class CompanyRating(IdMixin, Base):
    """A company's quarterly rating (季度评价): which items of the positive list (正面清单,
    15 items) it met and which of the negative list (负面清单, 6 items) it was found in,
    the score the rule gives them, who rated and the evidence."""

    __tablename__ = "company_ratings"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        Index(
            "uq_company_ratings_company_quarter",
            "property_company_id",
            "year",
            "quarter",
            unique=True,
        ),
    )

    property_company_id: Mapped[int] = mapped_column(ForeignKey("property_companies.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    positive_items: Mapped[list[int]] = mapped_column(JSON, default=list)
    negative_items: Mapped[list[int]] = mapped_column(JSON, default=list)
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(500), default="")
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    rated_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    rated_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)


class RedBlackList(IdMixin, Base):
    """A quarter's red/black list (红黑榜) as published: frozen, with the rule it used."""

    __tablename__ = "red_black_lists"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        Index("uq_red_black_lists_district_quarter", "district_id", "year", "quarter", unique=True),
    )

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class RedBlackListEntry(IdMixin, Base):
    """One rated company in a published list with the figures that put it there."""

    __tablename__ = "red_black_list_entries"
    __table_args__ = (
        Index(
            "uq_red_black_list_entries_list_company", "list_id", "property_company_id", unique=True
        ),
    )

    list_id: Mapped[int] = mapped_column(ForeignKey("red_black_lists.id"), index=True)
    property_company_id: Mapped[int] = mapped_column(
        ForeignKey("property_companies.id"), index=True
    )
    standing: Mapped[Standing] = mapped_column(_enum(Standing))
    score: Mapped[int] = mapped_column(Integer)
    negative_count: Mapped[int] = mapped_column(Integer)
    complaints: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)
    late: Mapped[int] = mapped_column(Integer)
    on_time_rate: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
