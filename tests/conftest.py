"""Fixtures: a SQLite or PostgreSQL database per backend, fresh for every test (the
migrated schema, or the generated test district), and an ASGI client on the real app.

Every test that takes `db` runs once per backend (tests/support/database.py says where the
databases come from). Helpers the tests import live in tests/support.

`make test` spreads the tests over pytest-xdist workers (`--dist loadgroup`), each with its
own databases. Tests that start servers or Locust, or build databases from empty, carry
`pytest.mark.xdist_group("serial")`: one worker runs them, one after another, so that two
of them never compete for the machine at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy import event

from db.session import create_engine
from tests.support.database import BACKENDS, Database, postgres_url
from tests.support.graphql import GraphQLClient, graphql_client
from tests.support.templates import EMPTY, SEEDED, PostgresCopies, SqliteCopies, shared_folder


class Databases:
    """This worker's database per backend, made on first use and reset per test to a copy
    of a template (tests/support/templates.py)."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.shared = shared_folder(tmp_path_factory.getbasetemp())
        self.open: dict[str, tuple[Database, SqliteCopies | PostgresCopies]] = {}

    def copies(self, backend: str) -> SqliteCopies | PostgresCopies:
        if backend == "sqlite":
            return SqliteCopies(self.shared, self.tmp_path_factory.mktemp("sqlite"))
        return PostgresCopies(self.shared, postgres_url())

    async def fresh(self, backend: str, template: str) -> Database:
        if backend not in self.open:
            copies = self.copies(backend)
            self.open[backend] = (record_statements(backend, copies.url), copies)
        database, copies = self.open[backend]
        await copies.reset(database.engine, template)
        database.statements.clear()
        return database

    async def close(self) -> None:
        for database, copies in self.open.values():
            await database.engine.dispose()
            await copies.close()


def record_statements(backend: str, url: str) -> Database:
    """A Database whose engine notes every statement it sends (see count_statements),
    BEGIN, COMMIT and ROLLBACK included, as the server sees them on either backend.

    SQLite's BEGIN is a statement of ours (db.session); asyncpg sends its BEGIN with the
    transaction's first statement and its COMMIT or ROLLBACK only after one, so a
    transaction that ran nothing, or a statement in autocommit, is shown without them.
    """
    database = Database(backend, url, create_engine(url))
    # The connections whose BEGIN was sent, and (PostgreSQL) those whose BEGIN is due.
    begun: set[int] = set()
    due: dict[int, str] = {}

    def record(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("BEGIN"):
            begun.add(id(conn))
        elif id(conn) in due:
            begun.add(id(conn))
            database.statements.append(due.pop(id(conn)))
        database.statements.append(statement)

    def begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if backend == "postgresql" and options.get("isolation_level") != "AUTOCOMMIT":
            due[id(conn)] = "BEGIN READ ONLY" if options.get("postgresql_readonly") else "BEGIN"

    def ended(word: str) -> Callable[[Any], None]:
        def end(conn: Any) -> None:
            due.pop(id(conn), None)
            if id(conn) in begun:
                begun.discard(id(conn))
                database.statements.append(word)

        return end

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", ended("COMMIT"))
    event.listen(engine, "rollback", ended("ROLLBACK"))
    return database


@pytest.fixture(scope="session")
async def databases(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Databases]:
    found = Databases(tmp_path_factory)
    yield found
    await found.close()


@pytest.fixture(params=BACKENDS)
async def db(request: pytest.FixtureRequest, databases: Databases) -> Database:
    """The backend's database at the start of the test: a fresh copy of the migrated
    schema, or of the generated test district if the test also takes `seeded`."""
    template = SEEDED if "seeded" in request.fixturenames else EMPTY
    return await databases.fresh(request.param, template)


@pytest.fixture
async def seeded(db: Database) -> Database:
    """The database holding the generated test district (seed 7, scale 0.2)."""
    return db


@pytest.fixture
async def client(db: Database) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(db) as graphql:
        yield graphql
