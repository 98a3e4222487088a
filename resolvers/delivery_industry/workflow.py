"""How a tracked item moves (进展流转), on the core (resolvers/workflow): the policy's
measures and the commissioners' checklist items share one machine shape.

PLANNED → IN_PROGRESS with a progress report, → DONE when the report says 100 %; a DONE
item reported below 100 % is reopened to IN_PROGRESS (REOPEN). Each move is an
`industry_progress_events` row with the progress and the note."""

from __future__ import annotations

from db.models import (
    ChecklistProgress,
    MeasureProgress,
    ProgressAction,
    ProgressEvent,
    ProgressStatus,
)
from resolvers.workflow import Machine, Move, State, StateKind, Transition

S, A = ProgressStatus, ProgressAction
REPORT_MEASURE = "reportMeasureProgress"
REPORT_CHECKLIST = "reportChecklistProgress"


def _measure_event(
    row: MeasureProgress, move: Move[ProgressStatus, ProgressAction]
) -> ProgressEvent:
    return ProgressEvent(measure_progress_id=row.id, **_fields(row.progress, move))


def _checklist_event(
    row: ChecklistProgress, move: Move[ProgressStatus, ProgressAction]
) -> ProgressEvent:
    return ProgressEvent(checklist_progress_id=row.id, **_fields(row.progress, move))


def _fields(progress: int, move: Move[ProgressStatus, ProgressAction]) -> dict[str, object]:
    return {
        "action": move.action,
        "from_status": move.source,
        "to_status": move.target,
        "progress": progress,
        "note": move.reason,
        "at": move.at,
        "actor_user_id": move.user_id,
        "actor_person_id": move.person_id,
    }


STATES = (
    State(S.PLANNED, StateKind.OPEN),
    State(S.IN_PROGRESS, StateKind.OPEN),
    State(S.DONE, StateKind.CLOSED, "done_at"),
)


def _transitions(operation: str) -> tuple[Transition[ProgressStatus, ProgressAction], ...]:
    return (
        Transition(
            A.REPORT,
            frozenset({S.PLANNED, S.IN_PROGRESS}),
            S.IN_PROGRESS,
            (operation,),
            alternatives=frozenset({S.DONE}),
        ),
        Transition(A.REOPEN, frozenset({S.DONE}), S.IN_PROGRESS, (operation,)),
    )


MEASURES: Machine[MeasureProgress, ProgressStatus, ProgressAction, ProgressEvent] = Machine(
    noun="a measure",
    field="measureProgressId",
    model=MeasureProgress,
    changed_at="status_changed_at",
    states=STATES,
    transitions=_transitions(REPORT_MEASURE),
    event=_measure_event,
)

CHECKLISTS: Machine[ChecklistProgress, ProgressStatus, ProgressAction, ProgressEvent] = Machine(
    noun="a checklist item",
    field="checklistProgressId",
    model=ChecklistProgress,
    changed_at="status_changed_at",
    states=STATES,
    transitions=_transitions(REPORT_CHECKLIST),
    event=_checklist_event,
)
