"""The post-load audit's part for deliberation: every consultation or joint-meeting step a
user saw succeed (the journal) is in the database, by that user; every consultation's and
problem's history is one unbroken chain of moves ending at its status; a resolved
consultation has every follow-up item done; a passed problem continues at another
meeting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import (
    Consultation,
    ConsultationEvent,
    ConsultationFollowUp,
    JointMeetingProblem,
    JointMeetingProblemEvent,
)
from loadtests.journal import Entry
from simulation.ids import key_of

# The journal's operations, the row they name and the event they leave (None: checked
# otherwise).
CONSULTATION_STEPS = {
    "proposeConsultation": "PROPOSE",
    "scheduleConsultation": "SCHEDULE",
    "recordConsultation": "HOLD",
    "completeConsultationFollowUp": None,
    "closeConsultation": None,
}
PROBLEM_STEPS = {
    "raiseJointMeetingProblem": "RAISE",
    "decideJointMeetingProblem": "DECIDE",
    "solveJointMeetingProblem": "SOLVE",
}
STEPS = frozenset(CONSULTATION_STEPS) | frozenset(PROBLEM_STEPS)
Event = tuple[str, str | None, str, int | None]  # action, from, to, user


@dataclass
class DeliberationSnapshot:
    consultations: dict[int, str] = field(default_factory=dict)
    consultation_events: dict[int, list[Event]] = field(default_factory=lambda: defaultdict(list))
    follow_ups: dict[int, tuple[int, bool]] = field(default_factory=dict)  # → (row, done)
    problems: dict[int, str] = field(default_factory=dict)
    problem_events: dict[int, list[Event]] = field(default_factory=lambda: defaultdict(list))
    continued: set[int] = field(default_factory=set)  # problems another one continues


async def snapshot(connection: AsyncConnection) -> DeliberationSnapshot:
    found = DeliberationSnapshot()
    for key, status in await connection.execute(select(Consultation.id, Consultation.status)):
        found.consultations[key] = status.value
    c = ConsultationEvent
    for row, action, source, target, user in await connection.execute(
        select(c.consultation_id, c.action, c.from_status, c.to_status, c.actor_user_id).order_by(
            c.id
        )
    ):
        found.consultation_events[row].append(
            (action.value, source.value if source else None, target.value, user)
        )
    for key, row, done in await connection.execute(
        select(
            ConsultationFollowUp.id,
            ConsultationFollowUp.consultation_id,
            ConsultationFollowUp.done_at,
        )
    ):
        found.follow_ups[key] = (row, done is not None)
    p = JointMeetingProblem
    for key, standing, origin in await connection.execute(select(p.id, p.status, p.passed_from_id)):
        found.problems[key] = standing.value
        if origin is not None:
            found.continued.add(origin)
    e = JointMeetingProblemEvent
    for problem, step, before, after, actor in await connection.execute(
        select(e.problem_id, e.action, e.from_status, e.to_status, e.actor_user_id).order_by(e.id)
    ):
        found.problem_events[problem].append(
            (step.value, before.value if before else None, after.value, actor)
        )
    return found


def found(entry: Entry, snap: DeliberationSnapshot, user: int | None) -> str | None:
    """Why a journaled deliberation step is not in the database, or None when it is."""
    fields = entry.fields
    if entry.op == "completeConsultationFollowUp":
        item = snap.follow_ups.get(key_of(fields["followUp"]))
        return None if item is not None and item[1] else "the follow-up item is not done"
    if entry.op in CONSULTATION_STEPS:
        key = key_of(fields["consultation"])
        if key not in snap.consultations:
            return "the consultation does not exist"
        events = snap.consultation_events[key]
        wanted = CONSULTATION_STEPS[entry.op] or str(fields["action"])
    else:
        key = key_of(fields["problem"])
        if key not in snap.problems:
            return "the problem does not exist"
        events = snap.problem_events[key]
        wanted = PROBLEM_STEPS[entry.op]
    if not any(event[0] == wanted and event[3] == user for event in events):
        return f"no {wanted} event by {fields.get('user')}"
    return None


def _chains(
    what: str,
    statuses: dict[int, str],
    histories: dict[int, list[Event]],
    problem: Callable[[str], None],
) -> None:
    for key, status in statuses.items():
        previous: str | None = None
        for action, source, target, _user in histories.get(key, []):
            if source != previous:
                problem(f"{what} {key}: {action} from {source}, but it was {previous}")
                break
            previous = target
        if previous != status:
            problem(f"{what} {key} is {status}, its history ends at {previous}")


def check(snap: DeliberationSnapshot, problem: Callable[[str], None]) -> dict[str, int]:
    """The histories' invariants; the totals for the report."""
    _chains("consultation", snap.consultations, snap.consultation_events, problem)
    _chains("problem", snap.problems, snap.problem_events, problem)
    open_items: dict[int, int] = defaultdict(int)
    for row, done in snap.follow_ups.values():
        open_items[row] += not done
    for key, status in snap.consultations.items():
        if status == "RESOLVED" and open_items[key]:
            problem(f"consultation {key} is resolved with {open_items[key]} items not done")
    for key, status in snap.problems.items():
        if (status == "PASSED") != (key in snap.continued):
            problem(f"problem {key} is {status}, yet continued elsewhere: {key in snap.continued}")
    return {"consultations": len(snap.consultations), "joint_meeting_problems": len(snap.problems)}
