"""Checks that tree mutations share: unique live names, live parents, what blocks an
archive."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
        raise name_taken(node, name, field)


def name_taken(node: type[TreeNode], name: str, field: str = "name") -> UserErrors:
    return UserErrors.single(
        f"another {node.__name__.lower()} under the same parent is already named {name!r}",
        UserErrorCode.NAME_TAKEN,
        field,
    )


def ensure_live(row: District | TreeNode | PartyOrganization, field: str) -> None:
    if getattr(row, "archived_at", None) is not None:
        raise archived(type(row), row.name, field)


def archived(model: type, name: str, field: str) -> UserErrors:
    return UserErrors.single(
        f"{model.__name__} {name!r} is archived", UserErrorCode.ARCHIVED, field
    )


async def _count(session: AsyncSession, model: type, *where: ColumnElement[bool]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# A dependent: how n of them are named in a message, what is counted, and the conditions
# that make a row of it hang from the node (given the node's id).
Dependent = tuple[Callable[[int], str], type, Callable[[int], Sequence[ColumnElement[bool]]]]


def _dependents(model: type[TreeNode]) -> list[Dependent]:
    level = LEVELS[model]
    found: list[Dependent] = []
    child = CHILD_LEVEL.get(model)
    if child is not None:
        found.append(
            (
                lambda n: f"{n} live {child.model.__tablename__}",
                child.model,
                lambda pk: (
                    getattr(child.model, child.parent_column) == pk,
                    child.model.archived_at.is_(None),
                ),
            )
        )
    org = PartyOrganization
    found.append(
        (
            lambda _n: "a live party organisation",  # at most one per node
            org,
            lambda pk: (getattr(org, level.org_column) == pk, org.archived_at.is_(None)),
        )
    )
    if model is not Building:  # roles bind to streets, communities and grids
        column = getattr(PersonRole, level.org_column)
        found.append(
            (
                lambda n: f"{n} live roles",
                PersonRole,
                lambda pk: (column == pk, PersonRole.ended_on.is_(None)),
            )
        )
    if model is Community:
        found.append(
            (
                lambda n: f"{n} live work units",
                WorkUnit,
                lambda pk: (WorkUnit.community_id == pk, WorkUnit.archived_at.is_(None)),
            )
        )
        # Members who live elsewhere (or nowhere on record) may report to it as home.
        found.append(
            (
                lambda n: f"{n} live member reports",
                MemberReport,
                lambda pk: (MemberReport.home_community_id == pk, MemberReport.ended_on.is_(None)),
            )
        )
    if model is Building:
        found.append((lambda n: f"{n} residents", Person, lambda pk: (Person.building_id == pk,)))
    return found


async def live_dependents(session: AsyncSession, node: TreeNode) -> Sequence[str]:
    """What still hangs from a node, as phrases for an error message (empty: none)."""
    found: list[str] = []
    for phrase, model, hanging in _dependents(type(node)):
        n = await _count(session, model, *hanging(node.id))
        if n:
            found.append(phrase(n))
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
