"""Which browser pages may call the API (CORS), from GRASSROOTS_CORS_ORIGINS.

Tokens travel in the Authorization header, never in cookies, so no origin is given
credentials (no Access-Control-Allow-Credentials), and "*" is safe to allow.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from server.settings import Settings

METHODS = ["GET", "POST"]
REQUEST_HEADERS = ["Authorization", "Content-Type", "X-Request-ID"]
# Response headers a page's script may read besides the CORS-safelisted ones.
EXPOSED_HEADERS = ["X-Request-ID", "Retry-After"]
# Seconds a browser may reuse a preflight's answer (Chromium caps it at 7,200).
MAX_AGE = 600


def cors_middleware(settings: Settings, *development_headers: str) -> list[Middleware]:
    """The CORS middleware for the configured origins, or none when none is configured;
    `development_headers` are allowed too outside production."""
    origins = settings.cors_origin_list
    if not origins:
        return []
    headers = REQUEST_HEADERS + ([] if settings.production else list(development_headers))
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=METHODS,
            allow_headers=headers,
            allow_credentials=False,
            expose_headers=EXPOSED_HEADERS,
            max_age=MAX_AGE,
        )
    ]
