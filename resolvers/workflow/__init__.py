"""The state-machine core every workflow shares (orders, projects, and those to come).

A domain declares its machine once in `<domain>/workflow.py` (`declaration`); its
mutations lock the row and move it through `Machine.advance`, or `Machine.begin` and
`Pending.finish` when the mutation has its own checks between the two (`machine`).
"""

from __future__ import annotations

from resolvers.workflow.locking import lock, locked
from resolvers.workflow.machine import Machine, Pending
from resolvers.workflow.parts import Move, State, StateKind, Transition, Wait

__all__ = [
    "Machine",
    "Move",
    "Pending",
    "State",
    "StateKind",
    "Transition",
    "Wait",
    "lock",
    "locked",
]
