"""The Starlette application: /graphql (GraphiQL in development), /healthz and /readyz."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from db.session import create_engine, create_sessionmaker
from resolvers import clock
from resolvers.accounts.tokens import Claims, TokenSettings, read_access_token
from resolvers.context import Context
from resolvers.errors import UnauthenticatedError
from resolvers.limits import Limits
from schema import schema_for
from schema.compiled.direct import answer_directly
from server import graphiql
from server.catch_all import CatchAll
from server.cors import cors_middleware
from server.limits import Deadline, Refused, limit_body, pruning
from server.responses import error_response, request_id_of
from server.settings import Settings
from server.transport import (
    GRAPHQL_RESPONSE,
    JSON,
    METHODS,
    RETRY_UNAVAILABLE_SECONDS,
    UNAVAILABLE,
    Params,
    codes_of,
    content_type_of,
    is_request_error,
    read_params,
    response_media_type,
    status_of,
)

log = logging.getLogger("grassroots.server")

SIMULATED_TIME = "X-Simulated-Time"
INVALID_TOKEN = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
# How long /readyz waits for the database's answer to SELECT 1.
READY_TIMEOUT_SECONDS = 2.0


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


def refusal(refused: Refused, request_id: str, media: str = JSON) -> Response:
    return error_response(
        refused.code,
        refused.message,
        status=refused.status,
        request_id=request_id,
        headers=refused.headers,
        media_type=content_type_of(media),
    )


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view for WebSockets; GraphQL over HTTP is answered here
    (server/transport.py), with one database session per request, closed after it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        super().__init__(
            schema_for(settings.production, settings.compiled_reads),
            graphql_ide=None if settings.production else "graphiql",
        )
        self.sessions = sessions
        self.settings = settings
        self.graphql_schema = schema_for(settings.production, settings.compiled_reads)._schema
        self.limits = Limits(settings.max_query_cost, settings.cost_per_minute)
        self.deadline = Deadline(settings.request_timeout_seconds)
        self.tokens = TokenSettings(
            settings.secret_key, settings.access_token_minutes, settings.refresh_token_days
        )

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def context_for(
        self, request: Request | WebSocket, claims: Claims | None, request_id: str
    ) -> Context:
        return Context(
            session=self.sessions(),
            request=request,
            claims=claims,
            request_id=request_id,
            tokens=self.tokens,
            limits=self.limits,
        )

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Response | WebSocket:
        request_id = request_id_of(request)
        if not isinstance(request, Request):  # a WebSocket lives longer than any timeout
            try:
                claims = claims_of(request, self.settings.secret_key)
            except UnauthenticatedError as error:
                return error_response(error.code, error.message, status=401, request_id=request_id)
            context = self.context_for(request, claims, request_id)
            try:
                return await super().run(request, context=context, root_value=root_value)
            finally:
                await context.close()
        try:
            if request.method not in ("GET", "POST"):
                raise Refused(
                    "METHOD_NOT_ALLOWED",
                    f"send GraphQL requests with {METHODS.replace(', ', ' or ')}",
                    status=405,
                    headers={"Allow": METHODS},
                )
            if self.wants_graphiql(request):
                if self.graphql_ide:
                    page = graphiql.page_html()  # its files are served from /graphiql/static/
                    return HTMLResponse(page, headers={"X-Request-ID": request_id})
                raise Refused("NOT_FOUND", "not found", status=404)
            media = response_media_type(request.headers.get("accept"))
        except Refused as refused:
            return refusal(refused, request_id)
        try:
            claims = claims_of(request, self.settings.secret_key)
            at = simulated_time_of(request) if self.settings.simulated_clock else None
        except UnauthenticatedError as error:
            bad_token = Refused(error.code, error.message, status=401, headers=INVALID_TOKEN)
            return refusal(bad_token, request_id, media)
        except Refused as refused:
            return refusal(refused, request_id, media)
        context = self.context_for(request, claims, request_id)
        if at is None:
            response = await self.run_http(request, context, root_value, media)
        else:
            with clock.simulated(at):
                response = await self.run_http(request, context, root_value, media)
            response.headers[SIMULATED_TIME] = at.isoformat()
        response.headers.update(context.response_headers)
        response.headers["X-Request-ID"] = request_id
        return response

    def wants_graphiql(self, request: Request) -> bool:
        """A browser opening /graphql (a GET without a query that accepts HTML)."""
        accept = request.headers.get("accept", "")
        return (
            request.method == "GET"
            and "query" not in request.query_params
            and ("text/html" in accept or "*/*" in accept)
        )

    async def run_http(
        self, request: Request, context: Context, root_value: Any, media: str
    ) -> Response:
        """Answer one HTTP request within the time limit."""
        response = await self.deadline.run(self.answer(request, context, root_value, media))
        if response is None:
            seconds = self.settings.request_timeout_seconds
            late = Refused("TIMEOUT", f"the request took longer than {seconds:g} s", 504)
            return refusal(late, context.request_id, media)
        return response

    async def answer(
        self, request: Request, context: Context, root_value: Any, media: str
    ) -> Response:
        """Run GraphQL on a well-formed request within the size limit; whatever is refused
        on the way becomes a GraphQL-shaped error with a code. The session is closed at
        the end."""
        try:
            request = limit_body(request, self.settings.max_body_bytes)
            context.request = request
            params = await read_params(request, media)
            result = await self.execute(request.method, params, context, root_value, media)
            return self.graphql_response(result, context, media)
        except Refused as refused:
            return refusal(refused, context.request_id, media)
        finally:
            await context.close()

    async def execute(
        self, method: str, params: Params, context: Context, root_value: Any, media: str
    ) -> ExecutionResult:
        """Parse, validate and execute; GET runs queries only. A query the compiled path
        answers is answered without Strawberry's execution (schema/compiled/direct.py)."""
        if self.settings.compiled_reads:
            direct = await answer_directly(
                self.graphql_schema,
                self.settings.production,
                params.query,
                params.variables,
                params.operation_name,
                context,
            )
            if direct is not None:
                return direct
        allowed = {OperationType.QUERY}
        if method == "POST":
            allowed.add(OperationType.MUTATION)
        try:
            return await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=context,
                root_value=root_value,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=params.extensions,
            )
        except InvalidOperationTypeError as error:
            if error.operation_type == OperationType.MUTATION:
                raise Refused(
                    "BAD_REQUEST",
                    "only queries may be sent with GET; send mutations with POST",
                    status=405,
                    headers={"Allow": "POST"},
                ) from None
            raise self.request_error(
                "subscriptions are served over WebSocket only", media
            ) from None
        except CannotGetOperationTypeError:
            raise self.request_error(
                f"the document holds no operation named {params.operation_name!r}", media
            ) from None

    @staticmethod
    def request_error(message: str, media: str) -> Refused:
        """A GraphQL request error found before execution: 200 in application/json (as
        validation errors), 422 in the GraphQL media type."""
        status = 422 if media == GRAPHQL_RESPONSE else 200
        return Refused("GRAPHQL_VALIDATION_FAILED", message, status=status)

    def graphql_response(self, result: ExecutionResult, context: Context, media: str) -> Response:
        """The result in `media`, with the status the transport gives it: a request error
        in the GraphQL media type has no `data`."""
        body = process_result(result)
        status = status_of(result, media)
        if media == GRAPHQL_RESPONSE and is_request_error(result):
            body.pop("data", None)
        if UNAVAILABLE in codes_of(result):
            context.response_headers["Retry-After"] = str(RETRY_UNAVAILABLE_SECONDS)
        if status == 401:
            context.response_headers.update(INVALID_TOKEN)
        return Response(
            self.encode_json(body), status_code=status, media_type=content_type_of(media)
        )


def create_app(settings: Settings | None = None, *, engine: AsyncEngine | None = None) -> Starlette:
    """Build the app; a given `engine` is used as is and left open (tests own it)."""
    settings = settings or Settings()
    owns_engine = engine is None
    engine = engine or create_engine(
        settings.database_url, echo=settings.sql_echo, pool_timeout=settings.pool_timeout
    )
    graphql = GraphQLApp(create_sessionmaker(engine), settings)
    readiness = Deadline(READY_TIMEOUT_SECONDS)

    async def healthz(_request: Request) -> Response:
        """Liveness: the process answers; the database is not asked (see /readyz)."""
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    async def database_answers() -> bool:
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception as error:
            log.warning("readiness: the database did not answer: %s", error)
            return False
        return True

    async def readyz(_request: Request) -> Response:
        """Readiness, for load balancers: 200 when the database answers SELECT 1 within
        READY_TIMEOUT_SECONDS, else 503."""
        if await readiness.run(database_answers()):
            return JSONResponse({"status": "ready", "database": engine.dialect.name})
        return JSONResponse(
            {"status": "degraded", "database": "unavailable"},
            status_code=503,
            headers={"Retry-After": str(RETRY_UNAVAILABLE_SECONDS)},
        )

    async def home(_request: Request) -> Response:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with pruning(engine):
            yield
        await graphql.deadline.drain()
        await readiness.drain()
        if owns_engine:
            await engine.dispose()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            # Every method reaches the view, so that even a wrong one is answered in JSON.
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
            *([] if settings.production else graphiql.routes),
        ],
        middleware=[*cors_middleware(settings, SIMULATED_TIME), Middleware(CatchAll)],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.deadline = graphql.deadline
    return app
