"""The `grassroots` command line as the README uses it: migrate, seed, export, serve."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from db.migrate import head_revision
from tests.simulation.test_generate import DOMAIN
from tests.support.cli import GRASSROOTS, ROOT, run
from tests.support.database import Database


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def serving(url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Run `grassroots serve` on a free port until the block ends; yields a client for it."""
    port = free_port()
    env = os.environ | {"GRASSROOTS_DATABASE_URL": url}
    process = await asyncio.create_subprocess_exec(
        GRASSROOTS,
        "serve",
        "--port",
        str(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.returncode is None, "the server exited early"
            try:
                if (await client.get("/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not answer within 60 s"
            await asyncio.sleep(0.2)
        yield client
    finally:
        await client.aclose()
        process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(process.wait(), timeout=15)
        except TimeoutError:
            process.kill()
            await process.wait()


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    refused = run("serve", url=url)
    assert refused.returncode == 1
    assert "grassroots db upgrade" in refused.stdout


@pytest.mark.xdist_group("serial")
async def test_upgrade_seed_and_serve(db: Database) -> None:
    upgraded = run("db", "upgrade", url=db.url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert str(head_revision()) in run("db", "current", url=db.url).stdout
    seeded = run("seed", "--scale", "0.2", url=db.url)
    assert seeded.returncode == 0, seeded.stderr
    assert "district generated: scale 0.2, seed 42" in seeded.stdout
    assert "urban communities (城市社区)" in seeded.stdout
    again = run("seed", url=db.url)
    assert again.returncode == 1
    assert "already holds a district (or other data): pass --reset" in again.stderr
    assert run("seed", "--if-empty", url=db.url).returncode == 0

    async with serving(db.url) as server:
        health = (await server.get("/healthz")).json()
        assert health == {"status": "ok", "database": db.backend}
        answer = await server.post(
            "/graphql", json={"query": "{ district { streets { totalCount } } }"}
        )
        assert answer.json()["data"] == {"district": {"streets": {"totalCount": 11}}}
        graphiql = await server.get("/graphql", headers={"accept": "text/html"})
        assert graphiql.status_code == 200
        assert "graphiql" in graphiql.text.lower()


def test_export_schema_matches_the_committed_sdl() -> None:
    exported = run("export-schema", url="sqlite+aiosqlite:///:memory:")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == (ROOT / "schema.graphql").read_text(encoding="utf-8")


async def test_seed_json_prints_the_domain_figures(db: Database) -> None:
    seeded = run("seed", "--scale", "1", "--seed", "42", "--json", url=db.url)
    assert seeded.returncode == 0, seeded.stderr
    report = json.loads(seeded.stdout)
    counts = {key: value["generated"] for key, value in report["counts"].items()}
    assert {key: counts[key] for key in DOMAIN} == DOMAIN
    assert all(
        value["generated"] == value["expected"]
        for value in report["counts"].values()
        if value["expected"] is not None
    )
    again = run("seed", "--scale", "0.1", "--reset", "--json", url=db.url)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["counts"]["communities"] == {"generated": 6, "expected": 6}
