"""Log in, refresh a session and log out (登录、续期、退出)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers.accounts import sessions
from resolvers.accounts.sessions import Session
from resolvers.errors import UserErrors
from resolvers.transaction import in_transaction
from schema.accounts.inputs import LoginInput, RefreshTokenInput
from schema.base import Info
from schema.errors import UserError, user_errors_of
from schema.mutation import Input, result, user_errors


@strawberry.type(
    description=(
        "A session (登录会话): send the access token as `Authorization: Bearer <token>`;"
        " before it expires, trade the refresh token for a new pair with refreshSession."
    )
)
class SessionPayload:
    access_token: str | None = strawberry.field(
        default=None,
        description="Signed access token (访问令牌), valid until accessTokenExpiresAt.",
    )
    access_token_expires_at: datetime | None = result(
        "When the access token expires (访问令牌过期时间)."
    )
    refresh_token: str | None = strawberry.field(
        default=None,
        description="Refresh token (刷新令牌): works once; keep it secret.",
    )
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of logout (退出登录).")
class LogoutPayload:
    revoked: bool = strawberry.field(
        default=False, description="Whether a live refresh token was revoked (已吊销)."
    )
    user_errors: list[UserError] = user_errors()


def _payload(outcome: Session | UserErrors) -> SessionPayload:
    if isinstance(outcome, UserErrors):
        return SessionPayload(user_errors=user_errors_of(outcome))
    return SessionPayload(
        access_token=outcome.access.token,
        access_token_expires_at=outcome.access.expires_at,
        refresh_token=outcome.refresh_token,
    )


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Log in with a username and password (登录).")
    async def login(self, info: Info, input: Annotated[LoginInput, Input]) -> SessionPayload:
        ctx = info.context
        assert ctx.tokens is not None
        tokens = ctx.tokens
        user_id = await sessions.verified_user(ctx, input.username, input.password)
        if user_id is None:  # nothing to write: no transaction, no lock
            return _payload(sessions.bad_credentials())
        return _payload(await in_transaction(ctx, lambda: sessions.login(ctx, user_id, tokens)))

    @strawberry.mutation(
        description="Trade a refresh token for a new session (续期); the old token stops working."
    )
    async def refresh_session(
        self, info: Info, input: Annotated[RefreshTokenInput, Input]
    ) -> SessionPayload:
        ctx = info.context
        assert ctx.tokens is not None
        tokens = ctx.tokens
        return _payload(
            await in_transaction(ctx, lambda: sessions.refresh(ctx, input.refresh_token, tokens))
        )

    @strawberry.mutation(description="Log out: revoke a refresh token (退出登录).")
    async def logout(self, info: Info, input: Annotated[RefreshTokenInput, Input]) -> LogoutPayload:
        ctx = info.context
        outcome = await in_transaction(ctx, lambda: sessions.logout(ctx, input.refresh_token))
        if isinstance(outcome, UserErrors):
            return LogoutPayload(user_errors=user_errors_of(outcome))
        return LogoutPayload(revoked=outcome)
