"""Work units and the "dual reporting" (双报到) of units and in-service party members."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, Enum, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ArchivableMixin, Base, IdMixin, TimestampMixin


class WorkUnitKind(enum.Enum):
    AGENCY = "AGENCY"
    ENTERPRISE = "ENTERPRISE"
    INSTITUTION = "INSTITUTION"
    TWO_NEW_ORGANIZATION = "TWO_NEW_ORGANIZATION"


class WorkUnit(IdMixin, TimestampMixin, ArchivableMixin, Base):
    """A unit that reports to the community where it sits (单位到驻地社区报到)."""

    __tablename__ = "work_units"
    __table_args__ = (
        Index(
            "uq_work_units_name_live",
            "name",
            unique=True,
            sqlite_where=text("archived_at IS NULL"),
            postgresql_where=text("archived_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[WorkUnitKind] = mapped_column(Enum(WorkUnitKind, native_enum=False, length=40))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    reported_on: Mapped[date] = mapped_column(Date)


class MemberReport(IdMixin, TimestampMixin, Base):
    """An in-service party member's dual report (在职党员双报到).

    The member reports to the community where the unit sits (through the unit) and to the
    home community; a member has at most one live report.
    """

    __tablename__ = "member_reports"
    __table_args__ = (
        Index(
            "uq_member_reports_person_live",
            "person_id",
            unique=True,
            sqlite_where=text("ended_on IS NULL"),
            postgresql_where=text("ended_on IS NULL"),
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    work_unit_id: Mapped[int] = mapped_column(ForeignKey("work_units.id"), index=True)
    home_community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
