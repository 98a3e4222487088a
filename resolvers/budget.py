"""The cost budget of each subject (a user, or a client address) per minute.

It lives in the `cost_windows` table, not in memory, so that several uvicorn workers or
machines share one budget (docs/architecture.md). Charging is one atomic UPSERT on a connection
of its own, committed by itself (no BEGIN or COMMIT): holding a write transaction for the
whole request would serialise every request on SQLite. A query keeps that connection for
its compiled read (schema/compiled/queries.py). The UPSERT can return columns of
other tables beside the total (the viewer, in schema/admission.py), so that a request
takes one round trip before its work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Executable, bindparam, case, delete, literal
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from db.driver import Prepared, first_row, prepare
from db.models import CostWindow
from db.session import WRITE_TRANSACTION, autocommit_options
from resolvers import clock
from resolvers.accounts.tokens import Claims

WINDOW_SECONDS = 60
# Windows older than this many minutes are deleted by `prune`.
KEEP_MINUTES = 5


@dataclass(frozen=True)
class Budget:
    """What a subject has spent in the current minute, after this request's charge."""

    limit: int
    spent: int
    window_start: int  # Unix minute

    @property
    def exceeded(self) -> bool:
        return self.spent > self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.spent)

    @property
    def reset_at(self) -> datetime:
        return datetime.fromtimestamp((self.window_start + 1) * WINDOW_SECONDS, UTC)

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the window resets, at least one."""
        return max(1, math.ceil((self.reset_at - now).total_seconds()))

    def report(self) -> dict[str, object]:
        return {
            "limit": self.limit,
            "remaining": self.remaining,
            "resetAt": self.reset_at.isoformat().replace("+00:00", "Z"),
        }


def subject_of(claims: Claims | None, request: Any) -> str:
    """`user:<id>` for a signed-in user, else `ip:<client address>`."""
    if claims is not None:
        return f"user:{claims.user_id}"
    client = getattr(request, "client", None)
    host = getattr(client, "host", None) or "unknown"
    return f"ip:{host}"[:80]


def engine_of(session: AsyncSession) -> AsyncEngine:
    bind = session.bind
    if isinstance(bind, AsyncEngine):
        return bind
    if bind is None:
        raise RuntimeError("the session is not bound to an engine")
    return bind.engine


def minute_of(now: datetime) -> int:
    return int(now.timestamp()) // WINDOW_SECONDS


async def charge(
    engine: AsyncEngine, subject: str, cost: int, limit: int, now: datetime | None = None
) -> Budget:
    """Add `cost` to the subject's current window and return the window's total.

    The refused requests are charged too, so that hammering an exhausted budget (or
    guessing passwords) does not get cheaper.
    """
    return (await charge_and_read(engine, subject, cost, limit, now)).budget


COST = bindparam("cost", type_=BigInteger)
# The most a window holds (the column's 64-bit range): a charge that would pass it keeps the
# total there, so that adding never overflows and the subject stays refused.
MOST_SPENT = 2**63 - 1


@cache
def charge_statement(dialect: str, also: tuple[ColumnElement[Any], ...] = ()) -> Executable:
    """The UPSERT that adds the parameter `cost` to the window `window` of `subject` and
    returns the total, then `also`; built once per dialect and columns."""
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(CostWindow)
    values = insert.values(
        subject=bindparam("subject"), window_start=bindparam("window"), spent=COST
    )
    upsert: Executable = values.on_conflict_do_update(
        index_elements=[CostWindow.subject, CostWindow.window_start],
        set_={
            "spent": case(
                (CostWindow.spent > literal(MOST_SPENT, BigInteger) - COST, MOST_SPENT),
                else_=CostWindow.spent + COST,
            )
        },
    ).returning(CostWindow.spent, *also)
    return upsert


@cache
def prepared_charge(dialect: Dialect, also: tuple[ColumnElement[Any], ...] = ()) -> Prepared:
    return prepare(charge_statement(dialect.name, also), dialect)


async def _charge(
    connection: AsyncConnection, also: tuple[ColumnElement[Any], ...], values: dict[str, Any]
) -> Sequence[Any] | None:
    """The charge's row; on PostgreSQL sent to the driver directly (db/driver.py). (On
    SQLite a time must pass through its column type, which stores it without its zone.)"""
    dialect = connection.dialect
    if dialect.name == "postgresql":
        prepared = prepared_charge(dialect, also)
        return await first_row(connection, prepared.sql, prepared.arguments(values))
    row = (await connection.execute(charge_statement(dialect.name, also), values)).one()
    await connection.commit()
    return row


@dataclass(frozen=True)
class Charged:
    budget: Budget
    found: tuple[Any, ...]  # the values of `also`
    # The connection the charge ran on, in autocommit, when it was asked to be kept.
    connection: AsyncConnection | None = None


async def charge_and_read(
    engine: AsyncEngine,
    subject: str,
    cost: int,
    limit: int,
    now: datetime | None = None,
    also: tuple[ColumnElement[Any], ...] = (),
    parameters: dict[str, Any] | None = None,
    keep: bool = False,
) -> Charged:
    """`charge`, returning the values of the scalar subqueries `also` (whose `parameters`
    are given) from the same statement, and with `keep` the connection, still open, so
    that a read of one statement that follows needs no checkout of its own (the caller
    closes it). It is a request's first statement and safe to repeat, so a connection
    found dead (the server restarted since it was pooled) is replaced and the statement
    sent once more."""
    window = minute_of(now or clock.real_now())
    values = {"subject": subject, "window": window, "cost": cost, **(parameters or {})}
    options = autocommit_options(engine)
    for attempt in (1, 2):
        connection = await engine.connect()
        try:
            await connection.execution_options(**options)
            row = await _charge(connection, also, values)
        except BaseException as error:
            await connection.close()
            retry = isinstance(error, DBAPIError) and error.connection_invalidated
            if attempt == 2 or not retry:
                raise
            continue
        break
    if not keep:
        await connection.close()
    assert row is not None  # an UPSERT always returns its row
    spent, *found = row
    budget = Budget(limit=limit, spent=int(spent), window_start=window)
    return Charged(budget, tuple(found), connection if keep else None)


async def prune(engine: AsyncEngine, now: datetime | None = None) -> int:
    """Delete the windows that ended more than KEEP_MINUTES ago; returns how many."""
    oldest = minute_of(now or clock.real_now()) - KEEP_MINUTES
    statement = delete(CostWindow).where(CostWindow.window_start < oldest)
    async with engine.execution_options(**WRITE_TRANSACTION).begin() as connection:
        result = await connection.execute(statement)
    return int(result.rowcount)
