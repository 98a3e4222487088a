"""Locust's CSV files read back: the per-second history (`_stats_history.csv`, written with
--csv-full-history so that its percentiles are those of the last ten seconds rather than of
the whole run) cut into steps of constant load, and the per-operation totals
(`_stats.csv`)."""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass
from pathlib import Path

AGGREGATED = "Aggregated"
# Skipped at the start of every step: users that just arrived are still logging in
# (Argon2 is slow on purpose) and Locust's percentiles look ten seconds back.
SETTLE_SECONDS = 30.0
# A run of rows with one user count shorter than this is ramp-up, not a step.
MIN_STEP_SECONDS = 5.0


@dataclass(frozen=True)
class Sample:
    """One second of the aggregated history."""

    at: float  # Unix time
    users: int
    rps: float
    p50: float | None
    p95: float | None
    p99: float | None
    requests: int  # since the start
    failures: int


@dataclass(frozen=True)
class Step:
    """A stretch of constant user count, measured over its settled part."""

    users: int
    start: float
    settled_at: float
    end: float
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    requests: int
    failures: int

    @property
    def seconds(self) -> float:
        return self.end - self.start + 1

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


@dataclass(frozen=True)
class OperationRow:
    name: str
    requests: int
    failures: int
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None


def _number(text: str) -> float | None:
    return None if text in ("", "N/A") else float(text)


def read_histories(path: Path) -> dict[str, list[Sample]]:
    """Each operation's history, and the aggregate's under AGGREGATED."""
    histories: dict[str, list[Sample]] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            histories.setdefault(row["Name"], []).append(
                Sample(
                    at=float(row["Timestamp"]),
                    users=int(row["User Count"]),
                    rps=float(row["Requests/s"]),
                    p50=_number(row["50%"]),
                    p95=_number(row["95%"]),
                    p99=_number(row["99%"]),
                    requests=int(row["Total Request Count"]),
                    failures=int(row["Total Failure Count"]),
                )
            )
    return histories


def read_history(path: Path) -> list[Sample]:
    return read_histories(path).get(AGGREGATED, [])


def read_operations(path: Path) -> tuple[list[OperationRow], OperationRow | None]:
    """Per operation over the whole run, and the aggregate row."""
    rows: list[OperationRow] = []
    total = None
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            operation = OperationRow(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                rps=float(row["Requests/s"]),
                p50_ms=_number(row["50%"]),
                p95_ms=_number(row["95%"]),
                p99_ms=_number(row["99%"]),
                max_ms=_number(row["Max Response Time"]),
            )
            if row["Name"] == AGGREGATED:
                total = operation
            else:
                rows.append(operation)
    return rows, total


def _median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def measure(samples: list[Sample], users: int, start: float, settled_at: float, end: float) -> Step:
    """A step's figures from the samples between `settled_at` and `end` (the aggregate's,
    or one operation's over the same seconds): throughput is the mean of the per-second
    rates, each percentile the median of the ten-second percentiles, the error rate that
    of the requests made meanwhile."""
    steady = [s for s in samples if settled_at <= s.at <= end]
    before = [s for s in samples if s.at < settled_at]
    made = [s.requests for s in steady[-1:]] or [0]
    failed = [s.failures for s in steady[-1:]] or [0]
    return Step(
        users=users,
        start=start,
        settled_at=settled_at,
        end=end,
        rps=statistics.fmean(s.rps for s in steady) if steady else 0.0,
        p50_ms=_median([s.p50 for s in steady]),
        p95_ms=_median([s.p95 for s in steady]),
        p99_ms=_median([s.p99 for s in steady]),
        requests=made[0] - (before[-1].requests if before else 0),
        failures=failed[0] - (before[-1].failures if before else 0),
    )


def steps(samples: list[Sample], settle_seconds: float = SETTLE_SECONDS) -> list[Step]:
    """The stretches of constant (non-zero) user count, each measured after it settled."""
    runs: list[list[int]] = []
    for index, sample in enumerate(samples):
        if runs and samples[runs[-1][0]].users == sample.users:
            runs[-1].append(index)
        else:
            runs.append([index])
    found: list[Step] = []
    for run in runs:
        first, last = samples[run[0]], samples[run[-1]]
        seconds = last.at - first.at + 1
        if first.users == 0 or seconds < MIN_STEP_SECONDS:
            continue
        settled_at = min(first.at + min(settle_seconds, seconds / 2), last.at)
        found.append(measure(samples, first.users, first.at, settled_at, last.at))
    return found
