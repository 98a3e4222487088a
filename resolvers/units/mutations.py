"""Register work units and in-service party members' dual reports (双报到)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Community, MemberReport, Person, WorkUnit, WorkUnitKind
from resolvers import clock
from resolvers.accounts.places import building_place
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.people.rules import ensure_party_member
from resolvers.permissions import authorize
from resolvers.validation import clean_text


async def register_work_unit(
    ctx: Context,
    *,
    name: str,
    kind: WorkUnitKind,
    community_id: str,
    address: str | None,
    reported_on: date | None,
) -> WorkUnit:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    name = clean_text(name, "name", max_length=100)
    taken = await ctx.session.scalar(
        select(WorkUnit.id).where(WorkUnit.name == name, WorkUnit.archived_at.is_(None))
    )
    if taken is not None:
        raise UserErrors.single(
            f"a work unit named {name!r} is already registered", UserErrorCode.NAME_TAKEN, "name"
        )
    unit = WorkUnit(
        name=name,
        kind=kind,
        community_id=community.id,
        address=clean_text(address or "", "address", max_length=200, required=False),
        reported_on=reported_on or clock.today(),
    )
    ctx.session.add(unit)
    await ctx.session.flush()
    return unit


async def register_member_report(
    ctx: Context,
    *,
    person_id: str,
    work_unit_id: str,
    home_community_id: str,
    reported_on: date | None,
) -> MemberReport:
    """An in-service party member reports to the unit's community and the home one."""
    person = await load_as(ctx, person_id, Person)
    unit = await load_as(ctx, work_unit_id, WorkUnit)
    home = await load_as(ctx, home_community_id, Community)
    await authorize(ctx, home)
    if unit.archived_at is not None:
        raise UserErrors.single(
            f"work unit {unit.name!r} is archived", UserErrorCode.ARCHIVED, "workUnitId"
        )
    ensure_live(home, "homeCommunityId")
    await ensure_party_member(ctx.session, person, "personId")
    if person.building_id is not None:
        lives_in = (await building_place(ctx, person.building_id)).community_id
        if lives_in != home.id:
            raise UserErrors.single(
                f"{person.name} lives in another community; report to that one",
                UserErrorCode.INVALID,
                "homeCommunityId",
            )
    existing = await ctx.session.scalar(
        select(MemberReport).where(
            MemberReport.person_id == person.id, MemberReport.ended_on.is_(None)
        )
    )
    if existing is not None:
        raise UserErrors.single(
            f"{person.name} has already reported (since {existing.reported_on.isoformat()})",
            UserErrorCode.ALREADY_REPORTED,
            "personId",
        )
    report = MemberReport(
        person_id=person.id,
        work_unit_id=unit.id,
        home_community_id=home.id,
        reported_on=reported_on or clock.today(),
    )
    ctx.session.add(report)
    await ctx.session.flush()
    return report
