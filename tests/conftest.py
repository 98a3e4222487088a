"""Fixtures: a migrated SQLite or PostgreSQL database per backend, emptied between tests,
an ASGI client on the real app, GraphQL helpers and an SQL statement counter.

Every test that takes `db` runs once per backend. PostgreSQL comes from
GRASSROOTS_TEST_POSTGRES_URL (set by `make test` through scripts/with-postgres.sh); without
it the PostgreSQL runs are skipped, unless GRASSROOTS_REQUIRE_POSTGRES=1 makes that an error.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.base import Base, utcnow
from db.migrate import rebuild
from db.models import AccountRole, District, User, UserGrant
from db.session import create_engine, create_sessionmaker
from resolvers.accounts.passwords import hash_password
from resolvers.accounts.tokens import issue_access_token
from server.app import create_app
from server.settings import Settings
from simulation.generator.generate import empty_database, generate
from simulation.scale import Scale

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
# Its history ends on the report's day, whatever today is: the tests' dates stay fixed.
TEST_AS_OF = date(2022, 7, 4)
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
    counts = await generate(migrated.engine, TEST_SCALE, TEST_SEED, as_of=TEST_AS_OF)
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


TEST_PASSWORD = "test-password-1"
_TEST_HASH: list[str] = []


def password_hash() -> str:
    """One Argon2 hash of TEST_PASSWORD for every test user (hashing is slow on purpose)."""
    if not _TEST_HASH:
        _TEST_HASH.append(hash_password(TEST_PASSWORD))
    return _TEST_HASH[0]


GrantSpec = tuple[AccountRole, str, int]  # role, scope column (e.g. "community_id"), key


async def make_user(
    db: Database, username: str, *grants: GrantSpec, person_id: int | None = None
) -> int:
    """A user with `grants`, written directly; returns its key."""
    async with db.engine.begin() as connection:
        user_id = (
            await connection.execute(
                insert(User)
                .values(
                    username=username,
                    display_name=username,
                    password_hash=password_hash(),
                    person_id=person_id,
                    active=True,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                )
                .returning(User.id)
            )
        ).scalar_one()
        for role, column, key in grants:
            await connection.execute(
                insert(UserGrant).values(
                    user_id=user_id,
                    role=role,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                    **{column: key},
                )
            )
    return int(user_id)


def token_for(user_id: int) -> str:
    return issue_access_token(user_id, Settings().secret_key, 15).token


ADMIN = "test-admin"
# Statements every signed-in request runs before its resolvers: the viewer's account and
# grants (one joined SELECT).
SIGNED_IN_STATEMENTS = 1
# Statements every request that passes the cost check runs: the budget's UPSERT.
BUDGET_STATEMENTS = 1
# Whole-tree queries in the statement tests would exceed the cost limit on purpose.
UNLIMITED = {"max_query_cost": 10**12, "cost_per_minute": 10**12}


class GraphQLClient:
    """Posts GraphQL documents to the real ASGI app, as a frontend would.

    By default it acts as a district admin, created on the first request (after the
    test's data is in place); `as_user` and `anonymous` give clients for other viewers.
    """

    def __init__(self, http: httpx.AsyncClient, db: Database, token: str | None = ADMIN) -> None:
        self.http = http
        self.db = db
        self.token = token

    def as_user(self, user_id: int) -> GraphQLClient:
        return GraphQLClient(self.http, self.db, token_for(user_id))

    def anonymous(self) -> GraphQLClient:
        return GraphQLClient(self.http, self.db, None)

    async def headers(self) -> dict[str, str]:
        if self.token == ADMIN:
            self.token = token_for(await self._admin())
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def _admin(self) -> int:
        async with self.db.engine.connect() as connection:
            found = await connection.scalar(select(User.id).where(User.username == ADMIN))
            district = await connection.scalar(select(District.id).order_by(District.id))
        if found is not None:
            return int(found)
        grants = [] if district is None else [(AccountRole.DISTRICT_ADMIN, "district_id", district)]
        return await make_user(self.db, ADMIN, *grants)

    async def response(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers=await self.headers(),
        )

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.response(query, variables)
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


@asynccontextmanager
async def graphql_client(db: Database, **settings: Any) -> AsyncIterator[GraphQLClient]:
    """A client of an app on `db` built with these settings (limits, say)."""
    app = create_app(Settings(database_url=db.url, **settings), engine=db.engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http, db)


@pytest.fixture
async def client(db: Database) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(db) as graphql:
        yield graphql
