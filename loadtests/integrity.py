"""The runner's audit after the load: it reads the database directly (it is not a user) and
checks that

- every mutation a Locust user saw succeed (the journal) is in the database: placed orders
  exist, each step left its event by that user, claims name that volunteer, completions
  have their hours, ratings their value, progress reports their note;
- no order has two claimers: along each order's events a CLAIM never follows another
  without a REASSIGN between them, and the last claim names the order's claimer;
- no volunteer is double-booked: two orders of one claimer whose service times overlap
  were never held at the same time (held = from the claim until completion or
  cancellation, or still), which is the rule the claim enforces;
- grid incidents (loadtests/incident_integrity.py): every acknowledged step is there by
  its user, and every incident's history is one chain ending at its status;
- the totals balance: the minutes of completed orders equal the hours ledger, entry by
  entry and in sum; every order's status is where its events lead, so the orders counted
  by status equal the event history counted by last step;
- property complaints keep their steps, close once and their SLA figures agree with their
  events (loadtests/complaint_integrity.py);
- study sessions recorded under load are there by their user with their problems, and
  every problem's status is where its events lead (loadtests/training_integrity.py).
- consultations and joint-meeting problems keep their steps and their histories end at
  their status (loadtests/deliberation_integrity.py).
- observers' visits are where they are assigned, review and award histories lead to their
  rows, and each breakthrough project from a shortfall points back to it
  (loadtests/assessment_integrity.py).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.models import HoursEntry, OrderAction, OrderEvent, OrderStatus, ServiceOrder, User
from db.models.projects import ProjectUpdate
from db.session import create_engine
from loadtests import (
    assessment_integrity,
    complaint_integrity,
    deliberation_integrity,
    station_integrity,
    training_integrity,
)
from loadtests.incident_integrity import STEPS as INCIDENT_STEPS
from loadtests.incident_integrity import (
    IncidentSnapshot,
    incident_found,
    incident_problems,
    incident_snapshot,
)
from loadtests.journal import OK, Entry, read
from simulation.ids import key_of

A, S = OrderAction, OrderStatus
DONE = frozenset({S.COMPLETED, S.RATED})
# Problems listed in full in the report; beyond this only counted.
LISTED = 50


@dataclass
class IntegrityReport:
    checked: dict[str, int] = field(default_factory=dict)  # journaled successes per operation
    lost: list[str] = field(default_factory=list)  # successes the database does not hold
    problems: list[str] = field(default_factory=list)  # broken invariants
    totals: dict[str, Any] = field(default_factory=dict)
    lost_count: int = 0
    problem_count: int = 0

    @property
    def passed(self) -> bool:
        return self.lost_count == 0 and self.problem_count == 0

    def lose(self, message: str) -> None:
        self.lost_count += 1
        if len(self.lost) < LISTED:
            self.lost.append(message)

    def problem(self, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < LISTED:
            self.problems.append(message)

    def to_json(self) -> dict[str, Any]:
        return {"passed": self.passed, **asdict(self)}


@dataclass(frozen=True)
class Order:
    id: int
    status: OrderStatus
    recipient_id: int
    claimer_id: int | None
    minutes: int | None
    rating: int | None
    start: datetime
    end: datetime
    claimed_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None


@dataclass(frozen=True)
class Event:
    id: int
    order_id: int
    action: OrderAction
    to_status: OrderStatus
    at: datetime
    user_id: int | None
    volunteer_id: int | None
    team_id: int | None


@dataclass
class Snapshot:
    orders: dict[int, Order]
    events: dict[int, list[Event]]  # per order, in the order they happened
    hours: dict[int, list[tuple[int, int]]]  # per order: (volunteer, minutes)
    users: dict[str, int]  # the journal's usernames
    updates: set[tuple[int, str, int | None]]  # (project, note, reporting user)
    complaints: complaint_integrity.ComplaintSnapshot
    training: training_integrity.TrainingSnapshot
    stations: station_integrity.StationSnapshot
    deliberation: deliberation_integrity.DeliberationSnapshot
    assessment: assessment_integrity.AssessmentSnapshot


async def _snapshot(connection: AsyncConnection, usernames: set[str]) -> Snapshot:
    o = ServiceOrder
    rows = await connection.execute(
        select(
            *(o.id, o.status, o.recipient_id, o.claimer_id, o.minutes, o.rating),
            *(o.scheduled_start, o.scheduled_end, o.claimed_at, o.completed_at, o.cancelled_at),
        )
    )
    orders = {row[0]: Order(*row) for row in rows}
    e = OrderEvent
    events: dict[int, list[Event]] = defaultdict(list)
    for row in await connection.execute(
        select(e.id, e.order_id, e.action, e.to_status, e.at)
        .add_columns(e.actor_user_id, e.volunteer_id, e.team_id)
        .order_by(e.order_id, e.at, e.id)
    ):
        events[row[1]].append(Event(*row))
    hours: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for order_id, volunteer, minutes in await connection.execute(
        select(HoursEntry.order_id, HoursEntry.volunteer_id, HoursEntry.minutes)
    ):
        hours[order_id].append((volunteer, minutes))
    users: dict[str, int] = {}
    if usernames:
        found = await connection.execute(
            select(User.username, User.id).where(User.username.in_(sorted(usernames)))
        )
        users = {name: user_id for name, user_id in found}
    u = ProjectUpdate
    updates = {
        (project, note, user)
        for project, note, user in await connection.execute(
            select(u.project_id, u.note, u.reported_by_user_id).where(u.note.like("负载测试%"))
        )
    }
    complaints = await complaint_integrity.snapshot(connection)
    training = await training_integrity.snapshot(connection)
    stations = await station_integrity.snapshot(connection)
    deliberation = await deliberation_integrity.snapshot(connection)
    assessment = await assessment_integrity.snapshot(connection)
    return Snapshot(
        orders,
        dict(events),
        dict(hours),
        users,
        updates,
        complaints,
        training,
        stations,
        deliberation,
        assessment,
    )


# --- the journal: what the users saw succeed ---------------------------------------------


def _event_by(
    snapshot: Snapshot, order: int, action: OrderAction, user: int | None
) -> Event | None:
    return next(
        (
            event
            for event in snapshot.events.get(order, [])
            if event.action is action and event.user_id == user
        ),
        None,
    )


def _found(entry: Entry, snapshot: Snapshot) -> str | None:
    """Why `entry` is not in the database, or None when it is."""
    fields = entry.fields
    user = snapshot.users.get(str(fields.get("user")))
    if entry.op in complaint_integrity.ENTRY_ACTIONS:
        return complaint_integrity.found(entry, snapshot.complaints, user)
    if entry.op in training_integrity.ENTRY_OPS:
        return training_integrity.found(entry, snapshot.training, user)
    if entry.op in station_integrity.ENTRY_ACTIONS:
        return station_integrity.found(entry, snapshot.stations, user)
    if entry.op in deliberation_integrity.STEPS:
        return deliberation_integrity.found(entry, snapshot.deliberation, user)
    if entry.op in assessment_integrity.ENTRY_ACTIONS:
        return assessment_integrity.found(entry, snapshot.assessment, user)
    if entry.op == "reportProjectProgress":
        update = (key_of(fields["project"]), fields["note"], user)
        return None if update in snapshot.updates else "no progress report with its note"
    order_key = key_of(fields["order"])
    order = snapshot.orders.get(order_key)
    if order is None:
        return "the order does not exist"
    action = ENTRY_ACTIONS.get(entry.op)
    if action is None:
        return f"no check is known for {entry.op}"
    event = _event_by(snapshot, order_key, action, user)
    if event is None:
        return f"no {action.value} event by {fields.get('user')}"
    return DETAIL_CHECKS.get(entry.op, _nothing_more)(fields, order, event, snapshot)


def _nothing_more(_f: dict[str, Any], _o: Order, _e: Event, _s: Snapshot) -> str | None:
    return None


def _placed(fields: dict[str, Any], order: Order, _e: Event, _s: Snapshot) -> str | None:
    if order.recipient_id != key_of(fields["person"]):
        return "the order is for someone else"
    return None


def _dispatched(fields: dict[str, Any], _o: Order, event: Event, _s: Snapshot) -> str | None:
    return None if event.team_id == key_of(fields["team"]) else "dispatched to another team"


def _claimed(fields: dict[str, Any], _o: Order, event: Event, _s: Snapshot) -> str | None:
    volunteer = key_of(fields["volunteer"])
    return None if event.volunteer_id == volunteer else "the claim names another volunteer"


def _completed(fields: dict[str, Any], order: Order, _e: Event, snapshot: Snapshot) -> str | None:
    entries = snapshot.hours.get(order.id, [])
    if not any(minutes == fields["minutes"] for _, minutes in entries):
        return f"no hours entry of {fields['minutes']} minutes"
    return None


def _rated(fields: dict[str, Any], order: Order, _e: Event, _s: Snapshot) -> str | None:
    return None if order.rating == fields["rating"] else f"the rating is {order.rating}"


ENTRY_ACTIONS = {
    "placeServiceOrder": A.PLACE,
    "dispatchServiceOrder": A.DISPATCH,
    "acceptServiceOrder": A.ACCEPT,
    "declineServiceOrder": A.DECLINE,
    "claimServiceOrder": A.CLAIM,
    "startService": A.START,
    "completeService": A.COMPLETE,
    "rateServiceOrder": A.RATE,
}
DetailCheck = Callable[[dict[str, Any], Order, Event, Snapshot], str | None]
DETAIL_CHECKS: dict[str, DetailCheck] = {
    "placeServiceOrder": _placed,
    "dispatchServiceOrder": _dispatched,
    "claimServiceOrder": _claimed,
    "completeService": _completed,
    "rateServiceOrder": _rated,
}


def check_journal(
    entries: Iterable[Entry],
    snapshot: Snapshot,
    report: IntegrityReport,
    incidents: IncidentSnapshot | None = None,
) -> None:
    checked: Counter[str] = Counter()
    for entry in entries:
        if entry.outcome != OK:
            continue
        checked[entry.op] += 1
        if entry.op in INCIDENT_STEPS:
            user = snapshot.users.get(str(entry.fields.get("user")))
            missing = incident_found(entry, incidents or IncidentSnapshot(), user)
        else:
            missing = _found(entry, snapshot)
        if missing is not None:
            report.lose(f"{entry.op} {entry.fields}: {missing}")
    report.checked = dict(sorted(checked.items()))


# --- invariants of the whole database ----------------------------------------------------


def check_histories(snapshot: Snapshot, report: IntegrityReport) -> None:
    """One claimer per order; each order's status is where its events lead."""
    by_status: Counter[str] = Counter()
    by_last_event: Counter[str] = Counter()
    for order in snapshot.orders.values():
        by_status[order.status.value] += 1
        events = snapshot.events.get(order.id, [])
        if not events or events[0].action is not A.PLACE:
            report.problem(f"order {order.id} does not begin with PLACE")
            continue
        holder: int | None = None
        for event in events:
            if event.action is A.CLAIM:
                if holder is not None:
                    report.problem(
                        f"order {order.id} has two claimers: {holder} and {event.volunteer_id}"
                    )
                holder = event.volunteer_id
            elif event.action is A.REASSIGN:
                holder = None
        if holder != order.claimer_id:
            report.problem(
                f"order {order.id}: claimer {order.claimer_id}, but its events say {holder}"
            )
        last = events[-1].to_status
        by_last_event[last.value] += 1
        if last is not order.status:
            report.problem(f"order {order.id} is {order.status.value}, its events end {last.value}")
    report.totals["orders_by_status"] = dict(sorted(by_status.items()))
    report.totals["orders_by_last_event"] = dict(sorted(by_last_event.items()))


def _held(order: Order) -> tuple[datetime, datetime | None] | None:
    """When the claimer held the order: from the claim to completion, cancellation or now."""
    if order.claimer_id is None or order.claimed_at is None:
        return None
    if order.status in DONE:
        return order.claimed_at, order.completed_at
    if order.status is S.CANCELLED:
        return order.claimed_at, order.cancelled_at
    return order.claimed_at, None


def _overlap(a: tuple[datetime, datetime | None], b: tuple[datetime, datetime | None]) -> bool:
    a_end_after_b = a[1] is None or a[1] > b[0]
    b_end_after_a = b[1] is None or b[1] > a[0]
    return a_end_after_b and b_end_after_a


def check_bookings(snapshot: Snapshot, report: IntegrityReport) -> None:
    per_claimer: dict[int, list[Order]] = defaultdict(list)
    for order in snapshot.orders.values():
        if order.claimer_id is not None:
            per_claimer[order.claimer_id].append(order)
    for claimer, orders in per_claimer.items():
        orders.sort(key=lambda order: order.start)
        for index, first in enumerate(orders):
            for second in orders[index + 1 :]:
                if second.start >= first.end:
                    break  # sorted by start: no later order overlaps `first`
                held_first, held_second = _held(first), _held(second)
                if held_first and held_second and _overlap(held_first, held_second):
                    report.problem(
                        f"volunteer {claimer} is double-booked: orders {first.id} and"
                        f" {second.id} overlap and were held at the same time"
                    )


def check_hours(snapshot: Snapshot, report: IntegrityReport) -> None:
    order_minutes = 0
    for order in snapshot.orders.values():
        entries = snapshot.hours.get(order.id, [])
        if order.status in DONE:
            order_minutes += order.minutes or 0
            if [(order.claimer_id, order.minutes)] != entries:
                report.problem(
                    f"order {order.id} ({order.minutes} min by {order.claimer_id})"
                    f" has hours entries {entries}"
                )
        elif entries:
            report.problem(f"order {order.id} is {order.status.value} but has hours {entries}")
    ledger = sum(minutes for entries in snapshot.hours.values() for _, minutes in entries)
    report.totals["completed_order_minutes"] = order_minutes
    report.totals["hours_ledger_minutes"] = ledger
    if order_minutes != ledger:
        report.problem(f"completed orders hold {order_minutes} min, the ledger {ledger} min")


async def audit(engine: AsyncEngine, entries: list[Entry]) -> IntegrityReport:
    """Check the journal's entries and the invariants against the database."""
    usernames = {str(entry.fields["user"]) for entry in entries if entry.fields.get("user")}
    async with engine.connect() as connection:
        snapshot = await _snapshot(connection, usernames)
        incidents = await incident_snapshot(connection)
    report = IntegrityReport()
    check_journal(entries, snapshot, report, incidents)
    for problem in incident_problems(incidents):
        report.problem(problem)
    report.totals["incidents"] = len(incidents.statuses)
    check_histories(snapshot, report)
    check_bookings(snapshot, report)
    check_hours(snapshot, report)
    report.totals.update(complaint_integrity.check(snapshot.complaints, report.problem))
    report.totals.update(training_integrity.check(snapshot.training, report.problem))
    report.totals.update(station_integrity.check(snapshot.stations, report.problem))
    report.totals.update(deliberation_integrity.check(snapshot.deliberation, report.problem))
    report.totals.update(assessment_integrity.check(snapshot.assessment, report.problem))
    report.totals["orders"] = len(snapshot.orders)
    report.totals["events"] = sum(len(events) for events in snapshot.events.values())
    return report


async def audit_database(database_url: str, journal_dir: Path) -> IntegrityReport:
    engine = create_engine(database_url)
    try:
        return await audit(engine, read(journal_dir))
    finally:
        await engine.dispose()


def run_audit(database_url: str, journal_dir: Path) -> IntegrityReport:
    return asyncio.run(audit_database(database_url, journal_dir))


def main() -> None:
    """`python -m loadtests.integrity DATABASE_URL JOURNAL_DIR`, for runs by hand."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description="Check the database after a load test.")
    parser.add_argument("database_url")
    parser.add_argument("journal", type=Path, help="the folder of journal-*.jsonl files")
    arguments = parser.parse_args()
    report = run_audit(arguments.database_url, arguments.journal)
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    sys.exit(0 if report.passed else 1)


if __name__ == "__main__":
    main()
