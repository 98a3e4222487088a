"""Filters and lookups for the tree and its party organisations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import District, PartyOrganization, PartyOrganizationKind, StreetKind
from resolvers.errors import NotFoundError
from resolvers.filters import ListFilter, equal
from resolvers.organization.tree import TreeModel


@dataclass(frozen=True)
class TreeFilter(ListFilter):
    """Live nodes of one level, optionally by name, parent and (for streets) kind."""

    level: TreeModel | None = None
    parent_column: str | None = None
    parent_id: int | None = None
    street_kind: StreetKind | None = equal("kind")

    def target(self) -> TreeModel:
        assert self.level is not None
        return self.level

    def more_clauses(self) -> Sequence[ColumnElement[bool]]:
        if self.parent_column is None or self.parent_id is None:
            return ()
        return (getattr(self.target(), self.parent_column) == self.parent_id,)


@dataclass(frozen=True)
class OrganizationFilter(ListFilter):
    model = PartyOrganization
    kind: PartyOrganizationKind | None = equal()


async def the_district(session: AsyncSession) -> District:
    """The district this deployment serves (the first one created)."""
    district = await session.scalar(select(District).order_by(District.id).limit(1))
    if district is None:
        raise NotFoundError("no district has been created yet: run `grassroots seed`")
    return district
