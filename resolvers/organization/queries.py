"""Filters and lookups for the tree and its party organisations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import District, PartyOrganization, PartyOrganizationKind, StreetKind
from resolvers.errors import NotFoundError
from resolvers.organization.tree import TreeModel
from resolvers.validation import search_term


@dataclass(frozen=True)
class TreeFilter:
    """Live nodes of one level, optionally by name, parent and (for streets) kind."""

    model: TreeModel
    name_contains: str | None = None
    parent_column: str | None = None
    parent_id: int | None = None
    street_kind: StreetKind | None = None
    include_archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        model = self.model
        clauses: list[ColumnElement[bool]] = []
        if not self.include_archived:
            clauses.append(model.archived_at.is_(None))
        if self.name_contains:
            clauses.append(model.name.icontains(self.name_contains, autoescape=True))
        if self.parent_column is not None and self.parent_id is not None:
            clauses.append(getattr(model, self.parent_column) == self.parent_id)
        if self.street_kind is not None:
            clauses.append(getattr(model, "kind") == self.street_kind)  # noqa: B009
        return clauses


@dataclass(frozen=True)
class OrganizationFilter:
    kind: PartyOrganizationKind | None = None
    name_contains: str | None = None
    include_archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if not self.include_archived:
            clauses.append(PartyOrganization.archived_at.is_(None))
        if self.kind is not None:
            clauses.append(PartyOrganization.kind == self.kind)
        if self.name_contains:
            clauses.append(PartyOrganization.name.icontains(self.name_contains, autoescape=True))
        return clauses


async def the_district(session: AsyncSession) -> District:
    """The district this deployment serves (the first one created)."""
    district = await session.scalar(select(District).order_by(District.id).limit(1))
    if district is None:
        raise NotFoundError("no district has been created yet: run `grassroots seed`")
    return district
