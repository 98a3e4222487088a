"""Benchmark district generation: rows/s, wall time and peak RSS per scale and backend,
the rows of each table and how they grow against the scale.

    python -m simulation.generator.bench [--scales 1,10,100] [--postgres-url URL] [--no-sqlite]

Each run is a fresh process on a fresh database, so its peak RSS is the generator's own.
On SQLite the database file's size is taken at the end and its journal's (the rollback
journal of the load, or a write-ahead log) at its largest while the run lasts.
PostgreSQL runs need a database the benchmark may empty (`--postgres-url`, or
GRASSROOTS_TEST_POSTGRES_URL as `scripts/with-postgres.sh` sets it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


async def _child(url: str, factor: float, seed: int) -> None:
    # Imported here, so that the parent process stays small beside its children.
    from db.migrate import rebuild
    from db.session import create_engine
    from simulation.generator.generate import generate
    from simulation.scale import Scale

    engine = create_engine(url)
    await rebuild(engine)
    started = time.perf_counter()
    rows = await generate(engine, Scale(factor), seed)
    seconds = time.perf_counter() - started
    await engine.dispose()
    print(json.dumps({"rows": sum(rows.values()), "seconds": seconds, "tables": rows}))


class JournalWatch:
    """The largest size SQLite's journal or write-ahead log beside `path` reaches."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.largest = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while self.path is not None and not self.done.wait(0.2):
            for suffix in ("-wal", "-journal"):
                try:
                    size = os.stat(f"{self.path}{suffix}").st_size
                except FileNotFoundError:
                    continue
                self.largest = max(self.largest, size)

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.largest


def run(url: str, factor: float, seed: int, path: Path | None = None) -> dict[str, Any]:
    """One generation in a child process: its figures and its own peak RSS."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulation.generator.bench",
            "--child",
            url,
            str(factor),
            str(seed),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    watch = JournalWatch(path)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    journal = watch.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"generation at scale {factor} failed ({process.returncode})")
    result: dict[str, Any] = json.loads(output)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    # The process's own CPU, migrations and imports included: on a busy machine the wall
    # time says more about the neighbours than about the generator.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    result["rows_per_second"] = result["rows"] / result["seconds"]
    result["db_mib"] = path.stat().st_size / 2**20 if path is not None else None
    result["journal_mib"] = journal / 2**20 if path is not None else None
    return result


def growth(scales: list[float], tables: list[dict[str, int]]) -> None:
    """Rows per table at each scale, and each table's growth over the smallest scale
    divided by the scale's: 1.00 is linear, above it faster than the scale."""
    if len(scales) < 2:
        return
    header = " | ".join(f"rows at {s:g}" for s in scales)
    ratios = " | ".join(f"÷ scale at {s:g}" for s in scales[1:])
    print(f"\n| table | {header} | {ratios} |")
    print("| --- |" + " --- |" * (2 * len(scales) - 1))
    first = tables[0]
    for name in sorted(first, key=lambda t: -tables[-1].get(t, 0)):
        counts = " | ".join(f"{t.get(name, 0):,}" for t in tables)
        parts = []
        for scale, t in zip(scales[1:], tables[1:], strict=True):
            ratio = (t.get(name, 0) / first[name]) / (scale / scales[0]) if first[name] else 0
            parts.append(f"{ratio:.2f}")
        print(f"| {name} | {counts} | {' | '.join(parts)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("GRASSROOTS_TEST_POSTGRES_URL"),
        help="a PostgreSQL database the benchmark may empty",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, factor, seed = args.child
        asyncio.run(_child(url, float(factor), int(seed)))
        return

    scales = [float(s) for s in args.scales.split(",")]
    print(f"# generation benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"# {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        "| backend | scale | rows | seconds | rows/s | CPU seconds | peak RSS (MiB)"
        " | database (MiB) | largest journal (MiB) |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        targets: list[tuple[str, str | None]] = [] if args.no_sqlite else [("sqlite", None)]
        if args.postgres_url:
            targets.append(("postgresql", args.postgres_url))
        for backend, url in targets:
            tables = []
            for factor in scales:
                path = None
                if url is None:
                    path = Path(folder) / f"bench-{factor:g}.db"
                    path.unlink(missing_ok=True)
                    target = f"sqlite+aiosqlite:///{path}"
                else:
                    target = url
                r = run(target, factor, args.seed, path)
                tables.append(r["tables"])
                sizes = (
                    f" {r['db_mib']:,.0f} | {r['journal_mib']:,.0f} |"
                    if path is not None
                    else " – | – |"
                )
                print(
                    f"| {backend} | {factor:g} | {int(r['rows']):,} | {r['seconds']:.1f} |"
                    f" {r['rows_per_second']:,.0f} | {r['cpu_seconds']:.1f} |"
                    f" {r['peak_rss_mib']:.0f} |{sizes}",
                    flush=True,
                )
                if path is not None:
                    path.unlink(missing_ok=True)
            growth(scales, tables)
            print(flush=True)


if __name__ == "__main__":
    main()
