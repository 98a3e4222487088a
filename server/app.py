"""The Starlette application: /graphql (GraphiQL in development) and /healthz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET

from db.session import create_engine, create_sessionmaker
from resolvers.context import Context
from schema import schema
from server.settings import Settings


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with one database session per request, closed after it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, graphiql: bool) -> None:
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None)
        self.sessions = sessions

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Response | WebSocket:
        session = self.sessions()
        try:
            return await super().run(
                request, context=Context(session=session, request=request), root_value=root_value
            )
        finally:
            await session.close()


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> Starlette:
    """Build the app; a given `engine` is used as is and left open (tests own it)."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or create_engine(settings.database_url, echo=settings.sql_echo)
    graphql = GraphQLApp(create_sessionmaker(engine), graphiql=not settings.production)

    async def healthz(_request: Request) -> Response:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    async def home(_request: Request) -> Response:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if owns_engine:
            await engine.dispose()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    return app
