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

from collections.abc import AsyncIterator
from typing import Any

import pytest

from db.session import create_engine
from db.statements import record_statements as record_into
from tests.support.database import BACKENDS, Database, postgres_url
from tests.support.graphql import GraphQLClient, graphql_client
from tests.support.load_run import desk_load_run
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
    """A Database whose engine notes every statement it sends, BEGIN, COMMIT and ROLLBACK
    included (db/statements.py; see count_statements)."""
    database = Database(backend, url, create_engine(url))
    record_into(database.engine, database.statements)
    return database


@pytest.fixture(scope="session")
async def databases(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Databases]:
    found = Databases(tmp_path_factory)
    yield found
    await found.close()


@pytest.fixture(scope="session")
def desk_load_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The capacity report of one short load run of the desks' roles, shared by the
    incident and deliberation load tests (both in the serial group, so on one worker)."""
    return desk_load_run(tmp_path_factory.mktemp("desk-load"))


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
