"""The one way a request's reads reach its session: one statement at a time, never cut
half-way by a cancellation, and none after the request has ended.

When a non-null field fails, graphql-core cancels the sibling resolvers still running,
and Strawberry's DataLoader then cancels a batch whose callers have all gone, even while
that batch's statement runs. SQLAlchemy treats a cancellation inside a statement like a
lost connection and closes the driver's connection under the session, so the request's
teardown (or a later request, given the same pooled connection) failed with "Cannot
operate on a closed database" (aiosqlite) or "the underlying connection is closed"
(asyncpg). Siblings that graphql-core leaves to settle in the background can also ask for
more after the response is built. So: a statement that has started runs to its end in a
task of its own (its result is dropped when nobody waits for it), work still waiting for
its turn is cancelled with its caller, the request's teardown waits for the statements
in flight before closing the session, and work asked for after that is refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

V = TypeVar("V")


class RequestEnded(RuntimeError):
    """Work on a request's session asked for after the request's teardown began."""

    def __init__(self) -> None:
        super().__init__("the request has ended; its session takes no more statements")


class SessionGate:
    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.closed = False
        self._running: set[asyncio.Task[Any]] = set()

    async def run(self, work: Callable[[], Awaitable[V]]) -> V:
        """`work()`'s result, run alone on the session once it is this work's turn."""
        if self.closed:
            raise RequestEnded
        started = asyncio.Event()
        task = asyncio.ensure_future(self._alone(work, started))
        self._running.add(task)
        task.add_done_callback(self._finished)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            if not started.is_set():
                task.cancel()  # still waiting for the lock: nothing has touched the session
            raise

    async def _alone(self, work: Callable[[], Awaitable[V]], started: asyncio.Event) -> V:
        async with self.lock:
            if self.closed:
                raise RequestEnded
            started.set()
            return await work()

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if not task.cancelled():
            task.exception()  # seen: its caller got it, or was cancelled and needs it no more

    async def close(self) -> None:
        """Refuse new work and wait for the statements in flight to end."""
        self.closed = True
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
