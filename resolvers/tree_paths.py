"""The declared tree paths compiled into SQL: one statement that gives the `Place` of
many rows of a model, however many hops and alternatives its path has.

Each hop is an outer join; a slot the model fills itself is its own column, any other
slot is taken through the first hop whose foreign key is set (CASE … WHEN … IS NOT NULL),
and a `narrower` place wins where it lies in the same community.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, null, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import Null

from db.base import Base
from resolvers.domain import SLOTS, TreePath

Slots = dict[str, ColumnElement[Any]]


def _knows_from_key(path: TreePath) -> bool:
    """A path that needs nothing but the row's own key (the district): no join needed."""
    return not path.up and path.narrower is None and set(path.slots.values()) <= {"id"}


def _is_null(expr: ColumnElement[Any]) -> bool:
    return isinstance(expr, Null)


def _first_set(ways: list[tuple[Any, Slots]], slot: str) -> ColumnElement[Any]:
    """The slot through the first way up whose foreign key is set."""
    if len(ways) == 1:
        return ways[0][1][slot]
    if all(_is_null(exprs[slot]) for _key, exprs in ways):
        return null()
    return case(*((key.is_not(None), exprs[slot]) for key, exprs in ways))


class _Compiler:
    def __init__(self, paths: dict[type[Base], TreePath]) -> None:
        self.paths = paths
        self.joins: list[tuple[Any, ColumnElement[bool]]] = []

    def slots(self, model: type[Base], row: Any) -> Slots:
        path = self.paths[model]
        above: Slots = {slot: null() for slot in SLOTS}
        if path.up:
            ways = [
                (getattr(row, hop.column), self.hop(row, hop.column, hop.target)) for hop in path.up
            ]
            above = {slot: _first_set(ways, slot) for slot in SLOTS}
        if path.narrower is not None:
            hop = path.narrower
            detail = self.hop(row, hop.column, hop.target)
            same = and_(
                detail["community_id"].is_not(None),
                detail["community_id"] == above["community_id"],
            )
            above = {
                slot: above[slot]
                if _is_null(detail[slot]) and _is_null(above[slot])
                else case((same, detail[slot]), else_=above[slot])
                for slot in SLOTS
            }
        own = {slot: getattr(row, column) for slot, column in path.slots.items()}
        return {**above, **own}

    def hop(self, row: Any, column: str, target: type[Base]) -> Slots:
        key = getattr(row, column)
        target_path = self.paths[target]
        if _knows_from_key(target_path):
            known: Slots = {slot: null() for slot in SLOTS}
            known.update({slot: key for slot in target_path.slots})
            return known
        joined = aliased(target)
        self.joins.append((joined, joined.id == key))  # type: ignore[attr-defined]
        return self.slots(target, joined)


def place_query(paths: dict[type[Base], TreePath], model: type[Base]) -> Select[Any]:
    """SELECT id, district_id, street_id, … FROM model, joined along its declared path;
    the caller adds `WHERE id IN (…)` or any other filter."""
    compiler = _Compiler(paths)
    root = aliased(model)
    slots = compiler.slots(model, root)
    query = select(root.id, *(slots[slot].label(slot) for slot in SLOTS))  # type: ignore[attr-defined]
    query = query.select_from(root)
    for joined, on in compiler.joins:
        query = query.outerjoin(joined, on)
    return query
