"""Filters for work units and dual reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from db.models import MemberReport, WorkUnit, WorkUnitKind
from resolvers.validation import search_term


@dataclass(frozen=True)
class WorkUnitFilter:
    kind: WorkUnitKind | None = None
    name_contains: str | None = None
    community_id: int | None = None
    include_archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if not self.include_archived:
            clauses.append(WorkUnit.archived_at.is_(None))
        if self.kind is not None:
            clauses.append(WorkUnit.kind == self.kind)
        if self.name_contains:
            clauses.append(WorkUnit.name.icontains(self.name_contains, autoescape=True))
        if self.community_id is not None:
            clauses.append(WorkUnit.community_id == self.community_id)
        return clauses


@dataclass(frozen=True)
class ReportFilter:
    """Dual reports; live ones only unless ended reports are asked for."""

    include_ended: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        return () if self.include_ended else (MemberReport.ended_on.is_(None),)
