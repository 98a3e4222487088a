"""The integrity check's part for study sessions (学习研讨): read after the load from the
database, it checks that

- every study session a Locust user saw recorded (the journal) exists with its topic, by
  that user, with as many problems as the user was answered;
- every problem's status is where its events lead (FIND, then at most one CORRECT), and a
  corrected one carries its day and its correction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import ProblemAction, ProblemStatus, StudyProblem, StudyProblemEvent, StudySession
from loadtests.journal import Entry
from simulation.ids import key_of

ENTRY_OPS = frozenset({"recordStudySession"})


@dataclass
class TrainingSnapshot:
    # Sessions by key: (topic, recording user, problems).
    sessions: dict[int, tuple[str, int | None, int]]
    # Problems by key: (status, corrected on set, correction set).
    problems: dict[int, tuple[ProblemStatus, bool, bool]]
    steps: dict[int, list[ProblemAction]]


async def snapshot(connection: AsyncConnection) -> TrainingSnapshot:
    counted = (
        select(StudyProblem.session_id, func.count().label("n"))
        .group_by(StudyProblem.session_id)
        .subquery()
    )
    sessions = {
        key: (topic, user, int(n or 0))
        for key, topic, user, n in await connection.execute(
            select(
                StudySession.id, StudySession.topic, StudySession.recorded_by_user_id, counted.c.n
            )
            .outerjoin(counted, counted.c.session_id == StudySession.id)
            .where(StudySession.topic.like("负载测试%"))
        )
    }
    problems = {
        key: (status, corrected is not None, correction is not None)
        for key, status, corrected, correction in await connection.execute(
            select(
                StudyProblem.id,
                StudyProblem.status,
                StudyProblem.corrected_on,
                StudyProblem.correction,
            )
        )
    }
    steps: dict[int, list[ProblemAction]] = defaultdict(list)
    for problem, action in await connection.execute(
        select(StudyProblemEvent.problem_id, StudyProblemEvent.action).order_by(
            StudyProblemEvent.problem_id, StudyProblemEvent.at, StudyProblemEvent.id
        )
    ):
        steps[problem].append(action)
    return TrainingSnapshot(sessions, problems, dict(steps))


def found(entry: Entry, training: TrainingSnapshot, user: int | None) -> str | None:
    """Why the session `entry` is not in the database, or None when it is."""
    session = training.sessions.get(key_of(str(entry.fields["session"])))
    if session is None:
        return "the study session does not exist"
    topic, by, problems = session
    if topic != entry.fields.get("topic") or by != user:
        return "the study session is someone else's"
    if problems != entry.fields.get("problems"):
        return f"the study session has {problems} problems, not {entry.fields.get('problems')}"
    return None


def check(training: TrainingSnapshot, problem: Callable[[str], None]) -> dict[str, object]:
    """Every problem against its events; the totals."""
    corrected = 0
    for key, (status, has_day, has_correction) in training.problems.items():
        steps = training.steps.get(key, [])
        told = ProblemStatus.OPEN if steps[:1] == [ProblemAction.FIND] else None
        if steps[1:] == [ProblemAction.CORRECT]:
            told = ProblemStatus.CORRECTED
        elif steps[1:]:
            told = None
        if told is None:
            problem(f"study problem {key}: events {[s.value for s in steps]} are no history")
        elif told is not status:
            problem(f"study problem {key} is {status.value}, its events say {told.value}")
        elif (status is ProblemStatus.CORRECTED) != (has_day and has_correction):
            problem(f"study problem {key} is {status.value} with its correction half recorded")
        corrected += status is ProblemStatus.CORRECTED
    return {
        "study sessions recorded under load": len(training.sessions),
        "study problems": len(training.problems),
        "study problems corrected": corrected,
    }
