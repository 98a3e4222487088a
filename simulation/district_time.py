"""The district's calendar as the API's clients see it: days are counted in
Asia/Shanghai, times travel in UTC, and a server with a simulated clock takes a
request's moment from the X-Simulated-Time header. The server keeps its own copy of
both (tests/test_client_contract.py checks that they agree)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")
SIMULATED_TIME = "X-Simulated-Time"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` on `day` in the district, in UTC."""
    return datetime.combine(day, time(hour, minute), DISTRICT_TZ).astimezone(UTC)
