"""Fixtures: a migrated SQLite or PostgreSQL database per backend, emptied between tests,
an ASGI client on the real app, GraphQL helpers and an SQL statement counter.

Every test that takes `db` runs once per backend. PostgreSQL comes from
GRASSROOTS_TEST_POSTGRES_URL (set by `make test` through scripts/with-postgres.sh); without
it the PostgreSQL runs are skipped, unless GRASSROOTS_REQUIRE_POSTGRES=1 makes that an error.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.base import Base
from db.migrate import rebuild
from db.session import create_engine, create_sessionmaker
from server.app import create_app
from server.settings import Settings
from simulation.generate import empty_database, generate
from simulation.scale import Scale
from simulation.writer import BulkWriter

POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("GRASSROOTS_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]


@dataclass
class Database:
    backend: str
    url: str
    engine: AsyncEngine
    statements: list[str] = field(default_factory=list)

    def session(self) -> AsyncSession:
        return create_sessionmaker(self.engine)()

    @contextmanager
    def count_statements(self) -> Iterator[list[str]]:
        """Collect the SQL statements run inside the block."""
        start = len(self.statements)
        seen: list[str] = []
        yield seen
        seen.extend(self.statements[start:])


def postgres_url() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    if REQUIRE_POSTGRES:
        pytest.fail("GRASSROOTS_REQUIRE_POSTGRES=1 but GRASSROOTS_TEST_POSTGRES_URL is not set")
    pytest.skip("no PostgreSQL: set GRASSROOTS_TEST_POSTGRES_URL (make test does)")


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


async def empty_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await empty_database(connection)


@pytest.fixture
async def db(migrated: Database) -> Database:
    """The backend's database, empty at the start of the test."""
    await empty_tables(migrated.engine)
    migrated.statements.clear()
    return migrated


# The test district: 12 communities, two in each subdistrict, every level populated.
TEST_SCALE = Scale(0.2)
TEST_SEED = 7
Snapshot = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="session")
async def snapshot(migrated: Database) -> Snapshot:
    """The generated test district's rows, made once per backend and restored per test."""
    await empty_tables(migrated.engine)
    await generate(migrated.engine, TEST_SCALE, TEST_SEED)
    rows: Snapshot = {}
    async with migrated.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            result = await connection.execute(select(table).order_by(table.c.id))
            rows[table.name] = [dict(row._mapping) for row in result]
    return rows


@pytest.fixture
async def seeded(db: Database, snapshot: Snapshot) -> Database:
    """The database holding the generated test district (seed 7, scale 0.2)."""
    async with db.engine.begin() as connection:
        writer = BulkWriter(connection)
        for table, rows in snapshot.items():
            for row in rows:
                await writer.add(table, dict(row))
        await writer.finish()
    db.statements.clear()
    return db


class GraphQLClient:
    """Posts GraphQL documents to the real ASGI app, as a frontend would."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of a request that must succeed without errors."""
        body = await self.post(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = await self.post(query, variables)
        assert body.get("errors"), f"expected errors, got {body}"
        return [error["extensions"]["code"] for error in body["errors"]]

    async def mutate(
        self, name: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The payload of mutation `name`; top-level errors fail the test."""
        payload: dict[str, Any] = (await self.data(query, variables))[name]
        return payload


@pytest.fixture
async def client(db: Database) -> AsyncIterator[GraphQLClient]:
    app = create_app(Settings(database_url=db.url), engine=db.engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http)
