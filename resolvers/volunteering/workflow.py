"""The order chain's state machine (订单流转): which action moves an order from which
status to which, and how long an order may wait at each step before it is overdue.

Every order mutation goes through `advance`, so the rules live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from db.models import OrderAction, OrderEvent, OrderStatus, ServiceOrder
from resolvers import clock
from resolvers.errors import UserErrorCode, UserErrors

A, S = OrderAction, OrderStatus

# action → (statuses it may start from, status it leads to). REASSIGN leads to
# DISPATCHED or PLACED depending on whether a new team is given (see `reassign_to`).
TRANSITIONS: dict[OrderAction, tuple[frozenset[OrderStatus], OrderStatus]] = {
    A.DISPATCH: (frozenset({S.PLACED}), S.DISPATCHED),
    A.ACCEPT: (frozenset({S.DISPATCHED}), S.ACCEPTED),
    A.DECLINE: (frozenset({S.DISPATCHED}), S.PLACED),
    A.CLAIM: (frozenset({S.ACCEPTED}), S.CLAIMED),
    A.START: (frozenset({S.CLAIMED}), S.IN_SERVICE),
    A.COMPLETE: (frozenset({S.IN_SERVICE}), S.COMPLETED),
    A.RATE: (frozenset({S.COMPLETED}), S.RATED),
    A.CANCEL: (frozenset({S.PLACED, S.DISPATCHED, S.ACCEPTED, S.CLAIMED}), S.CANCELLED),
    A.REASSIGN: (frozenset({S.DISPATCHED, S.ACCEPTED, S.CLAIMED}), S.DISPATCHED),
}
# The timestamp column each resulting status stamps.
STAMPED = {
    S.DISPATCHED: "dispatched_at",
    S.ACCEPTED: "accepted_at",
    S.CLAIMED: "claimed_at",
    S.IN_SERVICE: "started_at",
    S.COMPLETED: "completed_at",
    S.RATED: "rated_at",
    S.CANCELLED: "cancelled_at",
}
# Statuses in which the claimer is booked for the order's time.
BOOKED = frozenset({S.CLAIMED, S.IN_SERVICE})
# Residents may cancel only before a volunteer has claimed the order.
RESIDENT_CANCELLABLE = frozenset({S.PLACED, S.DISPATCHED, S.ACCEPTED})

LONGEST_SERVICE = timedelta(hours=12)
LONGEST_SERVICE_MINUTES = 24 * 60


@dataclass(frozen=True)
class Wait:
    """How long an order may wait at a step; `since` names what the wait counts from."""

    status: OrderStatus
    allowed: timedelta
    since: str  # "status_changed_at", "scheduled_start" or "scheduled_end"
    step: str


# The overdue view (超时未办): a placed order should be dispatched within a day, a
# dispatched one answered within a day, an accepted one claimed within two days; a
# claimed service should start within two hours of its time, and a service should be
# completed within a day of its end.
OVERDUE = (
    Wait(S.PLACED, timedelta(hours=24), "status_changed_at", "waiting for dispatch (待派单)"),
    Wait(S.DISPATCHED, timedelta(hours=24), "status_changed_at", "waiting for the team (待接单)"),
    Wait(S.ACCEPTED, timedelta(hours=48), "status_changed_at", "waiting for a claimer (待领单)"),
    Wait(S.CLAIMED, timedelta(hours=2), "scheduled_start", "service not started (未开始服务)"),
    Wait(S.IN_SERVICE, timedelta(hours=24), "scheduled_end", "service not completed (未完成)"),
)
WAITS = {wait.status: wait for wait in OVERDUE}


def check(order: ServiceOrder, action: OrderAction) -> OrderStatus:
    """The status `action` leads to, or INVALID_TRANSITION naming where the order is."""
    sources, target = TRANSITIONS[action]
    if order.status not in sources:
        allowed = ", ".join(sorted(status.value for status in sources))
        raise UserErrors.single(
            f"cannot {action.value.lower()} an order that is {order.status.value}"
            f" (only from {allowed})",
            UserErrorCode.INVALID_TRANSITION,
            "orderId",
        )
    return target


def advance(
    order: ServiceOrder,
    action: OrderAction,
    *,
    actor_user_id: int | None,
    actor_person_id: int | None,
    to: OrderStatus | None = None,
    reason: str | None = None,
    no_show: bool = False,
    at: datetime | None = None,
) -> OrderEvent:
    """Move `order` by `action` (to `to` when the action has a choice), stamp the time and
    return the event to add. The caller has locked the order and checked its rules."""
    target = check(order, action)
    if to is not None:
        target = to
    at = at or clock.now()
    event = OrderEvent(
        order_id=order.id,
        action=action,
        from_status=order.status,
        to_status=target,
        at=at,
        actor_user_id=actor_user_id,
        actor_person_id=actor_person_id,
        reason=reason,
        no_show=no_show,
    )
    order.status = target
    order.status_changed_at = at
    stamp = STAMPED.get(target)
    if stamp is not None:
        setattr(order, stamp, at)
    return event


def waiting_since(order: ServiceOrder) -> tuple[Wait, datetime] | None:
    """The step an open order waits at and since when its wait counts, if it can be late."""
    wait = WAITS.get(order.status)
    if wait is None:
        return None
    since: datetime = getattr(order, wait.since)
    return wait, since
