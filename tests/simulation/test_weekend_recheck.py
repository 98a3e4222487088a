"""What the Saturday re-check counts as a service on its way, on known orders: the
secretary books one for Sunday only when none of the week's is done, claimed or still
ahead of its time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulation.year.activities.volunteering import on_its_way
from simulation.year.service_kpis import OrderRecord

SATURDAY_9 = datetime(2023, 1, 7, 1, tzinfo=UTC)  # 09:00 in the district (UTC+8)


def order(status: str, start: datetime, *problems: str) -> OrderRecord:
    record = OrderRecord("c", "g", "p", True, True, id="o", status=status, scheduled_start=start)
    record.problems.extend(problems)
    return record


def test_what_counts_as_on_its_way() -> None:
    now, before, sunday = SATURDAY_9, SATURDAY_9 - timedelta(days=2), SATURDAY_9 + timedelta(days=1)
    assert on_its_way(order("COMPLETED", before), now)
    assert on_its_way(order("ACCEPTED", sunday), now)  # a team has it, its time is ahead
    assert on_its_way(order("DISPATCHED", sunday), now)  # still waiting for a team
    # Saturday's 9:00 service, claimed: the volunteer is on the way, nothing to book.
    assert on_its_way(order("CLAIMED", now), now)
    assert not on_its_way(order("CANCELLED", sunday), now)
    assert not on_its_way(order("ACCEPTED", sunday, "NOBODY_FREE"), now)
    assert not on_its_way(order("DISPATCHED", sunday, "NO_TEAM"), now)
    # Tuesday's order that no volunteer claimed will not be served any more.
    assert not on_its_way(order("ACCEPTED", before), now)
    unplaced = order("NEW", sunday, "INVALID_INPUT")
    unplaced.id = None
    assert not on_its_way(unplaced, now)
