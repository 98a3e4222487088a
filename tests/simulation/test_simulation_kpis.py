"""The simulated year's KPIs and report on small known histories: pure arithmetic."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from simulation.year.activities import REGISTRY, activities, activity
from simulation.year.loop import Period
from simulation.year.project_kpis import ProjectRecord, completion_share, project_section
from simulation.year.report import Chart, Kpi, Report, Section
from simulation.year.service_kpis import OrderRecord, percentile, service_figures

MONDAY = date(2023, 1, 2)


def at(day: int, hour: int) -> datetime:
    """`hour` o'clock district time (UTC+8) on day `day` of the period."""
    return datetime(2023, 1, 2 + day, hour, tzinfo=UTC) - timedelta(hours=8)


def done(
    community: str,
    day: int,
    *,
    minutes: int,
    rating: int | None,
    claimer: str,
    recipient: str = "p1",
    key: bool = True,
    grid: str = "g1",
    dispatched: int = 9,
    claimed: int = 12,
) -> OrderRecord:
    return OrderRecord(
        community,
        grid,
        recipient,
        key,
        planned=False,
        id=f"o{day}{community}",
        status="RATED" if rating else "COMPLETED",
        dispatched_at=at(day, dispatched),
        claimed_at=at(day, claimed),
        started_at=at(day, 14),
        completed_at=at(day, 16),
        minutes=minutes,
        rating=rating,
        claimer=claimer,
    )


def test_period_weeks_and_months() -> None:
    period = Period(date(2023, 1, 4), 30)  # a Wednesday
    assert period.weeks() == [date(2023, 1, 9), date(2023, 1, 16), date(2023, 1, 23)]
    assert period.months() == [(2023, 1), (2023, 2)]
    assert Period(MONDAY, 7).weeks() == [MONDAY]
    assert period.moment(date(2023, 1, 4), 9.5).isoformat() == "2023-01-04T09:30:00+08:00"


def test_service_figures_on_a_known_fortnight() -> None:
    records = [
        done("a", 0, minutes=60, rating=5, claimer="v1", recipient="p1"),
        done("a", 1, minutes=90, rating=4, claimer="v1", recipient="p2", key=False),
        done(
            "b",
            2,
            minutes=30,
            rating=None,
            claimer="v2",
            recipient="p3",
            grid="g2",
            dispatched=8,
            claimed=18,
        ),
        done("a", 8, minutes=120, rating=3, claimer="v3", recipient="p1"),
        OrderRecord("b", "g2", "p4", True, False, id="x", status="CANCELLED"),
        # Served at 23:30 UTC on Sunday the 15th: Monday the 16th in the district, outside.
        OrderRecord(
            "b",
            "g2",
            "p5",
            True,
            False,
            id="y",
            status="COMPLETED",
            started_at=datetime(2023, 1, 15, 23, 30, tzinfo=UTC),
            minutes=45,
        ),
    ]
    figures = service_figures(records, ["a", "b"], [MONDAY, MONDAY + timedelta(days=7)])
    assert figures.orders == 6
    assert figures.done == 5
    assert figures.cancelled == 1
    assert figures.community_weeks == 4
    # b had nothing in the second week (its Sunday-night service falls in week three).
    assert figures.short_weeks == {"b": [MONDAY + timedelta(days=7)]}
    assert figures.short_week_count == 1
    assert figures.per_community_week == 4 / 4
    assert figures.weekly_done == {MONDAY: 3, MONDAY + timedelta(days=7): 1}
    assert sorted(figures.dispatch_to_claim_hours) == [3, 3, 3, 10]
    assert figures.median_dispatch_to_claim == 3
    assert figures.average_rating == 4.0
    assert figures.volunteers == 3  # v1, v2, v3: the unclaimed 45 minutes count, no claimer
    assert figures.hours == (60 + 90 + 30 + 120 + 45) / 60
    assert figures.hours_per_volunteer == figures.hours / 3
    assert figures.key_recipients_served == 3  # p1 (twice), p3, p5; p2 is no key recipient
    assert figures.grids_reached == {"g1", "g2"}


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert percentile([float(n) for n in range(1, 11)], 0.5) == 5.0


def test_project_completion_counts_only_what_was_due_within_the_year() -> None:
    records = [
        ProjectRecord(
            "CO_BUILDING",
            "a",
            False,
            False,
            id="1",
            status="EVALUATED",
            completed_on=date(2023, 5, 3),
            score=90,
            links=10,
        ),
        ProjectRecord("CO_BUILDING", "a", True, False, id="2", status="IN_PROGRESS"),
        ProjectRecord("BREAKTHROUGH", "a", False, True, id="3", status="IN_PROGRESS"),
        ProjectRecord("SERVICE_ITEM", "b", False, False, id="4", status="CANCELLED"),
        ProjectRecord(
            "SERVICE_ITEM",
            "b",
            False,
            False,
            id="5",
            status="COMPLETED",
            completed_on=date(2023, 2, 1),
        ),
        ProjectRecord("SERVICE_ITEM", "b", False, False),  # refused at creation
    ]
    assert completion_share(records) == 2 / 3
    section = project_section(records, Period(MONDAY, 365))
    kpis = {kpi.name: kpi for kpi in section.kpis}
    assert kpis["Projects due within the year that were completed"].value == 66.7
    assert kpis["Projects due within the year that were completed"].meets is False
    # A month is no year: the report's yearly completion is not judged on it.
    month = project_section(records, Period(MONDAY, 30))
    assert [k.meets for k in month.kpis if k.name.startswith("Projects due")] == [None]
    assert kpis["Group services by units (集体服务): run / completed"].value == 1
    assert kpis["Average evaluation score"].value == 90
    assert section.details["statuses"] == {
        "EVALUATED": 1,
        "IN_PROGRESS": 2,
        "CANCELLED": 1,
        "COMPLETED": 1,
    }
    chart = section.charts[0]
    assert chart.series["SERVICE_ITEM"][chart.x.index("2023-02")] == 1


def test_report_is_written_as_json_and_self_contained_html(tmp_path: Path) -> None:
    report = Report(
        period={"start": "2023-01-02", "end": "2023-01-09", "days": 7, "seed": 1, "url": "u"},
        district={"communities": 2},
        sections=[
            Section(
                "Volunteer services (志愿服务)",
                [
                    Kpi("Services per community-week", 1.5, "", "≥ 1", True, "a whole week"),
                    Kpi("Short weeks", 0, "", "0", None, "a whole week"),
                ],
                [Chart("Per week", "bar", ["w1", "w2"], {"services": [3, 4]}, "services")],
            )
        ],
        api={
            "calls": 10,
            "seconds": 1.0,
            "operations": {"PlaceServiceOrder": {"calls": 10, "userErrors": 0, "meanMs": 5.0}},
        },
        faults={},
        fault_examples=[],
    )
    assert report.verdict
    json_path, html_path = report.write(tmp_path / "out")
    written = json.loads(json_path.read_text())
    assert written["verdict"] == "pass"
    assert written["sections"][0]["kpis"][0] == {
        "name": "Services per community-week",
        "value": 1.5,
        "unit": "",
        "target": "≥ 1",
        "meets": True,
        "needs": "a whole week",
        "judgement": "pass",
    }
    page = html_path.read_text()
    assert page.count("data:image/png;base64,") == 1
    assert "Services per community-week" in page and "志愿服务" in page
    assert "src='http" not in page and "<link" not in page  # nothing loaded from elsewhere

    report.faults["PlaceServiceOrder: INTERNAL_SERVER_ERROR"] = 1
    assert not report.verdict
    report.faults.clear()
    report.sections[0].kpis.append(Kpi("Coverage", 80.0, "%", "> 90 %", False, "a year"))
    assert not report.verdict


def test_every_activity_module_registers_once() -> None:
    names = [each.name for each in activities()]
    assert names == sorted(names)
    assert {"projects", "volunteering"} <= set(names)
    with pytest.raises(ValueError, match="two activities"):
        activity(REGISTRY["projects"])


def test_every_simulated_operation_is_valid_against_the_schema() -> None:
    """The simulation's documents, checked against the committed SDL: a renamed field
    fails here rather than as faults in a year's report."""
    import importlib

    from graphql import OperationDefinitionNode, build_schema, parse, validate

    sdl = build_schema((Path(__file__).parents[2] / "schema.graphql").read_text("utf-8"))
    modules = [
        "simulation.year.api",
        "simulation.year.roster",
        "simulation.year.order_chain",
        "simulation.year.service_report",
        "simulation.year.activities.projects",
        "simulation.year.activities.volunteering",
    ]
    documents = [
        value
        for name in modules
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, str) and value.lstrip().startswith(("query ", "mutation "))
    ]
    assert len(documents) >= 30
    for document in documents:
        parsed = parse(document)
        assert validate(sdl, parsed) == [], document
        (definition,) = parsed.definitions
        assert isinstance(definition, OperationDefinitionNode) and definition.name is not None
