"""The generator's load takes the loaded tables' secondary indexes (and PostgreSQL's foreign
keys) down and builds them again afterwards: the schema must come out exactly as the
migrations made it, whether the seed succeeds or fails, and rows breaking a unique index
or naming no parent must fail the seed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from simulation.generator.deferred_indexes import DeferredIndexes
from simulation.generator.generate import district_tables, generate, holds_data
from simulation.scale import Scale
from tests.support.database import TEST_AS_OF, Database


async def schema(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every index and constraint by name with its definition (SQLite: `sqlite_master`
    less the root pages and ANALYZE's own table; PostgreSQL: `pg_indexes` and
    `pg_constraint`)."""
    async with db.engine.connect() as connection:
        if db.backend == "sqlite":
            rows = await connection.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
            )
            return {"sqlite_master": [tuple(row) for row in rows]}
        indexes = await connection.exec_driver_sql(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() ORDER BY indexname"
        )
        constraints = await connection.exec_driver_sql(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid),"
            " condeferrable, condeferred, convalidated FROM pg_constraint"
            " WHERE connamespace = current_schema()::regnamespace ORDER BY conname"
        )
        return {
            "pg_indexes": [tuple(row) for row in indexes],
            "pg_constraint": [tuple(row) for row in constraints],
        }


async def test_the_schema_is_the_migrations_after_a_seed(db: Database) -> None:
    before = await schema(db)
    await generate(db.engine, Scale(0.05), seed=3, as_of=TEST_AS_OF)
    assert await schema(db) == before
    listed = before.get("sqlite_master") or before["pg_indexes"]
    assert any(row[1] == "ix_people_name" for row in listed)  # a secondary index, kept


async def test_the_load_runs_without_the_secondary_indexes(db: Database) -> None:
    async with db.engine.connect() as connection, connection.begin():
        indexes = DeferredIndexes(connection, district_tables())
        await indexes.drop()
        names = [name for name, _ in indexes.indexes]
        assert "ix_people_name" in names
        # A reference table's (the migrations fill it; the generator does not load it).
        assert "uq_commissioner_checklist_items_kind_number" not in names
        if db.backend == "postgresql":
            assert ("streets", "fk_streets_district_id_districts") in {
                (table, name) for table, name, _ in indexes.foreign_keys
            }
            assert not await _exists(connection, "ix_people_name")
        await indexes.restore()
        assert await _exists(connection, "ix_people_name")
        await connection.rollback()


async def _exists(connection: AsyncConnection, index: str) -> bool:
    if connection.dialect.name == "sqlite":
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :name"
    else:
        query = "SELECT count(*) FROM pg_indexes WHERE indexname = :name"
    return bool(await connection.scalar(text(query), {"name": index}))


async def test_a_failed_seed_leaves_the_schema_and_no_rows(db: Database) -> None:
    before = await schema(db)
    communities = 0

    def fail_on_the_second() -> None:
        nonlocal communities
        communities += 1
        if communities == 2:
            raise RuntimeError("the load failed")

    with pytest.raises(RuntimeError, match="the load failed"):
        await generate(
            db.engine, Scale(0.05), seed=3, as_of=TEST_AS_OF, on_community=fail_on_the_second
        )
    assert await schema(db) == before
    async with db.engine.connect() as connection:
        assert not await holds_data(connection)


async def _district_with_two_streets(
    connection: AsyncConnection, *, second_district: int, second_name: str
) -> None:
    stamps = "'2022-07-04 00:00:00', '2022-07-04 00:00:00'"
    await connection.execute(
        text(
            "INSERT INTO districts (id, name, code, created_at, updated_at)"
            f" VALUES (1, '市中区', '370402', {stamps})"
        )
    )
    for key, district, name in ((1, 1, "中心街街道"), (2, second_district, second_name)):
        await connection.execute(
            text(
                "INSERT INTO streets (id, district_id, name, kind, created_at, updated_at)"
                f" VALUES ({key}, {district}, :name, 'SUBDISTRICT', {stamps})"
            ),
            {"name": name},
        )


async def _load_two_streets(db: Database, *, second_district: int, second_name: str) -> None:
    """A district and two streets written while the indexes are down, then the indexes
    restored, in one transaction."""
    async with db.engine.connect() as connection, connection.begin():
        indexes = DeferredIndexes(connection, district_tables())
        await indexes.drop()
        await _district_with_two_streets(
            connection, second_district=second_district, second_name=second_name
        )
        await indexes.restore()


async def _load_fails_leaving_nothing(
    db: Database, *, second_district: int, second_name: str
) -> None:
    """The load fails on its integrity, leaving the schema as it was and no rows."""
    before = await schema(db)
    with pytest.raises(IntegrityError):
        await _load_two_streets(db, second_district=second_district, second_name=second_name)
    assert await schema(db) == before
    async with db.engine.connect() as connection:
        assert not await holds_data(connection)


async def test_rows_breaking_a_unique_index_fail_its_rebuilding(db: Database) -> None:
    # Two live streets of one name in a district: the partial unique index
    # uq_streets_district_id_name_live is down while they are written.
    await _load_fails_leaving_nothing(db, second_district=1, second_name="中心街街道")


async def test_a_row_naming_no_parent_fails_the_load(db: Database) -> None:
    """On PostgreSQL the foreign key is checked when it is made again; SQLite keeps its
    foreign keys through the load and refuses the row itself."""
    await _load_fails_leaving_nothing(db, second_district=99, second_name="光明路街道")
