"""Latency of the API's three reference operations on the generated district (scale 1).

    python -m benchmarks.api [--requests 200] [--postgres-url URL]

For each backend: generate the district into a fresh database, start `grassroots serve`
(uvicorn, one worker) on a free loopback port, send each operation sequentially from one
client and print p50/p95/p99 latency, requests per second and SQL statements per request
(counted in-process with the same query). The operations are the reference ones of
docs/architecture.md: the district tree with counts, a page of 100 members with their
building, grid, community and street, and a mutation returning nested data.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

TREE = """{ district { name communityCount gridCount buildingCount partyMemberCount workerCount
  streets(first: 20) { nodes { name communityCount partyMemberCount
    communities(first: 20) { nodes { name gridCount buildingCount partyMemberCount workerCount
      partyOrganization { name secretary { name } }
      grids(first: 20) { nodes { name buildingCount partyMemberCount cadreCount } } } } } } } }"""
MEMBERS = """{ people(first: 100, filter: {roleKind: PARTY_MEMBER}) { totalCount nodes { name phone
  building { name grid { name community { name street { name } } } } } } }"""
RENAME = """mutation($id: ID!, $name: String!) { renameNode(input: {id: $id, name: $name}) {
  node { ... on Community { name gridCount street { name district { name } } } }
  userErrors { code } } }"""


LOGIN = """mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) { accessToken userErrors { code } } }"""
# The benchmark measures latency, not the per-user cost budget: lift it.
UNLIMITED = {"GRASSROOTS_COST_PER_MINUTE": str(10**9)}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def admin_login(post: Any) -> str:
    """The generated district admin's access token (development password)."""
    from simulation.account_names import ADMIN_USERNAME, DEVELOPMENT_PASSWORD

    body = {"query": LOGIN, "variables": {"u": ADMIN_USERNAME, "p": DEVELOPMENT_PASSWORD}}
    return str(post(body)["data"]["login"]["accessToken"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def prepare(url: str) -> None:
    from db.migrate import rebuild
    from db.session import create_engine
    from simulation.generator.generate import generate
    from simulation.scale import Scale

    engine = create_engine(url)
    await rebuild(engine)
    await generate(engine, Scale(1), seed=42)
    await engine.dispose()


async def statements(url: str, community_id: str, token: str) -> dict[str, int]:
    """SQL statements each operation sends (BEGIN, COMMIT and ROLLBACK included), through
    the app in-process."""
    from db.session import create_engine
    from db.statements import record_statements
    from server.app import create_app
    from server.settings import Settings

    engine = create_engine(url)
    seen: list[str] = []
    record_statements(engine, seen)
    app = create_app(Settings(database_url=url, cost_per_minute=10**9), engine=engine)
    counts = {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://bench"
    ) as client:
        for name, body in operations(community_id, 0):
            seen.clear()
            response = await client.post("/graphql", json=body, headers=auth(token))
            if "errors" in response.json():
                raise SystemExit(f"{name} failed: {response.text[:500]}")
            counts[name] = len(seen)
    await engine.dispose()
    return counts


def operations(community_id: str, n: int) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("district tree with counts", {"query": TREE}),
        ("100 members with ancestors", {"query": MEMBERS}),
        (
            "mutation with nested result",
            {"query": RENAME, "variables": {"id": community_id, "name": f"基准社区{n}"}},
        ),
    ]


def measure(base: str, community_id: str, token: str, requests: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for n in range(requests + 5):
            for name, body in operations(community_id, n):
                started = time.perf_counter()
                response = client.post("/graphql", json=body, headers=auth(token))
                elapsed = time.perf_counter() - started
                data = response.json()
                if response.status_code != 200 or "errors" in data:
                    raise SystemExit(f"{name} failed: {response.text[:500]}")
                if n >= 5:  # the first rounds warm caches and connections
                    timings.setdefault(name, []).append(elapsed)
    return timings


def run_backend(url: str, requests: int) -> list[str]:
    asyncio.run(prepare(url))
    port = free_port()
    env = os.environ | {"GRASSROOTS_DATABASE_URL": url} | UNLIMITED
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("grassroots")), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        first = httpx.post(
            f"{base}/graphql", json={"query": "{ communities(first: 1) { nodes { id } } }"}
        )
        community_id = first.json()["data"]["communities"]["nodes"][0]["id"]
        token = admin_login(lambda body: httpx.post(f"{base}/graphql", json=body).json())
        counted = asyncio.run(statements(url, community_id, token))
        timings = measure(base, community_id, token, requests)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    backend = url.split(":", 1)[0].split("+")[0]
    lines = []
    for name, samples in timings.items():
        ms = sorted(s * 1000 for s in samples)
        p = statistics.quantiles(ms, n=100)
        lines.append(
            f"| {backend} | {name} | {p[49]:.1f} | {p[94]:.1f} | {p[98]:.1f} |"
            f" {1000 / statistics.mean(ms):.0f} | {counted[name]} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres-url", default=os.environ.get("GRASSROOTS_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    print(f"# API benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, scale 1 seed 42,")
    print(f"# {os.cpu_count()} cores, Python {platform.python_version()}, one uvicorn worker,")
    print(f"# one sequential client, {args.requests} requests per operation")
    print("| backend | operation | p50 ms | p95 ms | p99 ms | req/s | SQL statements |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        urls = [f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"]
        if args.postgres_url:
            urls.append(args.postgres_url)
        for url in urls:
            for line in run_backend(url, args.requests):
                print(line, flush=True)


if __name__ == "__main__":
    main()
