"""Loaders for the tree: roll-up counts, each node's party organisation, secretaries."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import Building, Community, Grid, PartyOrganization, Person, PersonRole, RoleKind
from resolvers.loaders import Loaders
from resolvers.organization.tree import LEVELS, AnyNodeModel


class Rollup(enum.Enum):
    """What a roll-up count counts below a node (archived rows and ended roles excluded)."""

    STREETS = "streets"
    COMMUNITIES = "communities"
    GRIDS = "grids"
    BUILDINGS = "buildings"
    RESIDENTS = "residents"
    PARTY_MEMBERS = "party_members"
    WORKERS = "workers"
    CADRES = "cadres"


# Role-based roll-ups: the role kind, and the role column naming the node it is bound
# to (None: counted where the person lives).
_ROLE_ROLLUPS: dict[Rollup, tuple[RoleKind, str | None, type]] = {
    Rollup.PARTY_MEMBERS: (RoleKind.PARTY_MEMBER, None, Building),
    Rollup.WORKERS: (RoleKind.COMMUNITY_WORKER, "community_id", Community),
    Rollup.CADRES: (RoleKind.GRID_CADRE, "grid_id", Grid),
}


def _source(rollup: Rollup) -> tuple[Select[Any], Any, Any, type]:
    """A statement over what is counted, the count, a column holding the id of the node
    the counted rows hang from, and that node's level.

    Rows of the tree and residents are counted by their primary key: the joins up the
    tree are many-to-one, so each row is met once and `count(*)` is exact (and, for the
    tree's nested counts, a quarter of the statement's time cheaper than a distinct
    count). A person may hold the same role twice below one node, so roles count
    distinct people."""
    for level in LEVELS.values():
        if rollup.value == level.model.__tablename__:
            model = level.model
            stmt = select().select_from(model).where(model.archived_at.is_(None))
            return stmt, func.count(), getattr(model, level.parent_column), level.parent_model
    if rollup is Rollup.RESIDENTS:
        stmt = select().select_from(Person).where(Person.building_id.is_not(None))
        return stmt, func.count(), Person.building_id, Building
    role_kind, column, level_model = _ROLE_ROLLUPS[rollup]
    stmt = (
        select()
        .select_from(PersonRole)
        .where(PersonRole.kind == role_kind, PersonRole.ended_on.is_(None))
    )
    if column is None:
        stmt = stmt.join(Person, Person.id == PersonRole.person_id)
        return stmt, _people(), Person.building_id, level_model
    return stmt, _people(), getattr(PersonRole, column), level_model


def _people() -> Any:
    return func.count(func.distinct(PersonRole.person_id))


def rollup_source(ancestor: AnyNodeModel, rollup: Rollup) -> tuple[Select[Any], Any, Any]:
    """What `rollup` counts below nodes of level `ancestor`: a statement joined up the tree
    from where the counted rows hang until the ancestor's level, the count, and the
    column holding the ancestor's id (shared by the loaders and the compiled reads)."""
    stmt, count, node_ref, level = _source(rollup)
    while level is not ancestor:
        spec = LEVELS.get(level)
        if spec is None:
            raise ValueError(f"{rollup.value} are not counted below {ancestor.__name__}")
        stmt = stmt.join(level, level.id == node_ref)  # type: ignore[attr-defined]
        stmt = stmt.where(level.archived_at.is_(None))  # type: ignore[attr-defined]
        node_ref = getattr(level, spec.parent_column)
        level = spec.parent_model
    return stmt, count, node_ref


def rollup_statement(ancestor: AnyNodeModel, rollup: Rollup, ids: Sequence[int]) -> Select[Any]:
    """Count `rollup` below each of `ids` (nodes of level `ancestor`) in one grouped query."""
    stmt, count, node_ref = rollup_source(ancestor, rollup)
    return stmt.add_columns(node_ref, count).where(node_ref.in_(ids)).group_by(node_ref)


def rollup_counts(loaders: Loaders, ancestor: AnyNodeModel, rollup: Rollup) -> DataLoader[int, int]:
    async def load(session: AsyncSession, ids: Sequence[int]) -> list[int]:
        rows = (await session.execute(rollup_statement(ancestor, rollup, ids))).all()
        counts = {node_id: int(n) for node_id, n in rows}
        return [counts.get(pk, 0) for pk in ids]

    return loaders.custom(("rollup", ancestor, rollup), load)


def organization_of(
    loaders: Loaders, level_column: str
) -> DataLoader[int, PartyOrganization | None]:
    """The live party organisation attached to each node (by the node's id)."""
    column = getattr(PartyOrganization, level_column)

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[PartyOrganization | None]:
        stmt = select(PartyOrganization).where(
            column.in_(ids), PartyOrganization.archived_at.is_(None)
        )
        found = {getattr(org, level_column): org for org in (await session.scalars(stmt)).all()}
        return [found.get(pk) for pk in ids]

    return loaders.custom(("organization_of", level_column), load)


def secretary_of(loaders: Loaders) -> DataLoader[int, Person | None]:
    """The current secretary of each organisation (by the organisation's id)."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[Person | None]:
        stmt = (
            select(PersonRole.party_organization_id, Person)
            .join(Person, Person.id == PersonRole.person_id)
            .where(
                PersonRole.kind == RoleKind.SECRETARY,
                PersonRole.ended_on.is_(None),
                PersonRole.party_organization_id.in_(ids),
            )
        )
        found = {org_id: person for org_id, person in (await session.execute(stmt)).all()}
        return [found.get(pk) for pk in ids]

    return loaders.custom("secretary_of", load)
