"""What a workflow declares: its states, its transitions and how long a row may wait."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

S = TypeVar("S", bound=enum.Enum)  # the statuses
A = TypeVar("A", bound=enum.Enum)  # the actions


class StateKind(enum.Enum):
    OPEN = "OPEN"  # work is pending: it may wait, be overdue, block archiving
    CLOSED = "CLOSED"  # the work is over (a follow-up such as a rating may still come)


@dataclass(frozen=True)
class Wait:
    """How long a row may wait in a state before it is overdue (超时)."""

    allowed: timedelta
    since: str  # the row's column the wait counts from
    step: str  # the step's name in overdue views, in English and Chinese


@dataclass(frozen=True)
class State(Generic[S]):
    status: S
    kind: StateKind
    # The column set to the time of every move into this state (its day, for a date column).
    stamp: str | None = None
    wait: Wait | None = None


@dataclass(frozen=True)
class Transition(Generic[S, A]):
    """`action` moves a row from one of `sources` to `target` (None among the sources: the
    action creates the row). `operations` are the mutations that perform it; who may run
    them is the permission table's rule for each (resolvers/permissions.WRITES)."""

    action: A
    sources: frozenset[S | None]
    target: S
    operations: tuple[str, ...]
    # Other states the operation may lead to instead of `target`, by its own choice.
    alternatives: frozenset[S] = frozenset()
    # Columns only this action stamps (unlike a state's stamp, not on every move into it).
    stamps: tuple[str, ...] = ()

    @property
    def targets(self) -> frozenset[S]:
        return self.alternatives | {self.target}


@dataclass(frozen=True)
class Move(Generic[S, A]):
    """A transition as it happens, for the machine's event factory to record."""

    action: A
    source: S | None
    target: S
    at: datetime
    user_id: int | None
    person_id: int | None
    reason: str | None
