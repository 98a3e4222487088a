"""Filters for people and roles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, select

from db.models import Building, Grid, Person, PersonRole, RoleKind
from resolvers.validation import search_term


@dataclass(frozen=True)
class PersonFilter:
    """People by name, by a live role they hold, or by where they live."""

    name_contains: str | None = None
    role_kind: RoleKind | None = None
    building_id: int | None = None
    community_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.name_contains:
            clauses.append(Person.name.icontains(self.name_contains, autoescape=True))
        if self.role_kind is not None:
            clauses.append(
                exists().where(
                    PersonRole.person_id == Person.id,
                    PersonRole.kind == self.role_kind,
                    PersonRole.ended_on.is_(None),
                )
            )
        if self.building_id is not None:
            clauses.append(Person.building_id == self.building_id)
        if self.community_id is not None:
            clauses.append(
                Person.building_id.in_(
                    select(Building.id)
                    .join(Grid, Grid.id == Building.grid_id)
                    .where(Grid.community_id == self.community_id)
                )
            )
        return clauses


@dataclass(frozen=True)
class RoleFilter:
    """Roles by kind; live ones only unless ended roles are asked for."""

    kind: RoleKind | None = None
    include_ended: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.kind is not None:
            clauses.append(PersonRole.kind == self.kind)
        if not self.include_ended:
            clauses.append(PersonRole.ended_on.is_(None))
        return clauses
