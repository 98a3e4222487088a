"""The "2310" clock (2310时限): a general complaint is settled within 2 days, an important
one within 3, a major one within 10 — calendar days in the district's time zone.

The rule is data (`DEADLINE_DAYS`), read by `deadline_days` alone; the API shows it as
`complaintDeadlineRule`. The clock starts when a complaint is filed (again when it is
reassigned to another company); time spent paused does not count, so the due time moves
by every pause; a complaint breaches when it is resolved after its due time or is still
open past it. The generator imports this module, so that generated complaints keep the
same clock as the API's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from db.models import ComplaintLevel, ComplaintStatus, EscalationLevel, PropertyComplaint

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")

DEADLINE_DAYS: dict[ComplaintLevel, int] = {
    ComplaintLevel.GENERAL: 2,  # 一般投诉 2 天
    ComplaintLevel.IMPORTANT: 3,  # 重要投诉 3 天
    ComplaintLevel.MAJOR: 10,  # 重大投诉 10 天
}

CLOSED = frozenset({ComplaintStatus.RESOLVED, ComplaintStatus.CONFIRMED})


def deadline_days(level: ComplaintLevel) -> int:
    return DEADLINE_DAYS[level]


def due_at(level: ComplaintLevel, clock_started_at: datetime, paused_seconds: int) -> datetime:
    """The due time: `days` calendar days after the start on the district's calendar (the
    same wall-clock time), later by the time paused."""
    local = clock_started_at.astimezone(DISTRICT_TZ)
    due = (local + timedelta(days=deadline_days(level))).astimezone(clock_started_at.tzinfo)
    return due + timedelta(seconds=paused_seconds)


def effective_due(complaint: PropertyComplaint, now: datetime) -> datetime:
    """The due time as it stands at `now`: a pause in progress moves it too."""
    if complaint.paused_at is not None:
        return complaint.due_at + max(now - complaint.paused_at, timedelta())
    return complaint.due_at


def breached(complaint: PropertyComplaint, now: datetime) -> bool:
    """Resolved after its due time, or still open past it (a pause does not undo a
    breach that came before it)."""
    if complaint.resolved_at is not None and complaint.status in CLOSED:
        return complaint.resolved_at > complaint.due_at
    if complaint.paused_at is not None:
        return complaint.paused_at > complaint.due_at
    return now > complaint.due_at


def time_left(complaint: PropertyComplaint, now: datetime) -> timedelta | None:
    """Time left before the due time (negative once past it); None once resolved."""
    if complaint.status in CLOSED:
        return None
    return effective_due(complaint, now) - now


def escalation_due(complaint: PropertyComplaint, now: datetime) -> EscalationLevel | None:
    """Where a breached open complaint should be watched from (督办): the community once it
    breaches, the street once it is late by its whole allowance again; None if it is
    where it should be."""
    if complaint.status in CLOSED or not breached(complaint, now):
        return None
    late = now - effective_due(complaint, now)
    wanted = (
        EscalationLevel.STREET
        if late > timedelta(days=deadline_days(complaint.level))
        else EscalationLevel.COMMUNITY
    )
    order = list(EscalationLevel)
    return wanted if order.index(wanted) > order.index(complaint.escalation) else None
