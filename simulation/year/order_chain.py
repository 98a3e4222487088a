"""One service order's way through the API (订单流转), step by step, each step as the
user who takes it and at its simulated moment: place → dispatch → accept (or decline
and re-dispatch) → claim → start (or a no-show and reassignment) → complete → rate, or a
cancellation. What the API answers is kept in an OrderRecord for the report."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

from simulation import scale
from simulation.year.api import mutation
from simulation.year.loop import Action, Step, World
from simulation.year.roster import Community, Recipient, Team, Volunteer
from simulation.year.service_kpis import OrderRecord

ORDER_FIELDS = """
  serviceOrder {
    id status placedAt dispatchedAt claimedAt startedAt completedAt minutes rating
  }
  userErrors { code message }"""


def _step(name: str, input_type: str) -> str:
    return mutation(name, input_type, ORDER_FIELDS)


PLACE = _step("placeServiceOrder", "PlaceServiceOrderInput")
DISPATCH = _step("dispatchServiceOrder", "DispatchServiceOrderInput")
ACCEPT = _step("acceptServiceOrder", "OrderInput")
DECLINE = _step("declineServiceOrder", "OrderReasonInput")
CLAIM = _step("claimServiceOrder", "OrderInput")
START = _step("startService", "OrderInput")
COMPLETE = _step("completeService", "CompleteServiceInput")
RATE = _step("rateServiceOrder", "RateServiceOrderInput")
CANCEL = _step("cancelServiceOrder", "OrderReasonInput")
REASSIGN = _step("reassignServiceOrder", "ReassignServiceOrderInput")
STAMPS = {
    "placedAt": "placed_at",
    "dispatchedAt": "dispatched_at",
    "claimedAt": "claimed_at",
    "startedAt": "started_at",
    "completedAt": "completed_at",
}


def _hours(step: Step, bounds: tuple[float, float]) -> timedelta:
    return timedelta(hours=step.rng.uniform(*bounds))


class OrderChain:
    def __init__(self, world: World) -> None:
        self.world = world
        self.records: list[OrderRecord] = []
        self.by_community: dict[str, list[OrderRecord]] = defaultdict(list)
        # Volunteers' booked times as the simulation knows them, so that it does not
        # send a volunteer to two services at once (the API would refuse: DOUBLE_BOOKED).
        self.booked: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)

    def problem_counts(self) -> dict[str, int]:
        return dict(Counter(p for r in self.records for p in r.problems))

    async def _send(
        self, step: Step, record: OrderRecord, document: str, input: dict[str, Any], user: str
    ) -> bool:
        """One step; the record takes the order's state from the answer. False (and the
        user error noted) when the API refused the step as a business outcome."""
        if record.id is not None:
            input = {"orderId": record.id, **input}
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            record.problems.append(payload["userErrors"][0]["code"])
            return False
        order = payload["serviceOrder"]
        record.id = order["id"]
        record.status = order["status"]
        for field, attribute in STAMPS.items():
            if order[field]:
                setattr(record, attribute, datetime.fromisoformat(order[field]))
        record.minutes, record.rating = order["minutes"], order["rating"]
        return True

    async def place(
        self,
        step: Step,
        community: Community,
        recipient: Recipient,
        placer: str,
        *,
        key: bool,
        planned: bool,
        category: str,
        start: datetime,
    ) -> OrderRecord:
        """Place the order and schedule its next step; the record shows what the API
        answered."""
        minutes = step.rng.randint(*scale.SERVICE_MINUTES)
        end = start + timedelta(minutes=minutes)
        record = OrderRecord(
            community.id,
            recipient.grid_id,
            recipient.person_id,
            key,
            planned,
            scheduled_start=start,
        )
        self.records.append(record)
        self.by_community[community.id].append(record)
        placed = await self._send(
            step,
            record,
            PLACE,
            {
                "recipientId": recipient.person_id,
                "category": category,
                "title": f"{category.lower().replace('_', ' ')} for {recipient.username}",
                "scheduledStart": start.isoformat(),
                "scheduledEnd": end.isoformat(),
            },
            placer,
        )
        if not placed:
            return record
        cancel = step.rng.random() < scale.SHARE_CANCELLED
        rater = placer if step.rng.random() < scale.SHARE_RATED else None
        chain = _Order(self, record, community, category, placer, rater, minutes, cancel)
        step.then(step.at + _hours(step, scale.DISPATCH_HOURS), chain.dispatch)
        return record


class _Order:
    """The remaining steps of one placed order."""

    def __init__(
        self,
        chain: OrderChain,
        record: OrderRecord,
        community: Community,
        category: str,
        placer: str,
        rater: str | None,
        minutes: int,
        cancel: bool,
    ) -> None:
        self.chain, self.record, self.community = chain, record, community
        self.category, self.placer, self.rater = category, placer, rater
        self.minutes, self.cancel = minutes, cancel
        self.declined: set[str] = set()
        self.team: Team | None = None
        self.volunteer: Volunteer | None = None

    @property
    def start(self) -> datetime:
        assert self.record.scheduled_start is not None
        return self.record.scheduled_start

    def _teams(self) -> list[Team]:
        serving = self.chain.world.roster.teams_serving(self.community)
        open_teams = [t for t in serving if t.id not in self.declined and t.lead and t.volunteers]
        fitting = [t for t in open_teams if self.category in t.categories]
        return fitting or open_teams

    async def dispatch(self, step: Step) -> None:
        teams = self._teams()
        secretary = self.community.secretary
        if not teams or secretary is None:
            self.record.problems.append("NO_TEAM")
            return
        self.team = teams[0] if step.rng.random() < 0.7 else step.rng.choice(teams)
        if not await self.chain._send(
            step, self.record, DISPATCH, {"teamId": self.team.id}, secretary
        ):
            return
        if self.cancel:
            step.then(step.at + timedelta(hours=1), self.cancelled)
            return
        step.then(step.at + _hours(step, scale.ACCEPT_HOURS), self.answer)

    async def cancelled(self, step: Step) -> None:
        await self.chain._send(
            step, self.record, CANCEL, {"reason": "家中临时有事，改期再约"}, self.placer
        )

    async def answer(self, step: Step) -> None:
        """The lead accepts, or declines (no hands free) and the community re-dispatches."""
        assert self.team is not None
        assert self.team.lead is not None
        if step.rng.random() < scale.SHARE_DECLINED_ONCE and not self.declined:
            if await self.chain._send(
                step, self.record, DECLINE, {"reason": "本周人手不足"}, self.team.lead
            ):
                self.record.declines += 1
                self.declined.add(self.team.id)
                step.then(step.at + timedelta(hours=1), self.dispatch)
            return
        if await self.chain._send(step, self.record, ACCEPT, {}, self.team.lead):
            latest = max(step.at + timedelta(minutes=10), self.start - timedelta(hours=1))
            claim_at = min(step.at + _hours(step, scale.CLAIM_HOURS), latest)
            step.then(claim_at, self.claim)

    def _candidates(self, step: Step) -> list[Volunteer]:
        """The team's free volunteers, skilled ones and its core first, drawn by weight."""
        assert self.team is not None
        end = self.start + timedelta(minutes=self.minutes)
        free = [
            v
            for v in self.team.volunteers
            if v is not self.volunteer
            and all(e <= self.start or s >= end for s, e in self.chain.booked[v.username])
        ]
        weights = [
            (scale.CORE_WEIGHT if n < scale.CORE_VOLUNTEERS else 1)
            * (2 if self.category in v.skills else 1)
            for n, v in enumerate(free)
        ]
        ordered: list[Volunteer] = []
        while free:
            pick = step.rng.choices(range(len(free)), weights)[0]
            ordered.append(free.pop(pick))
            weights.pop(pick)
        return ordered[:3]

    async def claim(self, step: Step) -> None:
        end = self.start + timedelta(minutes=self.minutes)
        for volunteer in self._candidates(step):
            # Booked before the call, so that concurrent claims in the window see it.
            self.chain.booked[volunteer.username].append((self.start, end))
            if await self.chain._send(step, self.record, CLAIM, {}, volunteer.username):
                self.volunteer = volunteer
                self.record.claimer = volunteer.id
                break
            self.chain.booked[volunteer.username].remove((self.start, end))
        else:
            self.record.problems.append("NOBODY_FREE")
            return
        if step.rng.random() < scale.SHARE_NO_SHOW and not self.record.no_shows:
            step.then(max(step.at, self.start) + timedelta(minutes=30), self.no_show)
            return
        step.then(max(step.at, self.start) + timedelta(minutes=step.rng.uniform(0, 10)), self.begin)

    async def no_show(self, step: Step) -> None:
        """The claimer did not come: the community sends the order back to the team."""
        assert self.team is not None
        assert self.community.secretary is not None
        if await self.chain._send(
            step,
            self.record,
            REASSIGN,
            {"reason": "志愿者未按时到场", "teamId": self.team.id, "noShow": True},
            self.community.secretary,
        ):
            self.record.no_shows += 1
            self.record.claimer = None
            assert self.volunteer is not None
            end = self.start + timedelta(minutes=self.minutes)
            self.chain.booked[self.volunteer.username].remove((self.start, end))
            step.then(step.at + timedelta(minutes=15), self.reaccept)

    async def reaccept(self, step: Step) -> None:
        assert self.team is not None
        assert self.team.lead is not None
        if await self.chain._send(step, self.record, ACCEPT, {}, self.team.lead):
            step.then(step.at + timedelta(minutes=10), self.claim)

    async def begin(self, step: Step) -> None:
        assert self.volunteer is not None
        if await self.chain._send(step, self.record, START, {}, self.volunteer.username):
            minutes = max(15, round(self.minutes * step.rng.uniform(0.8, 1.2)))
            step.then(step.at + timedelta(minutes=minutes), self.complete(minutes))

    def complete(self, minutes: int) -> Action:
        async def act(step: Step) -> None:
            assert self.volunteer is not None
            done = await self.chain._send(
                step, self.record, COMPLETE, {"minutes": minutes}, self.volunteer.username
            )
            if done and self.rater is not None:
                step.then(step.at + _hours(step, scale.RATE_HOURS), self.rate)

        return act

    async def rate(self, step: Step) -> None:
        assert self.rater is not None
        rating = step.rng.choices(list(scale.RATING_WEIGHTS), list(scale.RATING_WEIGHTS.values()))[
            0
        ]
        await self.chain._send(step, self.record, RATE, {"rating": rating}, self.rater)
