"""One transaction per mutation: roll back on any failure; on success the transaction stays
open for the payload's reads and commits when the operation ends (`commit_pending`) or the
next mutation starts, so that the write, its audit entry and the payload's reads take one
BEGIN and one COMMIT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from db.session import WRITE_TRANSACTION
from resolvers import audit
from resolvers.context import Context
from resolvers.errors import UserError, UserErrorCode, UserErrors

T = TypeVar("T")

# Set in the session's `info` while a successful mutation's transaction awaits its commit.
PENDING = "grassroots.write_pending"


async def in_transaction(ctx: Context, work: Callable[[], Awaitable[T]]) -> T | UserErrors:
    """Run `work` as one transaction; expected failures come back as `UserErrors`.

    A constraint violation that validation did not foresee (two requests racing for the
    same name, say) is reported as a CONFLICT user error rather than a server error.
    What the work changed is written to the audit log in the same transaction, flushed
    here, so that every constraint is checked before the payload is read.
    """
    session = ctx.session
    await ctx.release_connection()  # one connection per request: the session's
    if session.in_transaction():
        # Reads of earlier fields in this request, or an earlier mutation and its payload,
        # opened a transaction: commit it, so this mutation sees the latest committed state
        # and nothing else is committed with it.
        session.info.pop(PENDING, None)
        await session.commit()
    ctx.reset_loaders()
    audit.start(session)
    try:
        # One transaction from the first read: on SQLite it holds the write lock from the
        # start (db.session), on PostgreSQL unique indexes guard what checks cannot.
        await session.connection(execution_options=WRITE_TRANSACTION)
        result = await work()
        await audit.write(ctx)
        await session.flush()
        session.info[PENDING] = True
    except UserErrors as errors:
        await session.rollback()
        return errors
    except IntegrityError:
        await session.rollback()
        return UserErrors(
            [
                UserError(
                    "the change conflicts with data written at the same time; try again",
                    UserErrorCode.CONFLICT,
                    ("input",),
                )
            ]
        )
    except BaseException:
        await session.rollback()
        raise
    finally:
        audit.discard(session)
        ctx.reset_loaders()
    return result


async def commit_pending(ctx: Context) -> None:
    """Commit the transaction of the mutations that succeeded, if one is open."""
    if ctx.session.info.pop(PENDING, False):
        await ctx.session.commit()
