"""The simulated year: a discrete-event loop that plays the district's activities through
the GraphQL API, each request as the right user and at its simulated moment.

Events are ordered by (time, key). A key is the path of the events that led to it, so
an event's moment and random draws do not depend on which response came back first:
the same seed schedules the same year. Events within a window of the oldest running
one go to the API concurrently; what they find there (a volunteer already booked by a
neighbour, say) can differ in detail between runs.
"""

from __future__ import annotations

import asyncio
import heapq
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from simulation.district_time import DISTRICT_TZ
from simulation.year.api import Api, ApiError
from simulation.year.roster import Roster

Action = Callable[["Step"], Awaitable[None]]


@dataclass(frozen=True)
class Period:
    """The simulated days: `days` from `start` (a date in the district's calendar)."""

    start: date
    days: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days)

    def moment(self, day: date, hour: float) -> datetime:
        """`hour` o'clock (fractional) on `day`, district time."""
        return datetime.combine(day, time(0), DISTRICT_TZ) + timedelta(hours=hour)

    @property
    def begins(self) -> datetime:
        return self.moment(self.start, 0)

    @property
    def ends(self) -> datetime:
        return self.moment(self.end, 0)

    def weeks(self) -> list[date]:
        """The Mondays of the whole weeks inside the period."""
        monday = self.start + timedelta(days=-self.start.weekday() % 7)
        return [monday + timedelta(weeks=n) for n in range((self.end - monday).days // 7)]

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches."""
        months: list[tuple[int, int]] = []
        day = self.start
        while day < self.end:
            if (day.year, day.month) not in months:
                months.append((day.year, day.month))
            day += timedelta(days=1)
        return months


@dataclass(order=True)
class Event:
    at: datetime
    key: tuple[int, ...]
    action: Action = field(compare=False)
    # Runs alone: after every earlier event has finished and before any later one starts
    # (a change of who acts for a community, which the requests around it must not race).
    exclusive: bool = field(default=False, compare=False)


@dataclass
class Step:
    """What an event's action gets: its moment, its own random stream, the world and a way
    to schedule what follows it."""

    at: datetime
    key: tuple[int, ...]
    rng: random.Random
    world: World
    _children: int = 0

    def then(self, at: datetime, action: Action) -> None:
        self._children += 1
        self.world.schedule(at, action, (*self.key, self._children))


@dataclass
class World:
    """The simulation's state shared by every activity."""

    api: Api
    roster: Roster
    period: Period
    seed: int
    window: timedelta
    in_flight: int = 32
    queue: list[Event] = field(default_factory=list)
    faults: Counter[str] = field(default_factory=Counter)
    fault_examples: list[str] = field(default_factory=list)
    played: int = 0
    _roots: int = 0

    def schedule(
        self,
        at: datetime,
        action: Action,
        key: tuple[int, ...] | None = None,
        *,
        exclusive: bool = False,
    ) -> None:
        """Run `action` at `at`; a top-level event gets the next root key. Events after the
        period's end are dropped: the year is over. An `exclusive` event runs alone."""
        if key is None:
            self._roots += 1
            key = (self._roots,)
        if at < self.period.ends:
            heapq.heappush(self.queue, Event(at, key, action, exclusive))

    async def run(self, progress: Callable[[datetime], None] | None = None) -> None:
        """Play the queue in time order, many events at once: an event starts when it lies
        within `window` of the oldest event still running (so the year never runs ahead
        of itself by more than that) and fewer than `in_flight` events are running."""
        running: dict[asyncio.Task[None], datetime] = {}
        alone = False  # an exclusive event is running
        while self.queue or running:
            oldest = min(running.values(), default=None)
            while (
                self.queue
                and not alone
                and len(running) < self.in_flight
                and (oldest is None or self.queue[0].at < oldest + self.window)
                and not (self.queue[0].exclusive and running)
            ):
                event = heapq.heappop(self.queue)
                step = Step(event.at, event.key, random.Random(f"{self.seed}:{event.key}"), self)
                running[asyncio.create_task(self._play(event, step))] = event.at
                oldest = min(oldest or event.at, event.at)
                alone = event.exclusive
            finished, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                at = running.pop(task)
                task.result()
                if progress is not None:
                    progress(at)
            alone = alone and bool(running)

    async def _play(self, event: Event, step: Step) -> None:
        try:
            await event.action(step)
        except ApiError as error:
            # A fault of the API (or of the simulation's expectations): counted and shown
            # in the report, and the rest of the year goes on.
            self.faults[f"{error.operation}: {error.code}"] += 1
            if len(self.fault_examples) < 20:
                self.fault_examples.append(f"{event.at.isoformat()} {error}")
        self.played += 1
