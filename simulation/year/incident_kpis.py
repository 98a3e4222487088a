"""The grid-incidents section of the year's report: incidents in the year against the
report's 370, how many were resolved, callback satisfaction, time to close by tier, and
the API's own statistics cross-checked against the simulation's tally."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from simulation import scale
from simulation.year.loop import Period
from simulation.year.minimum_periods import ANY_PERIOD, YEAR, judged
from simulation.year.report import Chart, Kpi, Section

# Callbacks: the district aims at nine in ten reporters reached being satisfied.
SATISFACTION_TARGET = 0.9


@dataclass
class IncidentRecord:
    """One incident as the simulation saw it through the API."""

    category: str
    channel: str
    reported_at: datetime
    id: str | None = None
    status: str = "NEW"
    tier: str = ""
    closed_at: datetime | None = None
    callbacks: list[str] = field(default_factory=list)
    escalated: bool = False
    reopened: bool = False
    tasks_done: int = 0
    problems: list[str] = field(default_factory=list)


def incident_section(
    records: list[IncidentRecord], period: Period, factor: float, api_total: int | None
) -> Section:
    reported = [r for r in records if r.id]
    section = Section("Grid incidents (网格事件)")
    expected = round(scale.GRID_INCIDENTS * factor)
    section.kpis.append(
        judged(
            "Grid incidents reported in the year",
            len(reported),
            "",
            f"≥ {expected} a year ({scale.GRID_INCIDENTS} in the real district)",
            len(reported) >= expected,
            needs=YEAR,
            period=period,
        )
    )
    section.kpis.append(
        judged(
            "Incidents the API counts (incidentStatistics) beside the simulation's tally",
            api_total,
            f"/ {len(reported)}",
            "equal",
            api_total == len(reported),
            needs=ANY_PERIOD,
            period=period,
        )
    )
    statuses = Counter(r.status for r in reported)
    resolved = [r for r in reported if r.status == "RESOLVED" and r.closed_at]
    section.kpis.append(
        Kpi(
            "Resolved / closed otherwise / still open",
            statuses["RESOLVED"],
            f"/ {sum(statuses[s] for s in ('NOT_RESPONSIBLE', 'REFERRED', 'DUPLICATE'))}"
            f" / {sum(statuses[s] for s in ('REPORTED', 'CALLED', 'RESPONDING', 'IN_DISPOSAL'))}",
        )
    )
    answers = [r.callbacks[-1] for r in reported if r.callbacks]
    reached = [a for a in answers if a != "UNREACHABLE"]
    satisfied = sum(a == "SATISFIED" for a in reached)
    share = satisfied / len(reached) if reached else None
    section.kpis.append(
        Kpi(
            "Callback satisfaction (回访满意率) among reporters reached",
            None if share is None else round(100 * share, 1),
            f"% of {len(reached)}",
            f"≥ {SATISFACTION_TARGET:.0%}",
            None if share is None else share >= SATISFACTION_TARGET,
            "a period with a callback",
        )
    )
    section.kpis.append(
        Kpi(
            "Escalated / reopened after a callback",
            sum(r.escalated for r in reported),
            f"/ {sum(r.reopened for r in reported)}",
        )
    )
    tiers = ("COMMUNITY", "STREET", "DISTRICT")
    hours: dict[str, list[float]] = {tier: [] for tier in tiers}
    for record in resolved:
        assert record.closed_at is not None
        hours.setdefault(record.tier, []).append(
            (record.closed_at - record.reported_at).total_seconds() / 3600
        )
    for tier in tiers:
        values = hours[tier]
        section.kpis.append(
            Kpi(
                f"Mean time to close, {tier} tier (平均办结时长)",
                round(sum(values) / len(values), 1) if values else None,
                f"h over {len(values)}",
            )
        )
    by_category = Counter(r.category for r in reported)
    names = sorted(by_category, key=lambda c: -by_category[c])[:10]
    section.charts.append(
        Chart(
            "Incidents by category (事件分类)",
            "bar",
            names,
            {"incidents": [by_category[n] for n in names]},
        )
    )
    section.details["problems"] = dict(Counter(p for r in records for p in r.problems))
    return section
