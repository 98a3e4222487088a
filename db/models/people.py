"""People and the roles they hold in the tree; one person can hold several roles."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, Enum, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin


class Gender(enum.Enum):
    FEMALE = "FEMALE"
    MALE = "MALE"


class RoleKind(enum.Enum):
    """What a role means and which scope column it is bound to (see ROLE_SCOPES)."""

    PARTY_MEMBER = "PARTY_MEMBER"
    COMMUNITY_WORKER = "COMMUNITY_WORKER"
    STREET_PART_TIME_MEMBER = "STREET_PART_TIME_MEMBER"
    COMMUNITY_PART_TIME_MEMBER = "COMMUNITY_PART_TIME_MEMBER"
    GRID_CADRE = "GRID_CADRE"
    DISTRICT_LEADER = "DISTRICT_LEADER"
    SECRETARY = "SECRETARY"


# The scope column each role kind is bound to, and whether it must be set (a party
# member's organisation is optional; every other role names its node or organisation).
ROLE_SCOPES: dict[RoleKind, tuple[str, bool]] = {
    RoleKind.PARTY_MEMBER: ("party_organization_id", False),
    RoleKind.COMMUNITY_WORKER: ("community_id", True),
    RoleKind.STREET_PART_TIME_MEMBER: ("street_id", True),
    RoleKind.COMMUNITY_PART_TIME_MEMBER: ("community_id", True),
    RoleKind.GRID_CADRE: ("grid_id", True),
    RoleKind.DISTRICT_LEADER: ("community_id", True),
    RoleKind.SECRETARY: ("party_organization_id", True),
}
# Part-time committee members come from a work unit, sunk cadres from their agency.
ROLES_WITH_UNIT = frozenset(
    {RoleKind.STREET_PART_TIME_MEMBER, RoleKind.COMMUNITY_PART_TIME_MEMBER, RoleKind.GRID_CADRE}
)
# Sunk cadres have a fixed post and duty (定岗定责).
ROLES_WITH_POST = frozenset({RoleKind.GRID_CADRE})

LIVE_ROLE = text("ended_on IS NULL")


class Person(IdMixin, TimestampMixin, Base):
    __tablename__ = "people"

    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[Gender] = mapped_column(Enum(Gender, native_enum=False, length=10))
    phone: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"), index=True)


class PersonRole(IdMixin, TimestampMixin, Base):
    """A role held by a person from `started_on` until `ended_on` (open while live)."""

    __tablename__ = "person_roles"
    __table_args__ = (
        Index("ix_person_roles_kind_community", "kind", "community_id"),
        Index("ix_person_roles_kind_street", "kind", "street_id"),
        Index("ix_person_roles_kind_grid", "kind", "grid_id"),
        Index(
            "uq_person_roles_secretary_live",
            "party_organization_id",
            unique=True,
            sqlite_where=text("kind = 'SECRETARY' AND ended_on IS NULL"),
            postgresql_where=text("kind = 'SECRETARY' AND ended_on IS NULL"),
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[RoleKind] = mapped_column(Enum(RoleKind, native_enum=False, length=40))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    party_organization_id: Mapped[int | None] = mapped_column(ForeignKey("party_organizations.id"))
    work_unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id"), index=True)
    post: Mapped[str | None] = mapped_column(String(100))
    duty: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
