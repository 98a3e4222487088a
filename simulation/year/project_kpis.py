"""The projects section of the year's report: how many of each kind were run, how many
reached completion and evaluation within the year, beside the report's yearly figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from simulation import scale
from simulation.year.loop import Period
from simulation.year.minimum_periods import YEAR, judged
from simulation.year.report import Chart, Kpi, Section

KINDS = {
    "CO_BUILDING": ("Co-building projects (共驻共建项目)", scale.CO_BUILDING_PROJECTS),
    "BREAKTHROUGH": ("Breakthrough projects (突破项目)", scale.BREAKTHROUGH_PROJECTS),
    "SERVICE_ITEM": ("Service items (为民服务事项)", scale.SERVICE_ITEMS),
    "PROPERTY_SERVICE": (
        "Property companies' projects (物业认领项目)",
        scale.PROPERTY_SERVICE_PROJECTS,
    ),
}
# "The year's projects moving to completion": what is due within the year is done in it.
COMPLETION_TARGET = 0.9


@dataclass
class ProjectRecord:
    kind: str
    community: str
    group_service: bool
    due_after_year: bool
    id: str | None = None
    status: str = "NEW"
    progress: int = 0
    completed_on: date | None = None
    score: int | None = None
    links: int = 0
    reports: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def completed(self) -> bool:
        return self.status in ("COMPLETED", "EVALUATED")


def completion_share(records: list[ProjectRecord]) -> float | None:
    """Completed among the created projects that were due within the year and not cancelled."""
    due = [r for r in records if r.id and not r.due_after_year and r.status != "CANCELLED"]
    return sum(r.completed for r in due) / len(due) if due else None


def project_section(records: list[ProjectRecord], period: Period, factor: float = 1.0) -> Section:
    """The section's KPIs; the report's figures are a year's, so they are judged on a year.
    `factor` is the district's size beside the real one's (its yearly counts scale with it)."""
    created = [r for r in records if r.id]
    section = Section("Projects (项目)")
    for kind, (title, figure) in KINDS.items():
        of_kind = [r for r in created if r.kind == kind]
        done = sum(r.completed for r in of_kind)
        section.kpis.append(
            judged(
                f"{title}: run / completed",
                len(of_kind),
                f"/ {done}",
                f"≥ {round(figure * factor)} a year ({figure} in the real district)",
                len(of_kind) >= round(figure * factor),
                needs=YEAR,
                period=period,
            )
        )
    share = completion_share(created)
    section.kpis.append(
        judged(
            "Projects due within the year that were completed",
            None if share is None else round(100 * share, 1),
            "%",
            f"≥ {COMPLETION_TARGET:.0%} (the year's projects move to completion)",
            share is not None and share >= COMPLETION_TARGET,
            needs=YEAR,
            period=period,
        )
    )
    groups = [r for r in created if r.group_service]
    section.kpis.append(
        judged(
            "Group services by units (集体服务): run / completed",
            len(groups),
            f"/ {sum(r.completed for r in groups)}",
            f"≥ {round(scale.GROUP_SERVICES * factor)} a year"
            f" ({scale.GROUP_SERVICES} in the real district)",
            len(groups) >= round(scale.GROUP_SERVICES * factor),
            needs=YEAR,
            period=period,
        )
    )
    full_loops = [r for r in created if r.kind == "CO_BUILDING" and r.links == 10]
    section.kpis.append(
        Kpi("Co-building projects with all ten links recorded (四步十环)", len(full_loops), "")
    )
    scores = [r.score for r in created if r.score is not None]
    section.kpis.append(
        Kpi(
            "Average evaluation score",
            round(sum(scores) / len(scores), 1) if scores else None,
            "of 100",
        )
    )
    months = [f"{y}-{m:02d}" for y, m in period.months()]
    by_month: dict[str, Counter[str]] = {month: Counter() for month in months}
    for record in created:
        if record.completed_on is not None:
            key = f"{record.completed_on.year}-{record.completed_on.month:02d}"
            if key in by_month:
                by_month[key][record.kind] += 1
    section.charts.append(
        Chart(
            "Projects completed per month",
            "bar",
            months,
            {kind: [by_month[m][kind] for m in months] for kind in KINDS},
            "projects",
        )
    )
    section.details.update(
        created=len(created),
        statuses=dict(Counter(r.status for r in created)),
        problems=dict(Counter(p for r in records for p in r.problems)),
    )
    return section
