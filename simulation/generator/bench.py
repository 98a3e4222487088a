"""Benchmark district generation: rows/s, wall time and peak RSS per scale and backend.

    python -m simulation.generator.bench [--scales 1,10,100] [--postgres-url URL]

Each run is a fresh process on a fresh database, so its peak RSS is the generator's own.
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
import time
from datetime import UTC, datetime
from pathlib import Path


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
    print(json.dumps({"rows": sum(rows.values()), "seconds": seconds}))


def run(url: str, factor: float, seed: int) -> dict[str, float]:
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
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"generation at scale {factor} failed ({process.returncode})")
    result: dict[str, float] = json.loads(output)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    result["rows_per_second"] = result["rows"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("GRASSROOTS_TEST_POSTGRES_URL"),
        help="a PostgreSQL database the benchmark may empty",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, factor, seed = args.child
        asyncio.run(_child(url, float(factor), int(seed)))
        return

    scales = [float(s) for s in args.scales.split(",")]
    print(f"# generation benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"# {platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| backend | scale | rows | seconds | rows/s | peak RSS (MiB) |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        targets = [("sqlite", None)] + (
            [("postgresql", args.postgres_url)] if args.postgres_url else []
        )
        for backend, url in targets:
            for factor in scales:
                if url is None:
                    path = Path(folder) / f"bench-{factor:g}.db"
                    path.unlink(missing_ok=True)
                    target = f"sqlite+aiosqlite:///{path}"
                else:
                    target = url
                r = run(target, factor, args.seed)
                print(
                    f"| {backend} | {factor:g} | {int(r['rows']):,} | {r['seconds']:.1f} |"
                    f" {r['rows_per_second']:,.0f} | {r['peak_rss_mib']:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
