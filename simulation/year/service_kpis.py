"""The volunteer-service KPIs of a simulated year, computed from what the API answered for
each order (its own timestamps, minutes and rating): pure arithmetic, tested on small
known histories."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from simulation.district_time import DISTRICT_TZ

DONE = frozenset({"COMPLETED", "RATED"})


@dataclass
class OrderRecord:
    """One order as the simulation saw it through the API."""

    community: str
    grid: str | None
    recipient: str  # the person's global ID
    key_recipient: bool
    planned: bool  # placed for a plan or the weekly check, not by a resident's own need
    id: str | None = None
    status: str = "NEW"
    scheduled_start: datetime | None = None
    placed_at: datetime | None = None
    dispatched_at: datetime | None = None
    claimed_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    minutes: int | None = None
    rating: int | None = None
    claimer: str | None = None
    declines: int = 0
    no_shows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def started_week(self) -> date | None:
        """The Monday of the week the service is booked for."""
        return monday_of(self.scheduled_start) if self.scheduled_start else None


def monday_of(moment: datetime) -> date:
    day = moment.astimezone(DISTRICT_TZ).date()
    return day - timedelta(days=day.weekday())


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (None of nothing)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class ServiceFigures:
    orders: int
    done: int
    cancelled: int
    community_weeks: int
    short_weeks: dict[str, list[date]]
    per_community_week: float
    dispatch_to_claim_hours: list[float]
    ratings: Counter[int]
    volunteers: int
    hours: float
    key_recipients_served: int
    grids_reached: set[str]
    weekly_done: dict[date, int]

    @property
    def short_week_count(self) -> int:
        return sum(len(weeks) for weeks in self.short_weeks.values())

    @property
    def average_rating(self) -> float | None:
        total = sum(self.ratings.values())
        return sum(r * n for r, n in self.ratings.items()) / total if total else None

    @property
    def hours_per_volunteer(self) -> float | None:
        return self.hours / self.volunteers if self.volunteers else None

    @property
    def median_dispatch_to_claim(self) -> float | None:
        values = self.dispatch_to_claim_hours
        return statistics.median(values) if values else None


def service_figures(
    records: list[OrderRecord], communities: list[str], weeks: list[date]
) -> ServiceFigures:
    """Figures of `records` over the whole `weeks` (Mondays) for `communities`."""
    done = [r for r in records if r.done and r.started_at is not None]
    counted = set(weeks)
    per_week: dict[tuple[str, date], int] = Counter()
    weekly: dict[date, int] = {week: 0 for week in weeks}
    for record in done:
        assert record.started_at is not None
        week = monday_of(record.started_at)
        if week in counted:
            per_week[(record.community, week)] += 1
            weekly[week] += 1
    short: dict[str, list[date]] = defaultdict(list)
    for community in communities:
        for week in weeks:
            if not per_week[(community, week)]:
                short[community].append(week)
    waits = [
        (r.claimed_at - r.dispatched_at).total_seconds() / 3600
        for r in records
        if r.claimed_at is not None and r.dispatched_at is not None
    ]
    claimers = {r.claimer for r in done if r.claimer}
    cells = len(communities) * len(weeks)
    return ServiceFigures(
        orders=len(records),
        done=len(done),
        cancelled=sum(r.status == "CANCELLED" for r in records),
        community_weeks=cells,
        short_weeks=dict(short),
        per_community_week=sum(per_week.values()) / cells if cells else 0.0,
        dispatch_to_claim_hours=waits,
        ratings=Counter(r.rating for r in records if r.rating is not None),
        volunteers=len(claimers),
        hours=sum(r.minutes or 0 for r in done) / 60,
        key_recipients_served=len({r.recipient for r in done if r.key_recipient}),
        grids_reached={r.grid for r in done if r.grid},
        weekly_done=weekly,
    )
