"""A statement sent on the database driver's own connection (asyncpg), past SQLAlchemy's
execution and result machinery.

Every compiled read sends two statements, the cost charge and the read, and on PostgreSQL
SQLAlchemy's work around each (execution context, greenlet, result rows) cost about as
much as the database's own (docs/performance.md), so these two go to asyncpg directly.
Only outside any transaction (a connection in autocommit): inside one, SQLAlchemy's
adapter must send every statement itself, since it begins the transaction with the first.
SQLite keeps SQLAlchemy's execution.

What observes an engine's statements still sees these (db/statements.py, echo), and a
connection lost on the way is met by SQLAlchemy as well, which invalidates and reports it
as for its own statements, so that callers treat both paths alike.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.compiler import SQLCompiler

log = logging.getLogger("sqlalchemy.engine.Engine")


@dataclass(frozen=True)
class Prepared:
    """A SQLAlchemy statement compiled once for the driver: its SQL, and for each
    placeholder in order the name of its parameter or the literal SQLAlchemy bound."""

    sql: str
    names: tuple[str, ...]
    literals: Mapping[str, Any]

    def arguments(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(values[name] if name in values else self.literals[name] for name in self.names)


def prepare(statement: Executable, dialect: Dialect) -> Prepared:
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    assert isinstance(compiled, SQLCompiler)
    assert compiled.positiontup is not None
    literals = {name: bind.value for name, bind in compiled.binds.items() if bind.value is not None}
    return Prepared(compiled.string, tuple(compiled.positiontup), literals)


async def first_row(
    connection: AsyncConnection, sql: str, params: Sequence[Any]
) -> Sequence[Any] | None:
    """The first row of `sql` (the driver's placeholders) with `params`, or None."""
    # SQLite is not asked for its raw connection, which costs a trip through a greenlet.
    postgresql = connection.dialect.name == "postgresql"
    raw = await connection.get_raw_connection() if postgresql else None
    if raw is None or not getattr(raw.dbapi_connection, "autocommit", False):
        return (await connection.exec_driver_sql(sql, tuple(params))).first()
    driver: Any = raw.driver_connection
    announce(connection, sql, params)
    try:
        row: Sequence[Any] | None = await driver.fetchrow(sql, *params)
    except Exception:
        if not driver.is_closed():
            raise
        # The connection is gone (the server restarted, say): SQLAlchemy meets that too,
        # and so invalidates the pool's connections as for its own statements, raising
        # its DBAPIError with `connection_invalidated`.
        return (await connection.exec_driver_sql(sql, tuple(params))).first()
    return row


def announce(connection: AsyncConnection, sql: str, params: Sequence[Any]) -> None:
    """Tell the engine's statement listeners and its echo about a statement sent past it."""
    sync: Any = connection.sync_connection
    listeners = sync.dispatch.before_cursor_execute
    if listeners:
        listeners(sync, None, sql, tuple(params), None, False)
    if connection.engine.echo:
        log.info("%s %r", sql, tuple(params))
