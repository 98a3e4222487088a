"""Fixtures: a migrated SQLite or PostgreSQL database per backend, emptied between tests,
the generated test district restored on demand, and an ASGI client on the real app.

Every test that takes `db` runs once per backend (tests/support/database.py says where the
databases come from). Helpers the tests import live in tests/support.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from db.base import Base
from db.migrate import rebuild
from db.session import create_engine
from simulation.generate import generate
from tests.support.database import (
    BACKENDS,
    TEST_SCALE,
    TEST_SEED,
    Database,
    empty_tables,
    postgres_url,
)
from tests.support.graphql import GraphQLClient, graphql_client


def backend_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    return postgres_url()


@pytest.fixture(scope="session", params=BACKENDS)
async def migrated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    """One database per backend for the session, built by the migrations from empty."""
    url = backend_url(request.param, tmp_path_factory.mktemp(request.param))
    engine = create_engine(url)
    await rebuild(engine)
    database = Database(request.param, url, engine)

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Transaction control is not a query (and SQLite shows its BEGIN, asyncpg not).
        if not statement.startswith("BEGIN"):
            database.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield database
    await engine.dispose()


@pytest.fixture
async def db(migrated: Database) -> Database:
    """The backend's database, empty at the start of the test."""
    await empty_tables(migrated.engine)
    migrated.statements.clear()
    return migrated


# The generated district is kept beside the real tables, as copies named with this
# prefix (plain tables without constraints, outside the models' metadata), and restored
# per test by INSERT … SELECT inside the database: no rows pass through Python.
SNAPSHOT_PREFIX = "snapshot_"


@dataclass(frozen=True)
class Snapshot:
    """The generated test district's row counts per table (its rows stay in the database)."""

    counts: dict[str, int]


@pytest.fixture(scope="session")
async def snapshot(migrated: Database) -> Snapshot:
    """The generated test district, made once per backend and copied aside."""
    await empty_tables(migrated.engine)
    counts = await generate(migrated.engine, TEST_SCALE, TEST_SEED)
    async with migrated.engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            copy = SNAPSHOT_PREFIX + table.name
            await connection.execute(text(f"DROP TABLE IF EXISTS {copy}"))
            await connection.execute(text(f"CREATE TABLE {copy} AS SELECT * FROM {table.name}"))
    return Snapshot(counts)


@pytest.fixture
async def seeded(db: Database, snapshot: Snapshot) -> Database:
    """The database holding the generated test district (seed 7, scale 0.2)."""
    async with db.engine.begin() as connection:
        for table in Base.metadata.sorted_tables:  # parents first
            columns = ", ".join(f'"{column.name}"' for column in table.columns)
            await connection.execute(
                text(
                    f"INSERT INTO {table.name} ({columns})"
                    f" SELECT {columns} FROM {SNAPSHOT_PREFIX}{table.name}"
                )
            )
            if db.backend == "postgresql" and "id" in table.columns:
                # Keys were copied, not drawn: move the sequence past them.
                await connection.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence(:table, 'id'),"
                        f" COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    ),
                    {"table": table.name},
                )
    db.statements.clear()
    return db


@pytest.fixture
async def client(db: Database) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(db) as graphql:
        yield graphql
