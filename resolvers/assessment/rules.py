"""Checks shared by the assessment mutations: the year, a community's party organisation
and its secretary, the observer behind the viewer."""

from __future__ import annotations

from sqlalchemy import select

from db.models import (
    Community,
    Observer,
    ObserverAssignment,
    PartyOrganization,
    PersonRole,
    RoleKind,
)
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int, field: str = "year") -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserErrors.single(
            f"a year from {FIRST_YEAR} to {LAST_YEAR}", UserErrorCode.OUT_OF_RANGE, field
        )
    return year


async def organization_of(ctx: Context, community: Community, field: str) -> PartyOrganization:
    """The community's live party organisation (社区党组织), which is what is assessed."""
    organization = await ctx.session.scalar(
        select(PartyOrganization).where(
            PartyOrganization.community_id == community.id,
            PartyOrganization.archived_at.is_(None),
        )
    )
    if organization is None:
        raise UserErrors.single(
            f"{community.name} has no party organisation", UserErrorCode.INVALID, field
        )
    return organization


async def secretary_role(ctx: Context, organization_id: int) -> PersonRole | None:
    """The organisation's live SECRETARY role."""
    role: PersonRole | None = await ctx.session.scalar(
        select(PersonRole).where(
            PersonRole.kind == RoleKind.SECRETARY,
            PersonRole.party_organization_id == organization_id,
            PersonRole.ended_on.is_(None),
        )
    )
    return role


async def viewer_observer(ctx: Context) -> Observer:
    """The observer the viewer's account belongs to."""
    observer = await ctx.session.scalar(
        select(Observer).where(Observer.user_id == ctx.viewer.user_id)
    )
    if observer is None:
        raise UserErrors.single(
            "this account is not registered as an observer", UserErrorCode.INVALID, "communityId"
        )
    return observer


async def ensure_assigned(
    ctx: Context, observer: Observer, community: Community, year: int, field: str
) -> None:
    """Observers record only in the communities they are assigned to that year."""
    found = await ctx.session.scalar(
        select(ObserverAssignment.id).where(
            ObserverAssignment.observer_id == observer.id,
            ObserverAssignment.community_id == community.id,
            ObserverAssignment.year == year,
        )
    )
    if found is None:
        raise UserErrors.single(
            f"{observer.name} is not assigned to {community.name} in {year}",
            UserErrorCode.OUT_OF_AREA,
            field,
        )
