"""Root query fields for accounts: who is asking."""

from __future__ import annotations

from typing import cast

import strawberry

from db import models
from schema.accounts.types import User
from schema.base import Info


async def _viewer(info: Info) -> User | None:
    user_id = info.context.viewer.user_id
    if user_id is None:
        return None
    return cast("User | None", await info.context.loaders.by_id(models.User).load(user_id))


@strawberry.type
class AccountsQuery:
    viewer: User | None = strawberry.field(
        resolver=_viewer,
        description="The logged-in account (当前用户); null without an access token.",
    )
    me: User | None = strawberry.field(
        resolver=_viewer, description="The logged-in account (当前用户); same as `viewer`."
    )
