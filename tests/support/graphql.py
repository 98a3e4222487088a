"""A GraphQL client on the real ASGI app, and the statement figures every request adds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy import select

from db.models import AccountRole, District, User
from server.app import create_app
from server.settings import Settings
from tests.support.database import Database
from tests.support.users import ADMIN, make_user, token_for

# Statements every request that passes the cost check runs before its resolvers: the
# budget's UPSERT, which also reads a signed-in viewer's account and grants.
ADMISSION_STATEMENTS = 1
# The BEGIN and the COMMIT or ROLLBACK around the reads of a query (and of a mutation's
# payload).
TRANSACTION_STATEMENTS = 2
# Whole-tree queries in the statement tests would exceed the cost limit on purpose, and on
# a machine busy with other test workers the 15 s request limit too: they count statements.
UNLIMITED = {"max_query_cost": 10**12, "cost_per_minute": 10**12, "request_timeout_seconds": 600}


class GraphQLClient:
    """Posts GraphQL documents to the real ASGI app, as a frontend would.

    By default it acts as a district admin, created on the first request (after the
    test's data is in place); `as_user` and `anonymous` give clients for other viewers.
    """

    def __init__(self, http: httpx.AsyncClient, db: Database, token: str | None = ADMIN) -> None:
        self.http = http
        self.db = db
        self.token = token

    def as_user(self, user_id: int) -> GraphQLClient:
        return GraphQLClient(self.http, self.db, token_for(user_id))

    def anonymous(self) -> GraphQLClient:
        return GraphQLClient(self.http, self.db, None)

    async def headers(self) -> dict[str, str]:
        if self.token == ADMIN:
            self.token = token_for(await self._admin())
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def _admin(self) -> int:
        async with self.db.engine.connect() as connection:
            found = await connection.scalar(select(User.id).where(User.username == ADMIN))
            district = await connection.scalar(select(District.id).order_by(District.id))
        if found is not None:
            return int(found)
        grants = [] if district is None else [(AccountRole.DISTRICT_ADMIN, "district_id", district)]
        return await make_user(self.db, ADMIN, *grants)

    async def response(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers=await self.headers(),
        )

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.response(query, variables)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of a request that must succeed without errors."""
        body = await self.post(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = await self.post(query, variables)
        assert body.get("errors"), f"expected errors, got {body}"
        return [error["extensions"]["code"] for error in body["errors"]]

    async def mutate(
        self, name: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The payload of mutation `name`; top-level errors fail the test."""
        payload: dict[str, Any] = (await self.data(query, variables))[name]
        return payload


@asynccontextmanager
async def graphql_client(db: Database, **settings: Any) -> AsyncIterator[GraphQLClient]:
    """A client of an app on `db` built with these settings (limits, say)."""
    app = create_app(Settings(database_url=db.url, **settings), engine=db.engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield GraphQLClient(http, db)
