"""Migrations build the whole schema from empty, on both backends, and match the models."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from db.base import Base
from db.migrate import current_revision, downgrade, upgrade
from db.session import create_engine
from simulation.generator.generate import generate
from simulation.scale import Scale
from tests.support.database import BACKENDS, postgres_url

# Builds and drops whole databases: in the serial group (see conftest).
pytestmark = pytest.mark.xdist_group("serial")


@pytest.fixture(params=BACKENDS)
async def empty_engine(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[AsyncEngine]:
    """An engine on a brand-new, empty database."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
        yield engine
        await engine.dispose()
        return
    url = make_url(postgres_url())
    name = f"fresh_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.render_as_string(hide_password=False))
    async with admin.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(url.set(database=name).render_as_string(hide_password=False))
    yield engine
    await engine.dispose()
    async with admin.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text(f'DROP DATABASE "{name}"'))
    await admin.dispose()


def differences(connection: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_from_empty_builds_exactly_the_models(empty_engine: AsyncEngine) -> None:
    assert await current_revision(empty_engine) is None
    await upgrade(empty_engine)
    assert await current_revision(empty_engine) is not None
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(differences) == []
        tables = await connection.run_sync(table_names)
    assert set(Base.metadata.tables) <= tables


async def test_upgrade_is_idempotent_and_downgrade_empties(empty_engine: AsyncEngine) -> None:
    await upgrade(empty_engine)
    head = await current_revision(empty_engine)
    await upgrade(empty_engine)
    assert await current_revision(empty_engine) == head
    await downgrade(empty_engine, "base")
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(table_names) <= {"alembic_version"}


async def test_a_populated_district_migrates_down_and_up_keeping_its_rows(
    empty_engine: AsyncEngine,
) -> None:
    """Migrations after 0007 add columns with references to tables other rows point at
    (projects, planned services); SQLite rebuilds those tables, which must work on a
    database that holds a district, not only on an empty one."""
    await upgrade(empty_engine)
    await generate(empty_engine, Scale(0.02), seed=3)
    kept = ("projects", "planned_services", "project_events", "people", "user_grants")
    before = await row_counts(empty_engine, kept)
    assert all(before.values()), before
    await downgrade(empty_engine, "0007")
    assert await current_revision(empty_engine) == "0007"
    assert await row_counts(empty_engine, kept) == before
    await upgrade(empty_engine)
    assert await row_counts(empty_engine, kept) == before
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(differences) == []
        if empty_engine.dialect.name == "sqlite":
            assert (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1
            assert (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all() == []


async def row_counts(engine: AsyncEngine, tables: tuple[str, ...]) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            table: int(
                (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            )
            for table in tables
        }
