"""Keeping the delivery industry's party work: riders join the committee, the measures'
and the commissioners' checklist items report progress through their machine."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy import select

from db.models import (
    ChecklistProgress,
    DeliveryPlatform,
    IndustryPartyCommittee,
    IndustryPartyMember,
    MeasureProgress,
    PartyCommissioner,
    Person,
    ProgressAction,
    ProgressEvent,
    ProgressStatus,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.delivery_industry.workflow import CHECKLISTS, MEASURES
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import Machine, locked

T = TypeVar("T", MeasureProgress, ChecklistProgress)


async def add_member(
    ctx: Context,
    *,
    committee_id: str,
    person_id: str,
    platform: DeliveryPlatform,
    delivery_station: str,
    joined_on: date | None,
) -> IndustryPartyMember:
    """A rider who is a party member joins the industry committee (骑手党员入册)."""
    committee = await load_as(ctx, committee_id, IndustryPartyCommittee)
    await authorize(ctx, committee)
    person = await load_as(ctx, person_id, Person)
    check = Checks()
    station = check(clean_text, delivery_station, "deliveryStation", max_length=100) or ""
    check.done()
    taken = await ctx.session.scalar(
        select(IndustryPartyMember.id).where(
            IndustryPartyMember.committee_id == committee.id,
            IndustryPartyMember.person_id == person.id,
        )
    )
    if taken is not None:
        raise UserErrors.single(
            "the rider is already a member", UserErrorCode.ALREADY_REGISTERED, "personId"
        )
    member = IndustryPartyMember(
        committee_id=committee.id,
        person_id=person.id,
        platform=platform,
        delivery_station=station,
        joined_on=joined_on or clock.today(),
    )
    ctx.session.add(member)
    await ctx.session.flush()
    return member


async def _report(
    ctx: Context,
    machine: Machine[T, ProgressStatus, ProgressAction, ProgressEvent],
    row: T,
    progress: int,
    note: str | None,
) -> T:
    if not 0 <= progress <= 100:
        raise UserErrors.single("progress is 0 to 100 (%)", UserErrorCode.OUT_OF_RANGE, "progress")
    check = Checks()
    cleaned = check(clean_text, note or "", "note", max_length=500, required=False) or ""
    check.done()
    done = row.status is ProgressStatus.DONE
    action = ProgressAction.REOPEN if done and progress < 100 else ProgressAction.REPORT
    if done and progress == 100:
        raise UserErrors.single(
            f"cannot report {machine.noun} that is DONE at 100 % again",
            UserErrorCode.INVALID_TRANSITION,
            machine.field,
        )
    pending = await machine.begin(ctx, row, action)
    row.progress = progress
    row.note = cleaned
    if action is ProgressAction.REOPEN:
        row.done_at = None
        await pending.finish(reason=cleaned or None)
    else:
        target = ProgressStatus.DONE if progress == 100 else ProgressStatus.IN_PROGRESS
        await pending.finish(to=target, reason=cleaned or None)
    await ctx.session.flush()
    return row


async def report_measure(
    ctx: Context, *, measure_progress_id: str, progress: int, note: str | None, owner: str | None
) -> MeasureProgress:
    """Report how far a measure has come (举措落实进展)."""
    row = await locked(ctx, MeasureProgress, measure_progress_id)
    await authorize(ctx, row)
    if owner is not None:
        check = Checks()
        row.owner = check(clean_text, owner, "owner", max_length=100) or ""
        check.done()
    return await _report(ctx, MEASURES, row, progress, note)


async def report_checklist(
    ctx: Context, *, checklist_progress_id: str, progress: int, note: str | None
) -> ChecklistProgress:
    """Report how far a commissioner has come with an item (专员履职进展): the district's
    admins, or the commissioner for their own."""
    row = await locked(ctx, ChecklistProgress, checklist_progress_id)
    commissioner = await ctx.loaders.required(PartyCommissioner, row.commissioner_id)
    own = ctx.viewer.person_id is not None and commissioner.person_id == ctx.viewer.person_id
    await authorize(ctx, row, own=own)
    return await _report(ctx, CHECKLISTS, row, progress, note)
