"""A database out of reach is a 503 with Retry-After, not a bug, and the server recovers
by itself when it returns: PostgreSQL on a small cluster of the test's own, stopped and
started again; SQLite on a file it cannot open; a full pool answers 503 quickly."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.migrate import rebuild
from db.session import create_engine
from server.app import create_app
from server.settings import Settings
from tests.support.database import REQUIRE_POSTGRES

# Servers, clusters and browsers of their own: one at a time on the xdist workers.
pytestmark = pytest.mark.xdist_group("serial")

GRAPHQL = "application/graphql-response+json"
QUERY = {"query": "{ streets { totalCount } }"}


class Cluster:
    """A throwaway PostgreSQL cluster on 127.0.0.1, run as `postgres` under root (as
    scripts/with-postgres.sh does), that a test may stop and start again."""

    def __init__(self) -> None:
        self.initdb, self.pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
        if self.initdb is None or self.pg_ctl is None:
            message = "PostgreSQL's server binaries (initdb, pg_ctl) are not on PATH"
            if REQUIRE_POSTGRES:
                pytest.fail(f"GRASSROOTS_REQUIRE_POSTGRES=1 but {message}")
            pytest.skip(message)
        # Every parent directory must be traversable by `postgres`: not pytest's tmp_path.
        self.root = Path(tempfile.mkdtemp(prefix="grassroots-outage-", dir="/tmp"))
        self.data = self.root / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.run(self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *command: str | None) -> None:
        args = [str(part) for part in command]
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        subprocess.run(args, cwd=self.root, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = self.root / "postgres.log"
        self.run(self.pg_ctl, "start", "-D", str(self.data), "-l", str(log), "-w", "-o", options)

    def stop(self) -> None:
        self.run(self.pg_ctl, "stop", "-D", str(self.data), "-m", "fast", "-w")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run(self.pg_ctl, "stop", "-D", str(self.data), "-m", "immediate", "-w")
        shutil.rmtree(self.root, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@asynccontextmanager
async def serving(settings: Settings, engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=engine)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        yield http


def unavailable(response: httpx.Response, accept: str = "application/json") -> None:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    body = response.json()
    # A GraphQL response: in application/json with its `data`, null; in the GraphQL media
    # type a request error has none.
    assert body["data"] is None if accept == "application/json" else "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "unavailable" in error["message"]
    assert response.headers["x-request-id"]


async def test_postgresql_stopped_is_503_and_the_server_recovers(cluster: Cluster) -> None:
    engine = create_engine(cluster.url, pool_timeout=2)
    try:
        await rebuild(engine)
        async with serving(Settings(database_url=cluster.url), engine) as http:
            assert (await http.post("/graphql", json=QUERY)).json()["data"] == {
                "streets": {"totalCount": 0}
            }
            await asyncio.to_thread(cluster.stop)
            for accept in ("application/json", GRAPHQL):
                response = await http.post("/graphql", json=QUERY, headers={"accept": accept})
                unavailable(response, accept)
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert ready.json() == {"status": "degraded", "database": "unavailable"}
            assert (await http.get("/healthz")).status_code == 200  # the process is up

            await asyncio.to_thread(cluster.start)
            recovered = await http.post("/graphql", json=QUERY)
            assert recovered.status_code == 200
            assert recovered.json()["data"] == {"streets": {"totalCount": 0}}
            assert (await http.get("/readyz")).status_code == 200
    finally:
        await engine.dispose()


async def test_a_full_pool_answers_503_before_the_request_times_out(cluster: Cluster) -> None:
    engine = create_engine(cluster.url, pool_timeout=0.5)
    try:
        await rebuild(engine)
        settings = Settings(database_url=cluster.url, pool_timeout_seconds=0.5)
        async with serving(settings, engine) as http:
            async with AsyncExitStack() as held:
                # Every connection the pool may open (10 + 10 overflow) is taken.
                taken: list[AsyncConnection] = [
                    await held.enter_async_context(engine.connect()) for _ in range(20)
                ]
                for connection in taken:
                    await connection.execute(text("SELECT 1"))
                started = time.monotonic()
                unavailable(await http.post("/graphql", json=QUERY))
                assert time.monotonic() - started < settings.request_timeout_seconds
            assert (await http.post("/graphql", json=QUERY)).status_code == 200
    finally:
        await engine.dispose()


async def test_a_sqlite_file_that_cannot_be_opened_is_503(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing-folder' / 'grassroots.db'}"
    engine = create_engine(url)
    try:
        async with serving(Settings(database_url=url), engine) as http:
            unavailable(await http.post("/graphql", json=QUERY))
            unavailable(
                await http.post("/graphql", json=QUERY, headers={"accept": GRAPHQL}), GRAPHQL
            )
            assert (await http.get("/readyz")).status_code == 503
            assert (await http.get("/healthz")).status_code == 200
    finally:
        await engine.dispose()
