"""A short simulated period through the real endpoint on both databases, and the
simulated clock it relies on."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from db.models import HoursEntry, Project, ServiceOrder, User
from server.app import create_app
from server.settings import Settings
from simulation.year.activities import activities
from simulation.year.activities.volunteering import Volunteering
from simulation.year.api import Api, Session
from simulation.year.loop import Period, Step, World
from simulation.year.order_chain import CANCEL
from simulation.year.roster import ADMIN, load_roster
from simulation.year.service_kpis import service_figures
from simulation.year.service_report import SHORTFALLS
from simulation.year.simulate import SimulationError, check_clock, play_year
from tests.support.database import Database
from tests.support.graphql import UNLIMITED
from tests.support.users import token_for

GRAPHQL = "http://test/graphql"
WEEK = date(2023, 1, 2)  # a Monday: seven days are one whole week


async def _http(db: Database, **settings: Any) -> httpx.AsyncClient:
    app = create_app(Settings(database_url=db.url, **settings), engine=db.engine)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
async def simulated(seeded: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with await _http(seeded, simulated_clock=True, **UNLIMITED) as http:
        yield http


async def signed_in(api: Api, db: Database) -> Api:
    """Every generated account holds a session already: each login would cost an argon2
    verification, which the login tests cover; these tokens are the server's own."""
    async with db.engine.connect() as connection:
        for user_id, username in await connection.execute(select(User.id, User.username)):
            api.sessions[username] = Session(token_for(user_id), "")
    return api


async def test_a_simulated_week_plays_through_the_api(
    seeded: Database, simulated: httpx.AsyncClient
) -> None:
    await check_clock(simulated, GRAPHQL, datetime(2023, 1, 2, tzinfo=UTC))
    api = await signed_in(Api(simulated, GRAPHQL, concurrency=4), seeded)
    report = await play_year(api, days=7, seed=3, start=WEEK)

    assert report.faults == {}, report.fault_examples
    assert [s.title for s in report.sections] == [
        "Observers and the yearly assessment (观察员与年度考核)",
        "Property complaints (物业投诉, 2310)",
        "Deliberation (好商量议事协商、联席会议)",
        "Grid incidents (网格事件)",
        "Projects (项目)",
        "Red-warm stations and the delivery industry (红·暖之家)",
        "Training, study sessions and party life (培训、学习研讨与组织生活)",
        "Volunteer services (志愿服务)",
    ]
    sections = report.sections
    assessment, complaints, deliberation, incidents, projects, stations, training = sections[:7]
    services = sections[7]
    # The assessment's tally agrees with the API's assessmentYear, figure by figure.
    differing = next(kpi for kpi in assessment.kpis if kpi.name.startswith("Figures the API"))
    assert differing.value == 0, assessment.details
    assert assessment.details["problems"] == {}
    # The governance sections check their tallies against the API's own figures.
    figures = {kpi.name: kpi.value for kpi in complaints.kpis}
    assert figures["API agrees with the tally"] == "yes"
    assert figures["refused steps (userErrors)"] == 0
    studied = {kpi.name: kpi.value for kpi in training.kpis}
    assert studied["API agrees with the tally"] == "yes"
    assert studied["refused steps (userErrors)"] == 0
    # Consultations are raised and joint meetings convened through the API without a refusal.
    held = {kpi.name: kpi.value for kpi in deliberation.kpis}
    assert isinstance(held["topics raised"], int)
    assert held["topics raised"] > 0
    assert held["refused steps (userErrors)"] == 0
    assert held["API agrees with the tally"] == "yes"
    assert held["joint meetings district / street / community"] != "0 / 0 / 0"
    assert incidents.kpis
    riders = {kpi.name: kpi.value for kpi in stations.kpis}
    assert riders["Refused steps (userErrors)"] == 0
    assert isinstance(riders["Visits recorded (驿站服务记录)"], int)
    assert riders["Visits recorded (驿站服务记录)"] > 0
    assert stations.charts and stations.charts[0].kind == "map"
    kpis = {kpi.name: kpi for kpi in services.kpis}
    # What the simulation saw equals what the API's own reports say.
    assert kpis["The API's monthly summaries and weekly view agree with the simulation"].meets
    assert services.details["api"]["services"] == services.details["simulation"]["services"] > 0
    # The API's weekly view names the same short community-weeks as the simulation.
    short = kpis["Community-weeks that fell short"].value
    assert (
        short
        == services.details["api"]["shortWeeks"]
        == services.details["simulation"]["shortWeeks"]
    )
    assert isinstance(short, int) and short < 12  # 12 communities, one week: most were served

    async with seeded.engine.connect() as connection:
        placed = await connection.scalar(
            select(func.count())
            .select_from(ServiceOrder)
            .where(ServiceOrder.placed_at >= datetime(2023, 1, 1, tzinfo=UTC))
        )
        hours = await connection.scalar(
            select(func.coalesce(func.sum(HoursEntry.minutes), 0)).where(
                HoursEntry.served_on >= WEEK
            )
        )
        created = await connection.scalar(
            select(func.count()).select_from(Project).where(Project.year == 2023)
        )
    assert placed == services.details["orders"]
    assert hours == services.details["simulation"]["minutes"] > 0
    assert created == projects.details["created"] > 0
    assert report.api["calls"] == sum(op["calls"] for op in report.api["operations"].values())


async def test_a_week_whose_only_service_was_cancelled_gets_its_weekend_recheck(
    seeded: Database, simulated: httpx.AsyncClient
) -> None:
    """Friday's booking for Sunday is the community's only service of the week, and its
    recipient cancels it: on Saturday the secretary books another, Sunday afternoon, and
    the week counts as served in the simulation's tally and in the API's weekly view.
    Events run one at a time (no window), so each look sees all that happened before it."""
    api = await signed_in(Api(simulated, GRAPHQL), seeded)
    roster = await load_roster(api)
    world = World(api, roster, Period(WEEK, 7), 3, timedelta(0))
    volunteering = Volunteering(world)
    community = next(c for c in roster.communities.values() if c.secretary and c.key_recipients)
    volunteering.schedule_week_checks(community, WEEK)
    recipients = {r.person_id: r.username for r in community.key_recipients}

    async def the_recipient_cancels(step: Step) -> None:
        (booking,) = volunteering.records
        sent = await volunteering.chain._send(
            step, booking, CANCEL, {"reason": "住院了，这周不用来了"}, recipients[booking.recipient]
        )
        assert sent and booking.status == "CANCELLED"

    # After Friday's 9:00 booking, before it is dispatched (half an hour at the earliest).
    world.schedule(world.period.moment(WEEK + timedelta(days=4), 9.25), the_recipient_cancels)
    await world.run()

    assert world.faults == {}, world.fault_examples
    friday, weekend = volunteering.records  # the afternoon look found the week in hand
    assert friday.status == "CANCELLED" and friday.planned
    assert volunteering.weekend_bookings == 1
    assert weekend.planned and weekend.status in ("COMPLETED", "RATED"), weekend.problems
    assert weekend.scheduled_start == world.period.moment(WEEK + timedelta(days=6), 14)
    figures = service_figures(volunteering.records, [community.id], world.period.weeks())
    assert (figures.done, figures.short_week_count) == (1, 0)
    data = await api.query(
        SHORTFALLS,
        {"from": WEEK.isoformat(), "to": (WEEK + timedelta(days=6)).isoformat()},
        user=ADMIN,
    )
    short = {row["community"]["id"] for row in data["communitiesBelowWeeklyService"]}
    assert community.id not in short
    assert len(short) == len(roster.communities) - 1  # nobody else was served this week


async def test_the_same_seed_schedules_the_same_year(
    seeded: Database, simulated: httpx.AsyncClient
) -> None:
    """Every event's moment and key come from the seed (and each event draws from its
    own key), so the same seed plays the same year; another seed, another year."""
    roster = await load_roster(await signed_in(Api(simulated, GRAPHQL), seeded))

    def schedule(seed: int) -> list[tuple[datetime, tuple[int, ...]]]:
        world = World(Api(simulated, GRAPHQL), roster, Period(WEEK, 28), seed, timedelta(hours=2))
        for each in activities():
            each(world).start()
        return sorted((event.at, event.key) for event in world.queue)

    first = schedule(5)
    assert len(first) > 100
    assert schedule(5) == first
    assert schedule(6) != first


async def test_the_clock_moves_only_when_the_server_allows_it(seeded: Database) -> None:
    moment = "2023-03-28T09:30:00+08:00"
    query = {"query": "{ __typename }"}
    async with await _http(seeded) as http:
        response = await http.post("/graphql", json=query, headers={"X-Simulated-Time": moment})
        assert response.status_code == 200
        assert "x-simulated-time" not in response.headers
        with pytest.raises(SimulationError, match="GRASSROOTS_SIMULATED_CLOCK"):
            await check_clock(http, GRAPHQL, datetime(2023, 3, 28, tzinfo=UTC))
    async with await _http(seeded, simulated_clock=True) as http:
        response = await http.post("/graphql", json=query, headers={"X-Simulated-Time": moment})
        assert response.headers["x-simulated-time"] == "2023-03-28T09:30:00+08:00"
        for bad in ("yesterday", "2023-03-28T09:30:00", "9" * 5000):
            refused = await http.post("/graphql", json=query, headers={"X-Simulated-Time": bad})
            assert refused.status_code == 400
            assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_production_refuses_a_simulated_clock() -> None:
    with pytest.raises(ValidationError, match="SIMULATED_CLOCK"):
        Settings(env="production", secret_key="s" * 40, simulated_clock=True)


async def test_check_clock_names_an_unreachable_server() -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(SimulationError, match="no API answers"):
            await check_clock(http, "http://127.0.0.1:9/graphql", datetime(2023, 1, 1, tzinfo=UTC))


@pytest.mark.xdist_group("serial")
def test_the_command_seeds_serves_and_reports(tmp_path: Path) -> None:
    """`grassroots simulate` as QA runs it: a fresh district, its own server with a
    simulated clock, a week played over HTTP, the report written, the verdict as exit code."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "simulate",
            "--days",
            "7",
            "--scale",
            "0.05",
            "--seed",
            "5",
            "--output",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["verdict"] == ("pass" if done.returncode == 0 else "fail")
    assert report["faults"] == {}
    assert report["period"] == {
        "start": "2023-01-02",
        "end": "2023-01-09",
        "days": 7,
        "seed": 5,
        "url": report["period"]["url"],
    }
    assert report["period"]["url"].startswith("http://127.0.0.1:")
    assert report["district"]["communities"] == 3
    assert report["api"]["operations"]["Login"]["calls"] == report["district"]["accounts signed in"]
    assert {s["title"] for s in report["sections"]} == {
        "Observers and the yearly assessment (观察员与年度考核)",
        "Property complaints (物业投诉, 2310)",
        "Deliberation (好商量议事协商、联席会议)",
        "Grid incidents (网格事件)",
        "Projects (项目)",
        "Training, study sessions and party life (培训、学习研讨与组织生活)",
        "Red-warm stations and the delivery industry (红·暖之家)",
        "Volunteer services (志愿服务)",
    }
    page = (tmp_path / "report.html").read_text()
    # Three service charts, incident categories, the stations' map.
    assert page.count("data:image/png;base64,") == 5
    assert (tmp_path / "district.db").stat().st_size > 0
    assert "verdict" in done.stderr


def test_the_command_names_a_server_it_cannot_use(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "simulate",
            "--url",
            "http://127.0.0.1:9/graphql",
            "--output",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "no API answers at http://127.0.0.1:9/graphql" in done.stderr
    assert not (tmp_path / "report.json").exists()


async def test_an_exclusive_event_runs_alone(
    seeded: Database, simulated: httpx.AsyncClient
) -> None:
    """Events within the window run together, but an exclusive one (a secretary handed
    over) waits for those before it and holds back those after it."""
    roster = await load_roster(await signed_in(Api(simulated, GRAPHQL), seeded))
    log: list[str] = []

    def action(name: str) -> Callable[[Step], Awaitable[None]]:
        async def act(step: Step) -> None:
            log.append(f"{name} starts")
            await asyncio.sleep(0.05)
            log.append(f"{name} ends")

        return act

    async def play(exclusive: bool) -> list[str]:
        log.clear()
        world = World(Api(simulated, GRAPHQL), roster, Period(WEEK, 7), 3, timedelta(hours=24))
        moment = world.period.moment
        world.schedule(moment(WEEK, 9), action("before"))
        world.schedule(moment(WEEK, 10), action("hand-over"), exclusive=exclusive)
        world.schedule(moment(WEEK, 11), action("after"))
        await world.run()
        return list(log)

    assert await play(exclusive=False) == [
        "before starts",
        "hand-over starts",
        "after starts",
        "before ends",
        "hand-over ends",
        "after ends",
    ]
    assert await play(exclusive=True) == [
        "before starts",
        "before ends",
        "hand-over starts",
        "hand-over ends",
        "after starts",
        "after ends",
    ]
