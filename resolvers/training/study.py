"""Study sessions (学习研讨) and the problems they find, tracked to correction (整改)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from db.models import (
    Community,
    Person,
    ProblemAction,
    ProblemSource,
    StudyProblem,
    StudySession,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.training.workflow import PROBLEMS
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked

MAX_PROBLEMS = 20  # per recordStudySession


@dataclass(frozen=True)
class ProblemDraft:
    source: ProblemSource
    description: str
    due_on: date
    owner_person_id: str | None = None


async def _problem(
    ctx: Context, session: StudySession, draft: ProblemDraft, check: Checks, *at: str
) -> StudyProblem | None:
    """The problem as drafted, or None with its failures added to `check` (on the input
    path `at`, e.g. problems, 2)."""
    owner = await load_as(ctx, draft.owner_person_id, Person) if draft.owner_person_id else None
    try:
        text: str | None = clean_text(draft.description, "description", max_length=500)
    except UserErrors as failure:
        check.errors.extend(
            UserErrors.single(each.message, each.code, *at, "description").errors[0]
            for each in failure.errors
        )
        text = None
    if draft.due_on < session.held_on:
        check.errors.extend(
            UserErrors.single(
                "due after the session", UserErrorCode.DATE_ORDER, *at, "dueOn"
            ).errors
        )
    if text is None:
        return None
    return StudyProblem(
        session_id=session.id,
        community_id=session.community_id,
        source=draft.source,
        description=text,
        owner_person_id=owner.id if owner else None,
        due_on=draft.due_on,
    )


async def _find(ctx: Context, problems: list[StudyProblem]) -> None:
    for problem in problems:
        await PROBLEMS.advance(ctx, problem, ProblemAction.FIND)


async def record_session(
    ctx: Context,
    *,
    community_id: str,
    held_on: date,
    topic: str,
    participants: int,
    summary: str | None,
    problems: Sequence[ProblemDraft],
) -> StudySession:
    """记录学习研讨 with the problems it found."""
    community = await load_as(ctx, community_id, Community)
    session = StudySession(
        community_id=community.id,
        held_on=held_on,
        participants=participants,
        recorded_by_user_id=ctx.viewer.user_id,
    )
    await authorize(ctx, session)
    check = Checks()
    session.topic = check(clean_text, topic, "topic", max_length=200) or ""
    session.summary = (
        check(clean_text, summary or "", "summary", max_length=1000, required=False) or ""
    )
    if held_on > clock.today():
        check.fail("a session is recorded once held", UserErrorCode.DATE_ORDER, "heldOn")
    if participants < 0:
        check.fail("participants cannot be negative", UserErrorCode.OUT_OF_RANGE, "participants")
    if len(problems) > MAX_PROBLEMS:
        check.fail(
            f"at most {MAX_PROBLEMS} problems at a time", UserErrorCode.OUT_OF_RANGE, "problems"
        )
    check.done()
    ctx.session.add(session)
    await ctx.session.flush()
    found = [
        await _problem(ctx, session, draft, check, "problems", str(index))
        for index, draft in enumerate(problems)
    ]
    check.done()
    await _find(ctx, [problem for problem in found if problem is not None])
    await ctx.session.flush()
    return session


async def add_problem(ctx: Context, *, session_id: str, draft: ProblemDraft) -> StudyProblem:
    session = await load_as(ctx, session_id, StudySession)
    await authorize(ctx, session)
    check = Checks()
    problem = await _problem(ctx, session, draft, check)
    check.done()
    assert problem is not None
    await _find(ctx, [problem])
    await ctx.session.flush()
    return problem


async def correct(ctx: Context, *, problem_id: str, correction: str) -> StudyProblem:
    """整改到位: say what was done."""
    problem = await locked(ctx, StudyProblem, problem_id)
    await authorize(ctx, problem)
    pending = await PROBLEMS.begin(ctx, problem, ProblemAction.CORRECT)
    text = clean_text(correction, "correction", max_length=500, required=False)
    if not text:
        raise UserErrors.single(
            "say how it was corrected", UserErrorCode.REASON_REQUIRED, "correction"
        )
    problem.correction = text
    await pending.finish(reason=text)
    await ctx.session.flush()
    return problem
