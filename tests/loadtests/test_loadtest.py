"""The load test: its GraphQL documents, the verdict and saturation figures on known
numbers, a short real run of `grassroots loadtest` (SQLite, a tiny district) with its
report, and the integrity check passing on real data and failing on corrupted data."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, build_schema, parse, validate
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import HoursEntry, OrderAction, OrderEvent, OrderStatus, ServiceOrder
from db.session import create_engine
from loadtests import operations, stats
from loadtests.capacity import Thresholds, highest_within, judge, saturation
from loadtests.integrity import audit
from loadtests.journal import OK, Entry, read
from resolvers.global_ids import encode
from tests.support.database import Database
from tooling.process import sqlite_url

# The real run starts a server and Locust: it goes to the serial group (see conftest), and
# so its module fixture runs once, on one worker.
pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]
LIMITS = Thresholds(p95_ms=500, max_error_rate=0.01)


# --- the documents ------------------------------------------------------------------------


def test_every_document_is_valid_and_named_after_its_operation() -> None:
    sdl = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    for operation in operations.ALL:
        document = parse(operation.document)
        assert validate(sdl, document) == [], operation.name
        (definition,) = document.definitions
        assert isinstance(definition, OperationDefinitionNode)
        assert definition.name is not None and definition.name.value == operation.name
        if operation.payload is not None:
            assert operation.payload in operation.document


# --- figures --------------------------------------------------------------------------------


def step(users: int, rps: float, p95: float | None = 100.0, failures: int = 0) -> stats.Step:
    return stats.Step(users, 0.0, 30.0, 59.0, rps, 20.0, p95, 2 * (p95 or 0), 1000, failures)


def test_verdict_passes_within_the_thresholds_only() -> None:
    assert judge(480, 0.004, True, LIMITS).passed
    assert judge(500, 0.01, True, LIMITS).exit_code == 0  # the thresholds themselves pass
    slow = judge(650, 0.0, True, LIMITS)
    assert (slow.passed, slow.exit_code) == (False, 1)
    assert slow.reasons == ["p95 650 ms is over 500 ms"]
    failing = judge(100, 0.02, True, LIMITS)
    assert failing.reasons == ["error rate 2.00% is over 1.00%"]
    broken = judge(100, 0.0, False, LIMITS)
    assert broken.reasons == ["the integrity check found problems"]
    assert judge(None, 0.0, True, LIMITS).exit_code == 1  # nothing measured
    assert len(judge(900, 0.5, False, LIMITS).reasons) == 3


def test_saturation_is_where_throughput_stops_growing() -> None:
    # Throughput follows the users up to 60 users, then barely moves.
    series = [step(20, 40), step(40, 79), step(60, 115), step(80, 121), step(100, 118)]
    found = saturation(series, LIMITS)
    assert found.step == 3
    assert "80 users" in found.reason
    assert highest_within(series, LIMITS) == series[3]  # still within the thresholds


def test_saturation_is_where_a_threshold_is_crossed() -> None:
    series = [step(20, 40), step(40, 80), step(60, 119, p95=700), step(80, 150)]
    assert saturation(series, LIMITS).step == 2
    assert highest_within(series, LIMITS) == series[3]
    errors = [step(20, 40), step(40, 80, failures=50)]  # 5 % of 1,000 requests
    assert saturation(errors, LIMITS).step == 1
    assert highest_within(errors, LIMITS) == errors[0]


def test_growing_throughput_is_not_saturated() -> None:
    series = [step(10, 20), step(20, 39), step(30, 60)]
    assert saturation(series, LIMITS).step is None
    assert highest_within([step(10, 20, p95=900)], LIMITS) is None


def test_steps_are_cut_from_the_history_after_they_settle() -> None:
    def sample(second: int, users: int, rps: float, p95: float, requests: int) -> stats.Sample:
        return stats.Sample(1000.0 + second, users, rps, 10, p95, 2 * p95, requests, 0)

    ramp = [sample(s, s * 4, 1, 900, s) for s in range(1, 3)]  # 4, 8 users: too short
    # Users still logging in for the first ten seconds of the first step.
    first = [
        sample(s, 10, 20, 100, 20 * s) if s >= 13 else sample(s, 10, 5, 3000, 20 * s)
        for s in range(3, 43)
    ]
    second = [sample(s, 20, 40, 150, 40 * s) for s in range(43, 83)]
    found = stats.steps([*ramp, *first, *second], settle_seconds=10)
    assert [s.users for s in found] == [10, 20]
    assert found[0].rps == 20 and found[0].p95_ms == 100  # the unsettled start is left out
    assert found[1].requests == 40 * 82 - 40 * 52  # made after the second step settled


# --- a real run -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    output: Path
    report: dict[str, Any]
    stdout: str


@pytest.fixture(scope="module")
def load_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`grassroots loadtest` with a few users for ten seconds on a tiny district."""
    output = tmp_path_factory.mktemp("loadtest")
    command = [
        *(sys.executable, "-m", "cli", "loadtest", "--users", "6", "--duration", "10s"),
        *("--scale", "0.05", "--spawn-rate", "6", "--output", str(output)),
        # Loose thresholds: this run is about the machinery, not this machine's speed.
        *("--p95-ms", "60000", "--max-error-rate", "0.5"),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert (output / "capacity.json").exists(), done.stdout + done.stderr
    report = json.loads((output / "capacity.json").read_text(encoding="utf-8"))
    return Run(done.returncode, output, report, done.stdout)


def test_the_run_writes_locust_files_and_a_capacity_report(load_run: Run) -> None:
    for name in ("locust_stats.csv", "locust_stats_history.csv", "locust_failures.csv"):
        assert (load_run.output / name).stat().st_size > 0, name
    assert "<html" in (load_run.output / "locust.html").read_text(encoding="utf-8")[:500]
    page = (load_run.output / "capacity.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 2  # timeline and CPU, embedded
    report = load_run.report
    assert set(report) >= {
        *("run", "thresholds", "load", "whole_run", "steps", "saturation", "operations"),
        *("highest_within_thresholds", "expected_outcomes", "cpu", "integrity", "verdict"),
        *("operations_at_load", "failures", "files"),
    }
    assert report["run"]["users"] == 6 and report["run"]["database"] == "sqlite"
    assert set(report["load"]) >= {"rps", "p50_ms", "p95_ms", "p99_ms", "error_rate"}
    assert report["whole_run"]["requests"] > 0
    names = {row["name"] for row in report["operations"]}
    assert "login" in names and names <= {op.name for op in operations.ALL}
    settled = {row["name"] for row in report["operations_at_load"]}
    assert settled <= names
    assert set(report["cpu"]) >= {"cores", "server", "load generator"}
    assert report["cpu"]["server"]["max_percent"] > 0
    # A constant load has no steps to compare: neither figure is claimed.
    assert report["saturation"]["measured"] is False
    assert report["highest_within_thresholds"] is None
    unmeasured = "not measured (constant load; use --step-load)"
    assert f"saturation point: {unmeasured}" in load_run.stdout
    assert f"highest load within the thresholds: {unmeasured}" in load_run.stdout
    assert f"Saturation point: <b>{unmeasured}</b>" in page


def test_the_exit_code_is_the_verdict_on_the_reported_figures(load_run: Run) -> None:
    report = load_run.report
    load, limits = report["load"], report["thresholds"]
    verdict = judge(
        load["p95_ms"],
        load["error_rate"],
        report["integrity"]["passed"],
        Thresholds(limits["p95_ms"], limits["max_error_rate"]),
    )
    assert report["verdict"]["passed"] == verdict.passed
    assert load_run.code == verdict.exit_code
    assert ("PASS" if verdict.passed else "FAIL") in load_run.stdout


def test_the_run_lost_nothing(load_run: Run) -> None:
    integrity = load_run.report["integrity"]
    assert integrity["passed"], integrity
    successes = [e for e in read(load_run.output / "journal") if e.outcome == OK]
    assert sum(integrity["checked"].values()) == len(successes)
    totals = integrity["totals"]
    assert totals["completed_order_minutes"] == totals["hours_ledger_minutes"]
    assert totals["orders_by_status"] == totals["orders_by_last_event"]
    assert totals["complaints_by_status"] == totals["complaints_by_last_event"]


@pytest.fixture
async def run_database(load_run: Run) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url(load_run.output / "loadtest.db"))
    yield engine
    await engine.dispose()


async def test_the_integrity_check_fails_on_the_corrupted_run(
    load_run: Run, run_database: AsyncEngine
) -> None:
    entries = read(load_run.output / "journal")
    assert (await audit(run_database, entries)).passed
    await corrupt(run_database)
    report = await audit(run_database, [*entries, *phantom_entries()])
    assert_reports_the_corruption(report.to_json())


# --- the integrity check on both backends ---------------------------------------------------


async def test_the_integrity_check_on_the_generated_district(seeded: Database) -> None:
    report = await audit(seeded.engine, [])
    assert report.passed, report.to_json()
    assert report.totals["orders"] > 0
    await corrupt(seeded.engine)
    assert_reports_the_corruption((await audit(seeded.engine, phantom_entries())).to_json())


def phantom_entries() -> list[Entry]:
    """Successes the database never saw: an order that does not exist."""
    missing = encode("ServiceOrder", 2_000_000)
    return [
        Entry("placeServiceOrder", OK, {"order": missing, "person": encode("Person", 1)}),
        Entry("claimServiceOrder", OK, {"order": missing, "volunteer": encode("Volunteer", 1)}),
    ]


async def corrupt(engine: AsyncEngine) -> None:
    """A second claimer on one order, a double booking, and an hours entry gone."""
    async with engine.begin() as connection:
        claimed = (
            await connection.execute(
                select(
                    ServiceOrder.id,
                    ServiceOrder.claimer_id,
                    ServiceOrder.scheduled_start,
                    ServiceOrder.scheduled_end,
                    ServiceOrder.claimed_at,
                )
                .where(ServiceOrder.status.in_([OrderStatus.COMPLETED, OrderStatus.RATED]))
                .order_by(ServiceOrder.id)
                .limit(3)
            )
        ).all()
        first, second, third = claimed
        other = third.claimer_id if third.claimer_id != first.claimer_id else second.claimer_id
        await connection.execute(
            insert(OrderEvent).values(
                order_id=first.id,
                action=OrderAction.CLAIM,
                from_status=OrderStatus.ACCEPTED,
                to_status=OrderStatus.CLAIMED,
                at=first.claimed_at + timedelta(seconds=1),
                volunteer_id=other,
            )
        )
        await connection.execute(
            update(ServiceOrder)
            .where(ServiceOrder.id == second.id)
            .values(
                claimer_id=first.claimer_id,
                scheduled_start=first.scheduled_start,
                scheduled_end=first.scheduled_end,
                claimed_at=first.claimed_at,
                status=OrderStatus.CLAIMED,
                completed_at=None,
            )
        )
        await connection.execute(delete(HoursEntry).where(HoursEntry.order_id == third.id))


def assert_reports_the_corruption(report: dict[str, Any]) -> None:
    assert not report["passed"]
    assert report["lost_count"] == 2
    problems = "\n".join(report["problems"])
    assert "has two claimers" in problems
    assert "is double-booked" in problems
    assert "has hours entries []" in problems
