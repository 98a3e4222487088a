"""Complaints (物业投诉) on the "2310" clock: filing, acknowledgement, handling, pauses,
resolution, the complainant's confirmation or reopening, escalation, reassignment and
level changes. Every step goes through the complaint machine (workflow.py), which records
it with the clock as the step leaves it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.models import (
    Building,
    Community,
    ComplaintAction,
    ComplaintLevel,
    ComplaintStatus,
    EscalationLevel,
    Grid,
    Person,
    PropertyCompany,
    PropertyComplaint,
)
from resolvers import clock
from resolvers.accounts.places import place_of
from resolvers.complaints import sla
from resolvers.complaints.workflow import COMPLAINTS
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import acts_in_scope, authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import lock, locked

A, S, E = ComplaintAction, ComplaintStatus, EscalationLevel


def _reason(reason: str | None, field: str = "reason") -> str:
    why = clean_text(reason or "", field, max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, field)
    return why


async def _building_community(ctx: Context, building: Building) -> int:
    grid = await ctx.loaders.by_id(Grid).load(building.grid_id)
    assert grid is not None
    return grid.community_id


def _ensure_company_serves(company: PropertyCompany, community_id: int, field: str) -> None:
    if company.archived_at is not None or company.community_id != community_id:
        raise UserErrors.single(
            f"{company.name} does not serve this building's community",
            UserErrorCode.OUT_OF_AREA,
            field,
        )


async def file(
    ctx: Context,
    *,
    property_company_id: str,
    building_id: str,
    level: ComplaintLevel,
    title: str,
    description: str | None,
    complainant_person_id: str | None,
) -> PropertyComplaint:
    """受理投诉: a resident complains for themselves, or staff for a resident."""
    company = await load_as(ctx, property_company_id, PropertyCompany)
    building = await load_as(ctx, building_id, Building)
    community = await _building_community(ctx, building)
    now = clock.now()
    complaint = PropertyComplaint(
        property_company_id=company.id,
        community_id=community,
        building_id=building.id,
        level=level,
        filed_by_user_id=ctx.viewer.user_id,
        clock_started_at=now,
        due_at=sla.due_at(level, now, 0),
        paused_seconds=0,
        escalation=E.NONE,
        reopen_count=0,
    )
    await authorize(ctx, complaint)
    if complainant_person_id is not None:
        person = await load_as(ctx, complainant_person_id, Person)
        # Residents complain for themselves; staff name the resident they act for.
        if person.id != ctx.viewer.person_id and not acts_in_scope(
            ctx, await place_of(ctx, complaint)
        ):
            raise UserErrors.single(
                "residents complain for themselves", UserErrorCode.INVALID, "complainantPersonId"
            )
        complaint.complainant_person_id = person.id
    else:
        complaint.complainant_person_id = ctx.viewer.person_id
    _ensure_company_serves(company, community, "propertyCompanyId")
    if building.archived_at is not None:
        raise UserErrors.single("the building is archived", UserErrorCode.ARCHIVED, "buildingId")
    check = Checks()
    complaint.title = check(clean_text, title, "title", max_length=100) or ""
    complaint.description = (
        check(clean_text, description or "", "description", max_length=1000, required=False) or ""
    )
    check.done()
    await COMPLAINTS.advance(ctx, complaint, A.FILE)
    await ctx.session.flush()
    return complaint


def _own(ctx: Context, complaint: PropertyComplaint) -> bool:
    viewer = ctx.viewer
    return (
        complaint.complainant_person_id is not None
        and complaint.complainant_person_id == viewer.person_id
    ) or (complaint.filed_by_user_id is not None and complaint.filed_by_user_id == viewer.user_id)


async def _complaint(ctx: Context, complaint_id: str) -> PropertyComplaint:
    """The complaint, locked: its clock changes one request at a time."""
    complaint = await locked(ctx, PropertyComplaint, complaint_id)
    await authorize(ctx, complaint, own=_own(ctx, complaint))
    return complaint


async def acknowledge(ctx: Context, *, complaint_id: str) -> PropertyComplaint:
    complaint = await _complaint(ctx, complaint_id)
    await COMPLAINTS.advance(ctx, complaint, A.ACKNOWLEDGE)
    await ctx.session.flush()
    return complaint


async def record_handling(ctx: Context, *, complaint_id: str, note: str) -> PropertyComplaint:
    """The company reports what it is doing (处理情况)."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.HANDLE)
    text = clean_text(note, "note", max_length=300)
    await move.finish(reason=text)
    await ctx.session.flush()
    return complaint


async def pause(ctx: Context, *, complaint_id: str, reason: str) -> PropertyComplaint:
    """Stop the clock with a reason (暂停计时): parts on order, the owner away, …"""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.PAUSE)
    why = _reason(reason)
    complaint.paused_from = complaint.status
    complaint.pause_reason = why
    await move.finish(reason=why)  # stamps paused_at
    await ctx.session.flush()
    return complaint


async def resume(ctx: Context, *, complaint_id: str) -> PropertyComplaint:
    """Restart the clock: the due time moves by the time paused."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.RESUME)
    assert complaint.paused_at is not None
    paused = max(clock.now() - complaint.paused_at, timedelta())
    complaint.paused_seconds += int(paused.total_seconds())
    complaint.due_at = sla.due_at(
        complaint.level, complaint.clock_started_at, complaint.paused_seconds
    )
    back = complaint.paused_from or S.IN_HANDLING
    complaint.paused_at = None
    complaint.paused_from = None
    await move.finish(to=back, reason=f"paused {_duration(paused)}")
    await ctx.session.flush()
    return complaint


def _duration(span: timedelta) -> str:
    hours, rest = divmod(int(span.total_seconds()), 3600)
    return f"{hours}h{rest // 60:02d}m"


async def resolve(ctx: Context, *, complaint_id: str, resolution: str) -> PropertyComplaint:
    """办结: the company settles it; the clock stops."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.RESOLVE)
    complaint.resolution = clean_text(resolution, "resolution", max_length=1000)
    await move.finish()  # stamps resolved_at
    await ctx.session.flush()
    return complaint


async def confirm(ctx: Context, *, complaint_id: str, comment: str | None) -> PropertyComplaint:
    """The complainant accepts the resolution (投诉人确认): the complaint is closed."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.CONFIRM)
    text = clean_text(comment or "", "comment", max_length=300, required=False)
    complaint.satisfied = True
    await move.finish(reason=text or None)
    await ctx.session.flush()
    return complaint


async def reopen(ctx: Context, *, complaint_id: str, reason: str) -> PropertyComplaint:
    """The complainant says it is not settled: back to handling. The clock is not
    restarted: a reopened complaint settled after its due time is late."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.REOPEN)
    why = _reason(reason)
    complaint.reopen_count += 1
    complaint.resolved_at = None
    complaint.satisfied = False
    await move.finish(reason=why)
    await ctx.session.flush()
    return complaint


NEXT_LEVEL = {E.NONE: E.COMMUNITY, E.COMMUNITY: E.STREET}


async def escalate(ctx: Context, *, complaint_id: str, reason: str) -> PropertyComplaint:
    """督办: one level up, to the community and then the street."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.ESCALATE)
    why = _reason(reason)
    if complaint.escalation not in NEXT_LEVEL:
        raise UserErrors.single(
            "the complaint is already with the street", UserErrorCode.INVALID, "complaintId"
        )
    complaint.escalation = NEXT_LEVEL[complaint.escalation]
    complaint.escalated_at = clock.now()
    await move.finish(to=complaint.status, reason=why)
    await ctx.session.flush()
    return complaint


async def escalate_overdue(ctx: Context, *, community_id: str) -> list[PropertyComplaint]:
    """The sweep (超时督办): every breached unsettled complaint of the community goes to
    where the clock says it should be watched from (sla.escalation_due), one event per
    level it climbs."""
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    now = clock.now()
    rows = (
        await ctx.session.scalars(
            select(PropertyComplaint)
            .where(
                PropertyComplaint.community_id == community.id,
                PropertyComplaint.status.not_in(sla.CLOSED),
                PropertyComplaint.escalation != E.STREET,
                PropertyComplaint.due_at < now,
            )
            .order_by(PropertyComplaint.id)
        )
    ).all()
    moved = []
    for complaint in rows:
        await lock(ctx, complaint)  # read afresh: another request may have moved it
        wanted = sla.escalation_due(complaint, now)
        if wanted is None:
            continue
        while complaint.escalation != wanted:
            move = await COMPLAINTS.begin(ctx, complaint, A.ESCALATE)
            complaint.escalation = NEXT_LEVEL[complaint.escalation]
            complaint.escalated_at = now
            await move.finish(to=complaint.status, reason="overdue (超时督办)")
        moved.append(complaint)
    await ctx.session.flush()
    return moved


async def reassign(
    ctx: Context, *, complaint_id: str, property_company_id: str, reason: str
) -> PropertyComplaint:
    """Another company takes the complaint: its clock starts afresh and it is FILED
    again, for the new company to acknowledge."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.REASSIGN)
    why = _reason(reason)
    company = await load_as(ctx, property_company_id, PropertyCompany)
    if company.id == complaint.property_company_id:
        raise UserErrors.single(
            "the complaint is with that company already",
            UserErrorCode.INVALID,
            "propertyCompanyId",
        )
    _ensure_company_serves(company, complaint.community_id, "propertyCompanyId")
    now = clock.now()
    complaint.property_company_id = company.id
    complaint.clock_started_at = now
    complaint.paused_seconds = 0
    complaint.paused_at = None
    complaint.paused_from = None
    complaint.due_at = sla.due_at(complaint.level, now, 0)
    await move.finish(reason=why)
    await ctx.session.flush()
    return complaint


async def change_level(
    ctx: Context, *, complaint_id: str, level: ComplaintLevel, reason: str
) -> PropertyComplaint:
    """A new level sets a new deadline, from the same start and with the same pauses."""
    complaint = await _complaint(ctx, complaint_id)
    move = await COMPLAINTS.begin(ctx, complaint, A.CHANGE_LEVEL)
    why = _reason(reason)
    if level is complaint.level:
        raise UserErrors.single(
            f"the complaint is {level.value} already", UserErrorCode.INVALID, "level"
        )
    complaint.level = level
    complaint.due_at = sla.due_at(level, complaint.clock_started_at, complaint.paused_seconds)
    await move.finish(to=complaint.status, reason=why)
    await ctx.session.flush()
    return complaint
