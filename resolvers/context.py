"""The per-request context every resolver receives."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from resolvers.accounts.tokens import Claims, TokenSettings
from resolvers.accounts.viewer import ANONYMOUS, Viewer
from resolvers.limits import Limits
from resolvers.loaders import Loaders
from resolvers.loaders.gate import SessionGate

log = logging.getLogger("grassroots.errors")


@dataclass
class Context:
    session: AsyncSession
    request: Any = None
    # From the access token, checked before execution; `viewer` is loaded from it
    # after validation, so refused documents never reach the database.
    claims: Claims | None = None
    viewer: Viewer = ANONYMOUS
    request_id: str = ""
    operation: str = ""  # the mutation now running, for the audit log
    tokens: TokenSettings | None = None
    limits: Limits = field(default_factory=Limits)
    # Headers the HTTP response should carry (Retry-After, say); the server copies them.
    response_headers: dict[str, str] = field(default_factory=dict)
    gate: SessionGate = field(default_factory=SessionGate)
    loaders: Loaders = field(init=False)
    # With the compiled path on, a mutation's payload objects read compiled: the
    # operation's schema.compiled.payloads.PayloadReads (typed here without the schema).
    compiled_payloads: Any = None
    # The connection the cost charge ran on, in autocommit, kept for a query: a compiled
    # read of one statement reads on it (one checkout from the pool for the request);
    # whatever else runs releases it first (`release_connection`), so that a request
    # never holds two connections.
    connection: AsyncConnection | None = None
    # Admission's outcome when the operation was admitted before Strawberry ran it, and
    # its compiled read was tried already (schema/compiled/direct.py): an
    # schema.admission.Admitted, typed here without the schema.
    admitted: Any = None

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.session, self.gate)

    def reset_loaders(self) -> None:
        """Forget everything loaded so far: a committed mutation may have changed it."""
        self.loaders = Loaders(self.session, self.gate)

    async def release_connection(self) -> None:
        connection, self.connection = self.connection, None
        if connection is None:
            return
        try:
            await connection.close()
        except Exception as error:  # a broken connection is the pool's
            log.warning("closing request %s's connection failed: %s", self.request_id, error)
            await connection.invalidate()

    async def close(self) -> None:
        """End the request: wait for the reads in flight (siblings of a failed field may
        still be running), refuse any more, then close the session."""
        await self.gate.close()
        await self.release_connection()
        try:
            await self.session.close()
        except Exception as error:  # the answer is made: a broken connection is the pool's
            log.warning("closing request %s's session failed: %s", self.request_id, error)
            await self.session.invalidate()
