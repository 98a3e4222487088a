"""Template databases, and a copy of one for each test.

A template is built once per test run and backend, by whichever worker needs it first:
EMPTY holds the migrated schema, SEEDED also the generated test district. Every test then
starts from a fresh copy of one: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
PostgreSQL. Both cost less than emptying and refilling the tables, and a copy is the
template exactly: rows, key sequences and the planner's statistics.

Each pytest-xdist worker has its own copy (its own SQLite file, its own PostgreSQL
database on the one cluster), so workers never see each other's rows.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import rebuild
from db.session import create_engine
from simulation.generator.generate import generate
from tests.support.database import TEST_AS_OF, TEST_SCALE, TEST_SEED

EMPTY = "empty"
SEEDED = "seeded"


def worker() -> str:
    """This process's name among the run's workers ("main" without pytest-xdist)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def shared_folder(basetemp: Path) -> Path:
    """The folder all workers of this run share: pytest-xdist gives each worker its own
    subfolder of it as basetemp."""
    return basetemp.parent if "PYTEST_XDIST_WORKER" in os.environ else basetemp


@asynccontextmanager
async def exclusive(lock: Path) -> AsyncIterator[None]:
    """Hold an exclusive lock on the file `lock`, across the run's processes."""
    with lock.open("a") as handle:
        await asyncio.to_thread(fcntl.flock, handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def fill(engine: AsyncEngine, template: str) -> None:
    """Give a new database the template's contents: the migrations from empty, and for
    SEEDED the test district (seed 7, scale 0.2)."""
    await rebuild(engine)
    if template == SEEDED:
        await generate(engine, TEST_SCALE, TEST_SEED, as_of=TEST_AS_OF)


class SqliteCopies:
    """Template files in the shared folder, copied over this worker's database file."""

    def __init__(self, shared: Path, own: Path) -> None:
        self.shared = shared
        self.path = own / "test.db"
        self.url = f"sqlite+aiosqlite:///{self.path}"
        self.built: set[str] = set()

    async def template(self, name: str) -> Path:
        path = self.shared / f"sqlite-{name}.db"
        if name not in self.built:
            async with exclusive(self.shared / f"sqlite-{name}.lock"):
                if not path.exists():
                    partial = path.with_name(f"{path.name}.partial")
                    engine = create_engine(f"sqlite+aiosqlite:///{partial}")
                    await fill(engine, name)
                    await engine.dispose()  # the last connection checkpoints the WAL
                    partial.rename(path)
            self.built.add(name)
        return path

    async def reset(self, engine: AsyncEngine, name: str) -> None:
        source = await self.template(name)
        await engine.dispose()
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, self.path)

    async def close(self) -> None:
        pass


class PostgresCopies:
    """Template databases on the cluster of `url`, cloned as this worker's database.

    The statements that create and drop databases run on a connection to `url`'s own
    database, which no test uses: CREATE DATABASE … TEMPLATE needs a template nobody is
    connected to, and DROP DATABASE a database nobody is connected to.
    """

    def __init__(self, shared: Path, url: str) -> None:
        self.shared = shared
        self.base = make_url(url)
        self.admin = create_engine(url)
        self.name = f"{self.base.database}_{worker()}"
        self.url = self.url_of(self.name)
        self.built: set[str] = set()

    def url_of(self, database: str) -> str:
        return self.base.set(database=database).render_as_string(hide_password=False)

    async def run(self, *statements: str) -> None:
        async with self.admin.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                await connection.execute(text(statement))

    async def template(self, name: str) -> str:
        database = f"{self.base.database}_template_{name}"
        if name not in self.built:
            # A marker per run: a template left on a long-lived server by an earlier run
            # (older migrations, say) is rebuilt, not trusted.
            marker = self.shared / f"postgresql-{name}.built"
            async with exclusive(self.shared / f"postgresql-{name}.lock"):
                if not marker.exists():
                    await self.run(
                        f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
                        f'CREATE DATABASE "{database}"',
                    )
                    engine = create_engine(self.url_of(database))
                    await fill(engine, name)
                    await engine.dispose()
                    marker.touch()
            self.built.add(name)
        return database

    async def reset(self, engine: AsyncEngine, name: str) -> None:
        template = await self.template(name)
        await engine.dispose()
        # FORCE: a connection a test left open (or a server it started) must not keep
        # the old copy alive.
        await self.run(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"',
        )

    async def close(self) -> None:
        await self.admin.dispose()
