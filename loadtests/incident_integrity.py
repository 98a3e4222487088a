"""The post-load audit's part for grid incidents: every step a user saw succeed (the
journal) is in the database, by that user; every incident's history is one unbroken
chain of moves (each from where the last one left it) ending at the incident's status;
no incident has two REPORT events, and closed ones carry their closing time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import (
    Incident,
    IncidentEvent,
    IncidentParticipant,
    IncidentTask,
    TaskStatus,
)
from loadtests.journal import Entry
from simulation.ids import key_of

# The journal's operations and the event each leaves (None: checked otherwise).
STEPS = {
    "reportIncident": "REPORT",
    "callIncident": "CALL",
    "respondToIncident": None,
    "addIncidentTask": None,
    "updateIncidentTask": None,
    "verifyIncident": "VERIFY",
    "recordIncidentCallback": "CALLBACK",
}
OPEN = frozenset({"REPORTED", "CALLED", "RESPONDING", "IN_DISPOSAL"})


@dataclass
class IncidentSnapshot:
    statuses: dict[int, str] = field(default_factory=dict)
    closed: dict[int, bool] = field(default_factory=dict)
    # incident → [(action, from, to, user)], oldest first
    events: dict[int, list[tuple[str, str | None, str, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    tasks: dict[int, tuple[int, TaskStatus]] = field(default_factory=dict)
    responded: set[int] = field(default_factory=set)  # incidents a department answered


async def incident_snapshot(connection: AsyncConnection) -> IncidentSnapshot:
    snapshot = IncidentSnapshot()
    for key, status, closed_at in await connection.execute(
        select(Incident.id, Incident.status, Incident.closed_at)
    ):
        snapshot.statuses[key] = status.value
        snapshot.closed[key] = closed_at is not None
    for incident, action, source, target, user in await connection.execute(
        select(
            IncidentEvent.incident_id,
            IncidentEvent.action,
            IncidentEvent.from_status,
            IncidentEvent.to_status,
            IncidentEvent.actor_user_id,
        ).order_by(IncidentEvent.id)
    ):
        snapshot.events[incident].append(
            (action.value, source.value if source else None, target.value, user)
        )
    for key, incident, task_status in await connection.execute(
        select(IncidentTask.id, IncidentTask.incident_id, IncidentTask.status)
    ):
        snapshot.tasks[key] = (incident, task_status)
    snapshot.responded = set(
        (
            await connection.scalars(
                select(IncidentParticipant.incident_id).where(
                    IncidentParticipant.responded_at.is_not(None)
                )
            )
        ).all()
    )
    return snapshot


def incident_found(entry: Entry, snapshot: IncidentSnapshot, user: int | None) -> str | None:
    """Why a journaled incident step is not in the database, or None when it is."""
    fields = entry.fields
    incident = key_of(fields["incident"])
    if incident not in snapshot.statuses:
        return "the incident does not exist"
    if entry.op in ("addIncidentTask", "updateIncidentTask"):
        task = snapshot.tasks.get(key_of(fields["task"]))
        if task is None or task[0] != incident:
            return "the task does not exist on the incident"
        if entry.op == "updateIncidentTask" and task[1] is not TaskStatus.DONE:
            return f"the task is {task[1].value}, not DONE"
        return None
    if entry.op == "respondToIncident":
        return None if incident in snapshot.responded else "no department has answered"
    action = STEPS[entry.op]
    if not any(e[0] == action and e[3] == user for e in snapshot.events[incident]):
        return f"no {action} event by {fields.get('user')}"
    return None


def incident_problems(snapshot: IncidentSnapshot) -> list[str]:
    """The histories' invariants, as problems found."""
    problems = []
    for incident, status in snapshot.statuses.items():
        events = snapshot.events.get(incident, [])
        if not events:
            problems.append(f"incident {incident} has no history")
            continue
        if [e[0] for e in events].count("REPORT") != 1 or events[0][0] != "REPORT":
            problems.append(f"incident {incident} is not reported exactly once, first")
        previous = None
        for action, source, target, _user in events:
            if source != previous:
                problems.append(
                    f"incident {incident}: {action} from {source}, but it was {previous}"
                )
                break
            previous = target
        if previous != status:
            problems.append(f"incident {incident} is {status}, its history ends at {previous}")
        if (status not in OPEN) != snapshot.closed[incident]:
            problems.append(f"incident {incident} is {status} but its closing time disagrees")
    return problems
