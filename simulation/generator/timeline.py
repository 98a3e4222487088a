"""When the generated history happens. It ends on its as-of day (`grassroots seed --as-of`,
today by default): the half year of orders before that day, the months published by then,
and the plans and projects of the programme year the history reports on.

The report's own day (2022-07-04) is the reference: a year's programme is written on the
report's calendar (projects started in the first quarter, completed by June, evaluated at
the end of June, due at the year's end) and `moved` onto the history's year, stretched so
that the report's day lands on the as-of day. With the report's day as the as-of, every
date is the report's, so a seed gives the district it always gave.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from simulation import scale as figures

REPORT_YEAR = figures.REPORT_DAY.year


def _scaled(days: int, span: int, reference: int) -> int:
    """`days` out of `reference` as the same share of `span`, rounded half up (exact when
    the two spans are equal)."""
    return (days * span + reference // 2) // reference


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class Timeline:
    """The generated history's calendar, ending on `as_of`."""

    as_of: date = figures.REPORT_DAY

    def __post_init__(self) -> None:
        if self.as_of < figures.EARLIEST_AS_OF:
            raise ValueError(f"the history cannot end before {figures.EARLIEST_AS_OF}")

    @property
    def year(self) -> int:
        """The programme year the history reports on: the year of its last day (so a
        history ending on New Year's Day reports on the year just ended)."""
        return (self.as_of - timedelta(days=1)).year

    @property
    def created_at(self) -> datetime:
        """The creation time every generated row carries, so that a seed and an as-of day
        give identical tables whenever they run."""
        return datetime.combine(self.as_of, time(0), UTC)

    @property
    def orders_start(self) -> date:
        """The first day of the order history: its weeks end the day before the as-of."""
        return self.as_of - timedelta(weeks=figures.HISTORY_WEEKS)

    def moved(self, day: date) -> date:
        """`day` of the report's calendar on this history's: the report's year before the
        report's day is stretched over this year before the as-of day, the rest of the year
        over what is left of it; days before the report's year keep their distance from its
        first day."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        reference_first, reference_last = date(REPORT_YEAR, 1, 1), date(REPORT_YEAR, 12, 31)
        if day < reference_first:
            return first - (reference_first - day)
        if day < figures.REPORT_DAY:
            # From the first day to the day before: what happened then is over by the as-of.
            elapsed = (self.as_of - first).days - 1
            reference = (figures.REPORT_DAY - reference_first).days - 1
            return first + timedelta(days=_scaled((day - reference_first).days, elapsed, reference))
        remaining = max(0, (last - self.as_of).days)
        reference = (reference_last - figures.REPORT_DAY).days
        return last - timedelta(days=_scaled((reference_last - day).days, remaining, reference))

    def stretched(self, start: date, day: date) -> date:
        """`day`, between `start` and the report's day, as far between `start` and the
        as-of day."""
        reference = (figures.REPORT_DAY - start).days
        span = (self.as_of - start).days
        return start + timedelta(days=_scaled((day - start).days, span, reference))

    def on(self, month: int, day: int) -> date:
        """The day that is `month`/`day` of the report's year, `moved` onto this one."""
        return self.moved(date(REPORT_YEAR, month, day))

    def plan_months(self) -> range:
        """Months of the programme year with a schedule: up to the as-of's month, or all
        twelve once the year is over."""
        return range(1, (self.as_of.month if self.as_of.year == self.year else 12) + 1)

    def published_months(self) -> Iterator[tuple[int, int]]:
        """(year, month) of each month of the order history published by the as-of day
        (a month is published on the PUBLICATION_DAY of the next)."""
        year, month = self.orders_start.year, self.orders_start.month
        while True:
            following = _next_month(year, month)
            if date(*following, figures.PUBLICATION_DAY) > self.as_of:
                return
            yield year, month
            year, month = following

    def published_on(self, year: int, month: int) -> date:
        return date(*_next_month(year, month), figures.PUBLICATION_DAY)
