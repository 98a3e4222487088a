"""Volunteer service (志愿服务): teams, volunteers, key recipients, the order chain
"residents order → community dispatches → team accepts → member claims", the hours
ledger, plans and the monthly publication."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ArchivableMixin, Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class ServiceCategory(enum.Enum):
    """The "6+N" service items (6+N志愿服务项目): six named by the district, and LOCAL for
    one of a community's own N items (a LocalServiceItem)."""

    HOME_ENVIRONMENT = "HOME_ENVIRONMENT"
    DAILY_CARE = "DAILY_CARE"
    TUTORING_AND_CHILD_CARE = "TUTORING_AND_CHILD_CARE"
    ERRANDS = "ERRANDS"
    PSYCHOLOGICAL_COUNSELLING = "PSYCHOLOGICAL_COUNSELLING"
    HEALTH_CARE = "HEALTH_CARE"
    LOCAL = "LOCAL"


class TeamLevel(enum.Enum):
    DISTRICT = "DISTRICT"
    STREET = "STREET"
    COMMUNITY = "COMMUNITY"


class RecipientKind(enum.Enum):
    """Why someone is a key recipient (重点服务对象): 鳏寡孤独 and similar."""

    WIDOWER = "WIDOWER"
    WIDOW = "WIDOW"
    ORPHAN = "ORPHAN"
    CHILDLESS_ELDERLY = "CHILDLESS_ELDERLY"
    ELDERLY_LIVING_ALONE = "ELDERLY_LIVING_ALONE"
    DISABLED = "DISABLED"
    LOW_INCOME = "LOW_INCOME"


class OrderStatus(enum.Enum):
    PLACED = "PLACED"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    CLAIMED = "CLAIMED"
    IN_SERVICE = "IN_SERVICE"
    COMPLETED = "COMPLETED"
    RATED = "RATED"
    CANCELLED = "CANCELLED"


class OrderAction(enum.Enum):
    PLACE = "PLACE"
    DISPATCH = "DISPATCH"
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"
    CLAIM = "CLAIM"
    START = "START"
    COMPLETE = "COMPLETE"
    RATE = "RATE"
    CANCEL = "CANCEL"
    REASSIGN = "REASSIGN"


class PlanKind(enum.Enum):
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


class PartyTieIn(enum.Enum):
    """The party routine a planned service is tied to."""

    NONE = "NONE"
    PARTY_DAY = "PARTY_DAY"  # 28日主题党日
    THREE_MEETINGS_ONE_LESSON = "THREE_MEETINGS_ONE_LESSON"  # 三会一课


def _live_unique(name: str, *columns: str, where: str = "archived_at IS NULL") -> Index:
    return Index(
        name, *columns, unique=True, sqlite_where=text(where), postgresql_where=text(where)
    )


class LocalServiceItem(IdMixin, TimestampMixin, ArchivableMixin, Base):
    """One of a community's own service items, the "N" of "6+N"."""

    __tablename__ = "local_service_items"
    __table_args__ = (
        _live_unique("uq_local_service_items_community_name_live", "community_id", "name"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")


TEAM_NODE_COLUMNS = ("district_id", "street_id", "community_id")


class VolunteerTeam(IdMixin, TimestampMixin, ArchivableMixin, Base):
    """A party-led volunteer team (党建引领志愿服务队伍) at district, street or community
    level; the node column of its level is set, the others are null."""

    __tablename__ = "volunteer_teams"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in TEAM_NODE_COLUMNS
            )
            + " = 1",
            name="one_node",
        ),
        _live_unique("uq_volunteer_teams_name_live", "name"),
    )

    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[TeamLevel] = mapped_column(_enum(TeamLevel))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"), index=True)
    # ServiceCategory names the team offers.
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    founded_on: Mapped[date] = mapped_column(Date)


class Volunteer(IdMixin, TimestampMixin, Base):
    """A person registered as a volunteer (志愿者), with skills and weekly availability."""

    __tablename__ = "volunteers"
    __table_args__ = (
        CheckConstraint("available_weekdays BETWEEN 0 AND 127", name="weekdays"),
        CheckConstraint(
            "available_from_minute >= 0 AND available_until_minute <= 1440"
            " AND available_from_minute < available_until_minute",
            name="day_window",
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    # ServiceCategory names the volunteer is good at.
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Bit 0 is Monday … bit 6 Sunday; minutes of the day in the district's time zone.
    available_weekdays: Mapped[int] = mapped_column(Integer, default=127)
    available_from_minute: Mapped[int] = mapped_column(Integer, default=8 * 60)
    available_until_minute: Mapped[int] = mapped_column(Integer, default=18 * 60)
    registered_on: Mapped[date] = mapped_column(Date)
    no_shows: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TeamMembership(IdMixin, TimestampMixin, Base):
    """A volunteer's membership of a team from `joined_on` until `left_on`; one live
    member per team is its lead (队长)."""

    __tablename__ = "team_memberships"
    __table_args__ = (
        _live_unique(
            "uq_team_memberships_team_volunteer_live",
            "team_id",
            "volunteer_id",
            where="left_on IS NULL",
        ),
        _live_unique(
            "uq_team_memberships_lead_live", "team_id", where="is_lead AND left_on IS NULL"
        ),
        Index("ix_team_memberships_volunteer", "volunteer_id"),
    )

    team_id: Mapped[int] = mapped_column(ForeignKey("volunteer_teams.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date, default=None)


class KeyRecipient(IdMixin, TimestampMixin, Base):
    """A key service recipient (重点服务对象) of a community, with their needs."""

    __tablename__ = "key_recipients"
    __table_args__ = (
        _live_unique("uq_key_recipients_person_live", "person_id", where="ended_on IS NULL"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    kind: Mapped[RecipientKind] = mapped_column(_enum(RecipientKind))
    # ServiceCategory names of what the recipient needs.
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs_note: Mapped[str] = mapped_column(String(500), default="")
    registered_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)


class ServiceOrder(IdMixin, TimestampMixin, Base):
    """A volunteer service order (服务订单) moving along the order chain; the steps'
    rules live in resolvers/volunteering/workflow.py."""

    __tablename__ = "service_orders"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
        CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes_positive"),
        CheckConstraint("scheduled_start < scheduled_end", name="schedule_order"),
        Index("ix_service_orders_status_changed", "status", "status_changed_at"),
        Index("ix_service_orders_community_scheduled", "community_id", "scheduled_start"),
        Index("ix_service_orders_claimer_scheduled", "claimer_id", "scheduled_start"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    placed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    category: Mapped[ServiceCategory] = mapped_column(_enum(ServiceCategory))
    local_item_id: Mapped[int | None] = mapped_column(ForeignKey("local_service_items.id"))
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    scheduled_start: Mapped[datetime] = mapped_column(UTCDateTime())
    scheduled_end: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), default=OrderStatus.PLACED)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"), index=True)
    claimer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"))
    minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    rating: Mapped[int | None] = mapped_column(Integer, default=None)
    rating_comment: Mapped[str | None] = mapped_column(String(300), default=None)
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(String(300), default=None)


class OrderEvent(IdMixin, Base):
    """One step of an order's history (流转记录): who moved it, from what to what, why."""

    __tablename__ = "service_order_events"

    order_id: Mapped[int] = mapped_column(ForeignKey("service_orders.id"), index=True)
    action: Mapped[OrderAction] = mapped_column(_enum(OrderAction))
    from_status: Mapped[OrderStatus | None] = mapped_column(_enum(OrderStatus), default=None)
    to_status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"), default=None)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)
    no_show: Mapped[bool] = mapped_column(Boolean, default=False)


class HoursEntry(IdMixin, Base):
    """The hours ledger (服务时长台账): one entry per completed service, never edited."""

    __tablename__ = "volunteer_hours"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        Index("ix_volunteer_hours_volunteer_served", "volunteer_id", "served_on"),
        Index("ix_volunteer_hours_team_served", "team_id", "served_on"),
        Index("ix_volunteer_hours_community_served", "community_id", "served_on"),
    )

    order_id: Mapped[int] = mapped_column(ForeignKey("service_orders.id"), unique=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("volunteer_teams.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    served_on: Mapped[date] = mapped_column(Date)  # in the district's calendar
    minutes: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServicePlan(IdMixin, TimestampMixin, Base):
    """A community's monthly schedule (月度安排) or yearly plan (年度计划); a yearly
    plan has month 0."""

    __tablename__ = "service_plans"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'YEARLY' AND month = 0) OR (kind = 'MONTHLY' AND month BETWEEN 1 AND 12)",
            name="month_of_kind",
        ),
        Index(
            "uq_service_plans_community_period",
            "community_id",
            "kind",
            "year",
            "month",
            unique=True,
        ),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    kind: Mapped[PlanKind] = mapped_column(_enum(PlanKind))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(String(1000), default="")


class PlannedService(IdMixin, TimestampMixin, Base):
    """A service on a plan: a day, an item, optionally the team that will run it."""

    __tablename__ = "planned_services"

    plan_id: Mapped[int] = mapped_column(ForeignKey("service_plans.id"), index=True)
    scheduled_on: Mapped[date] = mapped_column(Date)
    category: Mapped[ServiceCategory] = mapped_column(_enum(ServiceCategory))
    local_item_id: Mapped[int | None] = mapped_column(ForeignKey("local_service_items.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"))
    title: Mapped[str] = mapped_column(String(100))
    tie_in: Mapped[PartyTieIn] = mapped_column(_enum(PartyTieIn), default=PartyTieIn.NONE)
    # The party meeting the service is held with (migration 0010), if it is recorded.
    party_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_meetings.id"), index=True, default=None
    )


class MonthlyPublication(IdMixin, Base):
    """What a community did in a month, as published (志愿服务按月公示): frozen figures."""

    __tablename__ = "monthly_publications"
    __table_args__ = (
        Index(
            "uq_monthly_publications_community_month", "community_id", "year", "month", unique=True
        ),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    services: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    volunteers: Mapped[int] = mapped_column(Integer)
    recipients_served: Mapped[int] = mapped_column(Integer)
    key_recipients_served: Mapped[int] = mapped_column(Integer)
    ratings: Mapped[int] = mapped_column(Integer)
    average_rating: Mapped[float | None] = mapped_column(Float, default=None)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
