"""Logging in, refreshing and logging out.

Access tokens are short-lived JWTs that the server does not store; refresh tokens are
random, stored as a hash, and rotated on every use. The refresh tokens of one login form a
session, whose id every access token of that login carries; a request's token counts
only while its session is live (resolvers/accounts/viewer.py checks it with the viewer).
Logging out ends the session at once. Presenting a refresh token that was already rotated
means it leaked: every session of that user ends, their access tokens with them.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from db.models import RefreshToken, User
from resolvers import clock
from resolvers.accounts.passwords import MAX_PASSWORD_LENGTH, verify_password
from resolvers.accounts.tokens import (
    AccessToken,
    TokenSettings,
    issue_access_token,
    new_refresh_token,
    new_session_id,
    refresh_token_hash,
)
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.validation import has_control_characters

BAD_CREDENTIALS = "the username or password is wrong, or the account is deactivated"


@dataclass(frozen=True)
class Session:
    user: User
    access: AccessToken
    refresh_token: str


async def _open(
    ctx: Context, user: User, settings: TokenSettings, session_id: str | None = None
) -> Session:
    """The next refresh token of session `session_id` (a new session without one) and an
    access token of that session."""
    token, token_hash = new_refresh_token()
    now = clock.real_now()
    session_id = session_id or new_session_id()
    ctx.session.add(
        RefreshToken(
            user_id=user.id,
            session_id=session_id,
            token_hash=token_hash,
            issued_at=now,
            expires_at=now + timedelta(days=settings.refresh_days),
        )
    )
    await ctx.session.flush()
    access = issue_access_token(user.id, settings.secret, settings.access_minutes, session_id)
    return Session(user, access, token)


# Password checks, one at a time in each process: an Argon2 check runs on as many threads
# as its parallelism (4), so a burst of sign-ins checked side by side took both cores from
# every other request for seconds. Queued, they cost no more CPU in all, and the event
# loop keeps its share; a check still waiting when its request times out is cancelled.
CHECKS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="password-check")


async def verified_user(ctx: Context, username: str, password: str) -> int | None:
    """The account whose credentials these are, or None. Called before the login's write
    transaction: an argon2 check takes about a tenth of a second, so it runs in a thread
    (the event loop serves other requests meanwhile) and holds no write lock (SQLite's
    writers would queue behind every login)."""
    user = None
    # No username holds a control character; PostgreSQL refuses NUL and no database takes
    # a lone surrogate, so such a name is not looked up: it is simply unknown.
    if (
        len(username) <= 50
        and len(password) <= MAX_PASSWORD_LENGTH
        and not has_control_characters(username)
    ):
        user = await ctx.session.scalar(select(User).where(User.username == username.strip()))
    # Argon2 cannot encode a lone surrogate: such a password is wrong, at the same cost.
    encodable = not any("\ud800" <= char <= "\udfff" for char in password)
    # Verified even when the user is unknown, so timing does not tell which names exist.
    valid = await asyncio.get_running_loop().run_in_executor(
        CHECKS, verify_password, user.password_hash if user else None, password if encodable else ""
    )
    if user is None or not (valid and encodable) or not user.active:
        return None
    return user.id


def bad_credentials() -> UserErrors:
    """The one vague answer to every failed login."""
    return UserErrors.single(BAD_CREDENTIALS, UserErrorCode.INVALID_CREDENTIALS)


async def login(ctx: Context, user_id: int, settings: TokenSettings) -> Session:
    """A new session for the account `verified_user` found (unless it was deactivated
    in between)."""
    user = await ctx.session.get(User, user_id)
    if user is None or not user.active:
        raise bad_credentials()
    user.last_login_at = clock.real_now()
    return await _open(ctx, user, settings)


async def _stored(ctx: Context, refresh_token: str) -> RefreshToken | None:
    if len(refresh_token) > 200:
        return None
    return await ctx.session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == refresh_token_hash(refresh_token))
    )


async def refresh(ctx: Context, refresh_token: str, settings: TokenSettings) -> Session:
    """Trade a live refresh token for a new session; the old token stops working."""
    stored = await _stored(ctx, refresh_token)
    now = clock.real_now()
    invalid = UserErrors.single(
        "the refresh token is not valid; log in again",
        UserErrorCode.INVALID_CREDENTIALS,
        "refreshToken",
    )
    if stored is None:
        raise invalid
    if stored.revoked_at is not None:
        # A rotated token came back: someone else holds a copy. End all their sessions.
        # Committed even though the payload reports an error (see the mutation).
        await ctx.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == stored.user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await ctx.session.commit()
        raise invalid
    user = await ctx.session.get(User, stored.user_id)
    if stored.expires_at <= now or user is None or not user.active:
        raise invalid
    stored.revoked_at = now
    return await _open(ctx, user, settings, stored.session_id)


async def logout(ctx: Context, refresh_token: str) -> bool:
    """Revoke the refresh token, ending its session and the session's access tokens; true
    when it was live."""
    stored = await _stored(ctx, refresh_token)
    if stored is None or stored.revoked_at is not None:
        return False
    stored.revoked_at = clock.real_now()
    await ctx.session.flush()
    return True
