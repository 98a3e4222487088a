"""The volunteer-service section of the year's report: the simulation's own tally of
what the API answered (service_kpis), the report's figures beside it, and the API's monthly
summaries and weekly-shortfall view cross-checked against that tally."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from simulation.year.loop import Period, World
from simulation.year.minimum_periods import (
    ANY_PERIOD,
    MONTH_OF_RATINGS,
    WHOLE_WEEK,
    YEAR,
    judged,
)
from simulation.year.report import Chart, Kpi, Section
from simulation.year.roster import ADMIN
from simulation.year.service_kpis import OrderRecord, ServiceFigures, percentile, service_figures

SUMMARY = """
query MonthlyServiceSummary($year: Int!, $month: Int!) {
  monthlyServiceSummary(year: $year, month: $month) { services minutes keyRecipientsServed }
}"""
SHORTFALLS = """
query CommunitiesBelowWeeklyService($from: Date!, $to: Date!) {
  communitiesBelowWeeklyService(from: $from, to: $to) { community { id } shortWeeks }
}"""
# The report: services reached "over 90 %" of urban residents (docs/domain.md).
COVERAGE_TARGET = 0.9
# Ratings: residents' satisfaction is the yardstick (docs/domain.md); the programme reports
# high satisfaction, read here as an average of 4 out of 5 or better.
RATING_TARGET = 4.0


async def api_tally(world: World) -> dict[str, Any]:
    """What the API itself reports for the period: services and minutes from the monthly
    summaries of the months wholly inside it, and its short community-weeks."""
    period = world.period
    services = minutes = 0
    months = []
    for year, month in period.months():
        data = await world.api.query(SUMMARY, {"year": year, "month": month}, user=ADMIN)
        rows = data["monthlyServiceSummary"]
        months.append((year, month, sum(r["services"] for r in rows)))
        services += sum(r["services"] for r in rows)
        minutes += sum(r["minutes"] for r in rows)
    weeks = period.weeks()
    short = 0
    if weeks:
        data = await world.api.query(
            SHORTFALLS,
            {"from": weeks[0].isoformat(), "to": (weeks[-1] + timedelta(days=6)).isoformat()},
            user=ADMIN,
        )
        short = sum(len(row["shortWeeks"]) for row in data["communitiesBelowWeeklyService"])
    return {"services": services, "minutes": minutes, "shortWeeks": short, "months": months}


def _in_months(records: list[OrderRecord], world: World) -> list[OrderRecord]:
    months = set(world.period.months())
    return [
        r
        for r in records
        if r.done
        and r.started_at is not None
        and (
            r.started_at.astimezone(world.period.begins.tzinfo).year,
            r.started_at.astimezone(world.period.begins.tzinfo).month,
        )
        in months
    ]


def kpis(
    figures: ServiceFigures,
    key_recipients: int,
    households: int,
    reached_households: int,
    period: Period,
) -> list[Kpi]:
    """The section's KPIs, each target judged on the period its KPI needs: the weekly
    minimum on whole weeks, the rating on a month of them, the report's reach on a year."""
    waits = figures.dispatch_to_claim_hours
    coverage = reached_households / households if households else None
    served = figures.key_recipients_served / key_recipients if key_recipients else None
    rating = figures.average_rating
    return [
        Kpi("Completed services", figures.done, ""),
        judged(
            "Services per community-week",
            round(figures.per_community_week, 2),
            "",
            "≥ 1 (at least one a week in each community)",
            figures.per_community_week >= 1,
            needs=WHOLE_WEEK,
            period=period,
        ),
        judged(
            "Community-weeks that fell short",
            figures.short_week_count,
            f"of {figures.community_weeks:,}",
            "0 (at least one a week in each community)",
            figures.short_week_count == 0,
            needs=WHOLE_WEEK,
            period=period,
        ),
        Kpi("Dispatch to claim, median", _round(figures.median_dispatch_to_claim), "h"),
        Kpi("Dispatch to claim, 90th percentile", _round(percentile(waits, 0.9)), "h"),
        judged(
            "Average rating",
            _round(rating),
            "of 5",
            f"≥ {RATING_TARGET:g} (satisfaction is the yardstick)",
            rating is not None and rating >= RATING_TARGET,
            needs=MONTH_OF_RATINGS,
            period=period,
        ),
        Kpi("Active volunteers (served at least once)", figures.volunteers, ""),
        Kpi("Hours per active volunteer", _round(figures.hours_per_volunteer), "h"),
        Kpi(
            "Key recipients served at least once",
            _round(_percent(served)),
            f"% of {key_recipients:,} key recipients",
        ),
        judged(
            "Households in grids a service reached",
            _round(_percent(coverage)),
            "%",
            "> 90 % of residents in a year",
            coverage is not None and coverage > COVERAGE_TARGET,
            needs=YEAR,
            period=period,
        ),
    ]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _percent(share: float | None) -> float | None:
    return None if share is None else 100 * share


async def service_section(world: World, records: list[OrderRecord]) -> Section:
    roster = world.roster
    communities = [c.id for c in roster.communities.values() if c.secretary is not None]
    figures = service_figures(records, communities, world.period.weeks())
    households = {g.id: g.households for c in roster.communities.values() for g in c.grids}
    reached = sum(households.get(grid, 0) for grid in figures.grids_reached)
    section = Section(
        "Volunteer services (志愿服务)",
        kpis(figures, roster.key_recipients, sum(households.values()), reached, world.period),
    )
    api = await api_tally(world)
    in_months = _in_months(records, world)
    tally = {
        "services": len(in_months),
        "minutes": sum(r.minutes or 0 for r in in_months),
        "shortWeeks": figures.short_week_count,
    }
    agrees = all(api[k] == tally[k] for k in tally)
    section.kpis.append(
        judged(
            "The API's monthly summaries and weekly view agree with the simulation",
            "yes" if agrees else "no",
            "",
            "services, minutes and short weeks equal",
            agrees,
            needs=ANY_PERIOD,
            period=world.period,
        )
    )
    weeks = sorted(figures.weekly_done)
    section.charts.append(
        Chart(
            "Completed services per week, district",
            "bar",
            [w.isoformat() for w in weeks],
            {"services": [figures.weekly_done[w] for w in weeks]},
            "services",
        )
    )
    ratings = Counter(figures.ratings)
    section.charts.append(
        Chart(
            "Ratings",
            "bar",
            ["1", "2", "3", "4", "5"],
            {"orders": [ratings.get(n, 0) for n in range(1, 6)]},
            "orders",
        )
    )
    section.details.update(
        orders=figures.orders,
        cancelled=figures.cancelled,
        api=api,
        simulation=tally,
        shortWeeks={c: [w.isoformat() for w in ws] for c, ws in figures.short_weeks.items()},
    )
    return section
