"""A record of the statements an engine sends, BEGIN, COMMIT and ROLLBACK included, as the
database receives them on either backend (for the statement tests and benchmarks/api.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


def record_statements(engine: AsyncEngine, into: list[str]) -> None:
    """Append every statement `engine` sends to `into`.

    SQLite's BEGIN is a statement of ours (db.session); asyncpg sends its BEGIN (READ ONLY,
    for a read-only transaction) with the transaction's first statement, and its COMMIT or
    ROLLBACK only after one, so a transaction that ran nothing, or a statement in
    autocommit, is shown without them. (Pool pre-pings, which this project does not use,
    would not be shown.)
    """
    postgresql = engine.dialect.name == "postgresql"
    # The connections whose BEGIN was sent, and (PostgreSQL) those whose BEGIN is due.
    begun: set[int] = set()
    due: dict[int, str] = {}

    def statement(conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if sql.startswith("BEGIN"):
            begun.add(id(conn))
        elif id(conn) in due:
            begun.add(id(conn))
            into.append(due.pop(id(conn)))
        into.append(sql)

    def begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if postgresql and options.get("isolation_level") != "AUTOCOMMIT":
            due[id(conn)] = "BEGIN READ ONLY" if options.get("postgresql_readonly") else "BEGIN"

    def ended(word: str) -> Callable[[Any], None]:
        def end(conn: Any) -> None:
            due.pop(id(conn), None)
            if id(conn) in begun:
                begun.discard(id(conn))
                into.append(word)

        return end

    sync = engine.sync_engine
    event.listen(sync, "before_cursor_execute", statement)
    event.listen(sync, "begin", begin)
    event.listen(sync, "commit", ended("COMMIT"))
    event.listen(sync, "rollback", ended("ROLLBACK"))
