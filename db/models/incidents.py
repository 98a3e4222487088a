"""Grid incidents (网格事件): a problem seen in a grid, called in by the community
(社区吹哨), answered at a tier (社区/街道/区级响应) by the coordinating departments
(部门报到) with dated tasks, verified by the grid leader, closed and called back.

The category catalogue (事件分类) with its typed extra attributes and the district's
coordinating departments (协同部门) are rows, seeded from db/incident_catalogue.py."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class ResponseTier(enum.Enum):
    """Who leads the response (响应层级), lowest first; escalation moves up."""

    COMMUNITY = "COMMUNITY"  # 社区响应
    STREET = "STREET"  # 街道响应
    DISTRICT = "DISTRICT"  # 区级响应


class IncidentStatus(enum.Enum):
    # open
    REPORTED = "REPORTED"  # 已上报
    CALLED = "CALLED"  # 已吹哨
    RESPONDING = "RESPONDING"  # 部门响应中
    IN_DISPOSAL = "IN_DISPOSAL"  # 联合处置中
    # closed
    RESOLVED = "RESOLVED"  # 已办结
    NOT_RESPONSIBLE = "NOT_RESPONSIBLE"  # 非职责范围
    DUPLICATE = "DUPLICATE"  # 重复事件
    REFERRED = "REFERRED"  # 已转办


class IncidentAction(enum.Enum):
    """What moves an incident; the rules are in resolvers/incidents/workflow.py."""

    REPORT = "REPORT"
    CALL = "CALL"
    RESPOND = "RESPOND"
    DISPOSE = "DISPOSE"
    ESCALATE = "ESCALATE"
    VERIFY = "VERIFY"
    CLOSE = "CLOSE"
    MERGE = "MERGE"
    CALLBACK = "CALLBACK"


class IncidentChannel(enum.Enum):
    """How the incident came in (来源渠道)."""

    GRID_LEADER = "GRID_LEADER"  # 网格员巡查发现
    RESIDENT = "RESIDENT"  # 居民上报
    STAFF = "STAFF"  # 工作人员代居民登记


class CallbackResult(enum.Enum):
    """The reporter's answer to the callback (回访结果)."""

    SATISFIED = "SATISFIED"  # 满意
    NOT_SATISFIED = "NOT_SATISFIED"  # 不满意
    UNREACHABLE = "UNREACHABLE"  # 无法联系


class TaskStatus(enum.Enum):
    """A department's task (处置任务)."""

    OPEN = "OPEN"  # 待办
    IN_PROGRESS = "IN_PROGRESS"  # 办理中
    DONE = "DONE"  # 已完成
    CANCELLED = "CANCELLED"  # 已取消


class Department(IdMixin, TimestampMixin, Base):
    """A coordinating department of the district (协同部门): police, urban management,
    market supervision, housing, fire, … Staff of a department act on its tasks."""

    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    english_name: Mapped[str] = mapped_column(String(100), default="")
    # Where it usually answers: COMMUNITY (on the spot), STREET or DISTRICT.
    tier: Mapped[ResponseTier] = mapped_column(_enum(ResponseTier))


class DepartmentStaff(IdMixin, Base):
    """A user who works for a department (部门工作人员): what makes its tasks their own."""

    __tablename__ = "department_staff"
    __table_args__ = (
        Index("uq_department_staff_user_department", "user_id", "department_id", unique=True),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)


class IncidentCategory(IdMixin, TimestampMixin, Base):
    """A kind of incident (事件分类) with its default tier and deadline, the departments
    that usually take part, and typed extra attributes as Open311 services have them:
    `[{"code", "name", "datatype": STRING|NUMBER|BOOLEAN|SINGLE_CHOICE|MULTI_CHOICE,
    "required", "values": [...]}]`."""

    __tablename__ = "incident_categories"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    english_name: Mapped[str] = mapped_column(String(100), default="")
    group: Mapped[str] = mapped_column(String(50))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_tier: Mapped[ResponseTier] = mapped_column(_enum(ResponseTier))
    deadline_hours: Mapped[int] = mapped_column(Integer)
    department_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Incident(IdMixin, TimestampMixin, Base):
    """A grid incident (网格事件) from its report to its callback."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_community_status", "community_id", "status"),
        Index("ix_incidents_grid_status", "grid_id", "status"),
        Index("ix_incidents_reported_at", "reported_at"),
    )

    category_id: Mapped[int] = mapped_column(ForeignKey("incident_categories.id"), index=True)
    description: Mapped[str] = mapped_column(String(1000))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"), default=None)
    address: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    channel: Mapped[IncidentChannel] = mapped_column(_enum(IncidentChannel))
    reporter_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), index=True, default=None
    )
    reported_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[IncidentStatus] = mapped_column(_enum(IncidentStatus))
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    tier: Mapped[ResponseTier] = mapped_column(_enum(ResponseTier))
    escalations: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    disposal_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolution: Mapped[str | None] = mapped_column(String(1000), default=None)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    verified_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id"), index=True, default=None
    )
    callback_result: Mapped[CallbackResult | None] = mapped_column(
        _enum(CallbackResult), default=None
    )
    callback_comment: Mapped[str | None] = mapped_column(String(500), default=None)
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)


class IncidentParticipant(IdMixin, Base):
    """A department taking part in an incident (参与部门), and when it answered the call."""

    __tablename__ = "incident_participants"
    __table_args__ = (
        Index(
            "uq_incident_participants_incident_department",
            "incident_id",
            "department_id",
            unique=True,
        ),
    )

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class IncidentTask(IdMixin, TimestampMixin, Base):
    """A dated task of one department on an incident (处置任务): owner, assignees, due
    time, status and the note that resolves it."""

    __tablename__ = "incident_tasks"
    __table_args__ = (Index("ix_incident_tasks_status_due", "status", "due_at"),)

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    assignees: Mapped[list[str]] = mapped_column(JSON, default=list)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[TaskStatus] = mapped_column(_enum(TaskStatus), default=TaskStatus.OPEN)
    resolution_note: Mapped[str | None] = mapped_column(String(1000), default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class IncidentEvent(IdMixin, Base):
    """One step of an incident's history (事件流转记录): who, when, from what to what,
    why, and the tier it stood at."""

    __tablename__ = "incident_events"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    action: Mapped[IncidentAction] = mapped_column(_enum(IncidentAction))
    from_status: Mapped[IncidentStatus | None] = mapped_column(_enum(IncidentStatus), default=None)
    to_status: Mapped[IncidentStatus] = mapped_column(_enum(IncidentStatus))
    tier: Mapped[ResponseTier] = mapped_column(_enum(ResponseTier))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(500), default=None)
