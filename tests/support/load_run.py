"""A short real run of `grassroots loadtest` with the community desks' roles alone: grid
leaders, community secretaries and departments (`--roles`). Their desks hold the grid
incident chain, the consultations and the joint meeting, so one run of two minutes
reaches each of their steps; among all thirteen roles a run this short holds one or two
of them, and whether their draw reaches the rarer steps (the incident's callback, a
problem decided) is chance."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DESK_ROLES = "grid_leader,secretary,department"


def desk_load_run(output: Path) -> dict[str, Any]:
    """25 users for two minutes on a tiny district: some 7 grid leaders, 12 community
    desks and 5 departments. The logins take the first 20 s or so on a busy machine, a
    whole incident chain about a minute. Returns the capacity report."""
    command = [
        *(sys.executable, "-m", "cli", "loadtest", "--users", "25", "--duration", "120s"),
        *("--scale", "0.05", "--spawn-rate", "10", "--output", str(output)),
        *("--roles", DESK_ROLES),
        # Loose latency: this run is about the chains, not this machine's speed.
        *("--p95-ms", "60000", "--max-error-rate", "0"),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert (output / "capacity.json").exists(), done.stdout + done.stderr
    found: dict[str, Any] = json.loads((output / "capacity.json").read_text(encoding="utf-8"))
    return found
