"""The generated history ends on its as-of day: the report's day gives the report's dates,
another day moves every date with it and keeps the figures, and `grassroots seed --as-of`
passes the day through (today in the district without it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from db.models import (
    MonthlyPublication,
    OrderAction,
    OrderEvent,
    OrderStatus,
    Person,
    Project,
    ProjectEvent,
    ProjectStatus,
    ServiceOrder,
    ServicePlan,
    User,
    UserGrant,
)
from simulation.district_time import DISTRICT_TZ
from simulation.generator.census import census
from simulation.generator.generate import generate
from simulation.generator.timeline import Timeline
from simulation.scale import REPORT_DAY, Scale
from tests.simulation.test_generate import DOMAIN, dump
from tests.support.database import Database

ROOT = Path(__file__).resolve().parents[2]
SMALL = Scale(0.05)
DONE = (OrderStatus.COMPLETED, OrderStatus.RATED)


def test_the_reports_day_leaves_the_reports_calendar_as_it_is() -> None:
    timeline = Timeline(REPORT_DAY)
    day = date(2021, 12, 1)
    while day <= date(2022, 12, 31):
        assert timeline.moved(day) == day
        day += timedelta(days=1)
    assert timeline.year == 2022
    assert timeline.orders_start == date(2022, 1, 3)
    assert list(timeline.plan_months()) == [1, 2, 3, 4, 5, 6, 7]
    assert list(timeline.published_months()) == [(2022, m) for m in range(1, 7)]
    assert timeline.created_at == datetime(2022, 7, 4, tzinfo=UTC)


def test_another_day_moves_the_year_in_order_and_before_the_as_of() -> None:
    for as_of in (date(2026, 12, 5), date(2024, 2, 29), date(2027, 1, 1), date(2027, 1, 2)):
        timeline = Timeline(as_of)
        moved = [timeline.moved(date(2022, 1, 1) + timedelta(days=n)) for n in range(365)]
        assert moved == sorted(moved), as_of
        before = [
            day for n, day in enumerate(moved) if date(2022, 1, 1) + timedelta(n) < REPORT_DAY
        ]
        assert all(day < as_of for day in before), as_of
        assert timeline.on(12, 31) == date(timeline.year, 12, 31)
        assert all(day.year == timeline.year for day in moved)
        published = list(timeline.published_months())
        assert all(timeline.published_on(*month) <= as_of for month in published)
    # New Year's Day closes the year just ended: its plans, projects and publications.
    assert Timeline(date(2023, 1, 1)).year == 2022
    assert list(Timeline(date(2023, 1, 1)).plan_months()) == list(range(1, 13))


async def cast(db: Database) -> list[list[tuple[object, ...]]]:
    """Who is in the district and what happened to whom, without the dates."""
    async with db.engine.connect() as connection:
        return [
            [tuple(row) for row in await connection.execute(query)]
            for query in (
                select(Person.id, Person.name, Person.id_number, Person.building_id).order_by(
                    Person.id
                ),
                select(User.id, User.username, User.person_id).order_by(User.id),
                select(UserGrant.user_id, UserGrant.role, UserGrant.team_id).order_by(UserGrant.id),
                select(
                    ServiceOrder.id,
                    ServiceOrder.recipient_id,
                    ServiceOrder.claimer_id,
                    ServiceOrder.status,
                    ServiceOrder.rating,
                ).order_by(ServiceOrder.id),
                select(Project.id, Project.status, Project.progress).order_by(Project.id),
            )
        ]


async def test_the_same_seed_and_day_give_the_same_district(db: Database) -> None:
    await generate(db.engine, SMALL, seed=4)  # the report's day unless told
    report, report_cast = await dump(db), await cast(db)
    await generate(db.engine, SMALL, seed=4, reset=True, as_of=REPORT_DAY)
    assert await dump(db) == report
    as_of = date(2026, 12, 5)
    await generate(db.engine, SMALL, seed=4, reset=True, as_of=as_of)
    first = await dump(db)
    await generate(db.engine, SMALL, seed=4, reset=True, as_of=as_of)
    assert await dump(db) == first
    assert first["service_orders"] != report["service_orders"]
    # Another day moves the dates only: the same people, accounts, orders and projects
    # (README's person104 is 和平社区's secretary whatever the day).
    assert await cast(db) == report_cast


async def test_another_day_keeps_the_figures_and_ends_the_history_there(db: Database) -> None:
    as_of = date(2026, 12, 5)
    timeline = Timeline(as_of)
    await generate(db.engine, Scale(0.1), seed=8, as_of=as_of)
    lines = {line.key: line for line in await census(db.engine, Scale(0.1))}
    assert all(lines[key].generated == lines[key].expected for key in DOMAIN)
    end = datetime.combine(as_of, datetime.min.time(), DISTRICT_TZ)
    async with db.session() as s:
        created = set((await s.scalars(select(Person.created_at).distinct())).all())
        done = (await s.scalars(select(ServiceOrder).where(ServiceOrder.status.in_(DONE)))).all()
        still_open = (
            await s.scalars(
                select(ServiceOrder.scheduled_start).where(
                    ServiceOrder.status.not_in([*DONE, OrderStatus.CANCELLED])
                )
            )
        ).all()
        first_placed = await s.scalar(
            select(func.min(OrderEvent.at)).where(OrderEvent.action == OrderAction.PLACE)
        )
        years = set((await s.scalars(select(Project.year).distinct())).all())
        project_events = await s.scalar(select(func.max(ProjectEvent.at)))
        due = set((await s.scalars(select(Project.due_on).distinct())).all())
        evaluated = (
            await s.scalars(select(Project).where(Project.status == ProjectStatus.EVALUATED))
        ).all()
        plans = set((await s.execute(select(ServicePlan.year, ServicePlan.month))).all())
        published = (await s.scalars(select(MonthlyPublication))).all()
    assert created == {timeline.created_at}
    assert done and all(o.started_at is not None and o.started_at < end for o in done)
    assert min(o.scheduled_start for o in done) >= datetime.combine(
        timeline.orders_start, datetime.min.time(), DISTRICT_TZ
    )
    # Orders still open are of the history or due in the week the as-of day begins: none
    # is years late.
    history = datetime.combine(timeline.orders_start, datetime.min.time(), DISTRICT_TZ)
    assert all(history <= start < end + timedelta(days=7) for start in still_open)
    assert any(start >= end for start in still_open)
    assert first_placed is not None and first_placed > end - timedelta(weeks=27)
    assert years == {2026} and due == {date(2026, 12, 31)}
    assert project_events is not None and project_events < end
    assert evaluated and all(
        p.completed_on is not None and p.completed_on < as_of for p in evaluated
    )
    assert plans == {(2026, month) for month in range(13)}
    assert {(p.year, p.month) for p in published} == {(2026, m) for m in range(6, 12)}
    assert all(p.published_at <= end for p in published)


def test_seed_takes_the_as_of_day_and_defaults_to_today(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'district.db'}"
    env = os.environ | {"GRASSROOTS_DATABASE_URL": url}

    def grassroots(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert grassroots("db", "upgrade").returncode == 0
    seeded = grassroots("seed", "--scale", "0.05", "--as-of", "2025-03-10", "--json")
    assert seeded.returncode == 0, seeded.stderr
    assert json.loads(seeded.stdout)["as_of"] == "2025-03-10"
    today = datetime.now(DISTRICT_TZ).date()
    again = grassroots("seed", "--scale", "0.05", "--reset", "--json")
    assert again.returncode == 0, again.stderr
    # Today in Asia/Shanghai, whatever the machine's zone (the run may cross midnight).
    assert date.fromisoformat(json.loads(again.stdout)["as_of"]) in {
        today,
        today + timedelta(days=1),
    }
    for bad in ("04/07/2022", "2019-12-31"):
        refused = grassroots("seed", "--scale", "0.05", "--reset", "--as-of", bad)
        assert refused.returncode != 0
        assert "as-of" in refused.stderr
