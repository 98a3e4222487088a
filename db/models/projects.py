"""Projects (项目): co-building projects of units and members (共驻共建项目), breakthrough
projects (突破项目), yearly service items (为民服务事项) and community service projects
adopted by property companies; their milestones, progress, the "four steps, ten links"
(四步十环) checkpoints, their status history, and violations of the negative list (负面清单)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
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


class ProjectKind(enum.Enum):
    CO_BUILDING = "CO_BUILDING"  # 共驻共建项目
    BREAKTHROUGH = "BREAKTHROUGH"  # 突破项目
    SERVICE_ITEM = "SERVICE_ITEM"  # 为民服务事项
    PROPERTY_SERVICE = "PROPERTY_SERVICE"  # 物业企业认领的社区党建服务项目


class ProjectCategory(enum.Enum):
    """The ten categories of co-building projects (共驻共建项目10大类)."""

    PARTY_BUILDING_ALLIANCE = "PARTY_BUILDING_ALLIANCE"  # 党建联建
    GRASSROOTS_GOVERNANCE = "GRASSROOTS_GOVERNANCE"  # 基层治理
    LIFE_SERVICES = "LIFE_SERVICES"  # 生活服务
    CULTURE_AND_SPORTS = "CULTURE_AND_SPORTS"  # 文体活动
    EDUCATION_AND_TRAINING = "EDUCATION_AND_TRAINING"  # 教育培训
    HEALTH_CARE = "HEALTH_CARE"  # 医疗健康
    ELDERLY_AND_CHILDREN = "ELDERLY_AND_CHILDREN"  # 一老一小
    ENVIRONMENT = "ENVIRONMENT"  # 环境美化
    SAFETY = "SAFETY"  # 平安建设
    EMPLOYMENT = "EMPLOYMENT"  # 就业创业


class OwnerKind(enum.Enum):
    WORK_UNIT = "WORK_UNIT"
    PARTY_MEMBER = "PARTY_MEMBER"
    SECRETARY = "SECRETARY"
    PROPERTY_COMPANY = "PROPERTY_COMPANY"


class ProjectStatus(enum.Enum):
    PROPOSED = "PROPOSED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    EVALUATED = "EVALUATED"
    CANCELLED = "CANCELLED"


class ProjectAction(enum.Enum):
    """What moves a project from one status to another; the rules are in
    resolvers/projects/workflow.py."""

    PROPOSE = "PROPOSE"
    START = "START"
    COMPLETE = "COMPLETE"
    EVALUATE = "EVALUATE"
    CANCEL = "CANCEL"


class CoBuildingLink(enum.Enum):
    """The ten links of the "four steps, ten links" (四步十环) closed loop, in order; the
    step each belongs to is in resolvers/projects/workflow.py."""

    UNIT_REPORTS = "UNIT_REPORTS"
    MEMBERS_REPORT = "MEMBERS_REPORT"
    NEEDS_COLLECTED = "NEEDS_COLLECTED"
    LIST_PUBLISHED = "LIST_PUBLISHED"
    PROJECT_ADOPTED = "PROJECT_ADOPTED"
    PLAN_MADE = "PLAN_MADE"
    CARRIED_OUT = "CARRIED_OUT"
    PROCESS_RECORDED = "PROCESS_RECORDED"
    RESIDENTS_EVALUATE = "RESIDENTS_EVALUATE"
    FEEDBACK_FILED = "FEEDBACK_FILED"


OWNER_COLUMNS = ("owner_work_unit_id", "owner_person_id", "owner_property_company_id")


class Project(IdMixin, TimestampMixin, Base):
    """A project of one community with one owner; `progress` is the weighted progress of
    its milestones, kept up to date by every change to them."""

    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in OWNER_COLUMNS
            )
            + " = 1",
            name="one_owner",
        ),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint(
            "evaluation_score IS NULL OR evaluation_score BETWEEN 0 AND 100", name="score_range"
        ),
        Index("ix_projects_community_kind", "community_id", "kind"),
        Index("ix_projects_kind_year", "kind", "year"),
    )

    kind: Mapped[ProjectKind] = mapped_column(_enum(ProjectKind))
    category: Mapped[ProjectCategory | None] = mapped_column(_enum(ProjectCategory), default=None)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(1000), default="")
    # What the project answers: the shortfall of a review, the survey's need, …
    source: Mapped[str] = mapped_column(String(300), default="")
    # The shortfall (短板) a breakthrough project answers, when it was made from one.
    source_shortfall_id: Mapped[int | None] = mapped_column(
        ForeignKey("shortfalls.id"), unique=True, default=None
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)
    owner_kind: Mapped[OwnerKind] = mapped_column(_enum(OwnerKind))
    owner_work_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_units.id"), index=True, default=None
    )
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id"), index=True, default=None
    )
    owner_property_company_id: Mapped[int | None] = mapped_column(
        ForeignKey("property_companies.id"), index=True, default=None
    )
    status: Mapped[ProjectStatus] = mapped_column(
        _enum(ProjectStatus), default=ProjectStatus.PROPOSED
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)
    started_on: Mapped[date | None] = mapped_column(Date, default=None)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)
    evaluation_score: Mapped[int | None] = mapped_column(Integer, default=None)
    evaluation_comment: Mapped[str | None] = mapped_column(String(500), default=None)
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    evaluated_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    cancel_reason: Mapped[str | None] = mapped_column(String(300), default=None)


class ProjectMilestone(IdMixin, TimestampMixin, Base):
    """A milestone (里程碑) of a project with its weight in the project's progress."""

    __tablename__ = "project_milestones"
    __table_args__ = (
        CheckConstraint("weight BETWEEN 1 AND 100", name="weight_range"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))
    weight: Mapped[int] = mapped_column(Integer, default=1)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)


class ProjectUpdate(IdMixin, Base):
    """A progress update (进展报告) with its evidence (佐证材料: titles and links)."""

    __tablename__ = "project_updates"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_milestones.id"), default=None
    )
    progress: Mapped[int | None] = mapped_column(Integer, default=None)
    note: Mapped[str] = mapped_column(String(1000), default="")
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reported_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reported_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)


class ProjectCheckpoint(IdMixin, Base):
    """A link of the "four steps, ten links" loop recorded for a project: who, when."""

    __tablename__ = "project_checkpoints"
    __table_args__ = (
        Index("uq_project_checkpoints_project_link", "project_id", "link", unique=True),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    link: Mapped[CoBuildingLink] = mapped_column(_enum(CoBuildingLink))
    note: Mapped[str] = mapped_column(String(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    recorded_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)


class ProjectEvent(IdMixin, Base):
    """One step of a project's history (项目流转记录): who moved it, from what to what, why."""

    __tablename__ = "project_events"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    action: Mapped[ProjectAction] = mapped_column(_enum(ProjectAction))
    from_status: Mapped[ProjectStatus | None] = mapped_column(_enum(ProjectStatus), default=None)
    to_status: Mapped[ProjectStatus] = mapped_column(_enum(ProjectStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)


class NegativeListViolation(IdMixin, Base):
    """A breach of one of the 20 items of the negative list (负面清单) of words and deeds,
    recorded against a party member or a work unit."""

    __tablename__ = "negative_list_violations"
    __table_args__ = (
        CheckConstraint("item_number BETWEEN 1 AND 20", name="item_range"),
        CheckConstraint("(person_id IS NULL) <> (work_unit_id IS NULL)", name="one_subject"),
    )

    item_number: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    work_unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), default=None)
    occurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
