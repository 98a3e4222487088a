"""Monthly schedules and yearly plans (月度安排、年度计划), their planned services, and
the monthly publication (按月公示) that freezes a month's figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select

from db.models import (
    Community,
    LocalServiceItem,
    MonthlyPublication,
    PartyTieIn,
    PlanKind,
    PlannedService,
    ServiceCategory,
    ServicePlan,
    VolunteerTeam,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.volunteering.reports import month_figures

PARTY_DAY = 28  # 28日主题党日
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class PlanFilter:
    community_id: int | None = None
    kind: PlanKind | None = None
    year: int | None = None
    month: int | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.community_id is not None:
            clauses.append(ServicePlan.community_id == self.community_id)
        if self.kind is not None:
            clauses.append(ServicePlan.kind == self.kind)
        if self.year is not None:
            clauses.append(ServicePlan.year == self.year)
        if self.month is not None:
            clauses.append(ServicePlan.month == self.month)
        return clauses


@dataclass(frozen=True)
class PublicationFilter:
    community_id: int | None = None
    street_id: int | None = None
    year: int | None = None
    month: int | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.community_id is not None:
            clauses.append(MonthlyPublication.community_id == self.community_id)
        if self.street_id is not None:
            clauses.append(
                MonthlyPublication.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.year is not None:
            clauses.append(MonthlyPublication.year == self.year)
        if self.month is not None:
            clauses.append(MonthlyPublication.month == self.month)
        return clauses


def _period(check: Checks, kind: PlanKind, year: int, month: int | None) -> int:
    """The stored month of a plan: 1–12 for a monthly schedule, 0 for a yearly plan."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        check.fail(
            f"the year must be between {FIRST_YEAR} and {LAST_YEAR}",
            UserErrorCode.OUT_OF_RANGE,
            "year",
        )
    if kind is PlanKind.YEARLY:
        if month is not None:
            check.fail("a yearly plan has no month", UserErrorCode.INVALID, "month")
        return 0
    if month is None:
        check.fail("a monthly schedule names its month", UserErrorCode.BLANK, "month")
        return 0
    if not 1 <= month <= 12:
        check.fail("the month must be 1–12", UserErrorCode.OUT_OF_RANGE, "month")
    return month


async def create_plan(
    ctx: Context,
    *,
    community_id: str,
    kind: PlanKind,
    year: int,
    month: int | None,
    title: str,
    notes: str | None,
) -> ServicePlan:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check = Checks()
    stored_month = _period(check, kind, year, month)
    plan = ServicePlan(
        community_id=community.id,
        kind=kind,
        year=year,
        month=stored_month,
        title=check(clean_text, title, "title", max_length=100),
        notes=check(clean_text, notes or "", "notes", max_length=1000, required=False),
    )
    check.done()
    taken = await ctx.session.scalar(
        select(ServicePlan.id).where(
            ServicePlan.community_id == community.id,
            ServicePlan.kind == kind,
            ServicePlan.year == year,
            ServicePlan.month == stored_month,
        )
    )
    if taken is not None:
        period = f"{year}" if kind is PlanKind.YEARLY else f"{year}-{stored_month:02d}"
        raise UserErrors.single(
            f"the community already has a {kind.value.lower()} plan for {period}",
            UserErrorCode.PLAN_EXISTS,
            "month" if kind is PlanKind.MONTHLY else "year",
        )
    ctx.session.add(plan)
    await ctx.session.flush()
    return plan


def _in_period(plan: ServicePlan, day: date) -> bool:
    return day.year == plan.year and (plan.kind is PlanKind.YEARLY or day.month == plan.month)


async def add_planned_service(
    ctx: Context,
    *,
    plan_id: str,
    scheduled_on: date,
    category: ServiceCategory,
    local_item_id: str | None,
    team_id: str | None,
    title: str,
    tie_in: PartyTieIn,
) -> PlannedService:
    """A service on a plan: inside the plan's period; a LOCAL service names one of the
    community's own items (and only it does); a party-day service falls on the 28th."""
    plan = await load_as(ctx, plan_id, ServicePlan)
    await authorize(ctx, plan)
    item = None if local_item_id is None else await load_as(ctx, local_item_id, LocalServiceItem)
    team = None if team_id is None else await load_as(ctx, team_id, VolunteerTeam)
    check = Checks()
    cleaned = check(clean_text, title, "title", max_length=100)
    if not _in_period(plan, scheduled_on):
        period = f"{plan.year}" if plan.kind is PlanKind.YEARLY else f"{plan.year}-{plan.month:02d}"
        check.fail(
            f"{scheduled_on.isoformat()} is outside the plan's period {period}",
            UserErrorCode.OUT_OF_RANGE,
            "scheduledOn",
        )
    if category is ServiceCategory.LOCAL:
        if item is None:
            check.fail(
                "a LOCAL service names one of the community's items",
                UserErrorCode.BLANK,
                "localItemId",
            )
        elif item.community_id != plan.community_id:
            check.fail(
                "the item belongs to another community", UserErrorCode.OUT_OF_AREA, "localItemId"
            )
        elif item.archived_at is not None:
            check.fail(f"item {item.name!r} is archived", UserErrorCode.ARCHIVED, "localItemId")
    elif item is not None:
        check.fail("only a LOCAL service names a local item", UserErrorCode.INVALID, "localItemId")
    if team is not None and team.archived_at is not None:
        check.fail(f"team {team.name!r} is archived", UserErrorCode.ARCHIVED, "teamId")
    if tie_in is PartyTieIn.PARTY_DAY and scheduled_on.day != PARTY_DAY:
        check.fail(
            "the themed party day (主题党日) is the 28th of the month",
            UserErrorCode.INVALID,
            "tieIn",
        )
    check.done()
    assert cleaned is not None
    service = PlannedService(
        plan_id=plan.id,
        scheduled_on=scheduled_on,
        category=category,
        local_item_id=None if item is None else item.id,
        team_id=None if team is None else team.id,
        title=cleaned,
        tie_in=tie_in,
    )
    ctx.session.add(service)
    await ctx.session.flush()
    return service


async def publish_month(
    ctx: Context, *, community_id: str, year: int, month: int
) -> MonthlyPublication:
    """Freeze a finished month's figures for the community: later changes to orders do
    not alter what was published."""
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    today = clock.today()
    if not 1 <= month <= 12 or year < FIRST_YEAR:
        raise UserErrors.single("the month must be 1–12", UserErrorCode.OUT_OF_RANGE, "month")
    if (year, month) >= (today.year, today.month):
        raise UserErrors.single(
            f"{year}-{month:02d} has not ended yet (district calendar)",
            UserErrorCode.OUT_OF_RANGE,
            "month",
        )
    published = await ctx.session.scalar(
        select(MonthlyPublication.published_at).where(
            MonthlyPublication.community_id == community.id,
            MonthlyPublication.year == year,
            MonthlyPublication.month == month,
        )
    )
    if published is not None:
        raise UserErrors.single(
            f"{year}-{month:02d} was already published", UserErrorCode.ALREADY_PUBLISHED, "month"
        )
    (figures,) = await month_figures(ctx.session, year, month, community_id=community.id)
    publication = MonthlyPublication(
        community_id=community.id,
        year=year,
        month=month,
        services=figures.services,
        minutes=figures.minutes,
        volunteers=figures.volunteers,
        recipients_served=figures.recipients_served,
        key_recipients_served=figures.key_recipients_served,
        ratings=figures.ratings,
        average_rating=figures.average_rating,
        published_at=clock.now(),
        published_by_user_id=ctx.viewer.user_id,
    )
    ctx.session.add(publication)
    await ctx.session.flush()
    return publication
