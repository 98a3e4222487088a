"""The compiled statements by the shape of what asked for them, and how one is run."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.accounts.viewer import Viewer
from resolvers.compiled import catalog
from resolvers.compiled.masking import viewer_shape
from resolvers.permissions import can_read

PLANS = 512


def shape(value: Any) -> Any:
    """What of a variable's value changes the statement: presence, booleans, list
    lengths and input objects' keys; other values are bound parameters."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list):
        return ("list", tuple(shape(item) for item in value))
    if isinstance(value, Mapping):
        return tuple(sorted((key, shape(item)) for key, item in value.items()))
    return type(value).__name__


def viewer_key(viewer: Viewer) -> tuple[Any, ...]:
    return (viewer_shape(viewer), tuple(can_read(viewer, name) for name in catalog.TYPES))


class PlanCache:
    """Compiled statements by (document, operation, variables' shape, viewer's shape,
    database), for queries (schema/compiled/extension.py) and mutation payloads
    (schema/compiled/payloads.py); what cannot be compiled is remembered too, as None."""

    def __init__(self, size: int = PLANS) -> None:
        self.size = size
        self.plans: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> tuple[bool, Any]:
        if key in self.plans:
            self.plans.move_to_end(key)
            return True, self.plans[key]
        return False, None

    def put(self, key: tuple[Any, ...], plan: Any) -> None:
        self.plans[key] = plan
        if len(self.plans) > self.size:
            self.plans.popitem(last=False)


CACHE = PlanCache()


async def first_value(session: AsyncSession, sql: str, params: Sequence[Any]) -> Any:
    """The first column of the statement's first row (the JSON), or None."""
    connection = await session.connection()
    row = (await connection.exec_driver_sql(sql, tuple(params))).first()
    return None if row is None else row[0]


def as_response(answer: Any) -> Any:
    """A compiled answer as the response takes it: SQLite's JSON text goes into the
    response's bytes as it is (`orjson.Fragment`), never parsed and written again;
    PostgreSQL's json arrives decoded (by orjson, db/session.py)."""
    return orjson.Fragment(answer) if isinstance(answer, str) else answer
