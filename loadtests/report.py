"""The capacity report: one JSON document (capacity.json) that the HTML page, the terminal
verdict and anyone comparing runs read. Built from Locust's CSV files, the CPU samples,
the journal's expected outcomes and the integrity check."""

from __future__ import annotations

import csv
import json
import os
import platform
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from loadtests import capacity, journal, stats
from loadtests.capacity import Thresholds
from loadtests.integrity import IntegrityReport
from loadtests.sampler import CpuSeries

STATS_PREFIX = "locust"


def locust_files(output: Path) -> dict[str, Path]:
    return {
        "stats_csv": output / f"{STATS_PREFIX}_stats.csv",
        "history_csv": output / f"{STATS_PREFIX}_stats_history.csv",
        "failures_csv": output / f"{STATS_PREFIX}_failures.csv",
        "exceptions_csv": output / f"{STATS_PREFIX}_exceptions.csv",
        "locust_html": output / "locust.html",
    }


def report_files(output: Path) -> dict[str, Path]:
    return {
        **locust_files(output),
        "report_json": output / "capacity.json",
        "report_html": output / "capacity.html",
        "cast": output / "cast.json",
        "journal": output / "journal",
        "server_log": output / "server.log",
        "locust_log": output / "locust.log",
    }


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def step_json(step: stats.Step) -> dict[str, Any]:
    return {
        "users": step.users,
        "seconds": round(step.seconds),
        "rps": round(step.rps, 2),
        "p50_ms": _rounded(step.p50_ms),
        "p95_ms": _rounded(step.p95_ms),
        "p99_ms": _rounded(step.p99_ms),
        "requests": step.requests,
        "failures": step.failures,
        "error_rate": round(step.error_rate, 5),
    }


def findings(steps: list[stats.Step], thresholds: Thresholds, *, step_load: bool) -> dict[str, Any]:
    """The saturation point and the highest load within the thresholds, each with what
    the run could not measure: both compare steps of growing load."""
    unmeasured = capacity.unmeasured(steps, step_load=step_load)
    saturation = capacity.saturation(steps, thresholds, step_load=step_load)
    best = None if unmeasured else capacity.highest_within(steps, thresholds)
    saturated = steps[saturation.step] if saturation.step is not None else None
    return {
        "saturation": {
            "step": saturation.step,
            "users": saturated.users if saturated else None,
            "rps": round(saturated.rps, 2) if saturated else None,
            "reason": saturation.reason,
            "measured": saturation.measured,
        },
        "highest_within_thresholds": step_json(best) if best else None,
        "highest_within_thresholds_note": (
            f"not measured ({unmeasured})"
            if unmeasured
            else capacity.highest_within_note(steps, best)
        ),
    }


def _operations_at(step: stats.Step, histories: dict[str, list[stats.Sample]]) -> list[Any]:
    """Each operation over the settled part of `step`."""
    rows = []
    for name, samples in sorted(histories.items()):
        if name == stats.AGGREGATED:
            continue
        figures = stats.measure(samples, step.users, step.start, step.settled_at, step.end)
        if figures.requests:
            row = step_json(figures)
            del row["users"], row["seconds"]
            rows.append({"name": name, **row})
    return rows


def _failures(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        rows = [
            {"name": r["Name"], "error": r["Error"], "occurrences": int(r["Occurrences"])}
            for r in csv.DictReader(file)
        ]
    return sorted(rows, key=lambda row: -int(row["occurrences"]))[:20]


def build(
    *,
    run: dict[str, Any],
    output: Path,
    thresholds: Thresholds,
    cpu: dict[str, CpuSeries],
    integrity: IntegrityReport,
) -> dict[str, Any]:
    files = report_files(output)
    histories = stats.read_histories(files["history_csv"])
    steps = stats.steps(histories.get(stats.AGGREGATED, []))
    operations, total = stats.read_operations(files["stats_csv"])
    whole = {
        "requests": total.requests if total else 0,
        "failures": total.failures if total else 0,
        "rps": round(total.rps, 2) if total else 0.0,
        "p50_ms": total.p50_ms if total else None,
        "p95_ms": total.p95_ms if total else None,
        "p99_ms": total.p99_ms if total else None,
        "error_rate": round(total.failures / total.requests, 5) if total and total.requests else 0,
    }
    # The load judged is the last step: the run's full number of users, once settled
    # (Locust's whole run when no step settled).
    load: dict[str, Any] = {"users": run["users"], **whole, "settled": False}
    if steps:
        load = {**step_json(steps[-1]), "settled": True}
    verdict = capacity.judge(load["p95_ms"], load["error_rate"], integrity.passed, thresholds)
    return {
        "run": run,
        "thresholds": asdict(thresholds),
        "load": load,
        "whole_run": whole,
        "steps": [step_json(step) for step in steps],
        **findings(steps, thresholds, step_load=run["step_load"]),
        "operations": [asdict(row) for row in operations],
        "operations_at_load": _operations_at(steps[-1], histories) if steps else [],
        "failures": _failures(files["failures_csv"]),
        "expected_outcomes": {
            op: {code: n for code, n in counts.items() if code != journal.OK}
            for op, counts in journal.outcomes(journal.read(files["journal"])).items()
            if set(counts) - {journal.OK}
        },
        "cpu": {
            "cores": os.cpu_count() or 1,
            **{name: series.summary() for name, series in cpu.items()},
        },
        "integrity": integrity.to_json(),
        "verdict": {**asdict(verdict), "exit_code": verdict.exit_code},
        "files": {name: path.name for name, path in files.items()},
    }


def run_description(**options: Any) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        **options,
    }


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
