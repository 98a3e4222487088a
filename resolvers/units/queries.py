"""Filters for work units and dual reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from db.models import MemberReport, WorkUnit, WorkUnitKind
from resolvers.filters import ListFilter, equal


@dataclass(frozen=True)
class WorkUnitFilter(ListFilter):
    model = WorkUnit
    kind: WorkUnitKind | None = equal()
    community_id: int | None = equal()


@dataclass(frozen=True)
class ReportFilter:
    """Dual reports; live ones only unless ended reports are asked for."""

    include_ended: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        return () if self.include_ended else (MemberReport.ended_on.is_(None),)
