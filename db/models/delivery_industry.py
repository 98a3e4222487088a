"""Party work in the delivery industry (新就业群体党建): the food-delivery industry party
committee (外卖送餐行业综合党委) and its rider members, its policy of 5 aspects and 15
measures (5个方面15条举措) tracked item by item, and the 6 party-building commissioners
(两新组织党建工作专员) with their handbook of 5 aspects and 31 items, 4 goals and 10 duties
as checklists."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class DeliveryPlatform(enum.Enum):
    MEITUAN = "MEITUAN"  # 美团
    ELEME = "ELEME"  # 饿了么
    OTHER = "OTHER"  # 其他平台


class CommissionerSector(enum.Enum):
    """The sector whose new organisations a commissioner is placed with."""

    COURIER = "COURIER"  # 快递物流
    INTERNET = "INTERNET"  # 互联网
    USED_CAR = "USED_CAR"  # 二手车


class ChecklistKind(enum.Enum):
    HANDBOOK = "HANDBOOK"  # 指导手册 (5 aspects, 31 items)
    GOAL = "GOAL"  # 目标任务 (4)
    DUTY = "DUTY"  # 具体职责 (10)


class ProgressStatus(enum.Enum):
    PLANNED = "PLANNED"  # 未开始
    IN_PROGRESS = "IN_PROGRESS"  # 推进中
    DONE = "DONE"  # 已完成


class ProgressAction(enum.Enum):
    """What moves a measure or a checklist item (resolvers/delivery_industry/workflow.py)."""

    REPORT = "REPORT"
    REOPEN = "REOPEN"


class IndustryMeasure(IdMixin, Base):
    """One of the policy's 15 measures, written by migration 0011 (db/station_catalogue.py)."""

    __tablename__ = "industry_measures"

    aspect: Mapped[int] = mapped_column(Integer)
    aspect_name: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))


class ChecklistItem(IdMixin, Base):
    """An item of the commissioners' handbook, a goal or a duty, written by migration 0011."""

    __tablename__ = "commissioner_checklist_items"
    __table_args__ = (
        Index("uq_commissioner_checklist_items_kind_number", "kind", "number", unique=True),
    )

    kind: Mapped[ChecklistKind] = mapped_column(_enum(ChecklistKind))
    aspect: Mapped[int | None] = mapped_column(Integer, default=None)
    aspect_name: Mapped[str | None] = mapped_column(String(40), default=None)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))


class IndustryPartyCommittee(IdMixin, TimestampMixin, Base):
    """The food-delivery industry's party committee of a district (外卖送餐行业综合党委)."""

    __tablename__ = "industry_party_committees"

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secretary_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    established_on: Mapped[date] = mapped_column(Date)


class IndustryPartyMember(IdMixin, TimestampMixin, Base):
    """A rider who is a party member in the committee, with platform and delivery station."""

    __tablename__ = "industry_party_members"
    __table_args__ = (
        Index(
            "uq_industry_party_members_committee_person", "committee_id", "person_id", unique=True
        ),
    )

    committee_id: Mapped[int] = mapped_column(ForeignKey("industry_party_committees.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    platform: Mapped[DeliveryPlatform] = mapped_column(_enum(DeliveryPlatform))
    delivery_station: Mapped[str] = mapped_column(String(100))
    joined_on: Mapped[date] = mapped_column(Date)


class PartyCommissioner(IdMixin, TimestampMixin, Base):
    """A party-building commissioner (党建工作专员) placed with a sector's organisations,
    at a work unit where there is one."""

    __tablename__ = "party_commissioners"

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    sector: Mapped[CommissionerSector] = mapped_column(_enum(CommissionerSector))
    work_unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id"), default=None)
    appointed_on: Mapped[date] = mapped_column(Date)


class _Progress:
    """A tracked item's status, progress in percent, owner and latest note."""

    status: Mapped[ProgressStatus] = mapped_column(
        _enum(ProgressStatus), default=ProgressStatus.PLANNED
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(500), default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class MeasureProgress(_Progress, IdMixin, Base):
    """How far the committee has carried one of the 15 measures (举措落实)."""

    __tablename__ = "industry_measure_progress"
    __table_args__ = (
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        Index(
            "uq_industry_measure_progress_committee_measure",
            "committee_id",
            "measure_id",
            unique=True,
        ),
    )

    committee_id: Mapped[int] = mapped_column(ForeignKey("industry_party_committees.id"))
    measure_id: Mapped[int] = mapped_column(ForeignKey("industry_measures.id"))
    owner: Mapped[str] = mapped_column(String(100), default="")


class ChecklistProgress(_Progress, IdMixin, Base):
    """How far a commissioner has carried one handbook item, goal or duty."""

    __tablename__ = "commissioner_checklist_progress"
    __table_args__ = (
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        Index(
            "uq_commissioner_checklist_progress_commissioner_item",
            "commissioner_id",
            "item_id",
            unique=True,
        ),
    )

    commissioner_id: Mapped[int] = mapped_column(ForeignKey("party_commissioners.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("commissioner_checklist_items.id"))


class ProgressEvent(IdMixin, Base):
    """One step of a measure's or a checklist item's progress (进展记录)."""

    __tablename__ = "industry_progress_events"
    __table_args__ = (
        CheckConstraint(
            "(measure_progress_id IS NULL) <> (checklist_progress_id IS NULL)", name="one_item"
        ),
    )

    measure_progress_id: Mapped[int | None] = mapped_column(
        ForeignKey("industry_measure_progress.id"), index=True, default=None
    )
    checklist_progress_id: Mapped[int | None] = mapped_column(
        ForeignKey("commissioner_checklist_progress.id"), index=True, default=None
    )
    action: Mapped[ProgressAction] = mapped_column(_enum(ProgressAction))
    from_status: Mapped[ProgressStatus | None] = mapped_column(_enum(ProgressStatus), default=None)
    to_status: Mapped[ProgressStatus] = mapped_column(_enum(ProgressStatus))
    progress: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500), default=None)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
