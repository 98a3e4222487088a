"""Scopes in words, for the command line: an operator knows the community's name, not its
key. A path is `district`, `street:<name>`, `community:<name>`,
`grid:<community name>/<grid name>` or `unit:<name>`; a global ID works too. Only live
(unarchived) nodes are found by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    AccountRole,
    Community,
    District,
    Grid,
    PropertyCompany,
    Street,
    UserGrant,
    VolunteerTeam,
    WorkUnit,
)
from resolvers import global_ids
from resolvers.accounts.viewer import SCOPE_MODELS, ScopeLevel, grant_of
from resolvers.errors import BadUserInputError, NotFoundError, shown
from resolvers.nodes import TYPE_NAMES as NODE_TYPE_NAMES

SCOPE_SYNTAX = (
    "district, street:<name>, community:<name>, grid:<community name>/<grid name>,"
    " unit:<name>, team:<name>, company:<name>, or a global ID"
)
PREFIXES = {
    "district": ScopeLevel.DISTRICT,
    "street": ScopeLevel.STREET,
    "community": ScopeLevel.COMMUNITY,
    "grid": ScopeLevel.GRID,
    "unit": ScopeLevel.WORK_UNIT,
    "team": ScopeLevel.TEAM,
    "company": ScopeLevel.PROPERTY_COMPANY,
}
PREFIX_OF = {level: prefix for prefix, level in PREFIXES.items()}
# The GraphQL type behind each level, for global IDs.
TYPE_NAMES = {level: NODE_TYPE_NAMES[model] for level, model in SCOPE_MODELS.items()}
LEVEL_OF_TYPE = {name: level for level, name in TYPE_NAMES.items()}
NAMED_MODELS: dict[
    ScopeLevel,
    type[Street] | type[Community] | type[WorkUnit] | type[VolunteerTeam] | type[PropertyCompany],
] = {
    ScopeLevel.STREET: Street,
    ScopeLevel.COMMUNITY: Community,
    ScopeLevel.WORK_UNIT: WorkUnit,
    ScopeLevel.TEAM: VolunteerTeam,
    ScopeLevel.PROPERTY_COMPANY: PropertyCompany,
}


def _named(level: ScopeLevel, name: str) -> Select[Any]:
    """The keys of the live nodes at `level` that `name` names."""
    if level is ScopeLevel.DISTRICT:
        return select(District.id).where(District.name == name) if name else select(District.id)
    if level is ScopeLevel.GRID:
        community, slash, grid = name.partition("/")
        if not slash:
            raise BadUserInputError(
                f"{shown(name)}: a grid is named as grid:<community name>/<grid name>"
            )
        return (
            select(Grid.id)
            .join(Community, Community.id == Grid.community_id)
            .where(
                Community.name == community.strip(),
                Grid.name == grid.strip(),
                Community.archived_at.is_(None),
                Grid.archived_at.is_(None),
            )
        )
    model = NAMED_MODELS[level]
    return select(model.id).where(model.name == name, model.archived_at.is_(None))


async def find_scope(session: AsyncSession, path: str) -> tuple[ScopeLevel, int]:
    """The level and key a path or global ID names; NOT_FOUND or BAD_USER_INPUT (with the
    syntax) otherwise. A name that several nodes share must be given as a global ID."""
    path = path.strip()
    prefix, colon, name = path.partition(":")
    if not colon and prefix.lower() != "district":
        type_name, pk = global_ids.decode_as(path, *LEVEL_OF_TYPE)
        return LEVEL_OF_TYPE[type_name], pk
    level = PREFIXES.get(prefix.strip().lower())
    if level is None:
        raise BadUserInputError(f"{shown(path)} is not a scope; give {SCOPE_SYNTAX}")
    name = name.strip()
    if not name and level is not ScopeLevel.DISTRICT:
        raise BadUserInputError(f"{shown(path)} names no {prefix}; give {prefix}:<name>")
    keys = (await session.scalars(_named(level, name).limit(2))).all()
    if not keys:
        raise NotFoundError(f"no live {prefix} is named {shown(name or path)}")
    if len(keys) > 1:
        raise BadUserInputError(f"several {prefix}s match {shown(path)}; give a global ID")
    return level, keys[0]


@dataclass(frozen=True)
class NamedGrant:
    """A grant with its scope in words (the same syntax `find_scope` reads)."""

    role: AccountRole
    level: ScopeLevel
    scope_id: int
    path: str

    @property
    def scope_global_id(self) -> str:
        return global_ids.encode(TYPE_NAMES[self.level], self.scope_id)


async def named_grants(session: AsyncSession, user_ids: Select[Any]) -> dict[int, list[NamedGrant]]:
    """The grants of the users `user_ids` selects, oldest first, with their scopes named:
    one statement, however many users and grants."""
    grid_community = aliased(Community)
    rows = await session.execute(
        select(
            UserGrant,
            Street.name,
            Community.name,
            grid_community.name,
            Grid.name,
            WorkUnit.name,
            VolunteerTeam.name,
            PropertyCompany.name,
        )
        .outerjoin(Street, Street.id == UserGrant.street_id)
        .outerjoin(Community, Community.id == UserGrant.community_id)
        .outerjoin(Grid, Grid.id == UserGrant.grid_id)
        .outerjoin(grid_community, grid_community.id == Grid.community_id)
        .outerjoin(WorkUnit, WorkUnit.id == UserGrant.work_unit_id)
        .outerjoin(VolunteerTeam, VolunteerTeam.id == UserGrant.team_id)
        .outerjoin(PropertyCompany, PropertyCompany.id == UserGrant.property_company_id)
        .where(UserGrant.user_id.in_(user_ids))
        .order_by(UserGrant.id)
    )
    found: dict[int, list[NamedGrant]] = {}
    for row, street, community, grid_in, grid, unit, team, company in rows:
        grant = grant_of(row)
        name = {
            ScopeLevel.DISTRICT: "",
            ScopeLevel.STREET: street,
            ScopeLevel.COMMUNITY: community,
            ScopeLevel.GRID: f"{grid_in}/{grid}",
            ScopeLevel.WORK_UNIT: unit,
            ScopeLevel.TEAM: team,
            ScopeLevel.PROPERTY_COMPANY: company,
        }[grant.level]
        path = PREFIX_OF[grant.level] + (f":{name}" if name else "")
        found.setdefault(row.user_id, []).append(
            NamedGrant(grant.role, grant.level, grant.scope_id, path)
        )
    return found
