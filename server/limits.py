"""Limits at the HTTP level (docs/architecture.md): body size and time per request, and
the pruning of old cost windows. Refusals carry a code and become GraphQL-shaped JSON.

Everything that refuses here runs before GraphQL does, so none of it touches the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.types import Message, Receive

from resolvers.budget import prune

log = logging.getLogger("grassroots.limits")
T = TypeVar("T")

PRUNE_EVERY_SECONDS = 300.0


@dataclass
class Refused(Exception):
    """A request refused before GraphQL runs: the code, message and HTTP status to send."""

    code: str
    message: str
    status: int = 400
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)


def too_large(limit: int) -> Refused:
    return Refused(
        "PAYLOAD_TOO_LARGE", f"the request body is larger than {limit} bytes", status=413
    )


def limit_body(request: Request, limit: int) -> Request:
    """The request with its body capped at `limit` bytes: a declared Content-Length is
    checked at once, a chunked body while it is read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    received = 0
    receive: Receive = request.receive

    async def limited() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise too_large(limit)
        return message

    return Request(request.scope, limited)


class Deadline:
    """Waits for a request's work at most `seconds`.

    Late work is not cancelled: cancelling a database call half-way leaves its
    connection in an unknown state (SQLAlchemy then invalidates it, and aiosqlite can
    hang closing it twice), and on SQLite the query runs on in its thread regardless.
    The late work finishes on its own, closes its session, and its answer is dropped;
    the cost budget already charged for it keeps a flood of such requests in check.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        # Held so the tasks are not garbage-collected while they run.
        self.abandoned: set[asyncio.Task[Any]] = set()

    async def run(self, work: Coroutine[Any, Any, T]) -> T | None:
        """The work's result, or None when it took longer than the deadline."""
        task = asyncio.ensure_future(work)
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if task in done:
            return task.result()
        self.abandoned.add(task)
        task.add_done_callback(self._finished)
        return None

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self.abandoned.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a request that timed out failed later", exc_info=task.exception())

    async def drain(self) -> None:
        """Wait for the abandoned work (at shutdown, and in tests)."""
        await asyncio.gather(*self.abandoned, return_exceptions=True)


@asynccontextmanager
async def pruning(engine: AsyncEngine) -> AsyncIterator[None]:
    """Delete old cost windows every few minutes while the app runs (each worker does;
    the DELETE is idempotent)."""

    async def loop() -> None:
        while True:
            await asyncio.sleep(PRUNE_EVERY_SECONDS)
            try:
                await prune(engine)
            except Exception:
                log.exception("pruning cost windows failed")

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
