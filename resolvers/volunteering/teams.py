"""Volunteer teams (志愿服务队伍), volunteers (志愿者) and their memberships."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select

from db.models import (
    Community,
    District,
    Person,
    ServiceCategory,
    ServiceOrder,
    Street,
    TeamLevel,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.volunteering.workflow import ORDERS
from resolvers.workflow import StateKind

LEVEL_MODELS: dict[TeamLevel, type[District] | type[Street] | type[Community]] = {
    TeamLevel.DISTRICT: District,
    TeamLevel.STREET: Street,
    TeamLevel.COMMUNITY: Community,
}
CLOCK_TIME = re.compile(r"([01]\d|2[0-4]):([0-5]\d)")
OPEN = ORDERS.statuses(StateKind.OPEN)


def categories_of(given: Sequence[ServiceCategory], field: str) -> list[str]:
    """The six named items, each once; LOCAL items belong to orders, not to skills."""
    if ServiceCategory.LOCAL in given:
        raise UserErrors.single(
            "name the six service items here; LOCAL is for orders of a community's own items",
            UserErrorCode.INVALID,
            field,
        )
    return sorted({category.value for category in given})


def minute_of(value: str, field: str) -> int:
    """Minutes since midnight of an "HH:MM" time (24:00 allowed as the end of the day)."""
    match = CLOCK_TIME.fullmatch(value.strip())
    minutes = int(match[1]) * 60 + int(match[2]) if match else -1
    if not 0 <= minutes <= 24 * 60:
        raise UserErrors.single(f"{value!r} is not a time HH:MM", UserErrorCode.INVALID, field)
    return minutes


def weekday_mask(days: Sequence[int], field: str) -> int:
    """Bit 0 Monday … bit 6 Sunday, from ISO weekday numbers 1–7."""
    if any(not 1 <= day <= 7 for day in days):
        raise UserErrors.single(
            "weekdays are 1 (Monday) to 7 (Sunday)", UserErrorCode.INVALID, field
        )
    return sum(1 << (day - 1) for day in set(days))


async def create_team(
    ctx: Context,
    *,
    name: str,
    level: TeamLevel,
    node_id: str,
    categories: Sequence[ServiceCategory],
    founded_on: date | None,
) -> VolunteerTeam:
    node: District | Street | Community = await load_as(ctx, node_id, LEVEL_MODELS[level])
    await authorize(ctx, node)
    ensure_live(node, "nodeId")
    check = Checks()
    name = check(clean_text, name, "name", max_length=100) or ""
    offered = check(categories_of, categories, "categories") or []
    check.done()
    taken = await ctx.session.scalar(
        select(VolunteerTeam.id).where(
            VolunteerTeam.name == name, VolunteerTeam.archived_at.is_(None)
        )
    )
    if taken is not None:
        raise UserErrors.single(
            f"a live team is already named {name!r}", UserErrorCode.NAME_TAKEN, "name"
        )
    column = {TeamLevel.DISTRICT: "district_id", TeamLevel.STREET: "street_id"}.get(
        level, "community_id"
    )
    team = VolunteerTeam(
        name=name,
        level=level,
        categories=offered,
        founded_on=founded_on or clock.today(),
        **{column: node.id},
    )
    ctx.session.add(team)
    await ctx.session.flush()
    return team


async def archive_team(ctx: Context, team_id: str) -> VolunteerTeam:
    team = await load_as(ctx, team_id, VolunteerTeam)
    await authorize(ctx, team)
    if team.archived_at is not None:
        raise UserErrors.single("the team is already archived", UserErrorCode.ARCHIVED, "teamId")
    open_orders = await ctx.session.scalar(
        select(func.count())
        .select_from(ServiceOrder)
        .where(ServiceOrder.team_id == team.id, ServiceOrder.status.in_(OPEN))
    )
    if open_orders:
        raise UserErrors.single(
            f"the team still has {open_orders} open order(s); reassign them first",
            UserErrorCode.HAS_LIVE_CHILDREN,
            "teamId",
        )
    team.archived_at = clock.now()
    today = clock.today()
    memberships = await ctx.session.scalars(
        select(TeamMembership).where(
            TeamMembership.team_id == team.id, TeamMembership.left_on.is_(None)
        )
    )
    for membership in memberships:
        membership.left_on = today
        membership.is_lead = False
    await ctx.session.flush()
    return team


async def register_volunteer(
    ctx: Context,
    *,
    person_id: str,
    skills: Sequence[ServiceCategory],
    weekdays: Sequence[int] | None,
    available_from: str | None,
    available_until: str | None,
) -> Volunteer:
    person = await load_as(ctx, person_id, Person)
    await authorize(ctx, person)
    existing = await ctx.session.scalar(select(Volunteer).where(Volunteer.person_id == person.id))
    if existing is not None:
        raise UserErrors.single(
            f"{person.name} is already a volunteer", UserErrorCode.ALREADY_REGISTERED, "personId"
        )
    volunteer = Volunteer(person_id=person.id, registered_on=clock.today(), no_shows=0)
    _profile(volunteer, skills, weekdays, available_from, available_until, active=True)
    ctx.session.add(volunteer)
    await ctx.session.flush()
    return volunteer


def _profile(
    volunteer: Volunteer,
    skills: Sequence[ServiceCategory] | None,
    weekdays: Sequence[int] | None,
    available_from: str | None,
    available_until: str | None,
    active: bool | None,
) -> None:
    check = Checks()
    if skills is not None:
        volunteer.skills = check(categories_of, skills, "skills") or []
    if weekdays is not None:
        volunteer.available_weekdays = check(weekday_mask, weekdays, "availableWeekdays") or 0
    start = volunteer.available_from_minute if volunteer.available_from_minute is not None else 480
    end = volunteer.available_until_minute if volunteer.available_until_minute is not None else 1080
    if available_from is not None:
        start = check(minute_of, available_from, "availableFrom") or 0
    if available_until is not None:
        end = check(minute_of, available_until, "availableUntil") or 0
    check.done()
    if not start < end:
        raise UserErrors.single(
            "availableFrom must be before availableUntil",
            UserErrorCode.DATE_ORDER,
            "availableUntil",
        )
    volunteer.available_from_minute, volunteer.available_until_minute = start, end
    if active is not None:
        volunteer.active = active


async def update_volunteer(
    ctx: Context,
    *,
    volunteer_id: str,
    skills: Sequence[ServiceCategory] | None,
    weekdays: Sequence[int] | None,
    available_from: str | None,
    available_until: str | None,
    active: bool | None,
) -> Volunteer:
    volunteer = await load_as(ctx, volunteer_id, Volunteer)
    own = volunteer.person_id == ctx.viewer.person_id
    await authorize(ctx, volunteer, own=own)
    _profile(volunteer, skills, weekdays, available_from, available_until, active)
    await ctx.session.flush()
    return volunteer


async def volunteer_of_person(ctx: Context, person_id: int) -> Volunteer | None:
    found: Volunteer | None = await ctx.session.scalar(
        select(Volunteer).where(Volunteer.person_id == person_id)
    )
    return found


async def add_member(ctx: Context, *, team_id: str, person_id: str) -> TeamMembership:
    team = await load_as(ctx, team_id, VolunteerTeam)
    await authorize(ctx, team)
    if team.archived_at is not None:
        raise UserErrors.single("the team is archived", UserErrorCode.ARCHIVED, "teamId")
    person = await load_as(ctx, person_id, Person)
    volunteer = await volunteer_of_person(ctx, person.id)
    if volunteer is None or not volunteer.active:
        raise UserErrors.single(
            f"{person.name} is not an active volunteer; register them first",
            UserErrorCode.NOT_A_VOLUNTEER,
            "personId",
        )
    member = await ctx.session.scalar(
        select(TeamMembership.id).where(
            TeamMembership.team_id == team.id,
            TeamMembership.volunteer_id == volunteer.id,
            TeamMembership.left_on.is_(None),
        )
    )
    if member is not None:
        raise UserErrors.single(
            f"{person.name} is already in the team", UserErrorCode.ALREADY_REGISTERED, "personId"
        )
    membership = TeamMembership(
        team_id=team.id, volunteer_id=volunteer.id, is_lead=False, joined_on=clock.today()
    )
    ctx.session.add(membership)
    await ctx.session.flush()
    return membership


async def _live_membership(ctx: Context, membership_id: str) -> TeamMembership:
    membership = await load_as(ctx, membership_id, TeamMembership)
    team = await ctx.loaders.by_id(VolunteerTeam).load(membership.team_id)
    await authorize(ctx, team)
    if membership.left_on is not None:
        raise UserErrors.single(
            "the volunteer has already left the team", UserErrorCode.ROLE_ENDED, "membershipId"
        )
    return membership


async def remove_member(ctx: Context, membership_id: str) -> TeamMembership:
    membership = await _live_membership(ctx, membership_id)
    membership.left_on = clock.today()
    membership.is_lead = False
    await ctx.session.flush()
    return membership


async def set_lead(ctx: Context, membership_id: str) -> TeamMembership:
    """The team's one live lead (队长) becomes this member; the previous lead stays a member."""
    membership = await _live_membership(ctx, membership_id)
    previous = await ctx.session.scalars(
        select(TeamMembership).where(
            TeamMembership.team_id == membership.team_id,
            TeamMembership.is_lead.is_(True),
            TeamMembership.left_on.is_(None),
        )
    )
    for lead in previous:
        lead.is_lead = False
    await ctx.session.flush()  # the partial unique index allows one live lead
    membership.is_lead = True
    await ctx.session.flush()
    return membership
