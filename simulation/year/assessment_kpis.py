"""The assessment section of the year's report: observers' visits and findings, the
four-ring records, the annual reviews at the year's end, the award round, the secretaries
replaced and the shortfalls that became next year's breakthrough projects, beside the
seed's figures; the API's own figures (assessmentYear) cross-checked against the
simulation's tally."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from simulation import scale
from simulation.year.loop import Period
from simulation.year.minimum_periods import ANY_PERIOD, YEAR, judged
from simulation.year.report import Kpi, Section

# The year-end rows need the period to reach the reviews (述职评议 in late December).
YEAR_END_WORDS = "a period through 31 December, when the reviews and the award round are held"


@dataclass
class AssessmentTally:
    """What the simulation did through the API in the assessed year."""

    year: int
    communities: int = 0
    reaches_year_end: bool = False
    observers_visiting: set[str] = field(default_factory=set)
    visits: int = 0
    findings: int = 0
    rings: Counter[str] = field(default_factory=Counter)
    reviews_opened: int = 0
    ratings: int = 0
    reviews_concluded: int = 0
    commended: int = 0
    review_items: int = 0
    applications: int = 0
    recommended: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    replaced: int = 0
    projects: int = 0
    problems: Counter[str] = field(default_factory=Counter)


def _year_end(name: str, value: int | str, target: str, meets: bool, tally: AssessmentTally) -> Kpi:
    return Kpi(name, value, "", target, meets if tally.reaches_year_end else None, YEAR_END_WORDS)


def assessment_section(
    tally: AssessmentTally, period: Period, factor: float, api: dict[str, Any] | None
) -> Section:
    section = Section("Observers and the yearly assessment (观察员与年度考核)")
    visits = round(scale.VISITS_PER_ASSIGNMENT_YEAR * scale.COMMUNITIES * factor)
    assigned = min(scale.OBSERVERS, tally.communities)  # one observer to each community
    section.kpis.append(
        judged(
            "Observers who visited their communities (基层党建观察员)",
            len(tally.observers_visiting),
            f"of {scale.OBSERVERS}",
            f"each observer with a community: {assigned} ({scale.OBSERVERS} at scale 1)",
            len(tally.observers_visiting) >= assigned,
            needs=YEAR,
            period=period,
        )
    )
    section.kpis.append(
        judged(
            "Observer visits in the year (观察走访)",
            tally.visits,
            f"with {tally.findings} findings",
            f"≥ {visits} (each community once a quarter)",
            tally.visits >= visits,
            needs=YEAR,
            period=period,
        )
    )
    section.kpis.append(
        Kpi(
            "Four-ring records: look / report / evaluate / supervise (一体四环)",
            tally.rings["LOOK"],
            f"/ {tally.rings['REPORT']} / {tally.rings['EVALUATE']} / {tally.rings['SUPERVISE']}",
        )
    )
    section.kpis.append(
        _year_end(
            "Communities reviewed and concluded (述职评议)",
            tally.reviews_concluded,
            f"every community ({tally.communities})",
            tally.reviews_concluded >= tally.communities,
            tally,
        )
    )
    section.kpis.append(
        Kpi(
            "Bottom-rates-top ratings / one-vote commendations (下评上 / 一票肯优)",
            tally.ratings,
            f"/ {tally.commended}",
        )
    )
    best, distinctive = tally.outcomes["BEST"], tally.outcomes["MOST_DISTINCTIVE"]
    want_best = max(1, round(scale.BEST_CENTRES * factor))
    want_distinctive = max(1, round(scale.MOST_DISTINCTIVE_CENTRES * factor))
    section.kpis.append(
        _year_end(
            "Best service centres / most distinctive (最佳 / 最具特色服务中心)",
            f"{best} / {distinctive}",
            f"{want_best} / {want_distinctive} (seed's year: "
            f"{scale.BEST_CENTRES} / {scale.MOST_DISTINCTIVE_CENTRES})",
            best == want_best and distinctive == want_distinctive,
            tally,
        )
    )
    section.kpis.append(
        Kpi(
            "Award applications / recommended by the streets (申报 / 街道推荐)",
            tally.applications,
            f"/ {tally.recommended}",
        )
    )
    want_replaced = max(1, round(scale.SECRETARIES_REPLACED * factor))
    section.kpis.append(
        _year_end(
            "Secretaries replaced after a low review (书记调整)",
            tally.replaced,
            f"{want_replaced} ({scale.SECRETARIES_REPLACED} in the seed's year)",
            tally.replaced == want_replaced,
            tally,
        )
    )
    want_projects = round(scale.BREAKTHROUGH_PROJECTS * factor)
    section.kpis.append(
        _year_end(
            "Shortfalls that became next year's breakthrough projects (突破项目)",
            tally.projects,
            f"≥ {want_projects} ({scale.BREAKTHROUGH_PROJECTS} in the seed's year)",
            tally.projects >= want_projects,
            tally,
        )
    )
    ours = {
        "observerVisits": tally.visits,
        "findings": tally.findings,
        "reviews": tally.reviews_opened,
        "reviewsConcluded": tally.reviews_concluded,
        "commended": tally.commended,
        "awardsBest": best,
        "awardsMostDistinctive": distinctive,
        "secretariesReplaced": tally.replaced,
        "shortfallProjects": tally.projects,
    }
    # Capacity scores are the generator's (the programme year's survey), not played here.
    section.kpis.append(
        Kpi(
            "Communities with the year's capacity score (一居一策), the API's figure",
            None if api is None else api["capacityScores"],
            f"of {tally.communities}",
        )
    )
    differing = (
        None if api is None else sorted(name for name, value in ours.items() if api[name] != value)
    )
    section.kpis.append(
        judged(
            f"Figures the API computes (assessmentYear {tally.year}) that differ from the tally",
            None if differing is None else len(differing),
            f"of {len(ours)}" + (f": {', '.join(differing)}" if differing else ""),
            "none",
            differing == [],
            needs=ANY_PERIOD,
            period=period,
        )
    )
    section.details["tally"] = ours
    section.details["api"] = api
    section.details["problems"] = dict(tally.problems)
    return section
