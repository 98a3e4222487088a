"""Volunteer services of the generated district: teams and volunteers, key recipients,
half a year of orders along the order chain (as the API would write them), plans and
monthly publications (projects are generator/projects.py's).

Community by community, like the rest of the district: only the wider teams are held for
the whole run; everything else is written as its community is.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from db.models import (
    AccountRole,
    OrderAction,
    OrderStatus,
    PartyTieIn,
    PlanKind,
    RecipientKind,
    ServiceCategory,
    TeamLevel,
)
from resolvers.volunteering.workflow import ORDERS
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ, local
from simulation.generator.accounts import GrantRow
from simulation.generator.plan import District, Resident, apportion
from simulation.generator.service_providers import NO_SHOW_REASON, ORDER_TITLES, ServiceProvider

SIX = [category for category in ServiceCategory if category is not ServiceCategory.LOCAL]
# The report's monthly schedules: January to July.
REPORT_PLAN_MONTHS = 7
S, A = OrderStatus, OrderAction


@dataclass
class Member:
    volunteer: int
    person: int
    user: int | None
    bookings: list[tuple[datetime, datetime]] = field(default_factory=list)

    def free(self, start: datetime, end: datetime) -> bool:
        return all(end <= s or start >= e for s, e in self.bookings)


@dataclass
class Month:
    """What a community's services came to in a month (for its publication)."""

    services: int = 0
    minutes: int = 0
    ratings: int = 0
    rating_sum: int = 0
    volunteers: set[int] = field(default_factory=set)
    recipients: set[int] = field(default_factory=set)
    key_recipients: set[int] = field(default_factory=set)


class ServiceGenerator:
    """Teams and volunteers, key recipients, the order history, publications and plans."""

    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng: random.Random = generator.rng
        self.text = ServiceProvider(generator.faker)
        self.district_teams: list[int] = []
        self.street_teams: dict[int, list[int]] = defaultdict(list)
        self.led: set[int] = set()
        self.team_serial = 0
        self.per_community: dict[str, list[int]] = {}
        # The party meeting a planned service is held with (the training generator's).
        self.held_with: Callable[[int, int, int, PartyTieIn], int | None] = lambda *_: None

    # --- before the communities ----------------------------------------------------------

    async def prepare(self, district: int, subdistricts: Sequence[tuple[int, int, str]]) -> None:
        scale, plan = self.g.scale, self.g.plan
        for n in range(scale.of(figures.DISTRICT_TEAMS)):
            self.district_teams.append(
                await self.team(
                    TeamLevel.DISTRICT, self.text.wider_team_name("市中区", n), district_id=district
                )
            )
        for street, _, name in subdistricts:
            for n in range(figures.STREET_TEAMS_PER_SUBDISTRICT):
                self.street_teams[street].append(
                    await self.team(
                        TeamLevel.STREET, self.text.wider_team_name(name, n), street_id=street
                    )
                )
        weights = [float(grids) for grids in plan.grids]
        expected = scale.expected()
        self.per_community = {
            "teams": apportion(scale.teams - scale.wider_teams, weights, minimum=1),
            "recipients": apportion(expected["key_recipients"], weights),
        }

    async def team(self, level: TeamLevel, name: str, **node: int) -> int:
        self.team_serial += 1
        return await self.w.add(
            "volunteer_teams",
            {
                "name": name,
                "level": level,
                "categories": sorted(c.value for c in self.rng.sample(SIX, self.rng.randint(2, 4))),
                "founded_on": self.g.day(date(2019, 1, 1)),
                "archived_at": None,
                **node,
                **self.g.stamps(),
            },
        )

    # --- one community ----------------------------------------------------------------------

    async def community(
        self,
        index: int,
        community: int,
        name: str,
        street: int,
        buildings: Sequence[int],
        residents: Sequence[Resident],
        secretary: Resident,
    ) -> None:
        items = await self.local_items(community)
        teams = await self.teams(index, community, name, street, residents)
        recipients = await self.key_recipients(index, community, buildings)
        months = await self.orders(community, teams, recipients, residents, secretary)
        await self.publications(community, months)
        await self.plans(community, teams, items)

    def serving(self, index: int) -> list[int]:
        """The district teams serving the community at `index`: all of them up to
        DISTRICT_TEAMS (scale 1), else DISTRICT_TEAMS in a row (one of each specialty),
        the run moving along with the community, so that a team keeps its scale-1 size and
        its memberships and grants grow with the scale rather than with its square."""
        teams = self.district_teams
        if len(teams) <= figures.DISTRICT_TEAMS:
            return teams
        start = index * len(teams) // len(self.g.plan.communities)
        return sorted(teams[(start + k) % len(teams)] for k in range(figures.DISTRICT_TEAMS))

    async def local_items(self, community: int) -> list[int]:
        names = sorted(
            {
                self.text.local_item()
                for _ in range(self.rng.randint(*figures.LOCAL_ITEMS_PER_COMMUNITY))
            }
        )
        return [
            await self.w.add(
                "local_service_items",
                {
                    "community_id": community,
                    "name": n,
                    "description": "",
                    "archived_at": None,
                    **self.g.stamps(),
                },
            )
            for n in names
        ]

    async def teams(
        self, index: int, community: int, name: str, street: int, residents: Sequence[Resident]
    ) -> dict[int, list[Member]]:
        """The community's teams and the members living here of the wider teams."""
        count = self.per_community["teams"][index]
        low, high = figures.TEAM_MEMBERS
        wider = [*self.serving(index), *self.street_teams.get(street, [])]
        seats = count * (low + high) // 2 + len(wider) * 2
        pool_size = min(len(residents), max(low, seats * 4 // 5))
        pool = self.rng.sample(list(residents), pool_size)
        volunteers: list[Member] = []
        for resident in pool:
            key = await self.w.add(
                "volunteers",
                {
                    "person_id": resident.person,
                    "skills": sorted(c.value for c in self.rng.sample(SIX, self.rng.randint(1, 3))),
                    "available_weekdays": self.rng.choice((127, 31, 96, 127)),
                    "available_from_minute": 8 * 60,
                    "available_until_minute": self.rng.choice((17, 18, 20)) * 60,
                    "registered_on": self.g.day(date(2019, 6, 1)),
                    "no_shows": 0,
                    "active": True,
                    **self.g.stamps(),
                },
            )
            volunteers.append(Member(key, resident.person, resident.user))
        grants: dict[int, list[GrantRow]] = defaultdict(list)
        members: dict[int, list[Member]] = {}
        ordinal = self.rng.randrange(10)
        for n in range(count):
            team = await self.team(
                TeamLevel.COMMUNITY,
                self.text.team_name(name, (ordinal + n) % 100),
                community_id=community,
            )
            members[team] = self.rng.sample(
                volunteers, min(len(volunteers), self.rng.randint(low, high))
            )
        for team in wider:
            members[team] = self.rng.sample(
                volunteers,
                min(len(volunteers), self.rng.randint(*figures.WIDER_TEAM_MEMBERS_PER_COMMUNITY)),
            )
        for team, chosen in members.items():
            for position, member in enumerate(chosen):
                lead = position == 0 and team not in self.led
                if lead:
                    self.led.add(team)
                    grants[member.person].append((AccountRole.TEAM_LEAD, "team_id", team))
                grants[member.person].append((AccountRole.VOLUNTEER, "team_id", team))
                await self.w.add(
                    "team_memberships",
                    {
                        "team_id": team,
                        "volunteer_id": member.volunteer,
                        "is_lead": lead,
                        "joined_on": self.g.day(date(2019, 6, 1)),
                        "left_on": None,
                        **self.g.stamps(),
                    },
                )
        if self.g.accounts is not None:
            for member in volunteers:
                if member.user is not None and grants[member.person]:
                    await self.g.accounts.grant(member.user, grants[member.person])
        return members

    async def key_recipients(
        self, index: int, community: int, buildings: Sequence[int]
    ) -> list[tuple[int, int | None]]:
        kinds = list(figures.RECIPIENT_KIND_SHARES)
        weights = list(figures.RECIPIENT_KIND_SHARES.values())
        found = []
        for _ in range(self.per_community["recipients"][index]):
            kind = RecipientKind(self.rng.choices(kinds, weights)[0])
            years = (
                figures.ORPHAN_BIRTH_YEARS
                if kind is RecipientKind.ORPHAN
                else figures.RECIPIENT_BIRTH_YEARS
            )
            person, person_name = await self.g.person(self.rng.choice(buildings), years=years)
            user = await self.g.account(
                person, person_name, [(AccountRole.RESIDENT, "community_id", community)]
            )
            await self.w.add(
                "key_recipients",
                {
                    "person_id": person,
                    "community_id": community,
                    "kind": kind,
                    "needs": sorted(c.value for c in self.rng.sample(SIX, self.rng.randint(1, 3))),
                    "needs_note": self.text.needs_note(),
                    "registered_on": self.g.day(date(2020, 1, 1)),
                    "ended_on": None,
                    **self.g.stamps(),
                },
            )
            found.append((person, user))
        return found

    # --- orders ----------------------------------------------------------------------------

    async def orders(
        self,
        community: int,
        teams: dict[int, list[Member]],
        recipients: Sequence[tuple[int, int | None]],
        residents: Sequence[Resident],
        secretary: Resident,
    ) -> dict[tuple[int, int], Month]:
        months: dict[tuple[int, int], Month] = defaultdict(Month)
        keys = {person for person, _ in recipients}
        staffed = [team for team, members in teams.items() if members]

        async def order(first: date, *, done: bool, open_: bool = False) -> None:
            await self.order(
                community,
                first,
                staffed,
                teams,
                recipients,
                residents,
                secretary,
                keys,
                months,
                done=done,
                open_=open_,
            )

        for week in range(figures.HISTORY_WEEKS):
            first = self.g.timeline.orders_start + timedelta(weeks=week)
            for _ in range(self.rng.randint(*figures.SERVICES_PER_WEEK)):
                await order(first, done=True)
            if self.rng.random() < figures.SHARE_CANCELLED * 2:
                await order(first, done=False)
        last = self.g.timeline.as_of  # the week after the history
        for _ in range(self.rng.randint(*figures.OPEN_ORDERS_PER_COMMUNITY)):
            await order(last, done=False, open_=True)
        return months

    async def order(
        self,
        community: int,
        first: date,
        staffed: list[int],
        teams: dict[int, list[Member]],
        recipients: Sequence[tuple[int, int | None]],
        residents: Sequence[Resident],
        secretary: Resident,
        keys: set[int],
        months: dict[tuple[int, int], Month],
        *,
        done: bool,
        open_: bool = False,
    ) -> None:
        """An order of the week beginning on `first`, done, cancelled or still open."""
        rng = self.rng
        if recipients and rng.random() < figures.SHARE_FOR_KEY_RECIPIENTS:
            recipient = rng.choice(recipients)[0]
        else:
            recipient = rng.choice(residents).person
        category = rng.choice(SIX)
        day = first + timedelta(days=rng.randrange(7))
        start = local(day, rng.randint(8, 15), rng.choice((0, 30)))
        end = start + timedelta(hours=rng.randint(1, 3))
        placed = start - timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 8))
        team = rng.choice(staffed)
        free = [m for m in teams[team] if m.free(start, end)]
        if not free:
            return  # everyone is booked then; the week has other orders
        key = self.w.new_id("service_orders")
        events: list[dict[str, Any]] = []
        hours: dict[str, Any] | None = None  # written after its order (foreign key)
        status: OrderStatus | None = None

        def event(
            action: OrderAction,
            at: datetime,
            actor: int,
            to: OrderStatus | None = None,
            **extra: Any,
        ) -> None:
            """The order moves as the API moves it: the chain's transitions and stamps."""
            nonlocal status
            transition = ORDERS.transition(action)
            target = transition.target if to is None else to
            assert status in transition.sources
            assert target in transition.targets
            for column in ORDERS.stamps(action, target):
                row[column] = at
            events.append(
                {
                    "order_id": key,
                    "action": action,
                    "from_status": status,
                    "to_status": target,
                    "at": at,
                    "actor_user_id": None,
                    "actor_person_id": actor,
                    "team_id": extra.get("team"),
                    "volunteer_id": extra.get("volunteer"),
                    "reason": extra.get("reason"),
                    "no_show": extra.get("no_show", False),
                }
            )
            status = target

        row: dict[str, Any] = {
            "id": key,
            "community_id": community,
            "recipient_id": recipient,
            "placed_by_user_id": None,
            "category": category,
            "local_item_id": None,
            "title": self.text.order_title(category),
            "description": "",
            "scheduled_start": start,
            "scheduled_end": end,
            "minutes": None,
            "rating": None,
            "rating_comment": None,
            "cancel_reason": None,
            "team_id": None,
            "claimer_id": None,
        }
        event(A.PLACE, placed, recipient)
        at = placed + timedelta(hours=rng.randint(1, 6))
        if rng.random() < figures.SHARE_DECLINED_ONCE and len(staffed) > 1:
            event(A.DISPATCH, at, secretary.person, team=team)
            at += timedelta(hours=rng.randint(1, 4))
            lead = teams[team][0].person
            event(A.DECLINE, at, lead, team=team, reason=self.text.decline_reason())
            at += timedelta(hours=1)
            team = rng.choice([t for t in staffed if t != team])
            free = [m for m in teams[team] if m.free(start, end)]
            if not free:
                free = []
        event(A.DISPATCH, at, secretary.person, team=team)
        row["team_id"] = team
        stop = open_ and rng.random() < 0.4
        if not stop:
            at += timedelta(hours=rng.randint(1, 6))
            event(A.ACCEPT, at, teams[team][0].person, team=team)
        if not stop and free and (done or (open_ and rng.random() < 0.5)):
            claimer = rng.choice(free)
            at += timedelta(hours=rng.randint(1, 8))
            if done and rng.random() < figures.SHARE_NO_SHOW and len(free) > 1:
                # The first claimer does not turn up; the community reassigns before the
                # start and the team's lead takes the order on again for another member.
                event(A.CLAIM, at, claimer.person, team=team, volunteer=claimer.volunteer)
                at = min(at + timedelta(hours=1), start - timedelta(minutes=50))
                event(
                    A.REASSIGN,
                    at,
                    secretary.person,
                    team=team,
                    volunteer=claimer.volunteer,
                    reason=NO_SHOW_REASON,
                    no_show=True,
                )
                at += timedelta(minutes=10)
                event(A.ACCEPT, at, teams[team][0].person, team=team)
                claimer = rng.choice([m for m in free if m is not claimer])
                at += timedelta(minutes=10)
            row["claimer_id"] = claimer.volunteer
            event(A.CLAIM, at, claimer.person, team=team, volunteer=claimer.volunteer)
            claimer.bookings.append((start, end))
            if done:
                minutes = rng.randint(*figures.SERVICE_MINUTES)
                started = max(start, at)
                completed = started + timedelta(minutes=minutes)
                row["minutes"] = minutes
                event(A.START, started, claimer.person, team=team, volunteer=claimer.volunteer)
                event(A.COMPLETE, completed, claimer.person, team=team, volunteer=claimer.volunteer)
                served_on = started.astimezone(DISTRICT_TZ).date()
                hours = {
                    "order_id": key,
                    "volunteer_id": claimer.volunteer,
                    "team_id": team,
                    "community_id": community,
                    "served_on": served_on,
                    "minutes": minutes,
                    "recorded_at": completed,
                }
                month = months[(served_on.year, served_on.month)]
                month.services += 1
                month.minutes += minutes
                month.volunteers.add(claimer.volunteer)
                month.recipients.add(recipient)
                if recipient in keys:
                    month.key_recipients.add(recipient)
                if rng.random() < figures.SHARE_RATED:
                    rating = rng.choices(
                        list(figures.RATING_WEIGHTS), list(figures.RATING_WEIGHTS.values())
                    )[0]
                    rated = completed + timedelta(hours=rng.randint(1, 48))
                    row.update(rating=rating, rating_comment="服务周到" if rating >= 4 else None)
                    event(A.RATE, rated, recipient, team=team, volunteer=claimer.volunteer)
                    month.ratings += 1
                    month.rating_sum += rating
        if not done and not open_:
            at += timedelta(hours=1)
            reason = self.text.cancel_reason()
            row["cancel_reason"] = reason
            event(
                A.CANCEL,
                at,
                recipient,
                team=row["team_id"],
                volunteer=row["claimer_id"],
                reason=reason,
            )
        assert status is not None
        row["status"] = status
        row["status_changed_at"] = events[-1]["at"]
        await self.w.add("service_orders", {**row, **self.g.stamps()})
        if hours is not None:
            await self.w.add("volunteer_hours", hours)
        for each in events:
            await self.w.add("service_order_events", each)

    async def publications(self, community: int, months: dict[tuple[int, int], Month]) -> None:
        """The monthly publication (按月公示) of each month of the history published by the
        as-of day."""
        timeline = self.g.timeline
        for year, number in timeline.published_months():
            month = months.get((year, number), Month())
            await self.w.add(
                "monthly_publications",
                {
                    "community_id": community,
                    "year": year,
                    "month": number,
                    "services": month.services,
                    "minutes": month.minutes,
                    "volunteers": len(month.volunteers),
                    "recipients_served": len(month.recipients),
                    "key_recipients_served": len(month.key_recipients),
                    "ratings": month.ratings,
                    "average_rating": round(month.rating_sum / month.ratings, 2)
                    if month.ratings
                    else None,
                    "published_at": local(timeline.published_on(year, number), 10),
                    "published_by_user_id": None,
                },
            )

    async def plans(self, community: int, teams: dict[int, list[Member]], items: list[int]) -> None:
        """The yearly plan of the programme year and its monthly schedules up to the as-of's
        month (for the report: January to July 2022). The report's months are drawn from
        the district's streams whatever the as-of, written or not, so that every later draw
        (people, keys, accounts) is the same for any as-of; later months draw from the
        community's own stream."""
        year = self.g.timeline.year
        await self.w.add(
            "service_plans",
            {
                "community_id": community,
                "kind": PlanKind.YEARLY,
                "year": year,
                "month": 0,
                "title": f"{year}年志愿服务年度计划",
                "notes": "",
                **self.g.stamps(),
            },
        )
        own_teams = list(teams)
        written = self.g.timeline.plan_months()
        later = random.Random(f"{self.g.seed}:plans:{community}")
        for number in range(1, 13):
            if number > REPORT_PLAN_MONTHS and number not in written:
                return
            services = self.planned(
                year, number, items, own_teams, None if number <= REPORT_PLAN_MONTHS else later
            )
            if number not in written:
                continue
            plan = await self.w.add(
                "service_plans",
                {
                    "community_id": community,
                    "kind": PlanKind.MONTHLY,
                    "year": year,
                    "month": number,
                    "title": f"{year}年{number}月志愿服务安排",
                    "notes": "",
                    **self.g.stamps(),
                },
            )
            for service in services:
                meeting = self.held_with(community, year, number, service["tie_in"])
                await self.w.add(
                    "planned_services", {"plan_id": plan, **service, "party_meeting_id": meeting}
                )

    def planned(
        self,
        year: int,
        number: int,
        items: list[int],
        own_teams: list[int],
        rng: random.Random | None,
    ) -> list[dict[str, Any]]:
        """A month's planned services (one on the 28th party day, one tied to "three
        meetings and one lesson", the rest ordinary), drawn from `rng` or else the
        district's streams."""
        draw = rng or self.rng

        def title(category: ServiceCategory) -> str:
            if rng is None:
                return self.text.order_title(category)
            return rng.choice(ORDER_TITLES[category])

        services = []
        for n in range(draw.randint(*figures.PLANNED_SERVICES_PER_MONTH)):
            tie_in = (
                (PartyTieIn.PARTY_DAY, PartyTieIn.THREE_MEETINGS_ONE_LESSON)[n]
                if n < 2
                else PartyTieIn.NONE
            )
            day = date(year, number, 28 if tie_in is PartyTieIn.PARTY_DAY else draw.randint(1, 27))
            local_item = items and n == 2
            category = ServiceCategory.LOCAL if local_item else draw.choice(SIX)
            services.append(
                {
                    "scheduled_on": day,
                    "category": category,
                    "local_item_id": draw.choice(items) if local_item else None,
                    "team_id": draw.choice(own_teams) if own_teams else None,
                    "title": "28日主题党日志愿服务"
                    if tie_in is PartyTieIn.PARTY_DAY
                    else title(draw.choice(SIX)),
                    "tie_in": tie_in,
                    **self.g.stamps(),
                }
            )
        return services
