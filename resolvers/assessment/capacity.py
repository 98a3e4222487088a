""" "One community, one policy" (一居一策) capacity scores and the secretary's service-
target responsibility letter (社区为民服务目标责任书)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import CapacityScore, Community, ResponsibilityLetter
from resolvers import clock
from resolvers.assessment.rules import check_year, organization_of, secretary_role
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text

ASPECT_MAX = 25
MAX_TARGETS = 40


async def record_capacity_score(
    ctx: Context,
    *,
    community_id: str,
    year: int,
    team: int,
    premises: int,
    role_played: int,
    brand: int,
    assessed_on: date | None,
) -> CapacityScore:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check_year(year)
    check = Checks()
    for field, value in (
        ("team", team),
        ("premises", premises),
        ("rolePlayed", role_played),
        ("brand", brand),
    ):
        if not 0 <= value <= ASPECT_MAX:
            check.fail(f"{field} is scored 0 to {ASPECT_MAX}", UserErrorCode.OUT_OF_RANGE, field)
    check.done()
    duplicate = await ctx.session.scalar(
        select(CapacityScore.id).where(
            CapacityScore.community_id == community.id, CapacityScore.year == year
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{community.name} is already scored for {year}", UserErrorCode.ALREADY_RECORDED, "year"
        )
    score = CapacityScore(
        community_id=community.id,
        year=year,
        team=team,
        premises=premises,
        role_played=role_played,
        brand=brand,
        assessed_on=assessed_on or clock.today(),
        recorded_by_user_id=ctx.viewer.user_id,
    )
    ctx.session.add(score)
    await ctx.session.flush()
    return score


async def sign_letter(
    ctx: Context, *, community_id: str, year: int, targets: list[str], signed_on: date | None
) -> ResponsibilityLetter:
    """The community's secretary signs the year's letter with its targets (服务目标)."""
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check_year(year)
    organization = await organization_of(ctx, community, "communityId")
    secretary = await secretary_role(ctx, organization.id)
    if secretary is None:
        raise UserErrors.single(
            f"{community.name} has no secretary to sign", UserErrorCode.INVALID, "communityId"
        )
    check = Checks()
    cleaned = [check(clean_text, target, "targets", max_length=200) or "" for target in targets]
    if not targets:
        check.fail("name at least one target", UserErrorCode.BLANK, "targets")
    if len(targets) > MAX_TARGETS:
        check.fail(f"at most {MAX_TARGETS} targets", UserErrorCode.OUT_OF_RANGE, "targets")
    check.done()
    duplicate = await ctx.session.scalar(
        select(ResponsibilityLetter.id).where(
            ResponsibilityLetter.community_id == community.id, ResponsibilityLetter.year == year
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{community.name} has signed its {year} letter", UserErrorCode.ALREADY_RECORDED, "year"
        )
    letter = ResponsibilityLetter(
        community_id=community.id,
        year=year,
        secretary_person_id=secretary.person_id,
        targets=cleaned,
        signed_on=signed_on or clock.today(),
    )
    ctx.session.add(letter)
    await ctx.session.flush()
    return letter
