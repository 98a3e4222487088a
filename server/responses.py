"""GraphQL-shaped error responses for requests refused before GraphQL runs, and the
request ID that every answer and log line carries."""

from __future__ import annotations

import re
import uuid

import orjson
from starlette.requests import HTTPConnection
from starlette.responses import Response

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")


def request_id_of(connection: HTTPConnection) -> str:
    """The caller's X-Request-ID when it is sane, else a new one; logs and errors carry it.
    Chosen once per request (kept in the ASGI scope), so every layer reports the same."""
    state = connection.scope.setdefault("state", {})
    chosen = state.get("request_id")
    if not chosen:
        given = connection.headers.get("x-request-id", "")
        chosen = state["request_id"] = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    return str(chosen)


def error_response(
    code: str,
    message: str,
    *,
    status: int = 200,
    request_id: str = "",
    headers: dict[str, str] | None = None,
    media_type: str = "application/json",
    **extensions: object,
) -> Response:
    """`{"errors": [{message, extensions: {code, …}}]}`, as every GraphQL error looks."""
    body = {
        "errors": [
            {
                "message": message,
                "extensions": {"code": code, **extensions, "requestId": request_id},
            }
        ]
    }
    all_headers = {"X-Request-ID": request_id} if request_id else {}
    all_headers.update(headers or {})
    return Response(
        orjson.dumps(body), status_code=status, media_type=media_type, headers=all_headers
    )
