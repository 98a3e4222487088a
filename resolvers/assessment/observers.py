"""Observers (基层党建观察员): registering an observer's account, assigning them to
communities for a year, their visits with findings, and the records of the four rings
(一体四环) through the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.models import (
    AccountRole,
    Community,
    District,
    Observer,
    ObserverAssignment,
    ObserverVisit,
    Ring,
    RingRecord,
    Severity,
    Shortfall,
    ShortfallSource,
    User,
    UserGrant,
    VisitKind,
)
from resolvers import clock
from resolvers.assessment.rules import (
    check_year,
    ensure_assigned,
    organization_of,
    viewer_observer,
)
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text

MAX_FINDINGS = 10


@dataclass(frozen=True)
class FindingData:
    severity: Severity
    text: str


async def register_observer(
    ctx: Context, *, user_id: str, name: str, appointed_on: date | None
) -> Observer:
    """An account holding the OBSERVER role becomes one of the district's observers."""
    user = await load_as(ctx, user_id, User)
    district = await ctx.session.scalar(select(District).order_by(District.id).limit(1))
    assert district is not None
    await authorize(ctx, district)
    held = await ctx.session.scalar(
        select(UserGrant.id).where(
            UserGrant.user_id == user.id, UserGrant.role == AccountRole.OBSERVER
        )
    )
    if held is None:
        raise UserErrors.single(
            f"{user.username} holds no OBSERVER grant", UserErrorCode.INVALID, "userId"
        )
    if await ctx.session.scalar(select(Observer.id).where(Observer.user_id == user.id)):
        raise UserErrors.single(
            f"{user.username} is already an observer", UserErrorCode.ALREADY_RECORDED, "userId"
        )
    observer = Observer(
        user_id=user.id,
        district_id=district.id,
        name=clean_text(name, "name", max_length=100),
        appointed_on=appointed_on or clock.today(),
    )
    ctx.session.add(observer)
    await ctx.session.flush()
    return observer


async def assign_observer(
    ctx: Context, *, observer_id: str, community_id: str, year: int
) -> ObserverAssignment:
    observer = await load_as(ctx, observer_id, Observer)
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check_year(year)
    duplicate = await ctx.session.scalar(
        select(ObserverAssignment.id).where(
            ObserverAssignment.observer_id == observer.id,
            ObserverAssignment.community_id == community.id,
            ObserverAssignment.year == year,
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{observer.name} is already assigned to {community.name} in {year}",
            UserErrorCode.ALREADY_RECORDED,
            "communityId",
        )
    assignment = ObserverAssignment(observer_id=observer.id, community_id=community.id, year=year)
    ctx.session.add(assignment)
    await ctx.session.flush()
    return assignment


async def record_visit(
    ctx: Context,
    *,
    community_id: str,
    kind: VisitKind,
    visited_on: date | None,
    summary: str,
    findings: list[FindingData],
) -> ObserverVisit:
    """A visit of the viewer's observer to a community they are assigned to, with its
    findings (问题发现), each a shortfall of the community's party organisation."""
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    observer = await viewer_observer(ctx)
    day = visited_on or clock.today()
    if day > clock.today():
        raise UserErrors.single(
            "a visit is recorded once it has happened", UserErrorCode.DATE_ORDER, "visitedOn"
        )
    await ensure_assigned(ctx, observer, community, day.year, "communityId")
    organization = await organization_of(ctx, community, "communityId")
    check = Checks()
    text = check(clean_text, summary, "summary", max_length=1000) or ""
    if len(findings) > MAX_FINDINGS:
        check.fail(f"at most {MAX_FINDINGS} findings", UserErrorCode.OUT_OF_RANGE, "findings")
    texts = [
        check(clean_text, finding.text, "findings", max_length=500) or "" for finding in findings
    ]
    check.done()
    visit = ObserverVisit(
        observer_id=observer.id,
        community_id=community.id,
        party_organization_id=organization.id,
        kind=kind,
        visited_on=day,
        summary=text,
        recorded_at=clock.now(),
        recorded_by_user_id=ctx.viewer.user_id,
    )
    ctx.session.add(visit)
    await ctx.session.flush()
    for finding, finding_text in zip(findings, texts, strict=True):
        ctx.session.add(
            Shortfall(
                source=ShortfallSource.VISIT_FINDING,
                visit_id=visit.id,
                community_id=community.id,
                party_organization_id=organization.id,
                year=day.year,
                severity=finding.severity,
                text=finding_text,
                recorded_by_user_id=ctx.viewer.user_id,
            )
        )
    await ctx.session.flush()
    return visit


async def record_ring(
    ctx: Context,
    *,
    community_id: str,
    ring: Ring,
    recorded_on: date | None,
    note: str,
    score: int | None,
) -> RingRecord:
    """A record of one ring for the community's party organisation: observers look (看)
    where assigned, the secretary reports (述), admins any ring."""
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    day = recorded_on or clock.today()
    roles = {grant.role for grant in ctx.viewer.grants}
    admin = bool(roles & {AccountRole.DISTRICT_ADMIN, AccountRole.STREET_ADMIN})
    if not admin:
        if AccountRole.OBSERVER in roles and ring is Ring.LOOK:
            await ensure_assigned(
                ctx, await viewer_observer(ctx), community, day.year, "communityId"
            )
        elif AccountRole.COMMUNITY_SECRETARY in roles and ring is Ring.REPORT:
            pass
        else:
            raise UserErrors.single(
                "observers record LOOK, secretaries REPORT; admins every ring",
                UserErrorCode.INVALID,
                "ring",
            )
    organization = await organization_of(ctx, community, "communityId")
    check = Checks()
    text = check(clean_text, note, "note", max_length=1000) or ""
    if score is not None and not 0 <= score <= 100:
        check.fail("a score from 0 to 100", UserErrorCode.OUT_OF_RANGE, "score")
    if day > clock.today():
        check.fail("a record is made once it has happened", UserErrorCode.DATE_ORDER, "recordedOn")
    check.done()
    record = RingRecord(
        community_id=community.id,
        party_organization_id=organization.id,
        year=day.year,
        ring=ring,
        recorded_on=day,
        note=text,
        score=score,
        recorded_at=clock.now(),
        recorded_by_user_id=ctx.viewer.user_id,
    )
    ctx.session.add(record)
    await ctx.session.flush()
    return record
