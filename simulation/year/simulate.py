"""Play a simulated year against a served API and build its report: read the district's
cast, let every registered activity schedule its events, run the year with a progress
bar, then collect each activity's section."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import httpx

from simulation import scale
from simulation.district_time import SIMULATED_TIME
from simulation.year.activities import activities
from simulation.year.api import Api
from simulation.year.loop import Period, World
from simulation.year.report import Report
from simulation.year.roster import load_roster


class SimulationError(RuntimeError):
    """The simulation cannot run against this server."""


async def check_clock(client: httpx.AsyncClient, url: str, at: datetime) -> None:
    """The server must play requests at their simulated time, or the year would happen
    today: it echoes the header when it does."""
    try:
        response = await client.post(
            url, json={"query": "{ __typename }"}, headers={SIMULATED_TIME: at.isoformat()}
        )
    except httpx.HTTPError as error:
        raise SimulationError(f"no API answers at {url}: {error}") from None
    if response.status_code != 200:
        raise SimulationError(f"{url} answered HTTP {response.status_code}")
    if SIMULATED_TIME.lower() not in {k.lower() for k in response.headers}:
        raise SimulationError(
            f"the server at {url} does not play simulated time: start it with"
            " GRASSROOTS_SIMULATED_CLOCK=1 (development only), or leave out --url"
        )


async def play_year(
    api: Api,
    *,
    days: int,
    seed: int,
    start: date = scale.YEAR_START,
    only: Sequence[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Report:
    """Play `days` from `start` on the API behind `api` (its server plays simulated time,
    see `check_clock`) with every registered activity, or those named in `only`."""
    period = Period(start, days)
    started = time.perf_counter()
    roster = await load_roster(api)
    window = timedelta(hours=scale.SIMULATION_WINDOW_HOURS)
    world = World(api, roster, period, seed, window)
    played = [each(world) for each in activities() if only is None or each.name in only]
    for each in played:
        each.start()

    def advance(at: datetime) -> None:
        if progress is not None:
            progress(min(days, (at - period.begins).total_seconds() / 86_400))

    await world.run(advance)
    sections = [await each.report() for each in played]
    calls = sum(s.calls for s in api.stats.values())
    return Report(
        period={
            "start": start.isoformat(),
            "end": period.end.isoformat(),
            "days": days,
            "seed": seed,
            "url": api.url,
        },
        district={
            "communities": len(roster.communities),
            "volunteer teams": len(roster.teams),
            "volunteers": sum(len(t.volunteers) for t in roster.teams),
            "key recipients": roster.key_recipients,
            "households": roster.households,
            "accounts signed in": len(api.sessions),
        },
        sections=sections,
        api={
            "calls": calls,
            "seconds": time.perf_counter() - started,
            "operations": _operations(api),
        },
        faults=dict(world.faults),
        fault_examples=world.fault_examples,
    )


async def play_year_at(url: str, *, concurrency: int, **options: Any) -> Report:
    """`play_year` over HTTP against the server at `url`, once its clock is checked."""
    # A new connection per request: uvicorn's workers share one listening socket, and
    # kept-alive connections would pin the whole simulation to the worker that took them.
    limits = httpx.Limits(max_connections=concurrency + 2, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await check_clock(client, url, Period(options.get("start", scale.YEAR_START), 1).begins)
        return await play_year(Api(client, url, concurrency), **options)


def _operations(api: Api) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "calls": s.calls,
            "userErrors": s.user_errors,
            "meanMs": 1000 * s.seconds / s.calls if s.calls else 0.0,
        }
        for name, s in api.stats.items()
    }
