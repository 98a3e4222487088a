"""Inputs of the session mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(description="Credentials to log in with (登录凭据).")
class LoginInput:
    username: str = strawberry.field(description="Login name (登录名).")
    password: str = strawberry.field(description="Password (密码).")


@strawberry.input(description="A refresh token (刷新令牌).")
class RefreshTokenInput:
    refresh_token: str = strawberry.field(
        description="The refresh token from login or the last refresh (刷新令牌)."
    )
