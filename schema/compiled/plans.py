"""The compiled statements by the shape of what asked for them, and how one is run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.driver import first_row
from resolvers.accounts.viewer import Viewer
from resolvers.compiled import catalog
from resolvers.compiled.masking import viewer_shape
from resolvers.compiled.rules import rule_shapes, ruled
from resolvers.context import Context
from resolvers.permissions import can_read
from schema.kept import Kept

PLANS = 512


# The taught types whose rows a rule limits: their rules' text is part of a plan's key.
RULED = tuple(name for name in catalog.TYPES if ruled(name))


def viewer_key(viewer: Viewer, postgres: bool) -> tuple[Any, ...]:
    return (
        viewer_shape(viewer),
        tuple(can_read(viewer, name) for name in catalog.TYPES),
        rule_shapes(viewer, postgres, RULED),
    )


# Compiled statements by (document, operation, variables' shape, viewer's shape, database),
# for queries (schema/compiled/queries.py) and mutation payloads
# (schema/compiled/payloads.py); what cannot be compiled is kept too, as None.
CACHE: Kept[Any] = Kept(PLANS)


async def first_value(session: AsyncSession, sql: str, params: Sequence[Any]) -> Any:
    """The first column of the statement's first row (the JSON), or None."""
    row = await first_row(await session.connection(), sql, params)
    return None if row is None else row[0]


async def read_text(
    ctx: Context, connection: AsyncConnection | None, sql: str, params: Sequence[Any]
) -> Any:
    """A compiled statement's JSON: on `connection` when the request keeps one
    (Context.connection), else on the session, through its gate."""
    if connection is not None:
        row = await first_row(connection, sql, params)
        return None if row is None else row[0]
    return await ctx.loaders.run(lambda session: first_value(session, sql, params))


def as_response(answer: Any, reparse: bool = False) -> Any:
    """A compiled answer as the response takes it: the database's JSON text (both give
    text, resolvers/compiled/dialect.py) goes into the response's bytes as it is
    (`orjson.Fragment`), never parsed and written again, unless `reparse`."""
    if not isinstance(answer, str):
        return answer
    return orjson.loads(answer) if reparse else orjson.Fragment(answer)
