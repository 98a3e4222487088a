"""The async engine and session factory for SQLite (aiosqlite) and PostgreSQL (asyncpg)."""

from __future__ import annotations

import base64
import sqlite3
from typing import Any

import asyncpg
import orjson
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry


def normalize_url(url: str) -> str:
    """Accept plain `sqlite:///` and `postgresql://` URLs and pick the async driver."""
    parsed = make_url(url)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


# Execution option asking SQLite to take the write lock when the transaction begins.
WRITE_TRANSACTION = {"sqlite_write": True}
# Execution options for a PostgreSQL transaction that only reads (`BEGIN ... READ ONLY`).
READ_ONLY_TRANSACTION = {"postgresql_readonly": True}


def autocommit_options(engine: AsyncEngine) -> dict[str, object]:
    """Execution options that run each statement as its own transaction, with no BEGIN or
    COMMIT sent: PostgreSQL's autocommit; on SQLite the driver already sends no BEGIN of
    its own (`_sqlite_pragmas`), so it is enough that `_sqlite_begin` sends none either.
    (SQLAlchemy's AUTOCOMMIT on SQLite would turn the driver's own BEGINs back on when
    the connection returns to the pool.)"""
    if engine.dialect.name == "sqlite":
        return {"sqlite_autocommit": True}
    return {"isolation_level": "AUTOCOMMIT"}


# SQLite has no base64: the compiled reads' global IDs and cursors call this function.
B64URL = "grassroots_b64url"


def b64url(text: str | None) -> str | None:
    """base64url without padding, as resolvers/global_ids.py and cursors encode."""
    if text is None:
        return None
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # The driver's own transaction handling starts a transaction only at the first write,
    # so a mutation's reads would run outside it; SQLAlchemy issues BEGIN instead (below).
    dbapi_connection.isolation_level = None
    # Foreign keys are off by default in SQLite; WAL lets readers work beside a writer,
    # and busy_timeout makes a second writer wait instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    dbapi_connection.create_function(B64URL, 1, b64url, deterministic=True)


# Seconds a request waits for a pooled PostgreSQL connection (and for a new one to open);
# shorter than the request timeout, so that overload answers 503 rather than 504.
DEFAULT_POOL_TIMEOUT = 5.0


def create_engine(
    url: str, *, echo: bool = False, pool_timeout: float = DEFAULT_POOL_TIMEOUT
) -> AsyncEngine:
    url = normalize_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("postgresql"):
        # No pool_pre_ping: it costs three round trips (BEGIN, a ping, ROLLBACK) at every
        # checkout. A connection that died with a restarted server fails the request's
        # first statement instead, which is retried once (resolvers.budget.charge), and
        # the failure makes the pool replace every connection older than it.
        kwargs.update(
            pool_size=10,
            max_overflow=10,
            pool_timeout=pool_timeout,
            connect_args={"timeout": pool_timeout},
            # JSON values (the compiled reads' answers above all) decoded by orjson, which
            # gives the same objects as the standard library's json, several times faster.
            json_deserializer=orjson.loads,
        )
    engine = create_async_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(connection: Connection) -> None:
    """BEGIN IMMEDIATE for writers: the write lock is taken before the mutation reads, so
    two mutations serialise instead of both reading and one failing to upgrade its lock;
    readers keep a deferred BEGIN and run beside the writer (WAL); a single statement
    run with `autocommit_options` gets none."""
    options = connection.get_execution_options()
    if options.get("sqlite_autocommit", False):
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sqlite_write") else "BEGIN")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after commit: a mutation returns the rows it just wrote.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


# asyncpg's errors that mean the server cannot be reached or takes no work for now.
POSTGRES_UNAVAILABLE = (
    asyncpg.exceptions.PostgresConnectionError,  # SQLSTATE class 08: the connection failed
    asyncpg.exceptions.CannotConnectNowError,  # starting up or shutting down
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.TooManyConnectionsError,
)
# SQLite's messages for a file it cannot open or a write lock it waited too long for.
SQLITE_UNAVAILABLE = ("unable to open database file", "database is locked", "disk i/o error")


def unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or anything that caused it, says the database cannot be reached or
    takes no work for now (refused or lost connections, a full pool, a locked SQLite file),
    rather than that the request or the code is wrong: the one place that tells them apart."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        found = pending.pop()
        if found is None or id(found) in seen:
            continue
        seen.add(id(found))
        if isinstance(found, exc.TimeoutError | ConnectionError | TimeoutError):
            return True  # the pool's wait, a refused or reset socket, a connect timeout
        if isinstance(found, exc.DBAPIError) and found.connection_invalidated:
            return True  # SQLAlchemy saw the connection die
        if isinstance(found, POSTGRES_UNAVAILABLE):
            return True
        if isinstance(found, sqlite3.OperationalError) and str(found).lower().startswith(
            SQLITE_UNAVAILABLE
        ):
            return True
        pending.extend((getattr(found, "orig", None), found.__cause__, found.__context__))
    return False
