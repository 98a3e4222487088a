"""The Starlette application: /graphql (GraphiQL in development) and /healthz."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import orjson
from cross_web import HTTPException
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET

from db.session import create_engine, create_sessionmaker
from resolvers import clock
from resolvers.accounts.tokens import Claims, TokenSettings, read_access_token
from resolvers.context import Context
from resolvers.errors import UnauthenticatedError
from resolvers.limits import Limits
from schema import schema_for
from server import graphiql
from server.limits import (
    Deadline,
    Refused,
    from_http_exception,
    limit_body,
    pruning,
    screen_body,
)
from server.responses import error_response
from server.settings import Settings

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")


def request_id_of(request: Request | WebSocket) -> str:
    """The caller's X-Request-ID when it is sane, else a new one; logs and errors carry it."""
    given = request.headers.get("x-request-id", "")
    return given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


SIMULATED_TIME = "X-Simulated-Time"


def simulated_time_of(request: Request) -> datetime | None:
    """The moment a simulation plays this request at, from its header (aware ISO-8601)."""
    given = request.headers.get(SIMULATED_TIME)
    if given is None:
        return None
    try:
        at = datetime.fromisoformat(given[:40])
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise Refused(
            "BAD_USER_INPUT",
            f"{SIMULATED_TIME} must be an ISO-8601 time with its offset",
            status=400,
        )
    return at


def claims_of(request: Request | WebSocket, secret: str) -> Claims | None:
    """The access token's claims; None without one, UNAUTHENTICATED for a bad one."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedError('send the access token as "Authorization: Bearer <token>"')
    return read_access_token(token.strip(), secret)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with one database session per request, closed after it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        super().__init__(
            schema_for(settings.production),
            graphql_ide=None if settings.production else "graphiql",
        )
        self.sessions = sessions
        self.settings = settings
        self.limits = Limits(settings.max_query_cost, settings.cost_per_minute)
        self.deadline = Deadline(settings.request_timeout_seconds)
        self.tokens = TokenSettings(
            settings.secret_key, settings.access_token_minutes, settings.refresh_token_days
        )

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        """Strawberry's GraphiQL page, its files served from /graphiql/static/."""
        return HTMLResponse(graphiql.page_html())

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Response | WebSocket:
        request_id = request_id_of(request)
        try:
            claims = claims_of(request, self.settings.secret_key)
        except UnauthenticatedError as error:
            return error_response(
                error.code,
                error.message,
                status=401,
                request_id=request_id,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        session = self.sessions()
        context = Context(
            session=session,
            request=request,
            claims=claims,
            request_id=request_id,
            tokens=self.tokens,
            limits=self.limits,
        )
        if not isinstance(request, Request):  # a WebSocket lives longer than any timeout
            try:
                return await super().run(request, context=context, root_value=root_value)
            finally:
                await session.close()
        try:
            at = simulated_time_of(request) if self.settings.simulated_clock else None
        except Refused as refused:
            return error_response(
                refused.code, refused.message, status=refused.status, request_id=request_id
            )
        if at is None:
            response = await self.run_http(request, context, root_value)
        else:
            with clock.simulated(at):
                response = await self.run_http(request, context, root_value)
            response.headers[SIMULATED_TIME] = at.isoformat()
        response.headers.update(context.response_headers)
        response.headers["X-Request-ID"] = request_id
        return response

    async def run_http(self, request: Request, context: Context, root_value: Any) -> Response:
        """Answer one HTTP request within the time limit."""
        response = await self.deadline.run(self.answer(request, context, root_value))
        if response is None:
            seconds = self.settings.request_timeout_seconds
            return error_response(
                "TIMEOUT",
                f"the request took longer than {seconds:g} s",
                status=504,
                request_id=context.request_id,
            )
        return response

    async def answer(self, request: Request, context: Context, root_value: Any) -> Response:
        """Run GraphQL on a body within the size limit; whatever is refused on the way
        becomes a GraphQL-shaped error with a code. The session is closed at the end."""
        try:
            request = limit_body(request, self.settings.max_body_bytes)
            context.request = request
            await screen_body(request)
            return await super().run(request, context=context, root_value=root_value)
        except (Refused, HTTPException) as error:
            refused = error if isinstance(error, Refused) else from_http_exception(error)
            return error_response(
                refused.code,
                refused.message,
                status=refused.status,
                request_id=context.request_id,
                headers=refused.headers,
            )
        finally:
            await context.session.close()


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> Starlette:
    """Build the app; a given `engine` is used as is and left open (tests own it)."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or create_engine(settings.database_url, echo=settings.sql_echo)
    graphql = GraphQLApp(create_sessionmaker(engine), settings)

    async def healthz(_request: Request) -> Response:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    async def home(_request: Request) -> Response:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with pruning(engine):
            yield
        await graphql.deadline.drain()
        if owns_engine:
            await engine.dispose()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *([] if settings.production else graphiql.routes),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.deadline = graphql.deadline
    return app
