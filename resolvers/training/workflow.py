"""The workflows of study problems and party meetings on the core (resolvers/workflow).

A problem found in a study session is OPEN until it is corrected (整改到位): FIND (none →
OPEN) by recordStudySession or addStudyProblem, CORRECT (OPEN → CORRECTED, stamps
`corrected_on`) by correctStudyProblem; an open problem past its due day is overdue.

A party meeting is SCHEDULED, then HELD with its minutes and attendance (stamps
`held_at`) or CANCELLED with a reason (stamps `cancelled_at`).
"""

from __future__ import annotations

from db.models import (
    MeetingAction,
    MeetingStatus,
    PartyMeeting,
    PartyMeetingEvent,
    ProblemAction,
    ProblemStatus,
    StudyProblem,
    StudyProblemEvent,
)
from resolvers.workflow import Machine, Move, State, StateKind, Transition


def _problem_event(
    problem: StudyProblem, move: Move[ProblemStatus, ProblemAction]
) -> StudyProblemEvent:
    return StudyProblemEvent(
        problem_id=problem.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


def _meeting_event(
    meeting: PartyMeeting, move: Move[MeetingStatus, MeetingAction]
) -> PartyMeetingEvent:
    return PartyMeetingEvent(
        meeting_id=meeting.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


Problems = Machine[StudyProblem, ProblemStatus, ProblemAction, StudyProblemEvent]
Meetings = Machine[PartyMeeting, MeetingStatus, MeetingAction, PartyMeetingEvent]

PROBLEMS: Problems = Machine(
    noun="a problem",
    field="problemId",
    model=StudyProblem,
    changed_at="status_changed_at",
    states=(
        State(ProblemStatus.OPEN, StateKind.OPEN),
        State(ProblemStatus.CORRECTED, StateKind.CLOSED, "corrected_on"),
    ),
    transitions=(
        Transition(
            ProblemAction.FIND,
            frozenset({None}),
            ProblemStatus.OPEN,
            ("recordStudySession", "addStudyProblem"),
            stamps=("found_at",),
        ),
        Transition(
            ProblemAction.CORRECT,
            frozenset({ProblemStatus.OPEN}),
            ProblemStatus.CORRECTED,
            ("correctStudyProblem",),
        ),
    ),
    event=_problem_event,
)

MEETINGS: Meetings = Machine(
    noun="a meeting",
    field="meetingId",
    model=PartyMeeting,
    changed_at="status_changed_at",
    states=(
        State(MeetingStatus.SCHEDULED, StateKind.OPEN),
        State(MeetingStatus.HELD, StateKind.CLOSED, "held_at"),
        State(MeetingStatus.CANCELLED, StateKind.CLOSED, "cancelled_at"),
    ),
    transitions=(
        Transition(
            MeetingAction.SCHEDULE,
            frozenset({None}),
            MeetingStatus.SCHEDULED,
            ("schedulePartyMeeting",),
        ),
        Transition(
            MeetingAction.HOLD,
            frozenset({MeetingStatus.SCHEDULED}),
            MeetingStatus.HELD,
            ("holdPartyMeeting",),
        ),
        Transition(
            MeetingAction.CANCEL,
            frozenset({MeetingStatus.SCHEDULED}),
            MeetingStatus.CANCELLED,
            ("cancelPartyMeeting",),
        ),
    ),
    event=_meeting_event,
)
