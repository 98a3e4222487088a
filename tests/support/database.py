"""The test databases: one per backend, the statements they ran, and how to empty them.

PostgreSQL comes from GRASSROOTS_TEST_POSTGRES_URL (set by `make test` through
scripts/with-postgres.sh); without it the PostgreSQL runs are skipped, unless
GRASSROOTS_REQUIRE_POSTGRES=1 makes that an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.session import create_sessionmaker
from simulation.generator.generate import empty_database
from simulation.scale import Scale

POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("GRASSROOTS_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]

# The test district: 12 communities, two in each subdistrict, every level populated.
TEST_SCALE = Scale(0.2)
TEST_SEED = 7
# Its history ends on the report's day, whatever today is: the tests' dates stay fixed.
TEST_AS_OF = date(2022, 7, 4)


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


async def empty_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await empty_database(connection)
