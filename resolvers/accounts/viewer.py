"""Who is asking: the user behind the request's access token and the grants they hold."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
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


async def load_viewer(
    session: AsyncSession, user_id: int, session_id: str | None = None, now: datetime | None = None
) -> Viewer | None:
    """The active user `user_id` with their grants, or None (deleted, deactivated, or the
    token's login session has ended): one statement."""
    live: ColumnElement[bool] = true()
    if session_id is not None:
        live = (
            select(RefreshToken.id)
            .where(
                RefreshToken.session_id == session_id,
                RefreshToken.user_id == user_id,
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > (now or datetime.now(UTC)),
            )
            .exists()
        )
    rows = (
        await session.execute(
            select(User.id, User.person_id, User.active, live.label("live"), UserGrant)
            .outerjoin(UserGrant, UserGrant.user_id == User.id)
            .where(User.id == user_id)
            .order_by(UserGrant.id)
        )
    ).all()
    if not rows or not rows[0].active or not rows[0].live:
        return None
    grants = tuple(grant_of(row.UserGrant) for row in rows if row.UserGrant is not None)
    return Viewer(user_id=rows[0].id, person_id=rows[0].person_id, grants=grants)
