"""The district's calendar: times are stored in UTC, days are counted in Asia/Shanghai.

A simulation may play a request at another moment (`simulated`): the server sets it per
request from the `X-Simulated-Time` header when it runs with a simulated clock, which
production refuses. Tokens and limits keep the real clock; only the domain's time moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")

_simulated: ContextVar[datetime | None] = ContextVar("simulated_now", default=None)


def now() -> datetime:
    return _simulated.get() or datetime.now(UTC)


def real_now() -> datetime:
    """The wall clock, whatever a simulation plays: sessions and cost budgets live on it."""
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(DISTRICT_TZ).date()


@contextmanager
def simulated(at: datetime) -> Iterator[None]:
    """Let `now()` answer `at` (an aware time) inside the block, for this task only."""
    token = _simulated.set(at.astimezone(UTC))
    try:
        yield
    finally:
        _simulated.reset(token)
