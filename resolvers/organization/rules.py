"""Checks that tree mutations share: unique live names, live parents, what blocks an
archive."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Building,
    Community,
    District,
    MemberReport,
    PartyOrganization,
    Person,
    PersonRole,
    WorkUnit,
)
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.organization.tree import CHILD_LEVEL, LEVELS, TreeNode


async def ensure_name_free(
    session: AsyncSession,
    node: type[TreeNode],
    parent_id: int,
    name: str,
    *,
    own_id: int = 0,
    field: str = "name",
) -> None:
    level = LEVELS[node]
    taken = await session.scalar(
        select(node.id).where(
            getattr(node, level.parent_column) == parent_id,
            node.name == name,
            node.archived_at.is_(None),
            node.id != own_id,
        )
    )
    if taken is not None:
        raise UserErrors.single(
            f"another {node.__name__.lower()} under the same parent is already named {name!r}",
            UserErrorCode.NAME_TAKEN,
            field,
        )


def ensure_live(row: District | TreeNode | PartyOrganization, field: str) -> None:
    if getattr(row, "archived_at", None) is not None:
        raise UserErrors.single(
            f"{type(row).__name__} {row.name!r} is archived", UserErrorCode.ARCHIVED, field
        )


async def _count(session: AsyncSession, model: type, *where: ColumnElement[bool]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def live_dependents(session: AsyncSession, node: TreeNode) -> Sequence[str]:
    """What still hangs from a node, as phrases for an error message (empty: none)."""
    model = type(node)
    level = LEVELS[model]
    found: list[str] = []
    child = CHILD_LEVEL.get(model)
    if child is not None:
        n = await _count(
            session,
            child.model,
            getattr(child.model, child.parent_column) == node.id,
            child.model.archived_at.is_(None),
        )
        if n:
            found.append(f"{n} live {child.model.__tablename__}")
    org = PartyOrganization
    if await _count(
        session, org, getattr(org, level.org_column) == node.id, org.archived_at.is_(None)
    ):
        found.append("a live party organisation")
    if model is not Building:  # roles bind to streets, communities and grids
        column = getattr(PersonRole, level.org_column)
        n = await _count(session, PersonRole, column == node.id, PersonRole.ended_on.is_(None))
        if n:
            found.append(f"{n} live roles")
    if model is Community:
        n = await _count(
            session, WorkUnit, WorkUnit.community_id == node.id, WorkUnit.archived_at.is_(None)
        )
        if n:
            found.append(f"{n} live work units")
        # Members who live elsewhere (or nowhere on record) may report to it as home.
        n = await _count(
            session,
            MemberReport,
            MemberReport.home_community_id == node.id,
            MemberReport.ended_on.is_(None),
        )
        if n:
            found.append(f"{n} live member reports")
    if model is Building:
        n = await _count(session, Person, Person.building_id == node.id)
        if n:
            found.append(f"{n} residents")
    return found


async def child_organization_count(session: AsyncSession, org: PartyOrganization) -> int:
    return await _count(
        session,
        PartyOrganization,
        PartyOrganization.parent_id == org.id,
        PartyOrganization.archived_at.is_(None),
    )


async def organization_dependents(session: AsyncSession, org: PartyOrganization) -> Sequence[str]:
    found: list[str] = []
    n = await child_organization_count(session, org)
    if n:
        found.append(f"{n} live child organisations")
    n = await _count(
        session,
        PersonRole,
        PersonRole.party_organization_id == org.id,
        PersonRole.ended_on.is_(None),
    )
    if n:
        found.append(f"{n} live roles (secretary or members)")
    return found


async def live_organization(session: AsyncSession, node: TreeNode) -> PartyOrganization | None:
    column = getattr(PartyOrganization, LEVELS[type(node)].org_column)
    return await session.scalar(
        select(PartyOrganization).where(column == node.id, PartyOrganization.archived_at.is_(None))
    )
