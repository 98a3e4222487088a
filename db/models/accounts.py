"""Accounts (账号): users, their roles bound to a scope, refresh tokens, cost budgets and
the audit log. Nothing here is per process: several uvicorn workers share it."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


class AccountRole(enum.Enum):
    """What a user may do, within the scope its grant is bound to."""

    DISTRICT_ADMIN = "DISTRICT_ADMIN"
    STREET_ADMIN = "STREET_ADMIN"
    COMMUNITY_SECRETARY = "COMMUNITY_SECRETARY"
    COMMUNITY_WORKER = "COMMUNITY_WORKER"
    GRID_LEADER = "GRID_LEADER"
    PARTY_MEMBER = "PARTY_MEMBER"
    VOLUNTEER = "VOLUNTEER"
    TEAM_LEAD = "TEAM_LEAD"
    RESIDENT = "RESIDENT"
    PROPERTY_COMPANY = "PROPERTY_COMPANY"
    OBSERVER = "OBSERVER"
    # Staff of a coordinating department (协同部门) working their grid-incident tasks.
    DEPARTMENT_STAFF = "DEPARTMENT_STAFF"


# The scope columns of a grant; exactly one is set.
SCOPE_COLUMNS = (
    "district_id",
    "street_id",
    "community_id",
    "grid_id",
    "work_unit_id",
    "team_id",
    "property_company_id",
)


class User(IdMixin, TimestampMixin, Base):
    """Someone who logs in; usually a person of the district, but admins need not be."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class UserGrant(IdMixin, TimestampMixin, Base):
    """A role a user holds, bound to one node of the tree, a work unit, a volunteer team
    or a property company."""

    __tablename__ = "user_grants"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column in SCOPE_COLUMNS
            )
            + " = 1",
            name="one_scope",
        ),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[AccountRole] = mapped_column(Enum(AccountRole, native_enum=False, length=30))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    work_unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_teams.id"))
    property_company_id: Mapped[int | None] = mapped_column(ForeignKey("property_companies.id"))


class RefreshToken(IdMixin, Base):
    """A refresh token, stored as its SHA-256 only; rotated on every use. The tokens of
    one login share a `session_id`, which the login's access tokens carry: the session
    is live while its newest refresh token is."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    session_id: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class CostWindow(Base):
    """Query cost a subject (user or client address) spent in one minute."""

    __tablename__ = "cost_windows"

    subject: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[int] = mapped_column(Integer, primary_key=True)  # Unix minute
    # 64-bit, and the charge saturates at its largest value (resolvers/budget.py).
    spent: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEntry(IdMixin, Base):
    """One object changed by one mutation: who, which operation, before and after, when."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_object", "object_type", "object_id"),
        Index("ix_audit_entries_at", "at"),
    )

    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    operation: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(10))  # CREATE, UPDATE or DELETE
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    request_id: Mapped[str | None] = mapped_column(String(40), default=None)
