"""The `grassroots` command line run as an operator runs it: a child process in the
repository's root, on the database at `url`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRASSROOTS = str(Path(sys.executable).with_name("grassroots"))


def run(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"GRASSROOTS_DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run(
        [GRASSROOTS, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
