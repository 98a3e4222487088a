"""Mutations of the three-level joint meetings (三级联席会议): a body convenes its
quarter's meeting, records it, and takes problems "touching structures and money" through
their machine (workflow.py): raised, decided with an owner and a due date, solved, or
passed up or down a level to the next body's meeting of that or the next quarter."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import (
    Community,
    District,
    JointMeeting,
    JointMeetingProblem,
    JointProblemAction,
    JointProblemStatus,
    MeetingLevel,
    Person,
    Street,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.deliberation.workflow import PROBLEMS
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked

L, PA, P = MeetingLevel, JointProblemAction, JointProblemStatus
LEVEL_NAMES = {L.DISTRICT: "区级", L.STREET: "街道", L.COMMUNITY: "社区"}
BODY_TYPES = {L.DISTRICT: District, L.STREET: Street, L.COMMUNITY: Community}
BELOW = {L.DISTRICT: L.STREET, L.STREET: L.COMMUNITY}
ABOVE = {L.STREET: L.DISTRICT, L.COMMUNITY: L.STREET}


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def check_quarter(year: int, quarter: int) -> None:
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise UserErrors.single(
            "a quarter is 1 to 4 of a year from 2000 to 2100", UserErrorCode.OUT_OF_RANGE, "quarter"
        )


async def convene(
    ctx: Context,
    *,
    level: MeetingLevel,
    body_id: str,
    year: int,
    quarter: int,
    scheduled_on: date,
    title: str | None,
) -> JointMeeting:
    """召开联席会议: the body's meeting of the quarter (one per body and quarter)."""
    body: District | Street | Community = await load_as(ctx, body_id, District, Street, Community)
    if not isinstance(body, BODY_TYPES[level]):
        raise UserErrors.single(
            f"a {level.value} meeting is convened by a {BODY_TYPES[level].__name__.lower()}",
            UserErrorCode.WRONG_LEVEL,
            "bodyId",
        )
    meeting = JointMeeting(level=level, body_id=body.id, year=year, quarter=quarter)
    if isinstance(body, District):
        meeting.district_id = body.id
    elif isinstance(body, Street):
        meeting.district_id, meeting.street_id = body.district_id, body.id
    else:
        street = await ctx.loaders.by_id(Street).load(body.street_id)
        assert street is not None
        meeting.district_id, meeting.street_id = street.district_id, street.id
        meeting.community_id = body.id
    await authorize(ctx, meeting)
    check_quarter(year, quarter)
    if quarter_of(scheduled_on) != (year, quarter):
        raise UserErrors.single(
            f"the meeting of Q{quarter} {year} falls in that quarter",
            UserErrorCode.DATE_ORDER,
            "scheduledOn",
        )
    taken = await ctx.session.scalar(
        select(func.count(JointMeeting.id)).where(
            JointMeeting.level == level,
            JointMeeting.body_id == body.id,
            JointMeeting.year == year,
            JointMeeting.quarter == quarter,
        )
    )
    if taken:
        raise UserErrors.single(
            f"{body.name} has its meeting of Q{quarter} {year} already",
            UserErrorCode.ALREADY_RECORDED,
            "quarter",
        )
    default = f"{body.name}{year}年第{quarter}季度联席会议"
    meeting.title = clean_text(title or default, "title", max_length=200)
    meeting.scheduled_on = scheduled_on
    meeting.convened_by_user_id = ctx.viewer.user_id
    meeting.attendees_count = 0
    ctx.session.add(meeting)
    await ctx.session.flush()
    return meeting


async def record(
    ctx: Context, *, meeting_id: str, minutes: str, attendees_count: int
) -> JointMeeting:
    """会议记录: the meeting was held, with its minutes and attendance."""
    meeting = await locked(ctx, JointMeeting, meeting_id)
    await authorize(ctx, meeting)
    if meeting.held_at is not None:
        raise UserErrors.single(
            "the meeting is recorded already", UserErrorCode.ALREADY_RECORDED, "meetingId"
        )
    if not 0 <= attendees_count <= 1000:
        raise UserErrors.single(
            "attendees are 0 to 1000", UserErrorCode.OUT_OF_RANGE, "attendeesCount"
        )
    meeting.minutes = clean_text(minutes, "minutes", max_length=4000)
    meeting.attendees_count = attendees_count
    meeting.held_at = clock.now()
    await ctx.session.flush()
    return meeting


async def _raiser(
    ctx: Context, person_id: str | None, name: str | None, field: str
) -> tuple[int | None, str]:
    if person_id is not None:
        person = await load_as(ctx, person_id, Person)
        return person.id, clean_text(name or person.name, field, max_length=100)
    return None, clean_text(name or "", field, max_length=100)


async def raise_problem(
    ctx: Context,
    *,
    meeting_id: str,
    title: str,
    description: str | None,
    raised_by_person_id: str | None,
    raised_by_name: str | None,
) -> JointMeetingProblem:
    """提出议题: a problem on the meeting's agenda, with who raised it."""
    meeting = await load_as(ctx, meeting_id, JointMeeting)
    await authorize(ctx, meeting)
    check = Checks()
    problem = JointMeetingProblem(
        meeting_id=meeting.id,
        title=check(clean_text, title, "title", max_length=200) or "",
        description=check(
            clean_text, description or "", "description", max_length=2000, required=False
        )
        or "",
    )
    check.done()
    problem.raised_by_person_id, problem.raised_by_name = await _raiser(
        ctx, raised_by_person_id, raised_by_name, "raisedByName"
    )
    await PROBLEMS.advance(ctx, problem, PA.RAISE)
    await ctx.session.flush()
    return problem


async def _problem(ctx: Context, problem_id: str) -> tuple[JointMeetingProblem, JointMeeting]:
    problem = await locked(ctx, JointMeetingProblem, problem_id)
    meeting = await ctx.loaders.by_id(JointMeeting).load(problem.meeting_id)
    assert meeting is not None
    await authorize(ctx, meeting)
    return problem, meeting


async def decide(
    ctx: Context,
    *,
    problem_id: str,
    decision: str,
    owner_person_id: str | None,
    owner_name: str | None,
    due_on: date,
) -> JointMeetingProblem:
    """议定: what is to be done, who owns it, by when (again to change them)."""
    problem, _meeting = await _problem(ctx, problem_id)
    move = await PROBLEMS.begin(ctx, problem, PA.DECIDE)
    if owner_person_id is None and not owner_name:
        raise UserErrors.single(
            "name the owner (责任人): a person or a unit", UserErrorCode.INVALID, "ownerName"
        )
    if due_on < clock.today():
        raise UserErrors.single("the due date has passed", UserErrorCode.DATE_ORDER, "dueOn")
    problem.decision = clean_text(decision, "decision", max_length=1000)
    problem.owner_person_id, problem.owner_name = await _raiser(
        ctx, owner_person_id, owner_name, "ownerName"
    )
    problem.due_on = due_on
    await move.finish(reason=f"{problem.owner_name}, due {due_on.isoformat()}")
    await ctx.session.flush()
    return problem


async def solve(ctx: Context, *, problem_id: str, resolution: str) -> JointMeetingProblem:
    """解决: the owner's work is done."""
    problem, _meeting = await _problem(ctx, problem_id)
    move = await PROBLEMS.begin(ctx, problem, PA.SOLVE)
    problem.resolution = clean_text(resolution, "resolution", max_length=1000)
    await move.finish(reason=problem.resolution[:300])
    await ctx.session.flush()
    return problem


def _adjacent(source: JointMeeting, target: JointMeeting) -> JointProblemAction | None:
    """PASS_UP to the parent body's meeting, PASS_DOWN to a child body's; None otherwise."""
    if ABOVE.get(source.level) is target.level:
        parent = source.street_id if target.level is L.STREET else source.district_id
        return PA.PASS_UP if target.body_id == parent else None
    if BELOW.get(source.level) is target.level:
        above = target.street_id if source.level is L.STREET else target.district_id
        return PA.PASS_DOWN if above == source.body_id else None
    return None


async def _parent_meeting(ctx: Context, meeting: JointMeeting) -> JointMeeting:
    """The parent body's meeting of the same quarter, else of the next: a community need
    not see its street's agenda to pass a problem up to it."""
    if meeting.level is L.DISTRICT:
        raise UserErrors.single(
            "the district's meeting has no level above it", UserErrorCode.WRONG_LEVEL, "problemId"
        )
    level = ABOVE[meeting.level]
    body = meeting.street_id if level is L.STREET else meeting.district_id
    nxt = (meeting.year + 1, 1) if meeting.quarter == 4 else (meeting.year, meeting.quarter + 1)
    for year, quarter in ((meeting.year, meeting.quarter), nxt):
        found = await ctx.session.scalar(
            select(JointMeeting).where(
                JointMeeting.level == level,
                JointMeeting.body_id == body,
                JointMeeting.year == year,
                JointMeeting.quarter == quarter,
            )
        )
        if found is not None:
            return found
    raise UserErrors.single(
        f"the {level.value.lower()} has convened no meeting of this or the next quarter",
        UserErrorCode.INVALID,
        "toMeetingId",
    )


async def pass_on(
    ctx: Context, *, problem_id: str, to_meeting_id: str | None, reason: str
) -> JointMeetingProblem:
    """移交: the problem goes up to the parent body's meeting (by default) or down to a
    child body's, of the same or the next quarter; it is closed here and continues there
    as a new problem pointing back at this one. Returns the new problem."""
    problem, meeting = await _problem(ctx, problem_id)
    if to_meeting_id is None:
        target = await _parent_meeting(ctx, meeting)
    else:
        target = await load_as(ctx, to_meeting_id, JointMeeting)
    action = _adjacent(meeting, target)
    if action is None:
        raise UserErrors.single(
            "a problem passes to the meeting of the body just above or below",
            UserErrorCode.WRONG_LEVEL,
            "toMeetingId",
        )
    move = await PROBLEMS.begin(ctx, problem, action)
    why = clean_text(reason or "", "reason", max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, "reason")
    gap = (target.year * 4 + target.quarter) - (meeting.year * 4 + meeting.quarter)
    if gap not in (0, 1):
        raise UserErrors.single(
            "a problem passes to a meeting of the same or the next quarter",
            UserErrorCode.DATE_ORDER,
            "toMeetingId",
        )
    await move.finish(reason=f"{target.title}: {why}")
    received = JointMeetingProblem(
        meeting_id=target.id,
        title=problem.title,
        description=problem.description,
        raised_by_person_id=problem.raised_by_person_id,
        raised_by_name=problem.raised_by_name,
        passed_from_id=problem.id,
    )
    await PROBLEMS.advance(ctx, received, PA.RECEIVE, reason=f"{meeting.title}: {why}")
    await ctx.session.flush()
    return received
