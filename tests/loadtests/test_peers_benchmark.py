"""The side-by-side benchmark (benchmarks/peers) on grassroots and the floor: a small
district, the shape check, one second of load per shape with the asyncio client, and the
tables. PostGraphile stays out: it needs npm and a download of Node 22, which the suite does
not make (`make peers` runs the whole comparison)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.database import REQUIRE_POSTGRES

pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]


def test_grassroots_and_the_floor_return_the_same_rows_and_carry_load(tmp_path: Path) -> None:
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        message = "PostgreSQL's server binaries (initdb, pg_ctl) are not on PATH"
        if REQUIRE_POSTGRES:
            pytest.fail(f"GRASSROOTS_REQUIRE_POSTGRES=1 but {message}")
        pytest.skip(message)
    table = tmp_path / "peers.md"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks.peers", "--targets", "grassroots,floor"),
            *("--scale", "0.05", "--duration", "1", "--rounds", "1", "--warmup", "0"),
            *("--connections", "1,2", "--client", "python", "--markdown", str(table)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for shape in ("tree", "people", "rename"):
        assert f"check {shape}: the same rows from 2 targets" in done.stdout
    written = table.read_text(encoding="utf-8")
    assert "| connections | shape | grassroots | floor |" in written
    assert "| 2 | rename a community, nested result |" in written
    assert "grassroots / floor" in written
    assert "requests failed" not in written
