"""The two machines of deliberation on the workflow core (resolvers/workflow).

A consultation (好商量): PROPOSED (a resident, member or the community raises a topic) →
SCHEDULED (time and place set; again to reschedule) → HELD (the record: minutes,
attendance, decisions) → FOLLOWING_UP (its first follow-up item) → RESOLVED, or
NOT_RESOLVED with the reason; CANCELLED before it is held.

A joint-meeting problem (联席会议议题): RAISED on a meeting's agenda (or RECEIVED from
another level's meeting) → DECIDED (decision, owner, due date; decided again to change
them) → SOLVED; or PASSED up or down a level, where it continues as a new problem that
points back at this one.
"""

from __future__ import annotations

from db.models import (
    Consultation,
    ConsultationAction,
    ConsultationEvent,
    ConsultationStatus,
    JointMeetingProblem,
    JointMeetingProblemEvent,
    JointProblemAction,
    JointProblemStatus,
)
from resolvers.workflow import Machine, Move, State, StateKind, Transition

S, A = ConsultationStatus, ConsultationAction
P, PA = JointProblemStatus, JointProblemAction
OPEN, CLOSED = StateKind.OPEN, StateKind.CLOSED


def _consultation_event(
    row: Consultation, move: Move[ConsultationStatus, ConsultationAction]
) -> ConsultationEvent:
    return ConsultationEvent(
        consultation_id=row.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


Consultations = Machine[Consultation, ConsultationStatus, ConsultationAction, ConsultationEvent]

CONSULTATIONS: Consultations = Machine(
    noun="a consultation",
    field="consultationId",
    model=Consultation,
    changed_at="status_changed_at",
    states=(
        State(S.PROPOSED, OPEN),
        State(S.SCHEDULED, OPEN),
        State(S.HELD, OPEN, "held_at"),
        State(S.FOLLOWING_UP, OPEN),
        State(S.RESOLVED, CLOSED),
        State(S.NOT_RESOLVED, CLOSED),
        State(S.CANCELLED, CLOSED),
    ),
    transitions=(
        Transition(
            A.PROPOSE,
            frozenset({None}),
            S.PROPOSED,
            ("proposeConsultation",),
            stamps=("proposed_at",),
        ),
        Transition(
            A.SCHEDULE, frozenset({S.PROPOSED, S.SCHEDULED}), S.SCHEDULED, ("scheduleConsultation",)
        ),
        Transition(A.HOLD, frozenset({S.SCHEDULED}), S.HELD, ("recordConsultation",)),
        Transition(
            A.FOLLOW_UP,
            frozenset({S.HELD}),
            S.FOLLOWING_UP,
            ("addConsultationFollowUp", "recordConsultation"),
        ),
        Transition(
            A.RESOLVE,
            frozenset({S.HELD, S.FOLLOWING_UP}),
            S.RESOLVED,
            ("closeConsultation",),
            stamps=("closed_at",),
        ),
        Transition(
            A.FAIL,
            frozenset({S.HELD, S.FOLLOWING_UP}),
            S.NOT_RESOLVED,
            ("closeConsultation",),
            stamps=("closed_at",),
        ),
        Transition(
            A.CANCEL,
            frozenset({S.PROPOSED, S.SCHEDULED}),
            S.CANCELLED,
            ("cancelConsultation",),
            stamps=("closed_at",),
        ),
    ),
    event=_consultation_event,
)


def _problem_event(
    row: JointMeetingProblem, move: Move[JointProblemStatus, JointProblemAction]
) -> JointMeetingProblemEvent:
    return JointMeetingProblemEvent(
        problem_id=row.id,
        meeting_id=row.meeting_id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


Problems = Machine[
    JointMeetingProblem, JointProblemStatus, JointProblemAction, JointMeetingProblemEvent
]

PROBLEMS: Problems = Machine(
    noun="a problem",
    field="problemId",
    model=JointMeetingProblem,
    changed_at="status_changed_at",
    states=(
        State(P.RAISED, OPEN),
        State(P.DECIDED, OPEN, "decided_at"),
        State(P.SOLVED, CLOSED, "solved_at"),
        State(P.PASSED, CLOSED, "passed_at"),
    ),
    transitions=(
        Transition(
            PA.RAISE,
            frozenset({None}),
            P.RAISED,
            ("raiseJointMeetingProblem",),
            stamps=("raised_at",),
        ),
        Transition(
            PA.RECEIVE,
            frozenset({None}),
            P.RAISED,
            ("passJointMeetingProblem",),
            stamps=("raised_at",),
        ),
        Transition(
            PA.DECIDE,
            frozenset({P.RAISED, P.DECIDED}),
            P.DECIDED,
            ("decideJointMeetingProblem",),
        ),
        Transition(PA.SOLVE, frozenset({P.DECIDED}), P.SOLVED, ("solveJointMeetingProblem",)),
        Transition(
            PA.PASS_UP,
            frozenset({P.RAISED, P.DECIDED}),
            P.PASSED,
            ("passJointMeetingProblem",),
        ),
        Transition(
            PA.PASS_DOWN,
            frozenset({P.RAISED, P.DECIDED}),
            P.PASSED,
            ("passJointMeetingProblem",),
        ),
    ),
    event=_problem_event,
)
