"""The grid-incident chain (网格事件流转): grid discovers → community calls → tiered
response → joint disposal → verification and closure → callback.

REPORTED (reportIncident) → CALLED (callIncident: the community's call, 吹哨, at a tier,
naming the departments) → RESPONDING (the first department answers, respondToIncident)
→ IN_DISPOSAL (the first dated task, addIncidentTask) → RESOLVED (verifyIncident: the
grid leader checks on the spot once every task is done). Any open incident may be
escalated one tier up (escalateIncident: back to CALLED, the higher tier's departments
called), closed as NOT_RESPONSIBLE or REFERRED (closeIncident, with a reason), and a
REPORTED or CALLED one merged into another as DUPLICATE (mergeIncident). After RESOLVED
the reporter is called back (recordIncidentCallback); NOT_SATISFIED with `reopen`
sends it back to IN_DISPOSAL. Every move is an IncidentEvent with the tier it stood at.
"""

from __future__ import annotations

from datetime import timedelta

from db.models import Incident, IncidentAction, IncidentEvent, IncidentStatus, ResponseTier
from resolvers.workflow import Machine, Move, State, StateKind, Transition, Wait

S, A = IncidentStatus, IncidentAction
OPEN, CLOSED = StateKind.OPEN, StateKind.CLOSED
TIERS = tuple(ResponseTier)  # lowest first


def _event(incident: Incident, move: Move[IncidentStatus, IncidentAction]) -> IncidentEvent:
    return IncidentEvent(
        incident_id=incident.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        tier=incident.tier,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


EVERY_OPEN = frozenset({S.REPORTED, S.CALLED, S.RESPONDING, S.IN_DISPOSAL})

INCIDENTS: Machine[Incident, IncidentStatus, IncidentAction, IncidentEvent] = Machine(
    noun="an incident",
    field="incidentId",
    model=Incident,
    changed_at="status_changed_at",
    states=(
        # A report is called within the working day; a call answered within a day; a
        # department that answered sets its first task within a day.
        State(
            S.REPORTED,
            OPEN,
            wait=Wait(timedelta(hours=8), "status_changed_at", "waiting for the call (待吹哨)"),
        ),
        State(
            S.CALLED,
            OPEN,
            "called_at",
            Wait(timedelta(hours=24), "status_changed_at", "waiting for a department (待响应)"),
        ),
        State(
            S.RESPONDING,
            OPEN,
            "responded_at",
            Wait(timedelta(hours=24), "status_changed_at", "waiting for tasks (待派任务)"),
        ),
        State(S.IN_DISPOSAL, OPEN, "disposal_started_at"),
        State(S.RESOLVED, CLOSED),
        State(S.NOT_RESPONSIBLE, CLOSED),
        State(S.DUPLICATE, CLOSED),
        State(S.REFERRED, CLOSED),
    ),
    transitions=(
        Transition(A.REPORT, frozenset({None}), S.REPORTED, ("reportIncident",)),
        Transition(A.CALL, frozenset({S.REPORTED}), S.CALLED, ("callIncident",)),
        Transition(A.RESPOND, frozenset({S.CALLED}), S.RESPONDING, ("respondToIncident",)),
        Transition(
            A.DISPOSE, frozenset({S.CALLED, S.RESPONDING}), S.IN_DISPOSAL, ("addIncidentTask",)
        ),
        Transition(
            A.ESCALATE,
            frozenset({S.CALLED, S.RESPONDING, S.IN_DISPOSAL}),
            S.CALLED,
            ("escalateIncident",),
        ),
        Transition(
            A.VERIFY,
            frozenset({S.IN_DISPOSAL}),
            S.RESOLVED,
            ("verifyIncident",),
            stamps=("verified_at", "closed_at"),
        ),
        Transition(
            A.CLOSE,
            EVERY_OPEN,
            S.NOT_RESPONSIBLE,
            ("closeIncident",),
            alternatives=frozenset({S.REFERRED}),
            stamps=("closed_at",),
        ),
        Transition(
            A.MERGE,
            frozenset({S.REPORTED, S.CALLED}),
            S.DUPLICATE,
            ("mergeIncident",),
            stamps=("closed_at",),
        ),
        Transition(
            A.CALLBACK,
            frozenset({S.RESOLVED}),
            S.RESOLVED,
            ("recordIncidentCallback",),
            alternatives=frozenset({S.IN_DISPOSAL}),
            stamps=("callback_at",),
        ),
    ),
    event=_event,
)
# Closing stamps `closed_at` by the closing action, not by the closed state: a callback
# moves RESOLVED to RESOLVED and must not move the time the incident was closed.

OPEN_STATUSES = INCIDENTS.statuses(OPEN)
CLOSED_STATUSES = INCIDENTS.statuses(CLOSED)


def higher(tier: ResponseTier) -> ResponseTier | None:
    """The tier above, or None at the district."""
    index = TIERS.index(tier)
    return TIERS[index + 1] if index + 1 < len(TIERS) else None
