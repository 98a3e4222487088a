"""Buffered bulk writing: rows are batched per table and written parents before children,
so memory stays bounded by a batch. On PostgreSQL a batch is one COPY; on SQLite it is one
INSERT … SELECT over the batch as a JSON array (`json_each`), handed to the driver's thread:
SQLite parses and inserts the whole batch without holding the GIL, so it runs on the other
core while the next batch is generated (`executemany` takes the GIL back for every row,
and the generator held it).

Keys are assigned here, counting from 1 in an empty database, so that a child row can name
its parent before the parent is written and the same seed always gives the same keys.
"""

from __future__ import annotations

import asyncio
import enum
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import JSON, Boolean, Date, Enum, Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import Base, UTCDateTime
from simulation.scale import BATCH_ROWS

# How often, in rows added, the generator lets PostgreSQL's writing task take its next step.
YIELD_ROWS = 250

Row = dict[str, Any]
# A column's conversion: its values in a batch, in order, to what is written, in order.
Convert = Callable[[list[Any]], list[Any]]


class BulkWriter:
    def __init__(self, connection: AsyncConnection, batch_rows: int = BATCH_ROWS) -> None:
        self.connection = connection
        self.batch_rows = batch_rows
        self.postgres = connection.dialect.name == "postgresql"
        self.tables = list(Base.metadata.sorted_tables)  # parents first
        self.buffers: dict[str, list[Row]] = defaultdict(list)
        self.next_ids: dict[str, int] = defaultdict(lambda: 1)
        self.counts: dict[str, int] = defaultdict(int)
        self.buffered = 0
        self.inserts: dict[str, _Insert] = {}
        # Batches being written (SQLite: by its driver's thread; PostgreSQL: one task
        # copying a flush's tables in turn) and not yet known written.
        self.writing: list[asyncio.Task[Any]] = []

    def new_id(self, table: str) -> int:
        pk = self.next_ids[table]
        self.next_ids[table] = pk + 1
        return pk

    async def add(self, table: str, row: Row) -> int:
        """Queue a row (its `id` assigned if missing); returns its key."""
        key = row.get("id")
        if key is None:
            key = row["id"] = self.next_ids[table]
            self.next_ids[table] = key + 1
        self.buffers[table].append(row)
        self.buffered += 1
        if self.buffered >= self.batch_rows:
            await self.flush()
        elif self.postgres and self.buffered % YIELD_ROWS == 0 and self.writing:
            await asyncio.sleep(0)  # the writing task goes on to its next table
        return int(key)

    async def flush(self) -> None:
        """Write every buffer, parent tables first so foreign keys always resolve.

        The batches are written while the next ones are generated: on SQLite by the
        driver's thread, on PostgreSQL by a task whose COPYs the server works through
        on its own core (the generator lets the task go on every YIELD_ROWS rows). The
        next flush waits for them first, so that no more than two batches are ever held,
        and so must any other use of the connection (`written`)."""
        await self.written()
        batches = []
        for table in self.tables:
            rows = self.buffers.pop(table.name, None)
            if rows:
                batches.append((table, rows))
                self.counts[table.name] += len(rows)
        self.buffered = 0
        if self.postgres:
            self.writing.append(asyncio.ensure_future(self._copy_all(batches)))
        else:
            for table, rows in batches:
                await self._write(table, rows)
        if self.writing:
            await asyncio.sleep(0)  # each batch takes its place in the driver's queue

    async def written(self) -> None:
        """Wait until every batch handed on is written; raise the first failure. Reading
        through the connection must wait for this first: PostgreSQL's connection runs
        one statement at a time."""
        writing, self.writing = self.writing, []
        for outcome in await asyncio.gather(*writing, return_exceptions=True):
            if isinstance(outcome, BaseException):
                raise outcome

    async def _write(self, table: Table, rows: list[Row]) -> None:
        raw = await self.connection.get_raw_connection()
        insert = self.inserts.get(table.name) or self._insert(table)
        # orjson's text: the same values as json.dumps's (strings, integers, and floats
        # as their shortest round-trip digits), in a fifth of the time.
        batch = orjson.dumps(insert.records(rows)).decode()
        self.writing.append(
            asyncio.ensure_future(
                raw.driver_connection.execute(  # type: ignore[union-attr]
                    insert.statement, (batch,)
                )
            )
        )

    async def _copy_all(self, batches: list[tuple[Table, list[Row]]]) -> None:
        raw = await self.connection.get_raw_connection()
        for table, rows in batches:
            copy = self.inserts.get(table.name) or self._copy(table)
            await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
                table.name, records=copy.records(rows), columns=copy.columns
            )

    def _copy(self, table: Table) -> _Insert:
        """The table's columns for COPY and the few that need a conversion (enums, JSON):
        COPY takes the other values as they are."""
        order = [column.name for column in table.columns]
        processors: list[tuple[int, Convert]] = []
        for position, name in enumerate(order):
            column_type = table.c[name].type
            if isinstance(column_type, Enum):
                members = [*(column_type.enum_class or ()), None]
                processors.append((position, _by_identity(_plain, members)))
            elif isinstance(column_type, JSON):
                processors.append((position, _each(_plain)))
        copy = _Insert("", order, processors)
        self.inserts[table.name] = copy
        return copy

    def _insert(self, table: Table) -> _Insert:
        """The table's INSERT from a JSON array of rows, and the column types' own bind
        processors, so that values are stored exactly as through the ORM (a JSON number
        reads back as the very float or integer written)."""
        dialect = self.connection.dialect
        order = [column.name for column in table.columns]
        listed = ", ".join(f'"{name}"' for name in order)
        picked = ", ".join(f"value->>{position}" for position in range(len(order)))
        statement = f'INSERT INTO "{table.name}" ({listed}) SELECT {picked} FROM json_each(?)'
        processors: list[tuple[int, Convert]] = []
        for position, name in enumerate(order):
            column_type = table.c[name].type
            process = column_type.dialect_impl(dialect).bind_processor(dialect)
            if process is None:
                continue
            if isinstance(column_type, UTCDateTime):
                processors.append((position, _utc_text(process)))
            elif isinstance(column_type, Enum):
                members = [*(column_type.enum_class or ()), None]
                processors.append((position, _by_identity(process, members)))
            elif isinstance(column_type, Boolean):
                processors.append((position, _by_identity(process, [True, False, None])))
            elif isinstance(column_type, Date):
                processors.append((position, _remembered(process)))
            else:
                processors.append((position, _each(process)))
        insert = _Insert(statement, order, processors)
        self.inserts[table.name] = insert
        return insert

    async def finish(self) -> None:
        """Write what is left and move PostgreSQL's sequences past the keys used here."""
        await self.flush()
        await self.written()
        if not self.postgres:
            return
        for table in self.tables:
            if "id" not in table.columns:
                continue
            top = await self.connection.scalar(select(func.max(table.c.id)))
            if top:
                await self.connection.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                    {"t": table.name, "n": top},
                )


@dataclass(frozen=True)
class _Insert:
    """A table's INSERT: the statement (SQLite's; none for COPY), the columns of a record
    in order and the conversion of each column that needs one, by position."""

    statement: str
    columns: list[str]
    processors: list[tuple[int, Convert]]

    def records(self, rows: list[Row]) -> list[tuple[Any, ...]]:
        """The rows' records, converted a column at a time: each conversion is one call
        over the batch's values, most of them C's loops (`map`) rather than Python's."""
        values = [list(map(dict.get, rows, repeat(name))) for name in self.columns]
        for position, convert in self.processors:
            values[position] = convert(values[position])
        return list(zip(*values, strict=True))


# Distinct values a remembering conversion keeps from one batch to the next (more, and
# they are forgotten: the column's values do not repeat).
REMEMBERED = 1_000


def _each(process: Callable[[Any], Any]) -> Convert:
    """`process` applied to every value."""

    def converted(values: list[Any]) -> list[Any]:
        return list(map(process, values))

    return converted


def _remembered(process: Callable[[Any], Any]) -> Convert:
    """`process` applied once to each distinct value (values of the same hash and equal
    convert alike), for types whose values repeat and whose hashing is C's: dates, and
    timestamps, most of them a row's creation stamps."""
    seen: dict[Any, Any] = {}

    def converted(values: list[Any]) -> list[Any]:
        try:
            return list(map(seen.__getitem__, values))
        except KeyError:
            for value in set(values).difference(seen):
                seen[value] = process(value)
            result = list(map(seen.__getitem__, values))
            if len(seen) > REMEMBERED:  # values that do not repeat: none kept
                seen.clear()
            return result

    return converted


def _utc_text(process: Callable[[Any], Any]) -> Convert:
    """A UTC timestamp's text as `process` (SQLAlchemy's) gives it, "YYYY-MM-DD
    HH:MM:SS.ffffff", written by `isoformat` for aware values at a third of the cost,
    once for each distinct timestamp of a batch: a timestamp was the costliest value of
    a row."""

    def as_text(value: Any) -> Any:
        if value.__class__ is datetime and value.tzinfo is not None:
            utc = value if value.tzinfo is UTC else value.astimezone(UTC)
            return utc.isoformat(" ", "microseconds")[:-6]  # less "+00:00"
        return process(value)

    return _remembered(as_text)


def _by_identity(process: Callable[[Any], Any], values: list[Any]) -> Convert:
    """`process` of a few long-lived values (an enum's members, flags, None) looked up by
    identity: hashing an enum member runs Python code, its `id` does not. Any other value
    is processed as given."""
    known = {id(value): process(value) for value in values}

    def looked_up(value: Any) -> Any:
        try:
            return known[id(value)]
        except KeyError:
            return process(value)

    def converted(column: list[Any]) -> list[Any]:
        try:
            return list(map(known.__getitem__, map(id, column)))
        except KeyError:
            return list(map(looked_up, column))

    return converted


def _plain(value: Any) -> Any:
    """A value as COPY takes it: enums by name, as SQLAlchemy's Enum type stores them, and
    JSON columns' lists and mappings as their text."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
