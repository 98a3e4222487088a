"""Grid incidents (网格事件): intake, the community's call, departments' answers and
dated tasks, escalation, verification, closure, merging duplicates and the callback.
Every status change goes through INCIDENTS (resolvers/incidents/workflow.py), which
records who, when and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    Building,
    CallbackResult,
    Department,
    Grid,
    Incident,
    IncidentAction,
    IncidentCategory,
    IncidentChannel,
    IncidentParticipant,
    IncidentStatus,
    IncidentTask,
    Person,
    ResponseTier,
    TaskStatus,
    User,
)
from resolvers import clock
from resolvers.accounts.places import building_place, covers, place_of
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.incidents import rules
from resolvers.incidents.queries import departments_by_code
from resolvers.incidents.workflow import INCIDENTS, OPEN_STATUSES, higher
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.rules import REGISTRARS
from resolvers.validation import clean_text
from resolvers.workflow import lock, locked

S, A = IncidentStatus, IncidentAction
REPORTERS = frozenset({AccountRole.RESIDENT, AccountRole.PARTY_MEMBER})


async def report_incident(
    ctx: Context,
    *,
    category_id: str,
    description: str,
    grid_id: str | None,
    building_id: str | None,
    address: str | None,
    latitude: float | None,
    longitude: float | None,
    photos: Sequence[str],
    attributes: Sequence[tuple[str, str]],
    reporter_person_id: str | None,
) -> Incident:
    """Intake (事件上报): by a grid leader on patrol, a resident, or staff registering it
    for a resident (代登记, with `reporter_person_id`)."""
    category = await load_as(ctx, category_id, IncidentCategory)
    if (grid_id is None) == (building_id is None):
        raise UserErrors.single("name the building or the grid", UserErrorCode.INVALID, "gridId")
    building = None
    if building_id is not None:
        building = await load_as(ctx, building_id, Building)
        grid = await ctx.loaders.by_id(Grid).load(building.grid_id)
        assert grid is not None
    else:
        assert grid_id is not None
        grid = await load_as(ctx, grid_id, Grid)
    now = clock.now()
    incident = Incident(
        category_id=category.id,
        community_id=grid.community_id,
        grid_id=grid.id,
        building_id=building.id if building else None,
        reported_at=now,
        reported_by_user_id=ctx.viewer.user_id,
        tier=category.default_tier,
        due_at=now + timedelta(hours=category.deadline_hours),
        escalations=0,
        reopen_count=0,
    )
    # Scope before validation, so that the input's faults tell an outsider nothing.
    await authorize(ctx, incident)
    if building is not None:
        ensure_live(building, "buildingId")
    ensure_live(grid, "gridId" if building is None else "buildingId")
    place = await place_of(ctx, incident)
    # Staff and grid leaders whose grant covers the grid: on patrol, or registering for a
    # resident; a resident's grant makes it their own report.
    on_patrol = any(covers(grant, place) for grant in ctx.viewer.grants_of(REGISTRARS))
    if reporter_person_id is not None:
        if not on_patrol:
            raise UserErrors.single(
                "only staff register an incident for a resident",
                UserErrorCode.INVALID,
                "reporterPersonId",
            )
        reporter = await load_as(ctx, reporter_person_id, Person)
        await _ensure_lives_in_scope(ctx, reporter)
        incident.channel, incident.reporter_person_id = IncidentChannel.STAFF, reporter.id
    else:
        incident.channel = IncidentChannel.GRID_LEADER if on_patrol else IncidentChannel.RESIDENT
        incident.reporter_person_id = ctx.viewer.person_id
    incident.description = clean_text(description, "description", max_length=1000)
    incident.address = clean_text(address or "", "address", max_length=200, required=False)
    incident.latitude, incident.longitude = rules.coordinates(latitude, longitude)
    incident.photos = rules.photos(photos)
    incident.attributes = rules.attributes(category, attributes)
    await INCIDENTS.advance(ctx, incident, A.REPORT)
    await ctx.session.flush()
    return incident


async def _ensure_lives_in_scope(ctx: Context, person: Person) -> None:
    """Staff register incidents (代登记) only for residents of the area they serve: the
    person's home building lies within one of the viewer's registrar grants."""
    home = await building_place(ctx, person.building_id)
    if person.building_id is None or not any(
        covers(grant, home) for grant in ctx.viewer.grants_of(REGISTRARS)
    ):
        raise UserErrors.single(
            "the reporter does not live in your area: register incidents for its residents",
            UserErrorCode.OUT_OF_AREA,
            "reporterPersonId",
        )


async def _incident(ctx: Context, incident_id: str, *, own: bool = False) -> Incident:
    """The incident, locked: its steps change one request at a time."""
    incident = await locked(ctx, Incident, incident_id)
    await authorize(ctx, incident, own=own)
    return incident


async def _departments(ctx: Context, ids: Sequence[str]) -> list[Department]:
    found: list[Department] = []
    for each in ids:
        department = await load_as(ctx, each, Department)
        if department not in found:
            found.append(department)
    return found


async def _join(ctx: Context, incident: Incident, departments: Sequence[Department]) -> None:
    """Add the departments not yet taking part (部门报到)."""
    have = set(
        (
            await ctx.session.scalars(
                select(IncidentParticipant.department_id).where(
                    IncidentParticipant.incident_id == incident.id
                )
            )
        ).all()
    )
    for department in departments:
        if department.id not in have:
            ctx.session.add(
                IncidentParticipant(
                    incident_id=incident.id, department_id=department.id, joined_at=clock.now()
                )
            )


async def _usual_departments(ctx: Context, incident: Incident) -> list[Department]:
    """The departments that usually take part in the incident's category."""
    category = await ctx.loaders.by_id(IncidentCategory).load(incident.category_id)
    assert category is not None
    return await departments_by_code(ctx.session, category.department_codes)


async def call_incident(
    ctx: Context,
    *,
    incident_id: str,
    tier: ResponseTier | None,
    department_ids: Sequence[str] | None,
    note: str | None,
) -> Incident:
    """The community's call (社区吹哨): the tier that answers and the departments called
    (the category's usual ones unless named)."""
    incident = await _incident(ctx, incident_id)
    pending = await INCIDENTS.begin(ctx, incident, A.CALL)
    if tier is not None:
        incident.tier = tier
    departments = (
        await _departments(ctx, department_ids)
        if department_ids
        else await _usual_departments(ctx, incident)
    )
    await _join(ctx, incident, departments)
    await pending.finish(reason=rules.optional_text(note, "note"))
    return incident


async def _own_department_ids(ctx: Context) -> set[int]:
    return await rules.department_ids_of(ctx)


async def respond_to_incident(
    ctx: Context, *, incident_id: str, department_id: str, note: str | None
) -> Incident:
    """A department answers the call (部门报到响应); the first answer moves a CALLED
    incident to RESPONDING."""
    department = await load_as(ctx, department_id, Department)
    own = department.id in await _own_department_ids(ctx)
    incident = await _incident(ctx, incident_id, own=own)
    participant = await ctx.session.scalar(
        select(IncidentParticipant).where(
            IncidentParticipant.incident_id == incident.id,
            IncidentParticipant.department_id == department.id,
        )
    )
    if incident.status is S.CALLED:
        pending = await INCIDENTS.begin(ctx, incident, A.RESPOND)
    elif incident.status in (S.RESPONDING, S.IN_DISPOSAL):
        pending = None
    else:
        raise INCIDENTS.refusal(incident, INCIDENTS.transition(A.RESPOND))
    if participant is None:
        raise UserErrors.single(
            f"{department.name} was not called to this incident",
            UserErrorCode.OUT_OF_AREA,
            "departmentId",
        )
    if participant.responded_at is not None:
        raise UserErrors.single(
            f"{department.name} has answered already", UserErrorCode.INVALID, "departmentId"
        )
    participant.responded_at = clock.now()
    reason = rules.optional_text(note, "note") or department.name
    if pending is not None:
        await pending.finish(reason=reason)
    return incident


async def add_task(
    ctx: Context,
    *,
    incident_id: str,
    department_id: str,
    title: str,
    assignees: Sequence[str],
    due_at: datetime,
    owner_user_id: str | None,
) -> IncidentTask:
    """A dated task for a department (派发处置任务); the first one starts the joint
    disposal. A department not yet taking part joins."""
    incident = await _incident(ctx, incident_id)
    if incident.status in (S.CALLED, S.RESPONDING):
        pending = await INCIDENTS.begin(ctx, incident, A.DISPOSE)
    elif incident.status is S.IN_DISPOSAL:
        pending = None
    else:
        raise INCIDENTS.refusal(incident, INCIDENTS.transition(A.DISPOSE))
    department = await load_as(ctx, department_id, Department)
    now = clock.now()
    if due_at <= now:
        raise UserErrors.single("the due time is in the past", UserErrorCode.OUT_OF_RANGE, "dueAt")
    owner = None
    if owner_user_id is not None:
        owner = await load_as(ctx, owner_user_id, User)
    task = IncidentTask(
        incident_id=incident.id,
        department_id=department.id,
        title=clean_text(title, "title", max_length=200),
        assignees=rules.assignees(assignees),
        due_at=due_at,
        owner_user_id=owner.id if owner else None,
        status=TaskStatus.OPEN,
    )
    await _join(ctx, incident, [department])
    ctx.session.add(task)
    if pending is not None:
        await pending.finish(reason=task.title)
    await ctx.session.flush()
    return task


NEXT_TASK_STATUS = {
    TaskStatus.OPEN: (TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED),
    TaskStatus.IN_PROGRESS: (TaskStatus.DONE, TaskStatus.CANCELLED),
    TaskStatus.DONE: (),
    TaskStatus.CANCELLED: (),
}


async def update_task(
    ctx: Context, *, task_id: str, status: TaskStatus, resolution_note: str | None
) -> IncidentTask:
    """A department works its task (办理): in progress, done with a resolution note, or
    cancelled with a reason."""
    task = await load_as(ctx, task_id, IncidentTask)
    own = task.department_id in await _own_department_ids(ctx)
    incident = await ctx.session.get(Incident, task.incident_id)
    assert incident is not None
    await lock(ctx, incident)
    await ctx.session.refresh(task)
    await authorize(ctx, task, own=own)
    if incident.status not in OPEN_STATUSES:
        raise UserErrors.single(
            f"the incident is {incident.status.value}", UserErrorCode.INVALID_TRANSITION, "taskId"
        )
    if status not in NEXT_TASK_STATUS[task.status]:
        raise UserErrors.single(
            f"cannot move a {task.status.value} task to {status.value}",
            UserErrorCode.INVALID_TRANSITION,
            "status",
        )
    note = rules.optional_text(resolution_note, "resolutionNote")
    if status in (TaskStatus.DONE, TaskStatus.CANCELLED) and not note:
        raise UserErrors.single(
            "say how it was resolved (处置结果) or why it is cancelled",
            UserErrorCode.REASON_REQUIRED,
            "resolutionNote",
        )
    task.status = status
    if note:
        task.resolution_note = note
    if status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        task.done_at = clock.now()
    await ctx.session.flush()
    return task


async def escalate_incident(
    ctx: Context, *, incident_id: str, reason: str, department_ids: Sequence[str] | None
) -> Incident:
    """Escalate one tier up (提级响应): the higher tier's departments are called."""
    incident = await _incident(ctx, incident_id)
    pending = await INCIDENTS.begin(ctx, incident, A.ESCALATE)
    why = rules.reason(reason)
    up = higher(incident.tier)
    if up is None:
        raise UserErrors.single(
            "the district is the highest tier", UserErrorCode.OUT_OF_RANGE, "incidentId"
        )
    incident.tier = up
    incident.escalations += 1
    departments = (
        await _departments(ctx, department_ids)
        if department_ids
        else await _usual_departments(ctx, incident)
    )
    await _join(ctx, incident, departments)
    await pending.finish(reason=why)
    return incident


async def verify_incident(
    ctx: Context, *, incident_id: str, resolution: str, photos: Sequence[str]
) -> Incident:
    """The grid leader verifies on the spot (核查) and the incident is resolved: every
    task done or cancelled, at least one done."""
    incident = await _incident(ctx, incident_id)
    pending = await INCIDENTS.begin(ctx, incident, A.VERIFY)
    statuses = (
        await ctx.session.scalars(
            select(IncidentTask.status).where(IncidentTask.incident_id == incident.id)
        )
    ).all()
    if any(s in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS) for s in statuses):
        raise UserErrors.single(
            "tasks are still open", UserErrorCode.INVALID_TRANSITION, "incidentId"
        )
    if TaskStatus.DONE not in statuses:
        raise UserErrors.single(
            "no task has been done", UserErrorCode.INVALID_TRANSITION, "incidentId"
        )
    incident.resolution = clean_text(resolution, "resolution", max_length=1000)
    incident.photos = [*incident.photos, *rules.photos(photos)][: rules.MAX_PHOTOS * 2]
    incident.verified_by_user_id = ctx.viewer.user_id
    await pending.finish(reason=incident.resolution[:500])
    return incident


async def _cancel_open_tasks(ctx: Context, incident: Incident, why: str) -> None:
    tasks = (
        await ctx.session.scalars(
            select(IncidentTask).where(
                IncidentTask.incident_id == incident.id,
                IncidentTask.status.in_((TaskStatus.OPEN, TaskStatus.IN_PROGRESS)),
            )
        )
    ).all()
    for task in tasks:
        task.status, task.resolution_note, task.done_at = TaskStatus.CANCELLED, why, clock.now()


async def close_incident(
    ctx: Context, *, incident_id: str, outcome: IncidentStatus, reason: str
) -> Incident:
    """Close without a resolution: not the district's to handle (非职责范围) or referred
    elsewhere (转办), with the reason; open tasks are cancelled."""
    incident = await _incident(ctx, incident_id)
    pending = await INCIDENTS.begin(ctx, incident, A.CLOSE)
    if outcome not in pending.transition.targets:
        raise UserErrors.single(
            "close as NOT_RESPONSIBLE or REFERRED", UserErrorCode.INVALID, "outcome"
        )
    why = rules.reason(reason)
    incident.resolution = why
    await _cancel_open_tasks(ctx, incident, why)
    await pending.finish(to=outcome, reason=why)
    return incident


async def merge_incident(
    ctx: Context, *, incident_id: str, into_id: str, reason: str | None
) -> Incident:
    """Mark a duplicate (重复事件) and merge it into the incident it repeats: its photos
    join the original, and it closes as DUPLICATE."""
    incident = await _incident(ctx, incident_id)
    original = await _incident(ctx, into_id)
    pending = await INCIDENTS.begin(ctx, incident, A.MERGE)
    if original.id == incident.id or original.status is S.DUPLICATE:
        raise UserErrors.single(
            "merge into another incident that is not a duplicate itself",
            UserErrorCode.INVALID,
            "intoId",
        )
    if original.community_id != incident.community_id:
        raise UserErrors.single(
            "duplicates are merged within one community", UserErrorCode.OUT_OF_AREA, "intoId"
        )
    original.photos = [*original.photos, *(p for p in incident.photos if p not in original.photos)]
    incident.duplicate_of_id = original.id
    await pending.finish(reason=rules.optional_text(reason, "reason") or f"#{original.id}")
    return original


async def record_callback(
    ctx: Context,
    *,
    incident_id: str,
    result: CallbackResult,
    comment: str | None,
    reopen: bool,
) -> Incident:
    """The callback to the reporter (回访): satisfied, not satisfied or unreachable, with
    a comment; not satisfied with `reopen` sends the incident back to disposal."""
    global_incident = await load_as(ctx, incident_id, Incident)
    viewer = ctx.viewer
    own = (
        global_incident.reporter_person_id is not None
        and global_incident.reporter_person_id == viewer.person_id
    ) or (
        global_incident.reported_by_user_id is not None
        and global_incident.reported_by_user_id == viewer.user_id
    )
    incident = await _incident(ctx, incident_id, own=own)
    pending = await INCIDENTS.begin(ctx, incident, A.CALLBACK)
    text = rules.optional_text(comment, "comment")
    if incident.callback_at is not None and (
        incident.closed_at is None or incident.callback_at >= incident.closed_at
    ):
        raise UserErrors.single(
            "the callback for this resolution is recorded", UserErrorCode.INVALID, "incidentId"
        )
    if reopen and result is not CallbackResult.NOT_SATISFIED:
        raise UserErrors.single(
            "only a reporter who is not satisfied reopens it", UserErrorCode.INVALID, "reopen"
        )
    if result is CallbackResult.NOT_SATISFIED and not text:
        raise UserErrors.single(
            "say what is not satisfactory", UserErrorCode.REASON_REQUIRED, "comment"
        )
    incident.callback_result, incident.callback_comment = result, text
    target = S.RESOLVED
    if reopen:
        target = S.IN_DISPOSAL
        incident.reopen_count += 1
        incident.closed_at = None
        incident.verified_at = None
    reason: Any = f"{result.value}: {text}" if text else result.value
    await pending.finish(to=target, reason=reason[:500])
    return incident
