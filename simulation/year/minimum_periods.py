"""The shortest period on which each kind of KPI is judged against its target: a weekly
minimum needs whole weeks, an average of ratings a month of them, a yearly figure a year.
A shorter run reports the figure and marks the row "not judged", saying what it needs."""

from __future__ import annotations

from dataclasses import dataclass

from simulation import scale
from simulation.year.loop import Period
from simulation.year.report import Kpi, Number


@dataclass(frozen=True)
class MinimumPeriod:
    words: str
    whole_weeks: int = 0
    days: int = 0

    def allows(self, period: Period) -> bool:
        return len(period.weeks()) >= self.whole_weeks and period.days >= self.days


ANY_PERIOD = MinimumPeriod("any period")
WHOLE_WEEK = MinimumPeriod("a whole week, Monday to Sunday", whole_weeks=1)
MONTH_OF_RATINGS = MinimumPeriod(
    f"{scale.RATINGS_JUDGED_OVER_WEEKS} whole weeks of ratings",
    whole_weeks=scale.RATINGS_JUDGED_OVER_WEEKS,
)
YEAR = MinimumPeriod(f"a year, {scale.WHOLE_YEAR_DAYS} days or more", days=scale.WHOLE_YEAR_DAYS)


def judged(
    name: str,
    value: Number | str | None,
    unit: str,
    target: str,
    meets: bool,
    *,
    needs: MinimumPeriod,
    period: Period,
) -> Kpi:
    """A row with a target: judged by `meets` when `period` is long enough for it."""
    return Kpi(name, value, unit, target, meets if needs.allows(period) else None, needs.words)
