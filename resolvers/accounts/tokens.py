"""Access tokens (signed JWTs, short-lived) and refresh tokens (random, stored hashed)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt

from resolvers.errors import UnauthenticatedError

ALGORITHM = "HS256"
ISSUER = "grassroots"
# Bearer tokens longer than this are refused before any decoding.
MAX_TOKEN_LENGTH = 2048
SESSION_ID = re.compile(r"[0-9a-f]{32}")
# Tokens whose signature and claims were checked, kept per process: a client sends the same
# token on every request, and verifying it again cost a tenth of a small request's time.
VERIFIED_TOKENS = 4096


@dataclass(frozen=True)
class TokenSettings:
    """How tokens are signed and how long they live (from the server's settings)."""

    secret: str
    access_minutes: int
    refresh_days: int


@dataclass(frozen=True)
class AccessToken:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class Claims:
    user_id: int
    expires_at: datetime
    # The login session the token belongs to, checked on every request; None for the
    # development tokens of `grassroots token`, which only their expiry ends.
    session_id: str | None = None


def issue_access_token(
    user_id: int, secret: str, minutes: int, session_id: str | None = None
) -> AccessToken:
    now = datetime.now(UTC)
    expires_at = now + timedelta(minutes=minutes)
    payload: dict[str, object] = {"sub": str(user_id), "iss": ISSUER, "iat": now, "exp": expires_at}
    if session_id is not None:
        payload["sid"] = session_id
    return AccessToken(jwt.encode(payload, secret, algorithm=ALGORITHM), expires_at)


def read_access_token(token: str, secret: str) -> Claims:
    """The claims of a valid token; UNAUTHENTICATED for anything else, saying why.

    A token verified before is not verified again (a refused one is, every time); its
    expiry is checked on every use."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise UnauthenticatedError("the access token is malformed")
    claims = _verified(token, secret)
    if datetime.now(UTC) >= claims.expires_at:
        raise UnauthenticatedError("the access token has expired; refresh it or log in")
    return claims


@lru_cache(maxsize=VERIFIED_TOKENS)
def _verified(token: str, secret: str) -> Claims:
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["sub", "exp", "iat", "iss"]},
        )
    except jwt.ExpiredSignatureError:
        raise UnauthenticatedError("the access token has expired; refresh it or log in") from None
    except jwt.InvalidTokenError:
        raise UnauthenticatedError("the access token is not valid") from None
    subject = payload["sub"]
    if not isinstance(subject, str) or not subject.isdigit() or len(subject) > 10:
        raise UnauthenticatedError("the access token is not valid")
    session_id = payload.get("sid")
    if session_id is not None and not (
        isinstance(session_id, str) and SESSION_ID.fullmatch(session_id)
    ):
        raise UnauthenticatedError("the access token is not valid")
    return Claims(int(subject), datetime.fromtimestamp(payload["exp"], UTC), session_id)


def new_session_id() -> str:
    return secrets.token_hex(16)


def new_refresh_token() -> tuple[str, str]:
    """A fresh refresh token and the hash under which it is stored."""
    token = secrets.token_urlsafe(32)
    return token, refresh_token_hash(token)


def refresh_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
