"""The per-request context every resolver receives."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.loaders import Loaders


@dataclass
class Context:
    session: AsyncSession
    request: Any = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.session, self.lock)

    def reset_loaders(self) -> None:
        """Forget everything loaded so far: a committed mutation may have changed it."""
        self.loaders = Loaders(self.session, self.lock)
