"""Who is asking: the user behind the request's access token and the grants they hold."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Integer,
    ScalarSelect,
    String,
    and_,
    bindparam,
    func,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from db.base import Base, UTCDateTime
from db.models import (
    AccountRole,
    Community,
    District,
    Grid,
    PropertyCompany,
    RefreshToken,
    Street,
    User,
    UserGrant,
    VolunteerTeam,
    WorkUnit,
)


class ScopeLevel(enum.Enum):
    """Where a grant is bound: a node of the tree, a work unit, a volunteer team or a
    property company."""

    DISTRICT = "district_id"
    STREET = "street_id"
    COMMUNITY = "community_id"
    GRID = "grid_id"
    WORK_UNIT = "work_unit_id"
    TEAM = "team_id"
    PROPERTY_COMPANY = "property_company_id"


# The model behind each level: what a grant's scope_id is a key of.
SCOPE_MODELS: dict[ScopeLevel, type[Base]] = {
    ScopeLevel.DISTRICT: District,
    ScopeLevel.STREET: Street,
    ScopeLevel.COMMUNITY: Community,
    ScopeLevel.GRID: Grid,
    ScopeLevel.WORK_UNIT: WorkUnit,
    ScopeLevel.TEAM: VolunteerTeam,
    ScopeLevel.PROPERTY_COMPANY: PropertyCompany,
}


@dataclass(frozen=True)
class Grant:
    role: AccountRole
    level: ScopeLevel
    scope_id: int


def grant_of(row: UserGrant) -> Grant:
    for level in ScopeLevel:
        scope_id = getattr(row, level.value)
        if scope_id is not None:
            return Grant(row.role, level, scope_id)
    raise ValueError(f"grant {row.id} has no scope")


@dataclass(frozen=True)
class Viewer:
    """The requesting user; the anonymous viewer has no user and no grants."""

    user_id: int | None = None
    person_id: int | None = None
    grants: tuple[Grant, ...] = ()

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    def grants_of(self, roles: frozenset[AccountRole]) -> tuple[Grant, ...]:
        return tuple(grant for grant in self.grants if grant.role in roles)


ANONYMOUS = Viewer()


# The parameters of `viewer_columns`, filled in by `viewer_parameters`.
VIEWER_ID = bindparam("viewer_id", type_=Integer)
VIEWER_SESSION = bindparam("viewer_session", type_=String)
VIEWER_NOW = bindparam("viewer_now", type_=UTCDateTime)


def live_session() -> ColumnElement[bool]:
    """Whether the access token's login session is live."""
    return (
        select(RefreshToken.id)
        .where(
            RefreshToken.session_id == VIEWER_SESSION,
            RefreshToken.user_id == VIEWER_ID,
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > VIEWER_NOW,
        )
        .exists()
    )


# A grant as the viewer's columns carry it: its role, then one column per scope level.
GRANT_COLUMNS = (UserGrant.role, *(getattr(UserGrant, level.value) for level in ScopeLevel))


@cache
def viewer_columns(dialect: str, with_session: bool) -> tuple[ScalarSelect[Any], ...]:
    """Columns that read the viewer beside another statement's own (the cost budget's
    charge, in schema/admission.py), so that both take one round trip: whether the user
    stands (exists, is active and, for a token of a login session, the session is live),
    their person, and their grants as a JSON array of GRANT_COLUMNS rows in grant order.
    Built once per dialect and kind of token; `viewer_parameters` fills them in and
    `viewer_of` reads them."""
    live = live_session() if with_session else true()
    standing = select(and_(User.active, live)).where(User.id == VIEWER_ID).scalar_subquery()
    person = select(User.person_id).where(User.id == VIEWER_ID).scalar_subquery()
    mine = UserGrant.user_id == VIEWER_ID
    if dialect == "postgresql":
        row = func.json_build_array(*GRANT_COLUMNS)
        grants = select(func.json_agg(aggregate_order_by(row, UserGrant.id))).where(mine)
    else:  # SQLite aggregates in the order of the rows it is given
        ordered = select(*GRANT_COLUMNS).where(mine).order_by(UserGrant.id).subquery()
        grants = select(func.json_group_array(func.json_array(*ordered.c)))
    return standing, person, grants.scalar_subquery()


def viewer_parameters(user_id: int, session_id: str | None, now: datetime) -> dict[str, Any]:
    """The values of `viewer_columns(dialect, session_id is not None)`'s parameters."""
    found: dict[str, Any] = {"viewer_id": user_id}
    if session_id is not None:
        found.update(viewer_session=session_id, viewer_now=now)
    return found


def viewer_of(
    user_id: int, standing: object, person_id: int | None, grants: str | list[Any] | None
) -> Viewer | None:
    """The viewer from `viewer_columns`' values, or None when the user does not stand.
    (SQLite gives the grants as JSON text, asyncpg already decoded.)"""
    if not standing:
        return None
    found = []
    rows = orjson.loads(grants) if isinstance(grants, str) else grants or []
    for role, *scopes in rows:
        scoped = zip(ScopeLevel, scopes, strict=True)
        level, scope_id = next((lv, id_) for lv, id_ in scoped if id_ is not None)
        found.append(Grant(AccountRole[role], level, scope_id))
    return Viewer(user_id=user_id, person_id=person_id, grants=tuple(found))
