"""Mutations of "Let's talk it over" consultations (好商量): a topic raised, its parties,
the schedule, the record with its decisions turned into follow-up items, the items done,
the outcome and the residents' feedback. Every status change goes through the
consultation machine (workflow.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from db.models import (
    Building,
    Community,
    Consultation,
    ConsultationAction,
    ConsultationCategory,
    ConsultationFeedback,
    ConsultationFollowUp,
    ConsultationParticipant,
    ConsultationStatus,
    Grid,
    ParticipantRole,
    Person,
)
from resolvers import clock
from resolvers.accounts.places import covers, place_of
from resolvers.context import Context
from resolvers.deliberation.declaration import RUNNERS
from resolvers.deliberation.workflow import CONSULTATIONS
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import lock, locked

A, S = ConsultationAction, ConsultationStatus
BEFORE_MEETING = frozenset({S.PROPOSED, S.SCHEDULED})
AFTER_MEETING = frozenset({S.HELD, S.FOLLOWING_UP, S.RESOLVED, S.NOT_RESOLVED})


@dataclass(frozen=True)
class FollowUpSpec:
    """A decision to follow through: what, who owns it (a person or a named party), by
    when."""

    decision: str
    due_on: date
    owner_person_id: str | None = None
    owner_name: str | None = None


def _reason(reason: str | None, field: str = "reason") -> str:
    why = clean_text(reason or "", field, max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, field)
    return why


async def _consultation(ctx: Context, consultation_id: str, *, own: bool = False) -> Consultation:
    """The consultation, locked: its steps change one request at a time."""
    row = await locked(ctx, Consultation, consultation_id)
    await authorize(ctx, row, own=own)
    return row


async def propose(
    ctx: Context,
    *,
    community_id: str,
    category_id: str,
    topic: str,
    description: str | None,
    grid_id: str | None,
    building_id: str | None,
    convener_person_id: str | None,
) -> Consultation:
    """议题提出: a topic in the community (and, if given, its grid or building)."""
    community = await load_as(ctx, community_id, Community)
    category = await load_as(ctx, category_id, ConsultationCategory)
    row = Consultation(
        community_id=community.id,
        category_id=category.id,
        proposed_by_user_id=ctx.viewer.user_id,
        proposed_by_person_id=ctx.viewer.person_id,
        venue="",
        sign_posted=False,
        attendees_count=0,
    )
    if building_id is not None:
        building = await load_as(ctx, building_id, Building)
        grid = await ctx.loaders.by_id(Grid).load(building.grid_id)
        assert grid is not None
        if grid.community_id != community.id:
            raise UserErrors.single(
                "the building is not in this community", UserErrorCode.OUT_OF_AREA, "buildingId"
            )
        row.building_id, row.grid_id = building.id, grid.id
    elif grid_id is not None:
        grid = await load_as(ctx, grid_id, Grid)
        if grid.community_id != community.id:
            raise UserErrors.single(
                "the grid is not in this community", UserErrorCode.OUT_OF_AREA, "gridId"
            )
        row.grid_id = grid.id
    await authorize(ctx, row)
    if community.archived_at is not None:
        raise UserErrors.single("the community is archived", UserErrorCode.ARCHIVED, "communityId")
    check = Checks()
    row.topic = check(clean_text, topic, "topic", max_length=200) or ""
    row.description = (
        check(clean_text, description or "", "description", max_length=2000, required=False) or ""
    )
    check.done()
    convener = ctx.viewer.person_id
    if convener_person_id is not None:
        convener = (await load_as(ctx, convener_person_id, Person)).id
        # Residents raise topics for themselves; staff name the resident they act for.
        place = await place_of(ctx, row)
        staff = ctx.viewer.grants_of(RUNNERS)
        if convener != ctx.viewer.person_id and not any(covers(g, place) for g in staff):
            raise UserErrors.single(
                "residents raise topics for themselves",
                UserErrorCode.INVALID,
                "convenerPersonId",
            )
    await CONSULTATIONS.advance(ctx, row, A.PROPOSE)
    if convener is not None:
        ctx.session.add(
            ConsultationParticipant(
                consultation_id=row.id, role=ParticipantRole.CONVENER, person_id=convener
            )
        )
    await ctx.session.flush()
    return row


async def add_participant(
    ctx: Context,
    *,
    consultation_id: str,
    role: ParticipantRole,
    person_id: str | None,
    party_name: str | None,
) -> Consultation:
    """A party in one of the three roles: a person of the district or a named outside
    party, before the meeting."""
    row = await _consultation(ctx, consultation_id)
    if row.status not in BEFORE_MEETING:
        raise UserErrors.single(
            f"parties join before the meeting; the consultation is {row.status.value}",
            UserErrorCode.INVALID_TRANSITION,
            "consultationId",
        )
    if (person_id is None) == (party_name is None):
        raise UserErrors.single(
            "name a person or an outside party, one of them", UserErrorCode.INVALID, "personId"
        )
    participant = ConsultationParticipant(consultation_id=row.id, role=role)
    if person_id is not None:
        person = await load_as(ctx, person_id, Person)
        taken = await ctx.session.scalar(
            select(func.count(ConsultationParticipant.id)).where(
                ConsultationParticipant.consultation_id == row.id,
                ConsultationParticipant.person_id == person.id,
            )
        )
        if taken:
            raise UserErrors.single(
                f"{person.name} takes part already", UserErrorCode.ALREADY_RECORDED, "personId"
            )
        participant.person_id = person.id
    else:
        participant.party_name = clean_text(party_name or "", "partyName", max_length=100)
    ctx.session.add(participant)
    await ctx.session.flush()
    return row


async def schedule(
    ctx: Context,
    *,
    consultation_id: str,
    scheduled_for: datetime,
    venue: str,
    sign_posted: bool,
) -> Consultation:
    """安排协商: when and where (有场所), and whether the sign is up (有标识)."""
    row = await _consultation(ctx, consultation_id)
    move = await CONSULTATIONS.begin(ctx, row, A.SCHEDULE)
    row.venue = clean_text(venue, "venue", max_length=200)
    row.scheduled_for = scheduled_for
    row.sign_posted = sign_posted
    await move.finish(reason=row.venue)
    await ctx.session.flush()
    return row


async def _add_follow_ups(
    ctx: Context, row: Consultation, items: list[FollowUpSpec], field: str
) -> None:
    for number, item in enumerate(items):
        at = (field, str(number))
        if (item.owner_person_id is None) == (item.owner_name is None):
            raise UserErrors.single(
                "name the owner: a person or a party, one of them",
                UserErrorCode.INVALID,
                *at,
                "ownerPersonId",
            )
        if item.due_on < clock.today():
            raise UserErrors.single(
                "the due date has passed", UserErrorCode.DATE_ORDER, *at, "dueOn"
            )
        follow_up = ConsultationFollowUp(
            consultation_id=row.id,
            decision=clean_text(item.decision, "decision", max_length=500),
            due_on=item.due_on,
        )
        if item.owner_person_id is not None:
            follow_up.owner_person_id = (await load_as(ctx, item.owner_person_id, Person)).id
        else:
            follow_up.owner_name = clean_text(item.owner_name or "", "ownerName", max_length=100)
        ctx.session.add(follow_up)


async def record(
    ctx: Context,
    *,
    consultation_id: str,
    minutes: str,
    attendees_count: int,
    attended_participant_ids: list[str],
    decisions: str | None,
    follow_ups: list[FollowUpSpec],
) -> Consultation:
    """协商记录: the meeting was held; its minutes, attendance and decisions (有记录). The
    decisions that need doing become follow-up items (落实事项)."""
    row = await _consultation(ctx, consultation_id)
    move = await CONSULTATIONS.begin(ctx, row, A.HOLD)
    check = Checks()
    row.minutes = check(clean_text, minutes, "minutes", max_length=4000)
    row.decisions = (
        check(clean_text, decisions or "", "decisions", max_length=2000, required=False) or None
    )
    check.done()
    if not 0 <= attendees_count <= 10_000:
        raise UserErrors.single(
            "attendees are 0 to 10000", UserErrorCode.OUT_OF_RANGE, "attendeesCount"
        )
    row.attendees_count = attendees_count
    participants = (
        await ctx.session.scalars(
            select(ConsultationParticipant).where(ConsultationParticipant.consultation_id == row.id)
        )
    ).all()
    present = set()
    for global_id in attended_participant_ids:
        present.add((await load_as(ctx, global_id, ConsultationParticipant)).id)
    if not present <= {p.id for p in participants}:
        raise UserErrors.single(
            "only this consultation's parties attend it",
            UserErrorCode.INVALID,
            "attendedParticipantIds",
        )
    for participant in participants:
        participant.attended = participant.id in present
    await move.finish()
    if follow_ups:
        await _add_follow_ups(ctx, row, follow_ups, "followUps")
        await CONSULTATIONS.advance(ctx, row, A.FOLLOW_UP, reason=f"{len(follow_ups)} items")
    await ctx.session.flush()
    return row


async def add_follow_up(ctx: Context, *, consultation_id: str, item: FollowUpSpec) -> Consultation:
    """One more decision to follow through, after the meeting."""
    row = await _consultation(ctx, consultation_id)
    if row.status is S.HELD:
        move = await CONSULTATIONS.begin(ctx, row, A.FOLLOW_UP)
        await _add_follow_ups(ctx, row, [item], "item")
        await move.finish(reason="1 item")
    elif row.status is S.FOLLOWING_UP:
        await _add_follow_ups(ctx, row, [item], "item")
    else:
        raise CONSULTATIONS.refusal(row, CONSULTATIONS.transition(A.FOLLOW_UP))
    await ctx.session.flush()
    return row


async def complete_follow_up(ctx: Context, *, follow_up_id: str, note: str | None) -> Consultation:
    """A follow-up item done (已落实)."""
    item = await load_as(ctx, follow_up_id, ConsultationFollowUp)
    row = await ctx.loaders.by_id(Consultation).load(item.consultation_id)
    assert row is not None
    await lock(ctx, row)  # read afresh: the consultation's steps go one at a time
    await authorize(ctx, row)
    if row.status is not S.FOLLOWING_UP:
        raise UserErrors.single(
            f"items are done while the consultation follows up; it is {row.status.value}",
            UserErrorCode.INVALID_TRANSITION,
            "followUpId",
        )
    if item.done_at is not None:
        raise UserErrors.single(
            "the item is done already", UserErrorCode.ALREADY_RECORDED, "followUpId"
        )
    item.done_at = clock.now()
    item.done_note = clean_text(note or "", "note", max_length=500, required=False) or None
    await ctx.session.flush()
    return row


async def close(
    ctx: Context, *, consultation_id: str, resolved: bool, outcome: str
) -> Consultation:
    """The outcome (协商结果): resolved once every follow-up item is done, or not resolved
    with the reason."""
    row = await _consultation(ctx, consultation_id)
    move = await CONSULTATIONS.begin(ctx, row, A.RESOLVE if resolved else A.FAIL)
    if resolved:
        open_items = await ctx.session.scalar(
            select(func.count(ConsultationFollowUp.id)).where(
                ConsultationFollowUp.consultation_id == row.id,
                ConsultationFollowUp.done_at.is_(None),
            )
        )
        if open_items:
            raise UserErrors.single(
                f"{open_items} follow-up items are not done",
                UserErrorCode.FOLLOW_UPS_OPEN,
                "consultationId",
            )
        row.outcome = clean_text(outcome, "outcome", max_length=1000)
    else:
        row.outcome = _reason(outcome, "outcome")
    await move.finish(reason=row.outcome[:300])
    await ctx.session.flush()
    return row


async def cancel(ctx: Context, *, consultation_id: str, reason: str) -> Consultation:
    row = await _consultation(ctx, consultation_id)
    move = await CONSULTATIONS.begin(ctx, row, A.CANCEL)
    await move.finish(reason=_reason(reason))
    await ctx.session.flush()
    return row


async def give_feedback(
    ctx: Context,
    *,
    consultation_id: str,
    satisfaction: int,
    comment: str | None,
    person_id: str | None,
) -> Consultation:
    """回声: a party's satisfaction (1–5) after the meeting; residents and members for
    themselves, staff for the resident they name."""
    row = await locked(ctx, Consultation, consultation_id)
    viewer_person = ctx.viewer.person_id
    parties = set(
        (
            await ctx.session.scalars(
                select(ConsultationParticipant.person_id).where(
                    ConsultationParticipant.consultation_id == row.id,
                    ConsultationParticipant.person_id.is_not(None),
                )
            )
        ).all()
    )
    who = viewer_person if person_id is None else (await load_as(ctx, person_id or "", Person)).id
    await authorize(ctx, row, own=who is not None and who == viewer_person and who in parties)
    if who is None or who not in parties:
        raise UserErrors.single(
            "feedback comes from the consultation's parties", UserErrorCode.INVALID, "personId"
        )
    if row.status not in AFTER_MEETING:
        raise UserErrors.single(
            f"feedback follows the meeting; the consultation is {row.status.value}",
            UserErrorCode.INVALID_TRANSITION,
            "consultationId",
        )
    if not 1 <= satisfaction <= 5:
        raise UserErrors.single(
            "satisfaction is 1 to 5", UserErrorCode.OUT_OF_RANGE, "satisfaction"
        )
    given = await ctx.session.scalar(
        select(func.count(ConsultationFeedback.id)).where(
            ConsultationFeedback.consultation_id == row.id, ConsultationFeedback.person_id == who
        )
    )
    if given:
        raise UserErrors.single(
            "this feedback is recorded already", UserErrorCode.ALREADY_RECORDED, "consultationId"
        )
    ctx.session.add(
        ConsultationFeedback(
            consultation_id=row.id,
            person_id=who,
            satisfaction=satisfaction,
            comment=clean_text(comment or "", "comment", max_length=500, required=False),
            at=clock.now(),
            recorded_by_user_id=ctx.viewer.user_id,
        )
    )
    await ctx.session.flush()
    return row
