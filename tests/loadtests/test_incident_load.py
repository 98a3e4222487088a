"""A short real run of `grassroots loadtest` with the grid incident chain's roles (grid
leaders, the community's desk, departments; tests/support/load_run.py): every incident
mutation of the load mix succeeds at least once, nothing fails, and the audit finds each step
and checks every incident's history; and the audit, on the generated district, finds a
step that is not there and a broken history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from db.models import Incident, IncidentAction, IncidentEvent, IncidentStatus, ResponseTier
from loadtests.incident_integrity import STEPS
from loadtests.integrity import audit
from loadtests.journal import OK, Entry
from loadtests.operations import incidents
from resolvers.global_ids import encode
from tests.support.database import Database

# A server and Locust: the serial group (see conftest), so the run happens once.
pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]
MUTATIONS = {op.name for op in incidents.OPERATIONS if op.payload is not None}


@pytest.fixture
def report(desk_load_report: dict[str, Any]) -> dict[str, Any]:
    return desk_load_report


def test_the_load_mix_sends_every_incident_mutation() -> None:
    assert set(STEPS) == MUTATIONS  # the audit knows every step the users send


def test_every_incident_step_succeeded_without_a_fault(report: dict[str, Any]) -> None:
    checked = report["integrity"]["checked"]
    missing = {name for name in MUTATIONS if not checked.get(name)}
    assert not missing, checked
    assert report["whole_run"]["failures"] == 0, report["failures"]
    assert report["verdict"]["passed"], report["verdict"]


def test_the_audit_checked_the_incidents(report: dict[str, Any]) -> None:
    integrity = report["integrity"]
    assert integrity["passed"], integrity
    assert integrity["lost_count"] == 0 and integrity["problem_count"] == 0
    # The seeded year's incidents and the run's: every history was checked.
    assert integrity["totals"]["incidents"] > integrity["checked"]["reportIncident"]


# --- the incident audit on both backends ----------------------------------------------------


async def test_the_incident_audit_finds_broken_histories(seeded: Database) -> None:
    assert (await audit(seeded.engine, [])).passed
    async with seeded.engine.begin() as connection:
        resolved, other = (
            await connection.scalars(
                select(Incident.id)
                .where(Incident.status == IncidentStatus.RESOLVED)
                .order_by(Incident.id)
                .limit(2)
            )
        ).all()
        # One incident moved without an event; another reported twice.
        await connection.execute(
            update(Incident)
            .where(Incident.id == resolved)
            .values(status=IncidentStatus.IN_DISPOSAL)
        )
        await connection.execute(
            insert(IncidentEvent).values(
                incident_id=other,
                action=IncidentAction.REPORT,
                from_status=IncidentStatus.RESOLVED,
                to_status=IncidentStatus.REPORTED,
                tier=ResponseTier.COMMUNITY,
            )
        )
    phantom = encode("Incident", 2_000_000)
    report = await audit(
        seeded.engine,
        [
            Entry("verifyIncident", OK, {"incident": phantom, "user": "nobody"}),
            Entry("callIncident", OK, {"incident": encode("Incident", other), "user": "nobody"}),
        ],
    )
    assert not report.passed
    assert report.lost_count == 2
    lost = "\n".join(report.lost)
    assert "the incident does not exist" in lost and "no CALL event by nobody" in lost
    problems = "\n".join(report.problems)
    assert f"incident {resolved} is IN_DISPOSAL, its history ends at RESOLVED" in problems
    assert f"incident {resolved} is IN_DISPOSAL but its closing time disagrees" in problems
    assert f"incident {other} is not reported exactly once, first" in problems
