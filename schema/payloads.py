"""Running a mutation and shaping its payload: one transaction, user errors or the rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from resolvers.errors import UserErrors
from resolvers.transaction import in_transaction
from schema.base import Info
from schema.errors import user_errors

P = TypeVar("P")


async def run(
    info: Info, payload: Callable[..., P], field: str, work: Callable[[], Awaitable[Any]]
) -> P:
    """Run `work` in one transaction; return `payload(field=row)` or its user errors."""
    result = await in_transaction(info.context, work)
    if isinstance(result, UserErrors):
        return payload(user_errors=user_errors(result))
    return payload(**{field: result})
