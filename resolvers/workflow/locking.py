"""Row locks for workflow steps: `SELECT … FOR UPDATE` on PostgreSQL, so that of several
requests racing for one row exactly one moves it and the others see where it went. On
SQLite every mutation holds the write lock from its first statement (db.session), and the
statement is a plain read.

Each row is locked once per transaction: a step that locked its row first (to check its
own rules under the lock) and then advances it runs no second statement.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from resolvers import global_ids
from resolvers.context import Context
from resolvers.errors import NotFoundError, shown
from resolvers.nodes import TYPE_NAMES

M = TypeVar("M", bound=Base)

# The locks held by the session's current transaction, in `Session.info`.
KEY = "workflow.locked"


def _held(session: AsyncSession) -> set[tuple[type[Any], Any]]:
    transaction = session.sync_session.get_transaction()
    held = session.info.get(KEY)
    if held is None or held[0] is not transaction:
        held = (transaction, set())
        session.info[KEY] = held
    locks: set[tuple[type[Any], Any]] = held[1]
    return locks


async def _select_locked(session: AsyncSession, model: type[M], pk: int) -> M | None:
    key = inspect(model).primary_key[0]
    row: M | None = await session.scalar(
        select(model).where(key == pk).with_for_update().execution_options(populate_existing=True)
    )
    if row is not None:
        _held(session).add((model, pk))
    return row


async def locked(ctx: Context, model: type[M], global_id: str) -> M:
    """The row behind `global_id`, locked and read afresh (NOT_FOUND or BAD_USER_INPUT
    for an ID of no such row or of another type)."""
    type_name = TYPE_NAMES[model]
    _, pk = global_ids.decode_as(global_id, type_name)
    row = await _select_locked(ctx.session, model, pk)
    if row is None:
        raise NotFoundError(f"no {type_name} has the ID {shown(global_id)}")
    return row


async def lock(ctx: Context, row: Base) -> None:
    """Lock `row` unless this transaction holds its lock already or created it."""
    state = inspect(row)
    if not state.persistent:
        return  # new in this transaction: nobody else can see it yet
    assert state.identity is not None
    model, (pk,) = type(row), state.identity
    if (model, pk) in _held(ctx.session):
        return
    if state.modified:
        # Reading it afresh would drop the changes (the sessions do not autoflush).
        raise RuntimeError(f"lock the {model.__name__} before changing it")
    await _select_locked(ctx.session, model, pk)
