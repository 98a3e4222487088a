"""Times of the generated history: a day and an hour in the district's calendar, in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from resolvers.clock import DISTRICT_TZ


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), DISTRICT_TZ).astimezone(UTC)
