"""Keyset pagination in SQL for Relay connections, batched across parents.

A connection field under a list (every street's communities, say) becomes one SQL
statement for the whole list: rows are numbered per parent with ROW_NUMBER() and cut at
the page size, so statements grow with the number of list fields, never with rows.
"""

from __future__ import annotations

import base64
import binascii
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

import orjson
from sqlalchemy import ColumnElement, Select, UnaryExpression, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from db.base import Base
from resolvers.errors import BadUserInputError, shown
from resolvers.global_ids import MAX_PK

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

M = TypeVar("M", bound=Base)


class SortField(enum.Enum):
    NAME = "name"
    CREATED_AT = "created_at"
    ID = "id"


@dataclass(frozen=True)
class Ordering:
    field: SortField = SortField.NAME
    descending: bool = False


# Lists of events and cases, whose newest comes first: by key, descending.
NEWEST_FIRST = Ordering(SortField.ID, descending=True)


@dataclass(frozen=True)
class PageArgs:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    def __post_init__(self) -> None:
        if self.first is not None and self.last is not None:
            raise BadUserInputError("pass either `first` or `last`, not both")
        for name in ("first", "last"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= MAX_PAGE_SIZE:
                raise BadUserInputError(
                    f"`{name}` must be between 1 and {MAX_PAGE_SIZE}, got {value}"
                )

    @property
    def size(self) -> int:
        return self.first or self.last or DEFAULT_PAGE_SIZE

    @property
    def backwards(self) -> bool:
        return self.last is not None


class SqlFilter(Protocol):
    """A frozen (hashable) filter that turns itself into WHERE clauses for one model."""

    def clauses(self) -> Sequence[ColumnElement[bool]]: ...


@dataclass(frozen=True)
class NoFilter:
    def clauses(self) -> Sequence[ColumnElement[bool]]:
        return ()


@dataclass(frozen=True)
class ListSpec(Generic[M]):
    """Everything one connection field asks for; hashable, so it keys a DataLoader."""

    model: type[M]
    parent: str | None  # the column that ties a row to its parent, None for root lists
    filter: SqlFilter = NoFilter()
    ordering: Ordering = Ordering()
    args: PageArgs = PageArgs()


@dataclass
class Page(Generic[M]):
    rows: list[M]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool


def _column(model: type[Base], name: str) -> InstrumentedAttribute[Any]:
    column = getattr(model, name, None)
    if not isinstance(column, InstrumentedAttribute):
        raise BadUserInputError(f"{model.__name__} cannot be ordered by {name}")
    return column


def encode_cursor(ordering: Ordering, row: Base) -> str:
    value = getattr(row, ordering.field.value)
    if isinstance(value, datetime):
        value = value.isoformat()
    payload = orjson.dumps([ordering.field.value, value, row.id])  # type: ignore[attr-defined]
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_cursor(ordering: Ordering, cursor: str) -> tuple[Any, int]:
    """The sort value and key a cursor holds, checked so that no crafted cursor reaches
    the database with a value of the wrong type."""
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii"))
        field, value, pk = orjson.loads(raw)
        if field == SortField.CREATED_AT.value:
            value = datetime.fromisoformat(value)
            valid = value.tzinfo is not None
        elif field == SortField.NAME.value:
            valid = isinstance(value, str) and len(value) <= 200
        else:
            valid = value == pk
        valid = valid and isinstance(pk, int) and 0 < pk <= MAX_PK
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        valid = False
    if not valid:
        raise BadUserInputError(f"{shown(cursor)} is not a valid cursor")
    if field != ordering.field.value:
        raise BadUserInputError(f"cursor {shown(cursor)} belongs to another ordering")
    return value, pk


def _keyset(spec: ListSpec[M]) -> tuple[list[UnaryExpression[Any]], list[ColumnElement[bool]]]:
    """ORDER BY terms and cursor conditions, reversed when paging backwards."""
    model = spec.model
    sort = _column(model, spec.ordering.field.value)
    pk = _column(model, "id")
    key = tuple_(sort, pk) if sort is not pk else pk
    conditions: list[ColumnElement[bool]] = []
    for cursor, is_after in ((spec.args.after, True), (spec.args.before, False)):
        if cursor is None:
            continue
        value, cursor_pk = decode_cursor(spec.ordering, cursor)
        bound: Any = (value, cursor_pk) if sort is not pk else cursor_pk
        if is_after != spec.ordering.descending:
            conditions.append(key > bound)
        else:
            conditions.append(key < bound)
    descending = spec.ordering.descending != spec.args.backwards
    order = [sort.desc(), pk.desc()] if descending else [sort.asc(), pk.asc()]
    if sort is pk:
        order = order[:1]
    return order, conditions


def _page(spec: ListSpec[M], rows: list[M]) -> Page[M]:
    size = spec.args.size
    has_more = len(rows) > size
    rows = rows[:size]
    if spec.args.backwards:
        rows.reverse()
    return Page(
        rows=rows,
        cursors=[encode_cursor(spec.ordering, row) for row in rows],
        has_next_page=has_more if not spec.args.backwards else spec.args.before is not None,
        has_previous_page=has_more if spec.args.backwards else spec.args.after is not None,
    )


async def load_root_page(session: AsyncSession, spec: ListSpec[M]) -> Page[M]:
    order, conditions = _keyset(spec)
    stmt: Select[M] = (
        select(spec.model)
        .where(*spec.filter.clauses(), *conditions)
        .order_by(*order)
        .limit(spec.args.size + 1)
    )
    rows = list((await session.scalars(stmt)).all())
    return _page(spec, rows)


async def load_child_pages(
    session: AsyncSession, spec: ListSpec[M], parent_ids: Sequence[int]
) -> list[Page[M]]:
    """One page per parent, in the order of `parent_ids`, from one statement."""
    assert spec.parent is not None
    parent = _column(spec.model, spec.parent)
    order, conditions = _keyset(spec)
    numbered = (
        select(spec.model, func.row_number().over(partition_by=parent, order_by=order).label("rn"))
        .where(parent.in_(parent_ids), *spec.filter.clauses(), *conditions)
        .subquery()
    )
    row = aliased(spec.model, numbered)
    stmt = (
        select(row)
        .where(numbered.c.rn <= spec.args.size + 1)
        .order_by(numbered.c[spec.parent], numbered.c.rn)
    )
    by_parent: dict[int, list[M]] = {pk: [] for pk in parent_ids}
    for item in (await session.scalars(stmt)).all():
        by_parent[getattr(item, spec.parent)].append(item)
    return [_page(spec, by_parent[pk]) for pk in parent_ids]


async def count_root(session: AsyncSession, spec: ListSpec[M]) -> int:
    stmt = select(func.count()).select_from(spec.model).where(*spec.filter.clauses())
    return int((await session.scalar(stmt)) or 0)


async def count_children(
    session: AsyncSession, spec: ListSpec[M], parent_ids: Sequence[int]
) -> list[int]:
    assert spec.parent is not None
    parent = _column(spec.model, spec.parent)
    stmt = (
        select(parent, func.count())
        .where(parent.in_(parent_ids), *spec.filter.clauses())
        .group_by(parent)
    )
    counts = {pk: int(n) for pk, n in (await session.execute(stmt)).all()}
    return [counts.get(pk, 0) for pk in parent_ids]
