"""The simulated year's judgement on known figures: a row with a target passes or fails
on a period long enough for its KPI, is "not judged" on a shorter one, a row without a
target is reported only; the verdict is every judged row and no fault, and the terminal,
report.json and report.html say the same of every row."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from simulation.year.loop import Period
from simulation.year.minimum_periods import MONTH_OF_RATINGS, WHOLE_WEEK, YEAR
from simulation.year.project_kpis import ProjectRecord, project_section
from simulation.year.report import Kpi, Report, Section
from simulation.year.service_kpis import OrderRecord, service_figures
from simulation.year.service_report import kpis
from simulation.year.summary import print_summary

MONDAY = date(2023, 1, 2)
SHORT_WEEKS = "Community-weeks that fell short"


def served(community: str, day: date, rating: int = 5) -> OrderRecord:
    """A service done at 14:00 district time on `day`."""
    start = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)  # 14:00 in UTC+8
    return OrderRecord(
        community,
        "g1",
        "p1",
        True,
        False,
        id=f"{community}{day}",
        status="RATED",
        started_at=start,
        minutes=60,
        rating=rating,
        claimer="v1",
    )


def service_rows(records: list[OrderRecord], period: Period) -> dict[str, Kpi]:
    figures = service_figures(records, ["a", "b"], period.weeks())
    rows = kpis(figures, 10, 100, 95, period)
    return {kpi.name: kpi for kpi in rows}


def report_of(*sections: Section, faults: dict[str, int] | None = None) -> Report:
    return Report(
        period={"start": "2023-01-02", "end": "2024-01-01", "days": 364, "seed": 1, "url": "u"},
        district={"communities": 2},
        sections=list(sections),
        api={"calls": 1, "seconds": 1.0, "operations": {}},
        faults=faults or {},
        fault_examples=[],
    )


def every_week(community: str, weeks: int, skip: int | None = None) -> list[OrderRecord]:
    return [
        served(community, MONDAY + timedelta(weeks=n, days=2)) for n in range(weeks) if n != skip
    ]


def test_a_short_community_week_fails_the_row_and_the_verdict() -> None:
    period = Period(MONDAY, 28)
    # b missed its third week: 7 of 8 community-weeks, 1.0 a community-week on average
    # only because a served twice in one week.
    records = [*every_week("a", 4), served("a", MONDAY + timedelta(days=3)), *every_week("b", 4, 2)]
    rows = service_rows(records, period)
    assert rows[SHORT_WEEKS].value == 1
    assert (rows[SHORT_WEEKS].meets, rows[SHORT_WEEKS].judgement) == (False, "fail")
    assert rows["Services per community-week"].judgement == "pass"
    assert rows["Average rating"].judgement == "pass"  # four whole weeks of ratings
    report = report_of(Section("Volunteer services (志愿服务)", list(rows.values())))
    assert not report.verdict
    assert report.tally == {
        "pass": 2,
        "fail": 1,
        "not judged (period too short)": 1,  # the households reached: a year's figure
        "reported, no target": 6,
    }
    served_every_week = service_rows([*every_week("a", 4), *every_week("b", 4)], period)
    assert served_every_week[SHORT_WEEKS].judgement == "pass"
    assert report_of(Section("s", list(served_every_week.values()))).verdict
    # No fault either: a fault fails a run whose rows all pass.
    faulted = report_of(Section("s", list(served_every_week.values())), faults={"X: Y": 1})
    assert not faulted.verdict


def test_a_short_period_leaves_its_rows_not_judged() -> None:
    # Wednesday to Tuesday: seven days, but no whole week.
    wednesday = Period(MONDAY + timedelta(days=2), 7)
    rows = service_rows([served("a", MONDAY + timedelta(days=3), rating=1)], wednesday)
    for name in (SHORT_WEEKS, "Services per community-week"):
        assert rows[name].meets is None
        assert rows[name].judgement == f"not judged (period too short: needs {WHOLE_WEEK.words})"
    # One whole week judges the weekly minimum, not yet the rating or the year's reach.
    week = service_rows(
        [served("a", MONDAY, rating=1), served("b", MONDAY, rating=1)], Period(MONDAY, 7)
    )
    assert week[SHORT_WEEKS].judgement == "pass"
    assert week["Average rating"].value == 1
    assert week["Average rating"].judgement == (
        f"not judged (period too short: needs {MONTH_OF_RATINGS.words})"
    )
    assert week["Households in grids a service reached"].judgement == (
        f"not judged (period too short: needs {YEAR.words})"
    )
    # The verdict counts only judged rows: a rating of 1 a week long fails nothing.
    assert report_of(Section("s", list(week.values()))).verdict
    year = service_rows(every_week("a", 52) + every_week("b", 52), Period(MONDAY, 364))
    assert year["Households in grids a service reached"].judgement == "pass"  # 95 of 100


def test_rows_without_a_target_are_reported_only() -> None:
    rows = service_rows([served("a", MONDAY)], Period(MONDAY, 7))
    for name in (
        "Completed services",
        "Dispatch to claim, median",
        "Active volunteers (served at least once)",
    ):
        assert rows[name].target is None
        assert rows[name].judgement == "reported, no target"
    assert rows["Key recipients served at least once"].unit == "% of 10 key recipients"
    with pytest.raises(ValueError, match="no target"):
        Kpi("Completed services", 3, "", None, True)
    with pytest.raises(ValueError, match="what period"):
        Kpi("Short weeks", 0, "", "0", None)  # a target needs its period: no unjudged target


def test_the_projects_yearly_counts_are_judged_on_a_year() -> None:
    records = [ProjectRecord("CO_BUILDING", "a", False, False, id=str(n)) for n in range(3)]
    year = {k.name: k for k in project_section(records, Period(MONDAY, 365), 0.01).kpis}
    co_building = year["Co-building projects (共驻共建项目): run / completed"]
    assert co_building.target == "≥ 3 a year (266 in the real district)"  # 2.66 rounded
    assert co_building.judgement == "pass"
    assert year["Breakthrough projects (突破项目): run / completed"].judgement == "fail"  # 0 of 1
    assert year["Projects due within the year that were completed"].judgement == "fail"
    assert year["Average evaluation score"].judgement == "reported, no target"
    month = {k.name: k for k in project_section(records, Period(MONDAY, 30), 0.01).kpis}
    assert all(k.meets is None for k in month.values())
    assert month[co_building.name].judgement.startswith("not judged (period too short")


def test_terminal_json_and_html_show_the_same_judgement(tmp_path: Path) -> None:
    rows = service_rows(every_week("a", 1), Period(MONDAY, 7))  # b was never served
    report = report_of(Section("Volunteer services (志愿服务)", list(rows.values())))
    written = json.loads(report.write(tmp_path)[0].read_text())
    assert written["verdict"] == "fail"
    assert written["verdictReason"] == report.verdict_reason
    assert report.verdict_reason == (
        "0 of 2 judged rows pass, 2 not judged (period too short),"
        " 6 reported without a target; 0 faults"
    )
    page = (tmp_path / "report.html").read_text()
    console = Console(record=True, width=250)
    print_summary(report, console)
    terminal = console.export_text()
    assert f"verdict: fail ({report.verdict_reason})" in terminal
    for kpi, row in zip(rows.values(), written["sections"][0]["kpis"], strict=True):
        assert row["judgement"] == kpi.judgement
        assert f"<td>{kpi.name}</td>" in page
        line = next(line for line in terminal.splitlines() if kpi.name in line)
        assert kpi.judgement in line, line
        assert f">{kpi.judgement}</td>" in page
    assert rows[SHORT_WEEKS].judgement == "fail"
