"""The deliberation part of the load test: the audit passes on the generated district and
finds a journaled step that is not there and a broken history; and a short real run of
`grassroots loadtest` with the desks' roles (tests/support/load_run.py) in which the
secretaries' consultation and joint-meeting desks take every step without a fault and the
audit checks what they did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from db.models import Consultation, ConsultationStatus, JointMeetingProblem, JointProblemStatus
from loadtests.deliberation_integrity import STEPS
from loadtests.integrity import audit
from loadtests.journal import OK, Entry
from loadtests.operations import deliberation
from resolvers.global_ids import encode
from tests.support.database import Database

ROOT = Path(__file__).resolve().parents[2]
MUTATIONS = {op.name for op in deliberation.OPERATIONS if op.payload is not None}


def test_the_audit_knows_every_step_the_desks_journal() -> None:
    # Convening is not journaled: a second desk's ALREADY_RECORDED is the same meeting.
    assert {"conveneJointMeeting"} == MUTATIONS - STEPS


async def test_the_deliberation_audit_finds_broken_histories(seeded: Database) -> None:
    assert (await audit(seeded.engine, [])).passed
    async with seeded.engine.begin() as connection:
        resolved = await connection.scalar(
            select(Consultation.id)
            .where(Consultation.status == ConsultationStatus.RESOLVED)
            .order_by(Consultation.id)
        )
        solved = await connection.scalar(
            select(JointMeetingProblem.id)
            .where(JointMeetingProblem.status == JointProblemStatus.SOLVED)
            .order_by(JointMeetingProblem.id)
        )
        raised = await connection.scalar(
            select(JointMeetingProblem.id)
            .where(JointMeetingProblem.status == JointProblemStatus.RAISED)
            .order_by(JointMeetingProblem.id)
        )
        assert resolved is not None and solved is not None and raised is not None
        # Moved without an event each.
        await connection.execute(
            update(Consultation)
            .where(Consultation.id == resolved)
            .values(status=ConsultationStatus.FOLLOWING_UP)
        )
        await connection.execute(
            update(JointMeetingProblem)
            .where(JointMeetingProblem.id == solved)
            .values(status=JointProblemStatus.PASSED)
        )
    report = await audit(
        seeded.engine,
        [
            Entry(
                "scheduleConsultation",
                OK,
                {"consultation": encode("Consultation", 2_000_000), "user": "nobody"},
            ),
            Entry(
                "decideJointMeetingProblem",
                OK,
                {"problem": encode("JointMeetingProblem", raised), "user": "nobody"},
            ),
        ],
    )
    assert not report.passed
    lost = "\n".join(report.lost)
    assert "the consultation does not exist" in lost and "no DECIDE event by nobody" in lost
    problems = "\n".join(report.problems)
    assert f"consultation {resolved} is FOLLOWING_UP, its history ends at RESOLVED" in problems
    assert f"problem {solved} is PASSED, its history ends at SOLVED" in problems
    assert f"problem {solved} is PASSED, yet continued elsewhere: False" in problems


@pytest.fixture
def report(desk_load_report: dict[str, Any]) -> dict[str, Any]:
    return desk_load_report


@pytest.mark.xdist_group("serial")
def test_the_desks_step_without_a_fault(report: dict[str, Any]) -> None:
    checked = report["integrity"]["checked"]
    # The desks' roles alone (tests/support/load_run.py): every journaled step is reached.
    missing = {name for name in STEPS if not checked.get(name)}
    assert not missing, checked
    assert report["integrity"]["totals"]["consultations"] > 0
    assert report["whole_run"]["failures"] == 0, report["failures"]
    assert report["integrity"]["passed"], report["integrity"]
