"""The per-request context every resolver receives."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.accounts.tokens import Claims, TokenSettings
from resolvers.accounts.viewer import ANONYMOUS, Viewer
from resolvers.limits import Limits
from resolvers.loaders import Loaders


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
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.session, self.lock)

    def reset_loaders(self) -> None:
        """Forget everything loaded so far: a committed mutation may have changed it."""
        self.loaders = Loaders(self.session, self.lock)
