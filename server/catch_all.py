"""The last word on a request that failed where nothing else answered it: JSON with a
code and the request ID (503 SERVICE_UNAVAILABLE when the database was out of reach,
else 500 INTERNAL_SERVER_ERROR), logged with its stack, never Starlette's plain text."""

from __future__ import annotations

import logging

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from db.session import unavailable
from server.responses import error_response, request_id_of
from server.transport import RETRY_UNAVAILABLE_SECONDS

log = logging.getLogger("grassroots.errors")


class CatchAll:
    """Pure ASGI middleware, so that it sees exceptions before Starlette's own handler."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            request_id = request_id_of(HTTPConnection(scope))
            if started:  # the answer is under way: only the server can cut it short
                raise
            if unavailable(error):
                log.warning("database unavailable in request %s: %s", request_id, error)
                response = error_response(
                    "SERVICE_UNAVAILABLE",
                    "the database is unavailable; retry shortly",
                    status=503,
                    request_id=request_id,
                    headers={"Retry-After": str(RETRY_UNAVAILABLE_SECONDS)},
                )
            else:
                log.exception("unexpected error in request %s", request_id)
                response = error_response(
                    "INTERNAL_SERVER_ERROR",
                    f"Internal server error (request {request_id}).",
                    status=500,
                    request_id=request_id,
                    reference=request_id,
                )
            await response(scope, receive, send)
