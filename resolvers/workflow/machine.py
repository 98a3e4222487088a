"""A declared workflow and the one way its rows move: lock, check, move, stamp, record.

`advance` (or `begin` then `Pending.finish`) checks the transition once, under the row's
lock, and refuses it as INVALID_TRANSITION naming where the row is. The move sets the
status, the time of the change and the declared stamps, and adds the machine's event row
with who (user and person), when, from, to, the action and the reason. The audit entries
of the status change and the event come from the mutation's own audit (resolvers.audit),
like every other change it makes: one audit per mutation, none written here.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Date, and_, false, inspect, or_

from db.base import Base
from db.models import AccountRole
from resolvers import audit, clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.permissions import WRITES
from resolvers.workflow.locking import lock
from resolvers.workflow.parts import Move, State, StateKind, Transition, Wait

R = TypeVar("R", bound=Base)  # the rows it moves
S = TypeVar("S", bound=enum.Enum)  # their statuses
A = TypeVar("A", bound=enum.Enum)  # the actions
E = TypeVar("E", bound=Base)  # the event rows it writes


@dataclass(frozen=True)
class Machine(Generic[R, S, A, E]):
    """A workflow: `noun` names its object in messages ("an order"), `field` is the input
    that names the object in user errors, `changed_at` the column that keeps the time of
    the last move (if the model has one), `status_column` the one that keeps the state."""

    noun: str
    field: str
    model: type[R]
    states: tuple[State[S], ...]
    transitions: tuple[Transition[S, A], ...]
    event: Callable[[R, Move[S, A]], E]
    changed_at: str | None = None
    status_column: str = "status"
    _states: dict[S, State[S]] = dataclasses.field(init=False, repr=False, compare=False)
    _transitions: dict[A, Transition[S, A]] = dataclasses.field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        states = {state.status: state for state in self.states}
        transitions = {transition.action: transition for transition in self.transitions}
        if len(states) != len(self.states) or len(transitions) != len(self.transitions):
            raise ValueError(f"{self.noun}: a state or an action is declared twice")
        for transition in self.transitions:
            used = (transition.sources - {None}) | transition.targets
            if not used <= states.keys():
                raise ValueError(f"{self.noun}: {transition.action} names undeclared states")
        columns = self.model.__table__.columns
        stamps = [state.stamp for state in self.states if state.stamp]
        stamps += [column for transition in self.transitions for column in transition.stamps]
        stamps += [state.wait.since for state in self.states if state.wait]
        named = [*stamps, self.changed_at, self.status_column]
        missing = [name for name in named if name and name not in columns]
        if missing:
            raise ValueError(f"{self.noun}: {self.model.__name__} has no {missing}")
        object.__setattr__(self, "_states", states)
        object.__setattr__(self, "_transitions", transitions)

    # --- What the machine declares, for the mutations, the generator, docs and tests ------

    def state(self, status: S) -> State[S]:
        return self._states[status]

    def transition(self, action: A) -> Transition[S, A]:
        return self._transitions[action]

    def statuses(self, kind: StateKind) -> tuple[S, ...]:
        """The statuses of `kind`, in the order they are declared."""
        return tuple(state.status for state in self.states if state.kind is kind)

    def stamps(self, action: A, target: S) -> tuple[str, ...]:
        """The columns a move by `action` into `target` sets to its time."""
        stamp = self.state(target).stamp
        return (*self.transition(action).stamps, *((stamp,) if stamp else ()))

    def operations(self) -> dict[str, tuple[A, ...]]:
        """Which mutation performs which transitions."""
        found: dict[str, tuple[A, ...]] = {}
        for transition in self.transitions:
            for operation in transition.operations:
                found[operation] = (*found.get(operation, ()), transition.action)
        return found

    def roles(self, action: A) -> frozenset[AccountRole] | None:
        """The roles that may perform `action`: those of its operations' permission rules
        (None: anyone)."""
        rules = [WRITES[operation].roles for operation in self.transition(action).operations]
        if any(roles is None for roles in rules):
            return None
        return frozenset().union(*(roles for roles in rules if roles is not None))

    def status_of(self, row: R) -> S | None:
        """The row's status; None for a row the machine has not placed in a state yet."""
        status: S | None = getattr(row, self.status_column)
        return status

    # --- Waits: how long a row may stay where it is --------------------------------------

    def waiting_since(self, row: R) -> tuple[Wait, datetime] | None:
        """The wait of the row's state and since when it counts, if the row can be late."""
        status = self.status_of(row)
        wait = None if status is None else self.state(status).wait
        if wait is None:
            return None
        since: datetime = getattr(row, wait.since)
        return wait, since

    def overdue_clause(self, now: datetime) -> ColumnElement[bool]:
        """Rows that have waited longer than their state allows at `now`."""
        status = getattr(self.model, self.status_column)
        late = [
            and_(
                status == state.status,
                getattr(self.model, state.wait.since) < now - state.wait.allowed,
            )
            for state in self.states
            if state.wait is not None
        ]
        return or_(*late) if late else false()

    # --- Moving a row ------------------------------------------------------------------

    def refusal(self, row: R, transition: Transition[S, A]) -> UserErrors:
        status = self.status_of(row)
        allowed = ", ".join(sorted(s.value for s in transition.sources if s is not None))
        return UserErrors.single(
            f"cannot {transition.action.value.lower()} {self.noun} that is"
            f" {status.value if status is not None else 'new'} (only from {allowed})",
            UserErrorCode.INVALID_TRANSITION,
            self.field,
        )

    async def begin(self, ctx: Context, row: R, action: A) -> Pending[R, S, A, E]:
        """Lock `row` (unless this transaction has) and check that `action` may move it
        now; the mutation checks its own rules, then calls `finish`."""
        transition = self.transition(action)
        if ctx.operation not in transition.operations:
            raise RuntimeError(
                f"{ctx.operation or 'no mutation'} does not {action.value} {self.noun}"
            )
        await lock(ctx, row)
        source = self.status_of(row)
        if source not in transition.sources:
            raise self.refusal(row, transition)
        return Pending(self, ctx, row, transition, source)

    async def advance(
        self, ctx: Context, row: R, action: A, *, to: S | None = None, reason: str | None = None
    ) -> E:
        """Move `row` by `action` (to `to` when the action has a choice) and return its
        event, added to the session."""
        pending = await self.begin(ctx, row, action)
        return await pending.finish(to=to, reason=reason)

    def stamp_value(self, column: str, at: datetime) -> Any:
        """The time for a datetime column, the district's day for a date column."""
        if isinstance(self.model.__table__.columns[column].type, Date):
            return at.astimezone(clock.DISTRICT_TZ).date()
        return at


@dataclass(frozen=True)
class Pending(Generic[R, S, A, E]):
    """A transition checked under the row's lock, not yet made."""

    machine: Machine[R, S, A, E]
    ctx: Context
    row: R
    transition: Transition[S, A]
    source: S | None

    async def finish(self, *, to: S | None = None, reason: str | None = None) -> E:
        machine, row, session = self.machine, self.row, self.ctx.session
        if audit.KEY not in session.info:
            raise RuntimeError("a workflow moves rows only inside a mutation's transaction")
        if machine.status_of(row) is not self.source:
            raise RuntimeError(f"{machine.noun} moved after its transition was checked")
        target = self.transition.target if to is None else to
        if target not in self.transition.targets:
            raise ValueError(f"{self.transition.action.value} does not lead to {target.value}")
        at = clock.now()
        setattr(row, machine.status_column, target)
        columns: Iterable[str] = machine.stamps(self.transition.action, target)
        if machine.changed_at is not None:
            columns = (machine.changed_at, *columns)
        for column in columns:
            setattr(row, column, machine.stamp_value(column, at))
        if not inspect(row).persistent:
            session.add(row)
            await session.flush()  # the event names the new row's key
        viewer = self.ctx.viewer
        move = Move(
            self.transition.action,
            self.source,
            target,
            at,
            viewer.user_id,
            viewer.person_id,
            reason,
        )
        event = machine.event(row, move)
        session.add(event)
        return event
