"""Every district table's rows as one digest each: rows read ordered by key, each value
written in a form both backends give alike (timestamps in UTC, JSON as sorted text), hashed
in turn. Two databases with the same digests hold the same district, key for key. (The
reference data the migrations write carries the migration's time, so it is left out.)"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from simulation.generator.generate import district_tables


def _plain(value: Any) -> str:
    if isinstance(value, datetime):
        moment: datetime = value
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, Decimal | float):
        return repr(float(value))
    if isinstance(value, Enum):
        return value.name
    return repr(value)


async def table_digests(engine: AsyncEngine) -> dict[str, str]:
    """Each table's digest and row count, "<rows>:<sha256>"."""
    digests: dict[str, str] = {}
    async with engine.connect() as connection:
        for table in district_tables():
            digest = hashlib.sha256()
            rows = 0
            result = await connection.stream(select(table).order_by(*table.primary_key))
            async for row in result:
                digest.update("\x1f".join(map(_plain, row)).encode())
                digest.update(b"\x1e")
                rows += 1
            digests[table.name] = f"{rows}:{digest.hexdigest()}"
    return digests
