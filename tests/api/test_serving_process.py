"""What the entry point uvicorn imports leaves behind in a worker process: the app, and
the garbage collector settled for serving (server/collector.py). Run in a process of its
own, as a worker is, so that this test process keeps CPython's defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from server.collector import SERVING_THRESHOLDS

PROBE = """
import gc, json
import server.asgi
print(json.dumps({"frozen": gc.get_freeze_count(), "thresholds": gc.get_threshold(),
                  "app": type(server.asgi.app).__name__}))
"""


def test_a_worker_freezes_what_the_app_built_and_collects_less_often(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/probe.db"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
        check=True,
    )
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    assert found["app"] == "Starlette"
    assert tuple(found["thresholds"]) == SERVING_THRESHOLDS
    # The modules, the schema and SQLAlchemy's metadata: far more than a request makes.
    assert found["frozen"] > 100_000
