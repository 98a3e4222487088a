"""The organisation tree (district → street → community → grid → building) and its
party organisations."""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint, Enum, Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ArchivableMixin, Base, IdMixin, TimestampMixin

NAME_LENGTH = 100
LIVE = text("archived_at IS NULL")
NODE_COLUMNS = ("street_id", "community_id", "grid_id", "building_id")


class StreetKind(enum.Enum):
    SUBDISTRICT = "SUBDISTRICT"
    TOWN = "TOWN"


class PartyOrganizationKind(enum.Enum):
    STREET_WORKING_COMMITTEE = "STREET_WORKING_COMMITTEE"
    COMMUNITY_PARTY_COMMITTEE = "COMMUNITY_PARTY_COMMITTEE"
    GRID_PARTY_BRANCH = "GRID_PARTY_BRANCH"
    GRID_PARTY_GROUP = "GRID_PARTY_GROUP"
    BUILDING_PARTY_GROUP = "BUILDING_PARTY_GROUP"


def _enum(cls: type[enum.Enum]) -> Enum:
    # Plain strings in the database: portable, and new values need no ALTER TYPE.
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


def _unique_live_name(table: str, parent: str) -> Index:
    return Index(
        f"uq_{table}_{parent}_name_live",
        parent,
        "name",
        unique=True,
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


class District(IdMixin, TimestampMixin, Base):
    __tablename__ = "districts"

    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)


class Street(IdMixin, TimestampMixin, ArchivableMixin, Base):
    __tablename__ = "streets"
    __table_args__ = (_unique_live_name("streets", "district_id"),)

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    kind: Mapped[StreetKind] = mapped_column(_enum(StreetKind))


class Community(IdMixin, TimestampMixin, ArchivableMixin, Base):
    __tablename__ = "communities"
    __table_args__ = (_unique_live_name("communities", "street_id"),)

    street_id: Mapped[int] = mapped_column(ForeignKey("streets.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))


class Grid(IdMixin, TimestampMixin, ArchivableMixin, Base):
    __tablename__ = "grids"
    __table_args__ = (_unique_live_name("grids", "community_id"),)

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Where the grid lies (its centre), WGS-84 degrees; unset until mapped.
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)


class Building(IdMixin, TimestampMixin, ArchivableMixin, Base):
    __tablename__ = "buildings"
    __table_args__ = (
        _unique_live_name("buildings", "grid_id"),
        CheckConstraint("household_count >= 0", name="household_count_not_negative"),
    )

    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    address: Mapped[str] = mapped_column(String(200), default="")
    household_count: Mapped[int] = mapped_column(Integer, default=0)
    # Where the building stands, WGS-84 degrees; unset until mapped.
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)


class PartyOrganization(IdMixin, TimestampMixin, ArchivableMixin, Base):
    """A party organisation attached to exactly one node of the tree.

    The node column that is set follows from the kind (a street working committee sits on
    a street, a grid branch or group on a grid, …); each node has at most one live
    organisation. Its secretary is the live SECRETARY role that names it.
    """

    __tablename__ = "party_organizations"
    __table_args__ = (
        CheckConstraint(
            " + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in NODE_COLUMNS)
            + " = 1",
            name="one_node",
        ),
        *(
            Index(
                f"uq_party_organizations_{column}_live",
                column,
                unique=True,
                sqlite_where=LIVE,
                postgresql_where=LIVE,
            )
            for column in NODE_COLUMNS
        ),
    )

    kind: Mapped[PartyOrganizationKind] = mapped_column(_enum(PartyOrganizationKind))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("party_organizations.id"), index=True)
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"))
