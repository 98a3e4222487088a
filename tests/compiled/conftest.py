"""The app twice on the test's database, with the compiled path on and off, so that a
test can send the same request through both and compare the answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from server.app import create_app
from server.settings import Settings
from tests.support.database import Database
from tests.support.graphql import UNLIMITED


@pytest.fixture
async def apps(seeded: Database) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """(compiled, resolvers): clients of the app with the compiled path on and off, on the
    simulated clock and without a cost budget."""
    clients = []
    for compiled in (True, False):
        settings = Settings(
            database_url=seeded.url,
            compiled_reads=compiled,
            simulated_clock=True,
            **UNLIMITED,  # type: ignore[arg-type]
        )
        app = create_app(settings, engine=seeded.engine)
        transport = httpx.ASGITransport(app=app)
        clients.append(httpx.AsyncClient(transport=transport, base_url="http://t"))
    yield clients[0], clients[1]
    for client in clients:
        await client.aclose()
