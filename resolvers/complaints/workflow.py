"""The complaint's workflow (投诉流转) on the core (resolvers/workflow).

FILED (a resident, or staff for a resident) → ACKNOWLEDGED (the company or the community
signs for it) → IN_HANDLING (the company reports its handling) → RESOLVED (the company
settles it; the clock stops) → CONFIRMED (the complainant accepts; closed), or back to
IN_HANDLING when the complainant says it is not settled (REOPEN). ACKNOWLEDGED or
IN_HANDLING ⇄ PAUSED with a reason (the clock stops and the due time moves by the time
paused). ESCALATE, REASSIGN and CHANGE_LEVEL leave the status where it is and are
recorded as events with the clock as they leave it.
"""

from __future__ import annotations

from db.models import ComplaintAction, ComplaintEvent, ComplaintStatus, PropertyComplaint
from resolvers.workflow import Machine, Move, State, StateKind, Transition

S, A = ComplaintStatus, ComplaintAction

# Statuses in which the company is still working on it and the clock may run.
WORKING = frozenset({S.FILED, S.ACKNOWLEDGED, S.IN_HANDLING})
UNSETTLED = WORKING | {S.PAUSED}


def _event(
    complaint: PropertyComplaint, move: Move[ComplaintStatus, ComplaintAction]
) -> ComplaintEvent:
    return ComplaintEvent(
        complaint_id=complaint.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
        level=complaint.level,
        property_company_id=complaint.property_company_id,
        due_at=complaint.due_at,
        escalation=complaint.escalation,
    )


Complaints = Machine[PropertyComplaint, ComplaintStatus, ComplaintAction, ComplaintEvent]

COMPLAINTS: Complaints = Machine(
    noun="a complaint",
    field="complaintId",
    model=PropertyComplaint,
    changed_at="status_changed_at",
    states=(
        State(S.FILED, StateKind.OPEN),
        State(S.ACKNOWLEDGED, StateKind.OPEN),
        State(S.IN_HANDLING, StateKind.OPEN),
        # Open, but the clock stands still: its breach is judged from `paused_at`.
        State(S.PAUSED, StateKind.OPEN),
        State(S.RESOLVED, StateKind.CLOSED),
        State(S.CONFIRMED, StateKind.CLOSED),
    ),
    transitions=(
        Transition(A.FILE, frozenset({None}), S.FILED, ("fileComplaint",), stamps=("filed_at",)),
        Transition(
            A.ACKNOWLEDGE,
            frozenset({S.FILED}),
            S.ACKNOWLEDGED,
            ("acknowledgeComplaint",),
            stamps=("acknowledged_at",),
        ),
        Transition(
            A.HANDLE, frozenset({S.ACKNOWLEDGED}), S.IN_HANDLING, ("recordComplaintHandling",)
        ),
        Transition(
            A.PAUSE,
            frozenset({S.ACKNOWLEDGED, S.IN_HANDLING}),
            S.PAUSED,
            ("pauseComplaint",),
            stamps=("paused_at",),
        ),
        # Back to where it was paused from.
        Transition(
            A.RESUME,
            frozenset({S.PAUSED}),
            S.IN_HANDLING,
            ("resumeComplaint",),
            alternatives=frozenset({S.ACKNOWLEDGED}),
        ),
        Transition(
            A.RESOLVE,
            frozenset({S.ACKNOWLEDGED, S.IN_HANDLING}),
            S.RESOLVED,
            ("resolveComplaint",),
            stamps=("resolved_at",),
        ),
        Transition(
            A.CONFIRM,
            frozenset({S.RESOLVED}),
            S.CONFIRMED,
            ("confirmComplaint",),
            stamps=("confirmed_at",),
        ),
        Transition(A.REOPEN, frozenset({S.RESOLVED}), S.IN_HANDLING, ("reopenComplaint",)),
        # These three keep the status (the mutation names it as the target).
        Transition(
            A.ESCALATE,
            frozenset(UNSETTLED),
            S.IN_HANDLING,
            ("escalateComplaint", "escalateOverdueComplaints"),
            alternatives=frozenset(UNSETTLED),
        ),
        Transition(
            A.REASSIGN,
            frozenset(UNSETTLED),
            S.FILED,
            ("reassignComplaint",),
        ),
        Transition(
            A.CHANGE_LEVEL,
            frozenset(UNSETTLED),
            S.IN_HANDLING,
            ("changeComplaintLevel",),
            alternatives=frozenset(UNSETTLED),
        ),
    ),
    event=_event,
)
