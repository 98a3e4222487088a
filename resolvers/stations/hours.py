"""Opening hours (开放时间): one span per weekday in the district's time, minutes after
midnight; a span whose close is not after its opening runs overnight into the next day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from resolvers.clock import DISTRICT_TZ

WHOLE_DAY = (0, 1440)


@dataclass(frozen=True)
class Span:
    weekday: int  # 1 Monday … 7 Sunday
    opens_minute: int
    closes_minute: int

    @property
    def overnight(self) -> bool:
        return self.closes_minute <= self.opens_minute


def is_open(spans: Iterable[Span], at: datetime) -> bool:
    """Whether one of the spans covers the moment `at` in the district's time."""
    local = at.astimezone(DISTRICT_TZ)
    weekday = local.isoweekday()
    yesterday = 7 if weekday == 1 else weekday - 1
    minute = local.hour * 60 + local.minute
    for span in spans:
        if span.weekday == weekday:
            if span.overnight:
                if minute >= span.opens_minute:
                    return True
            elif span.opens_minute <= minute < span.closes_minute:
                return True
        elif span.weekday == yesterday and span.overnight and minute < span.closes_minute:
            return True
    return False


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_hhmm(value: str) -> int | None:
    """Minutes after midnight of "HH:MM" (00:00 to 24:00), or None when it is not one."""
    hours, sep, minutes = value.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    total = int(hours) * 60 + int(minutes)
    return total if int(minutes) < 60 and 0 <= total <= 1440 else None
