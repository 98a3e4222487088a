"""The common part of list filters (筛选): live rows only unless archived ones are asked
for, the fields declared with `equal()` matched by equality, and `name_contains` as an
escaped, case-insensitive search. A filter is frozen, so that it can key a loader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from sqlalchemy import ColumnElement

from db.base import Base
from resolvers.validation import search_term


def equal(column: str = "") -> Any:
    """A filter field that must equal the model's column of the same name (or `column`)."""
    return field(default=None, metadata={"equal": column})


@dataclass(frozen=True)
class ListFilter:
    """Subclasses name their `model` (or override `target`), add fields with `equal()` and
    conditions of their own in `more_clauses`."""

    model: ClassVar[type[Base]]
    searched: ClassVar[str] = "name"  # the column `name_contains` searches
    archivable: ClassVar[bool] = True  # whether the model has `archived_at`

    name_contains: str | None = None
    include_archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def target(self) -> Any:
        return type(self).model

    def more_clauses(self) -> Sequence[ColumnElement[bool]]:
        return ()

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        model = self.target()
        clauses: list[ColumnElement[bool]] = []
        if self.archivable and not self.include_archived:
            clauses.append(model.archived_at.is_(None))
        for each in fields(self):
            value = getattr(self, each.name)
            if "equal" in each.metadata and value is not None:
                clauses.append(getattr(model, each.metadata["equal"] or each.name) == value)
        if self.name_contains:
            searched = getattr(model, self.searched)
            clauses.append(searched.icontains(self.name_contains, autoescape=True))
        clauses.extend(self.more_clauses())
        return clauses
