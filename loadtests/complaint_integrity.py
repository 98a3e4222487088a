"""The integrity check's part for property complaints (物业投诉, "2310"): read after the
load from the database, it checks that

- every complaint step a Locust user saw succeed (the journal) left its event by that
  user: filed, acknowledged, handled, paused, resumed, resolved, confirmed, escalated;
- no complaint has two closing events: a RESOLVE never follows another without a REOPEN
  between them, a CONFIRM comes once and only after a RESOLVE;
- each complaint's row is where its events lead: status, company, due time, escalation,
  and the times stamped by the acknowledgement, the pause and the resolution;
- the SLA figures agree with the events: the breached flag the API gives a complaint
  (resolvers/complaints/sla.py) is the one its events give, and the API's on-time and late
  counts per company and quarter (the query behind `complaintOnTimeRates`) equal the
  tally of the events.

The figures are judged as they stand at the moment of the check (wall clock: the load
test runs on it), the same moment for the API's functions and for the events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.models import (
    ComplaintAction,
    ComplaintEvent,
    ComplaintLevel,
    ComplaintStatus,
    EscalationLevel,
    PropertyComplaint,
)
from loadtests.journal import Entry
from resolvers.complaints import sla
from resolvers.complaints.queries import RateGroup, on_time_rows, quarter_bounds
from simulation.district_time import DISTRICT_TZ
from simulation.ids import key_of

A, S = ComplaintAction, ComplaintStatus
CLOSED = frozenset({S.RESOLVED, S.CONFIRMED})

# The journal's complaint operations and the event each must have left.
ENTRY_ACTIONS = {
    "fileComplaint": A.FILE,
    "acknowledgeComplaint": A.ACKNOWLEDGE,
    "recordComplaintHandling": A.HANDLE,
    "pauseComplaint": A.PAUSE,
    "resumeComplaint": A.RESUME,
    "resolveComplaint": A.RESOLVE,
    "confirmComplaint": A.CONFIRM,
    "escalateOverdueComplaints": A.ESCALATE,
}


@dataclass(frozen=True)
class Complaint:
    id: int
    status: ComplaintStatus
    level: ComplaintLevel
    property_company_id: int
    complainant_person_id: int | None
    filed_at: datetime
    due_at: datetime
    paused_at: datetime | None
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    escalation: EscalationLevel


@dataclass(frozen=True)
class Step:
    id: int
    complaint_id: int
    action: ComplaintAction
    to_status: ComplaintStatus
    at: datetime
    user_id: int | None
    property_company_id: int
    due_at: datetime
    escalation: EscalationLevel


@dataclass
class ComplaintSnapshot:
    now: datetime
    complaints: dict[int, Complaint]
    steps: dict[int, list[Step]]  # per complaint, in the order they happened
    # The API's figures: (year, quarter, company) → (on time, late).
    api_on_time: dict[tuple[int, int, int], tuple[int, int]] = field(default_factory=dict)


def _quarter(moment: datetime) -> tuple[int, int]:
    local = moment.astimezone(DISTRICT_TZ)
    return local.year, (local.month - 1) // 3 + 1


async def snapshot(connection: AsyncConnection, now: datetime | None = None) -> ComplaintSnapshot:
    c = PropertyComplaint
    rows = await connection.execute(
        select(c.id, c.status, c.level, c.property_company_id, c.complainant_person_id)
        .add_columns(c.filed_at, c.due_at, c.paused_at, c.acknowledged_at, c.resolved_at)
        .add_columns(c.escalation)
    )
    complaints = {row[0]: Complaint(*row) for row in rows}
    e = ComplaintEvent
    steps: dict[int, list[Step]] = defaultdict(list)
    for row in await connection.execute(
        select(e.id, e.complaint_id, e.action, e.to_status, e.at, e.actor_user_id)
        .add_columns(e.property_company_id, e.due_at, e.escalation)
        .order_by(e.complaint_id, e.at, e.id)
    ):
        steps[row[1]].append(Step(*row))
    found = ComplaintSnapshot(now or datetime.now(UTC), complaints, dict(steps))
    quarters = sorted({_quarter(complaint.filed_at) for complaint in complaints.values()})
    session = AsyncSession(bind=connection)
    try:
        for year, quarter in quarters:
            start, end = quarter_bounds(year, quarter)
            for figure in await on_time_rows(
                session, RateGroup.COMPANY, now=found.now, filed_from=start, filed_before=end
            ):
                found.api_on_time[(year, quarter, figure.key)] = (figure.on_time, figure.late)
    finally:
        await session.close()
    return found


# --- the journal -------------------------------------------------------------------------


def found(entry: Entry, complaints: ComplaintSnapshot, user: int | None) -> str | None:
    """Why the complaint step `entry` is not in the database, or None when it is."""
    key = key_of(str(entry.fields["complaint"]))
    complaint = complaints.complaints.get(key)
    if complaint is None:
        return "the complaint does not exist"
    action = ENTRY_ACTIONS[entry.op]
    if not any(s.action is action and s.user_id == user for s in complaints.steps.get(key, [])):
        return f"no {action.value} event by {entry.fields.get('user')}"
    person = entry.fields.get("person")
    if action is A.FILE and person and complaint.complainant_person_id != key_of(str(person)):
        return "the complaint is someone else's"
    return None


# --- invariants ----------------------------------------------------------------------------


@dataclass
class _Replay:
    """A complaint as its events tell it."""

    status: ComplaintStatus | None = None
    company: int | None = None
    due_at: datetime | None = None
    escalation: EscalationLevel = EscalationLevel.NONE
    acknowledged_at: datetime | None = None
    paused_at: datetime | None = None
    resolved_at: datetime | None = None
    confirmed: bool = False


def _replay(complaint: Complaint, steps: list[Step], problem: Callable[[str], None]) -> _Replay:
    told = _Replay()
    if not steps or steps[0].action is not A.FILE:
        problem(f"complaint {complaint.id} does not begin with FILE")
    for step in steps:
        if step.action is A.RESOLVE:
            if told.resolved_at is not None:
                problem(f"complaint {complaint.id} has two closing events: RESOLVE after RESOLVE")
            told.resolved_at = step.at
        elif step.action is A.CONFIRM:
            if told.confirmed or told.resolved_at is None:
                problem(f"complaint {complaint.id} has a CONFIRM without a RESOLVE of its own")
            told.confirmed = True
        elif step.action is A.REOPEN:
            told.resolved_at = None
        elif step.action is A.ACKNOWLEDGE:
            told.acknowledged_at = step.at
        elif step.action is A.PAUSE:
            told.paused_at = step.at
        elif step.action in (A.RESUME, A.REASSIGN):
            told.paused_at = None
        told.status, told.company = step.to_status, step.property_company_id
        told.due_at, told.escalation = step.due_at, step.escalation
    return told


def _breached(told: _Replay, now: datetime) -> bool:
    """Breach as the events give it (the rule of sla.breached, fed from the events)."""
    assert told.due_at is not None
    if told.status in CLOSED and told.resolved_at is not None:
        return told.resolved_at > told.due_at
    if told.paused_at is not None:
        return told.paused_at > told.due_at
    return now > told.due_at


def _row_model(complaint: Complaint) -> PropertyComplaint:
    """The row as the API's own rule (sla.breached) takes it."""
    return PropertyComplaint(
        status=complaint.status,
        due_at=complaint.due_at,
        paused_at=complaint.paused_at,
        resolved_at=complaint.resolved_at,
    )


def check(complaints: ComplaintSnapshot, problem: Callable[[str], None]) -> dict[str, object]:
    """Check every complaint against its events and the API's figures; the totals."""
    by_status: Counter[str] = Counter()
    by_last_event: Counter[str] = Counter()
    tally: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0, 0])
    breached = 0
    for complaint in complaints.complaints.values():
        by_status[complaint.status.value] += 1
        steps = complaints.steps.get(complaint.id, [])
        told = _replay(complaint, steps, problem)
        if told.status is None:
            continue
        by_last_event[told.status.value] += 1
        row = (
            complaint.status,
            complaint.property_company_id,
            complaint.due_at,
            complaint.escalation,
            complaint.acknowledged_at,
            complaint.paused_at,
            complaint.resolved_at if complaint.status in CLOSED else None,
        )
        events = (
            told.status,
            told.company,
            told.due_at,
            told.escalation,
            told.acknowledged_at,
            told.paused_at,
            told.resolved_at if told.status in CLOSED else None,
        )
        if row != events:
            problem(f"complaint {complaint.id} is {row}, its events say {events}")
            continue
        late = _breached(told, complaints.now)
        if late != sla.breached(_row_model(complaint), complaints.now):
            problem(f"complaint {complaint.id}: the API's breached flag is not its events'")
        breached += late
        figures = tally[(*_quarter(complaint.filed_at), complaint.property_company_id)]
        if late:
            figures[1] += 1
        elif told.status in CLOSED:
            figures[0] += 1
    for key in sorted(set(tally) | set(complaints.api_on_time)):
        mine = tuple(tally.get(key, [0, 0]))
        api = complaints.api_on_time.get(key, (0, 0))
        if mine != api:
            year, quarter, company = key
            problem(
                f"company {company} in {year} Q{quarter}: on time / late {api[0]} / {api[1]}"
                f" by the API, {mine[0]} / {mine[1]} by the events"
            )
    return {
        "complaints": len(complaints.complaints),
        "complaint_events": sum(len(steps) for steps in complaints.steps.values()),
        "complaints_by_status": dict(sorted(by_status.items())),
        "complaints_by_last_event": dict(sorted(by_last_event.items())),
        "complaints_breached": breached,
        "complaints_on_time": sum(on_time for on_time, _ in tally.values()),
    }
