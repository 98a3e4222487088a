"""Run Alembic migrations from code: the CLI, the server's `--migrate` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import db.models  # noqa: F401  (every table on the metadata)
from db.base import Base

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _run(connection: Connection, step: str, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    getattr(command, step)(config, revision)


async def _migrate(engine: AsyncEngine, step: str, revision: str) -> None:
    """Run `step` to `revision` in one transaction.

    SQLite alters a table by copying it into a new one and dropping the old (Alembic's batch
    mode), and with foreign keys enforced the drop of a table that other rows point at
    fails. SQLite's own procedure for that change is followed: foreign keys off outside the
    transaction, `PRAGMA foreign_key_check` before the commit, and on again afterwards."""
    if engine.dialect.name != "sqlite":
        async with engine.begin() as connection:
            await connection.run_sync(_run, step, revision)
        return
    async with engine.connect() as connection:
        await _foreign_keys(connection, on=False)
        try:
            async with connection.begin():
                await connection.run_sync(_run, step, revision)
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if broken:
                    raise RuntimeError(f"the migration left rows with broken references: {broken}")
        finally:
            await _foreign_keys(connection, on=True)


async def _foreign_keys(connection: AsyncConnection, *, on: bool) -> None:
    """Switch SQLite's foreign keys; the pragma is a no-op inside a transaction, so it is
    sent without a BEGIN."""
    await connection.execution_options(sqlite_autocommit=True)
    await connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    await connection.commit()
    await connection.execution_options(sqlite_autocommit=False)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` inside its own transaction."""
    await _migrate(engine, "upgrade", revision)


async def drop_everything(engine: AsyncEngine) -> None:
    """Leave the database empty of our schema, so that migrations start from nothing."""
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        else:
            await connection.run_sync(Base.metadata.drop_all)
            await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


async def rebuild(engine: AsyncEngine) -> None:
    """A fresh schema: drop everything, then migrate up from empty."""
    await drop_everything(engine)
    await upgrade(engine)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Downgrade to `revision` ("base" empties the database of our tables)."""
    await _migrate(engine, "downgrade", revision)


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(_current)


def head_revision() -> str | None:
    """The newest migration in the code."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
