"""Volunteer services through the year (志愿服务): residents and key recipients order,
secretaries dispatch, team leads accept or decline, volunteers claim, serve and complete,
residents rate; monthly schedules, a Friday check for the weekly minimum, a Saturday
re-check for weeks whose only service fell through, and the monthly publication.
Volumes and waits come from simulation/scale.py."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.loop import Step, World
from simulation.year.order_chain import OrderChain
from simulation.year.report import Section
from simulation.year.roster import Community, Recipient
from simulation.year.service_kpis import DONE, OrderRecord
from simulation.year.service_report import service_section

CATEGORIES = (
    "HOME_ENVIRONMENT",
    "DAILY_CARE",
    "TUTORING_AND_CHILD_CARE",
    "ERRANDS",
    "PSYCHOLOGICAL_COUNSELLING",
    "HEALTH_CARE",
)
PLAN = """
mutation CreateServicePlan($input: CreateServicePlanInput!) {
  createServicePlan(input: $input) { servicePlan { id } userErrors { code message } }
}"""
PLANNED = """
mutation AddPlannedService($input: AddPlannedServiceInput!) {
  addPlannedService(input: $input) { plannedService { id } userErrors { code message } }
}"""
PUBLISH = """
mutation PublishMonthlyReport($input: PublishMonthlyReportInput!) {
  publishMonthlyReport(input: $input) { monthlyPublication { id } userErrors { code message } }
}"""
# Statuses in which a team has taken the order on: it will most likely be served.
TAKEN_ON = frozenset({"ACCEPTED", "CLAIMED", "IN_SERVICE", "COMPLETED", "RATED"})
# What the chain notes when an order stops for want of a team or a free volunteer.
STUCK = frozenset({"NO_TEAM", "NOBODY_FREE"})
# A volunteer has claimed the order: it is in hand even once its time has come.
CLAIMED = frozenset({"CLAIMED", "IN_SERVICE"})


@activity
class Volunteering:
    name: ClassVar[str] = "volunteering"

    def __init__(self, world: World) -> None:
        self.world = world
        self.chain = OrderChain(world)
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.publications = 0
        self.plans = 0
        self.planned_services = 0
        self.weekend_bookings = 0

    @property
    def records(self) -> list[OrderRecord]:
        return self.chain.records

    def start(self) -> None:
        period = self.world.period
        for community in self.world.roster.communities.values():
            if community.secretary is None:
                continue
            self._demand(community)
            self.world.schedule(
                period.moment(period.start, 9), self._yearly_plan(community, period.start.year)
            )
            for year, month in period.months():
                first = date(year, month, 1)
                plan_day = max(period.start, first - timedelta(days=6))
                self.world.schedule(
                    period.moment(plan_day, 10), self._monthly_plan(community, first)
                )
                following = (first + timedelta(days=32)).replace(day=1)
                if first >= period.start and following < period.end:
                    self.world.schedule(
                        period.moment(following, 10), self._publish(community, first)
                    )
            for monday in period.weeks():
                self.schedule_week_checks(community, monday)

    def schedule_week_checks(self, community: Community, monday: date) -> None:
        """The secretary's checks of the weekly minimum: Friday's, and Saturday's looks."""
        period = self.world.period
        friday = monday + timedelta(days=scale.WEEKLY_CHECK_WEEKDAY)
        self.world.schedule(period.moment(friday, 9), self._weekly_check(community, monday))
        saturday = monday + timedelta(days=scale.WEEKEND_RECHECK_WEEKDAY)
        for hour in scale.WEEKEND_RECHECK_HOURS:
            self.world.schedule(
                period.moment(saturday, hour), self._weekend_recheck(community, monday)
            )

    def _demand(self, community: Community) -> None:
        """Residents' own orders: a Poisson number a week at random waking hours."""
        period = self.world.period
        for monday in [*period.weeks()]:
            for _ in range(_poisson(self.rng, scale.DEMAND_ORDERS_PER_COMMUNITY_WEEK)):
                day = monday + timedelta(days=self.rng.randrange(7))
                hour = self.rng.uniform(*scale.ORDER_HOURS)
                self.world.schedule(period.moment(day, hour), self._resident_order(community))

    def _resident_order(self, community: Community) -> Any:
        async def act(step: Step) -> None:
            recipient, key = self._recipient(step.rng, community)
            if recipient is None:
                return
            on_behalf = key and step.rng.random() < scale.SHARE_ORDERED_ON_BEHALF
            placer = (
                self._on_behalf_placer(community, recipient) if on_behalf else recipient.username
            )
            lead_days = step.rng.randint(*scale.ORDER_LEAD_DAYS)
            day = step.at.astimezone(self.world.period.begins.tzinfo).date() + timedelta(
                days=lead_days
            )
            await self.chain.place(
                step,
                community,
                recipient,
                placer,
                key=key,
                planned=False,
                category=self._category(step.rng, community, recipient),
                start=self.world.period.moment(day, step.rng.choice(scale.SERVICE_SLOTS)),
            )

        return act

    def _recipient(self, rng: random.Random, community: Community) -> tuple[Recipient | None, bool]:
        key = rng.random() < scale.SHARE_FOR_KEY_RECIPIENTS and bool(community.key_recipients)
        pool = community.key_recipients if key else community.residents
        return (rng.choice(pool) if pool else None), key

    @staticmethod
    def _on_behalf_placer(community: Community, recipient: Recipient) -> str:
        """The recipient's grid leader, else the community's secretary (代点单)."""
        for grid in community.grids:
            if grid.id == recipient.grid_id and grid.leader:
                return grid.leader
        assert community.secretary is not None
        return community.secretary

    @staticmethod
    def _category(rng: random.Random, community: Community, recipient: Recipient) -> str:
        if recipient.needs:
            return rng.choice(recipient.needs)
        return rng.choice(CATEGORIES)

    def _planned_order(self, community: Community, category: str) -> Any:
        """A planned service, placed by the secretary for a key recipient two days ahead."""

        async def act(step: Step) -> None:
            day = step.at.astimezone(self.world.period.begins.tzinfo).date()
            start = self.world.period.moment(
                day + timedelta(days=scale.PLANNED_ORDER_LEAD_DAYS), scale.SERVICE_SLOTS[0]
            )
            await self._book(step, community, category, start)

        return act

    async def _book(
        self, step: Step, community: Community, category: str, start: datetime
    ) -> OrderRecord | None:
        """The secretary places a service at `start` for one of the community's key
        recipients (a resident where it has none)."""
        pool = community.key_recipients or community.residents
        if not pool:
            return None
        recipient = step.rng.choice(pool)
        assert community.secretary is not None
        return await self.chain.place(
            step,
            community,
            recipient,
            community.secretary,
            key=recipient.key_recipient_id is not None,
            planned=True,
            category=category,
            start=start,
        )

    def _weekly_check(self, community: Community, monday: date) -> Any:
        """Friday: no service of this week done or taken on by a team (an order still waiting
        for a team may yet be declined or cancelled) → the secretary books one for Sunday."""

        async def act(step: Step) -> None:
            booked = [
                r
                for r in self.chain.by_community[community.id]
                if r.status in TAKEN_ON and r.started_week == monday
            ]
            if booked:
                return
            category = step.rng.choice(CATEGORIES)
            await self._planned_order(community, category)(step)

        return act

    def _weekend_recheck(self, community: Community, monday: date) -> Any:
        """Saturday: when no service of this week is done or still on its way (the only one
        was cancelled, or found no team or no free volunteer), the secretary books one for
        Sunday afternoon."""

        async def act(step: Step) -> None:
            if any(on_its_way(r, step.at) for r in self._week(community, monday)):
                return
            sunday = monday + timedelta(days=6)
            start = self.world.period.moment(sunday, scale.WEEKEND_SERVICE_SLOT)
            booked = await self._book(step, community, step.rng.choice(CATEGORIES), start)
            self.weekend_bookings += booked is not None and booked.id is not None

        return act

    def _week(self, community: Community, monday: date) -> list[OrderRecord]:
        return [r for r in self.chain.by_community[community.id] if r.started_week == monday]

    def _yearly_plan(self, community: Community, year: int) -> Any:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            payload = await self.world.api.mutate(
                PLAN,
                {
                    "communityId": community.id,
                    "kind": "YEARLY",
                    "year": year,
                    "title": f"{community.name}{year}年志愿服务年度计划",
                },
                user=community.secretary,
                at=step.at,
            )
            self.plans += payload["servicePlan"] is not None

        return act

    def _monthly_plan(self, community: Community, first: date) -> Any:
        """The month's schedule: one service on the 28th party day, one tied to "three
        meetings and one lesson", the rest ordinary; each becomes an order on its day."""

        async def act(step: Step) -> None:
            assert community.secretary is not None
            payload = await self.world.api.mutate(
                PLAN,
                {
                    "communityId": community.id,
                    "kind": "MONTHLY",
                    "year": first.year,
                    "month": first.month,
                    "title": f"{community.name}{first.month}月服务安排",
                },
                user=community.secretary,
                at=step.at,
            )
            plan = payload["servicePlan"]
            if plan is None:
                return
            self.plans += 1
            count = step.rng.randint(*scale.PLANNED_SERVICES_PER_MONTH)
            days = [*sorted(step.rng.sample(range(1, 28), count - 1)), 28]
            for n, day_of_month in enumerate(days):
                day = first.replace(day=day_of_month)
                tie_in = (
                    "PARTY_DAY"
                    if day_of_month == 28
                    else ("THREE_MEETINGS_ONE_LESSON" if n == 0 else "NONE")
                )
                category = step.rng.choice(CATEGORIES)
                added = await self.world.api.mutate(
                    PLANNED,
                    {
                        "planId": plan["id"],
                        "scheduledOn": day.isoformat(),
                        "category": category,
                        "title": f"{community.name}{day.month}月{day.day}日志愿服务",
                        "tieIn": tie_in,
                    },
                    user=community.secretary,
                    at=step.at,
                )
                self.planned_services += added["plannedService"] is not None
                place_on = day - timedelta(days=scale.PLANNED_ORDER_LEAD_DAYS)
                moment = self.world.period.moment(place_on, 8.5)
                if moment > step.at:
                    step.then(moment, self._planned_order(community, category))

        return act

    def _publish(self, community: Community, first: date) -> Any:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            payload = await self.world.api.mutate(
                PUBLISH,
                {"communityId": community.id, "year": first.year, "month": first.month},
                user=community.secretary,
                at=step.at,
            )
            self.publications += payload["monthlyPublication"] is not None

        return act

    async def report(self) -> Section:
        section = await service_section(self.world, self.records)
        section.details.update(
            plans=self.plans,
            plannedServices=self.planned_services,
            publications=self.publications,
            weekendBookings=self.weekend_bookings,
            problems=self.chain.problem_counts(),
        )
        return section


def on_its_way(record: OrderRecord, now: datetime) -> bool:
    """Done; or placed, neither cancelled nor stopped for want of a team or a volunteer,
    and claimed by a volunteer or still ahead of its time."""
    if record.status in DONE:
        return True
    return (
        record.id is not None
        and record.status != "CANCELLED"
        and not STUCK.intersection(record.problems)
        and (
            record.status in CLAIMED
            or record.started_at is not None
            or (record.scheduled_start is not None and record.scheduled_start > now)
        )
    )


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw by counting exponential gaps (mean is small)."""
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count
