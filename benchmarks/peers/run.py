"""The benchmark's steps: database, accounts, targets, the shape check, interleaved rounds."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx

from benchmarks.peers import load, report
from benchmarks.peers.shapes import (
    NEW_NAME,
    Community,
    Shape,
    ShapeMismatch,
    body,
    load_body,
    reduce,
)
from benchmarks.peers.targets import TARGETS, Running, install, settle, started, versions
from resolvers.global_ids import encode
from tooling.postgres import throwaway_cluster
from tooling.process import ServerError, seed_fresh

ADMIN = "peers.admin"
ADMIN_PASSWORD = "peers-benchmark-password"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.peers",
        description="grassroots side by side with PostGraphile v4 and v5 and a floor.",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="district scale (default 1)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per run (5)")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds (4)")
    parser.add_argument(
        "--connections", default="1,8", help="comma-separated connection counts (1,8)"
    )
    parser.add_argument(
        "--targets", default=",".join(TARGETS), help=f"comma-separated, of {', '.join(TARGETS)}"
    )
    parser.add_argument(
        "--shapes", default=",".join(s.value for s in Shape), help="tree, people, rename"
    )
    parser.add_argument(
        "--client",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load client: wrk if installed (auto), or the asyncio client",
    )
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds per target and shape")
    parser.add_argument("--check-only", action="store_true", help="compare answers, no load")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    unknown = set(args.targets.split(",")) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    if args.client == "auto":
        args.client = "wrk" if load.wrk_path() else "python"
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    targets = [TARGETS[name] for name in args.targets.split(",")]
    shapes = [Shape(name) for name in args.shapes.split(",")]
    connections = [int(n) for n in args.connections.split(",")]
    header = [
        f"peers benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: scale {args.scale:g},"
        f" seed 42, PostgreSQL {_postgres_version()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, client {args.client},"
        f" load average {os.getloadavg()[0]:.1f} at the start"
    ]
    for target in targets:
        if target.npm_folder:
            header.append(f"{target.name}: {versions(install(target.npm_folder))}")
    for line in header:
        print(line, flush=True)
    with throwaway_cluster() as cluster, tempfile.TemporaryDirectory() as folder:
        print("seeding ...", file=sys.stderr, flush=True)
        seed_fresh(cluster.url, scale=args.scale, seed=42)
        token = _admin_token(cluster.url)
        community = asyncio.run(_community(cluster.url))
        with started(targets, cluster.url, token, Path(folder)) as running:
            for shape in shapes:
                check(running, shape, community)
                print(f"check {shape.value}: the same rows from {len(running)} targets", flush=True)
            if args.check_only:
                return
            idle = [target.pid for target in running] + [cluster.pid]
            results = measure(running, shapes, connections, community, idle, args)
    tables = report.tables(results, targets, shapes, connections, args.rounds, args.duration)
    header.append(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(tables)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("\n".join(f"<!-- {line} -->" for line in header) + "\n\n" + tables)


def _postgres_version() -> str:
    done = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False)
    words = done.stdout.split()  # psql (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)
    return words[2] if done.returncode == 0 and len(words) > 2 else "?"


def _admin_token(database_url: str) -> str:
    """A district admin made with `grassroots user create`, and a day-long token for it."""
    base = [sys.executable, "-m", "cli"]
    url = ("--database-url", database_url)
    create = [*base, "user", "create", ADMIN, "--role", "DISTRICT_ADMIN", "--scope", "district"]
    for command, given in (
        ([*create, "--password-stdin", *url], ADMIN_PASSWORD + "\n"),
        ([*base, "token", ADMIN, "--minutes", "1440", *url], ""),
    ):
        done = subprocess.run(command, input=given, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServerError(f"{' '.join(command[2:5])} failed:\n{done.stderr or done.stdout}")
    return done.stdout.strip().splitlines()[-1].strip()


async def _community(database_url: str) -> Community:
    import asyncpg

    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        pk = await connection.fetchval(
            "SELECT id FROM communities WHERE archived_at IS NULL ORDER BY id LIMIT 1"
        )
    finally:
        await connection.close()
    return Community(int(pk), encode("Community", int(pk)))


def check(running: list[Running], shape: Shape, community: Community) -> None:
    """Every target answers `shape` with the same rows as the first one; the rename sets
    the same new name everywhere, so its answers compare too."""
    reference: tuple[str, object] | None = None
    for target in running:
        answer = httpx.post(
            target.url,
            json=body(target.target.dialect, shape, community, NEW_NAME),
            headers=dict(target.headers),
            timeout=60,
        )
        reduced = reduce(target.target.dialect, shape, json.loads(answer.content))
        if reference is None:
            reference = (target.target.name, reduced)
        elif reduced != reference[1]:
            raise ShapeMismatch(
                f"{shape.value}: {target.target.name} differs from {reference[0]}:\n"
                f"{str(reduced)[:800]}\n!=\n{str(reference[1])[:800]}"
            )


Results = dict[tuple[int, Shape, str], list[load.Result]]


def measure(
    running: list[Running],
    shapes: list[Shape],
    connections: list[int],
    community: Community,
    idle: list[int],
    args: argparse.Namespace,
) -> Results:
    """Warm each target on each shape, then `rounds` rounds, each running every
    (connections, shape, target) once in turn, so that drift hits all targets alike."""
    loads = {
        (shape, target.target.name): load.Load(
            target.url, load_body(target.target.dialect, shape, community), target.headers
        )
        for shape in shapes
        for target in running
    }
    if args.warmup > 0:
        for one in loads.values():
            load.run(one, max(connections), args.warmup, args.client)
            settle(idle)
    results: Results = {}
    for number in range(1, args.rounds + 1):
        for count in connections:
            for shape in shapes:
                for target in running:
                    name = target.target.name
                    settle(idle)  # the last run's leftovers finish before this one starts
                    result = load.run(loads[shape, name], count, args.duration, args.client)
                    results.setdefault((count, shape, name), []).append(result)
                    print(
                        f"round {number} c={count} {shape.value:6} {name:14}"
                        f" {result.rate:8.1f} req/s  p50 {result.p50_ms:7.1f} ms"
                        f"  p99 {result.p99_ms:7.1f} ms  failures {result.failures}"
                        f"  client {result.client_us_per_request:,.0f} µs CPU/request",
                        flush=True,
                    )
    return results
