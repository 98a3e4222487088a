"""Registering property companies (物业企业) in co-building with a community."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Community, PropertyCompany
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text


async def register_company(
    ctx: Context,
    *,
    name: str,
    community_id: str,
    party_organization_name: str | None,
    agreement_signed_on: date | None,
) -> PropertyCompany:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check = Checks()
    name = check(clean_text, name, "name", max_length=100) or ""
    organization = check(
        clean_text,
        party_organization_name or "",
        "partyOrganizationName",
        max_length=100,
        required=False,
    )
    check.done()
    taken = await ctx.session.scalar(
        select(PropertyCompany.id).where(
            PropertyCompany.name == name, PropertyCompany.archived_at.is_(None)
        )
    )
    if taken is not None:
        raise UserErrors.single(
            f"a company named {name!r} is registered", UserErrorCode.NAME_TAKEN, "name"
        )
    company = PropertyCompany(
        name=name,
        community_id=community.id,
        party_organization_name=organization or "",
        agreement_signed_on=agreement_signed_on or clock.today(),
    )
    ctx.session.add(company)
    await ctx.session.flush()
    return company
