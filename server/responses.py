"""GraphQL-shaped error responses for requests refused before GraphQL runs."""

from __future__ import annotations

import orjson
from starlette.responses import Response


def error_response(
    code: str,
    message: str,
    *,
    status: int = 200,
    request_id: str = "",
    headers: dict[str, str] | None = None,
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
        orjson.dumps(body), status_code=status, media_type="application/json", headers=all_headers
    )
