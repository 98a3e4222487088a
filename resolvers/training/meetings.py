"""Party meetings (组织生活): scheduling a themed party day or one of the three meetings
and one lesson, holding it with minutes and its members' attendance, cancelling it, and
tying a planned volunteer service to the meeting it is held with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from db.models import (
    Attendance,
    MeetingAction,
    MeetingAttendance,
    MeetingKind,
    PartyMeeting,
    PartyOrganization,
    PartyTieIn,
    Person,
    PersonRole,
    PlannedService,
    RoleKind,
    ServicePlan,
)
from resolvers.accounts.places import place_of
from resolvers.clock import DISTRICT_TZ
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.training.queries import THREE_MEETINGS_ONE_LESSON
from resolvers.training.workflow import MEETINGS
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked

PARTY_DAY = 28  # 28日主题党日
MAX_AGENDA = 20


@dataclass(frozen=True)
class AttendanceDraft:
    person_id: str
    status: Attendance


async def members_of(ctx: Context, organization_id: int) -> list[int]:
    """The organisation's live party members (党员), by person."""
    rows = await ctx.session.scalars(
        select(PersonRole.person_id)
        .where(
            PersonRole.party_organization_id == organization_id,
            PersonRole.kind == RoleKind.PARTY_MEMBER,
            PersonRole.ended_on.is_(None),
        )
        .order_by(PersonRole.person_id)
    )
    return list(dict.fromkeys(rows))


async def schedule(
    ctx: Context,
    *,
    party_organization_id: str,
    kind: MeetingKind,
    theme: str,
    scheduled_at: datetime,
    agenda: Sequence[str],
) -> PartyMeeting:
    organization = await load_as(ctx, party_organization_id, PartyOrganization)
    place = await place_of(ctx, organization)
    assert place.street_id is not None
    meeting = PartyMeeting(
        party_organization_id=organization.id,
        street_id=place.street_id,
        community_id=place.community_id,
        kind=kind,
        scheduled_at=scheduled_at,
        recorded_by_user_id=ctx.viewer.user_id,
    )
    await authorize(ctx, meeting)
    check = Checks()
    if organization.archived_at is not None:
        check.fail("the organisation is archived", UserErrorCode.ARCHIVED, "partyOrganizationId")
    meeting.theme = check(clean_text, theme, "theme", max_length=200) or ""
    items = [check(clean_text, item, "agenda", max_length=200) or "" for item in agenda]
    if len(items) > MAX_AGENDA:
        check.fail(f"at most {MAX_AGENDA} agenda items", UserErrorCode.OUT_OF_RANGE, "agenda")
    meeting.agenda = items
    if kind is MeetingKind.PARTY_DAY and scheduled_at.astimezone(DISTRICT_TZ).day != PARTY_DAY:
        check.fail("the themed party day falls on the 28th", UserErrorCode.INVALID, "scheduledAt")
    check.done()
    await MEETINGS.advance(ctx, meeting, MeetingAction.SCHEDULE)
    await ctx.session.flush()
    return meeting


async def _meeting(ctx: Context, meeting_id: str) -> PartyMeeting:
    meeting = await locked(ctx, PartyMeeting, meeting_id)
    await authorize(ctx, meeting)
    return meeting


async def hold(
    ctx: Context, *, meeting_id: str, minutes: str, attendance: Sequence[AttendanceDraft]
) -> PartyMeeting:
    """召开: the minutes and who came; members not listed are recorded absent."""
    meeting = await _meeting(ctx, meeting_id)
    pending = await MEETINGS.begin(ctx, meeting, MeetingAction.HOLD)
    check = Checks()
    text = check(clean_text, minutes, "minutes", max_length=2000)
    members = await members_of(ctx, meeting.party_organization_id)
    listed: dict[int, Attendance] = {}
    for index, draft in enumerate(attendance):
        person = await load_as(ctx, draft.person_id, Person)
        if person.id not in members:
            check.errors.extend(
                UserErrors.single(
                    f"{person.name} is not a member of the organisation",
                    UserErrorCode.NOT_A_PARTY_MEMBER,
                    "attendance",
                    str(index),
                    "personId",
                ).errors
            )
        listed[person.id] = draft.status
    check.done()
    statuses = {member: listed.get(member, Attendance.ABSENT) for member in members}
    ctx.session.add_all(
        MeetingAttendance(meeting_id=meeting.id, person_id=person, status=status)
        for person, status in statuses.items()
    )
    meeting.minutes = text
    meeting.present = sum(1 for s in statuses.values() if s is Attendance.PRESENT)
    meeting.absent = sum(1 for s in statuses.values() if s is Attendance.ABSENT)
    meeting.excused = sum(1 for s in statuses.values() if s is Attendance.EXCUSED)
    await pending.finish()
    await ctx.session.flush()
    return meeting


async def cancel(ctx: Context, *, meeting_id: str, reason: str) -> PartyMeeting:
    meeting = await _meeting(ctx, meeting_id)
    pending = await MEETINGS.begin(ctx, meeting, MeetingAction.CANCEL)
    why = clean_text(reason, "reason", max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, "reason")
    await pending.finish(reason=why)
    await ctx.session.flush()
    return meeting


def _fits(tie_in: PartyTieIn, kind: MeetingKind) -> bool:
    if tie_in is PartyTieIn.PARTY_DAY:
        return kind is MeetingKind.PARTY_DAY
    if tie_in is PartyTieIn.THREE_MEETINGS_ONE_LESSON:
        return kind in THREE_MEETINGS_ONE_LESSON
    return True


async def link_service(
    ctx: Context, *, planned_service_id: str, meeting_id: str | None
) -> PlannedService:
    """结合党内活动: the planned service is held with this meeting (none: unlink)."""
    service = await load_as(ctx, planned_service_id, PlannedService)
    if meeting_id is None:
        await authorize(ctx, service)
        service.party_meeting_id = None
        await ctx.session.flush()
        return service
    meeting = await load_as(ctx, meeting_id, PartyMeeting)
    await authorize(ctx, service, meeting)
    plan = await ctx.loaders.required(ServicePlan, service.plan_id)
    if meeting.community_id != plan.community_id:
        raise UserErrors.single(
            "the meeting is not of the service's community", UserErrorCode.OUT_OF_AREA, "meetingId"
        )
    if not _fits(service.tie_in, meeting.kind):
        raise UserErrors.single(
            f"a service tied to {service.tie_in.value} is not held with a {meeting.kind.value}",
            UserErrorCode.INVALID,
            "meetingId",
        )
    service.party_meeting_id = meeting.id
    await ctx.session.flush()
    return service
