"""The order chain's state machine (订单流转): which action moves an order from which
status to which, which mutation performs it, what each step stamps, and how long an order
may wait at each step before it is overdue.

Every order mutation moves its order through `ORDERS` (resolvers/workflow), so the rules
live here and nowhere else.
"""

from __future__ import annotations

from datetime import timedelta

from db.models import OrderAction, OrderEvent, OrderStatus, ServiceOrder
from resolvers.workflow import Machine, Move, State, StateKind, Transition, Wait

A, S = OrderAction, OrderStatus
OPEN, CLOSED = StateKind.OPEN, StateKind.CLOSED


def _event(order: ServiceOrder, move: Move[OrderStatus, OrderAction]) -> OrderEvent:
    """The order's event, naming its team and claimer as they stand at the move (steps
    that clear them, such as a decline, clear them after and so name the previous ones)."""
    return OrderEvent(
        order_id=order.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        team_id=order.team_id,
        volunteer_id=order.claimer_id,
        reason=move.reason,
        no_show=False,
    )


# The overdue view (超时未办): a placed order should be dispatched within a day, a
# dispatched one answered within a day, an accepted one claimed within two days; a
# claimed service should start within two hours of its time, and a service should be
# completed within a day of its end.
ORDERS: Machine[ServiceOrder, OrderStatus, OrderAction, OrderEvent] = Machine(
    noun="an order",
    field="orderId",
    model=ServiceOrder,
    changed_at="status_changed_at",
    states=(
        State(
            S.PLACED,
            OPEN,
            wait=Wait(timedelta(hours=24), "status_changed_at", "waiting for dispatch (待派单)"),
        ),
        State(
            S.DISPATCHED,
            OPEN,
            "dispatched_at",
            Wait(timedelta(hours=24), "status_changed_at", "waiting for the team (待接单)"),
        ),
        State(
            S.ACCEPTED,
            OPEN,
            "accepted_at",
            Wait(timedelta(hours=48), "status_changed_at", "waiting for a claimer (待领单)"),
        ),
        State(
            S.CLAIMED,
            OPEN,
            "claimed_at",
            Wait(timedelta(hours=2), "scheduled_start", "service not started (未开始服务)"),
        ),
        State(
            S.IN_SERVICE,
            OPEN,
            "started_at",
            Wait(timedelta(hours=24), "scheduled_end", "service not completed (未完成)"),
        ),
        State(S.COMPLETED, CLOSED, "completed_at"),
        State(S.RATED, CLOSED, "rated_at"),
        State(S.CANCELLED, CLOSED, "cancelled_at"),
    ),
    transitions=(
        # Only placing stamps placed_at: a declined order goes back to PLACED unplaced again.
        Transition(
            A.PLACE, frozenset({None}), S.PLACED, ("placeServiceOrder",), stamps=("placed_at",)
        ),
        Transition(A.DISPATCH, frozenset({S.PLACED}), S.DISPATCHED, ("dispatchServiceOrder",)),
        Transition(A.ACCEPT, frozenset({S.DISPATCHED}), S.ACCEPTED, ("acceptServiceOrder",)),
        Transition(A.DECLINE, frozenset({S.DISPATCHED}), S.PLACED, ("declineServiceOrder",)),
        Transition(A.CLAIM, frozenset({S.ACCEPTED}), S.CLAIMED, ("claimServiceOrder",)),
        Transition(A.START, frozenset({S.CLAIMED}), S.IN_SERVICE, ("startService",)),
        Transition(A.COMPLETE, frozenset({S.IN_SERVICE}), S.COMPLETED, ("completeService",)),
        Transition(A.RATE, frozenset({S.COMPLETED}), S.RATED, ("rateServiceOrder",)),
        Transition(
            A.CANCEL,
            frozenset({S.PLACED, S.DISPATCHED, S.ACCEPTED, S.CLAIMED}),
            S.CANCELLED,
            ("cancelServiceOrder",),
        ),
        # To another team (DISPATCHED), or back to the community (PLACED) without one.
        Transition(
            A.REASSIGN,
            frozenset({S.DISPATCHED, S.ACCEPTED, S.CLAIMED}),
            S.DISPATCHED,
            ("reassignServiceOrder",),
            alternatives=frozenset({S.PLACED}),
        ),
    ),
    event=_event,
)

# Statuses in which the claimer is booked for the order's time.
BOOKED = frozenset({S.CLAIMED, S.IN_SERVICE})
# Residents may cancel only before a volunteer has claimed the order.
RESIDENT_CANCELLABLE = frozenset({S.PLACED, S.DISPATCHED, S.ACCEPTED})

LONGEST_SERVICE = timedelta(hours=12)
LONGEST_SERVICE_MINUTES = 24 * 60
