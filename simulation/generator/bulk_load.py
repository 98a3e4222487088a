"""SQLite's settings for writing a whole district in one transaction, and back.

In WAL mode a transaction larger than the page cache spills its dirty pages into the
write-ahead log, and a page changed again after spilling is appended again: the log of one
long seeding transaction grows faster than the data (2.9 GB at scale 100) and every read of
a spilled page searches it, so the rate fell with the size. For the load the database uses
a rollback journal (spilled pages are written in place; a fresh database's new pages need
no journal), no syncs until the commit, and a page cache that holds the indexes being
filled; afterwards it is back in WAL mode with its usual settings. The district is still
written in one transaction: a failed seed leaves nothing behind.

The driver's thread inserts each batch without the GIL, but needs it to start a batch and
to hand back its result; the generator, busy in Python, gives it up only every switch
interval (5 ms by default), so with a few dozen tables a flush the thread waited longer
than it wrote. For the load the interval is 0.2 ms.

PostgreSQL needs none of this (its checkpoints do not wait for open transactions): it is
left as it is.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

# The page cache for the load, in KiB (negative: SQLite's unit for a size in KiB).
CACHE_KIB = 256 * 1024
# How long the generator may hold the GIL while the driver's thread waits for it, seconds.
SWITCH_INTERVAL = 0.0002


@asynccontextmanager
async def bulk_load(connection: AsyncConnection) -> AsyncIterator[None]:
    """Run the block with SQLite set for a bulk load; `connection` must not be in a
    transaction (the journal mode cannot change inside one)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw: Any = (await connection.get_raw_connection()).driver_connection

    async def pragma(statement: str) -> Any:
        cursor = await raw.execute(f"PRAGMA {statement}")
        row = await cursor.fetchone()
        await cursor.close()
        return row[0] if row else None

    journal = await pragma("journal_mode")
    synchronous = await pragma("synchronous")
    cache = await pragma("cache_size")
    timeout = await pragma("busy_timeout")
    await pragma("busy_timeout=0")
    # Leaving WAL needs the only connection to the file ("database is locked" otherwise);
    # beside another one, a running server, the load stays in WAL mode: slower, just as
    # correct.
    with suppress(sqlite3.OperationalError):
        await pragma("journal_mode=TRUNCATE")
    await pragma(f"busy_timeout={timeout}")
    await pragma("synchronous=OFF")
    await pragma(f"cache_size=-{CACHE_KIB}")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        await pragma(f"cache_size={cache}")
        await pragma(f"synchronous={synchronous}")
        await pragma(f"journal_mode={journal}")
