"""Filters for projects, property companies and negative-list violations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select

from db.models import (
    Community,
    NegativeListViolation,
    Project,
    ProjectCategory,
    ProjectKind,
    ProjectStatus,
    PropertyCompany,
)
from resolvers.filters import ListFilter, equal
from resolvers.validation import search_term


@dataclass(frozen=True)
class ProjectFilter:
    kind: ProjectKind | None = None
    category: ProjectCategory | None = None
    status: ProjectStatus | None = None
    community_id: int | None = None
    street_id: int | None = None
    year: int | None = None
    owner_work_unit_id: int | None = None
    owner_person_id: int | None = None
    owner_property_company_id: int | None = None
    title_contains: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "title_contains", search_term(self.title_contains, "titleContains")
        )

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        for column, value in (
            (Project.kind, self.kind),
            (Project.category, self.category),
            (Project.status, self.status),
            (Project.community_id, self.community_id),
            (Project.year, self.year),
            (Project.owner_work_unit_id, self.owner_work_unit_id),
            (Project.owner_person_id, self.owner_person_id),
            (Project.owner_property_company_id, self.owner_property_company_id),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.street_id is not None:
            clauses.append(
                Project.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.title_contains:
            clauses.append(Project.title.icontains(self.title_contains, autoescape=True))
        return clauses


@dataclass(frozen=True)
class CompanyFilter(ListFilter):
    """Live companies (archived ones are never listed)."""

    model = PropertyCompany
    community_id: int | None = equal()


@dataclass(frozen=True)
class ViolationFilter:
    community_id: int | None = None
    person_id: int | None = None
    work_unit_id: int | None = None
    item_number: int | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        for column, value in (
            (NegativeListViolation.community_id, self.community_id),
            (NegativeListViolation.person_id, self.person_id),
            (NegativeListViolation.work_unit_id, self.work_unit_id),
            (NegativeListViolation.item_number, self.item_number),
        ):
            if value is not None:
                clauses.append(column == value)
        return clauses
