"""One way to declare a mutation (变更): one `input` argument, a payload with the changed
object and `userErrors`, and `run`, which does the work in one transaction.

The guard (schema/permissions.py) has checked the viewer's role and named the running
operation in the context before `run` starts, so resolvers read the operation from there;
the audit entry is written with the transaction (resolvers/audit.py). A payload is

    @strawberry.type(description="Result of createStreet (新建街道).")
    class CreateStreetPayload:
        street: Street | None = result("The new street (街道).")
        user_errors: list[UserError] = user_errors()
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from graphql import DocumentNode, FieldNode, OperationType, get_operation_ast
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.errors import UserErrors
from resolvers.nodes import ChangedRowRead, RowRef, load_ref
from resolvers.transaction import in_transaction
from schema.base import Info
from schema.compiled.payloads import PayloadReads
from schema.errors import UserError, user_errors_of

P = TypeVar("P")

USER_ERRORS = "Business rules the input broke (业务校验错误); empty on success."

# The one argument of every mutation.
Input = strawberry.argument(description="What to do (输入).")


def user_errors() -> list[UserError]:
    """The payload's `userErrors` field."""
    return strawberry.field(default_factory=list, description=USER_ERRORS)  # type: ignore[no-any-return]


def result(description: str) -> Any:
    """The payload's field for the changed object: null when the mutation failed."""
    return strawberry.field(default=None, description=description)


# The mutations that may run without a transaction around them, on the cost charge's
# autocommit connection (`run`'s `at_once`), when one is the only field of its operation:
# Admission keeps the connection for them (schema/admission.py).
AT_ONCE = frozenset({"renameNode"})


def runs_at_once(document: DocumentNode, operation_name: str | None) -> bool:
    """Whether the operation is one mutation field of AT_ONCE."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.MUTATION:
        return False
    selections = operation.selection_set.selections
    return (
        len(selections) == 1
        and isinstance(selections[0], FieldNode)
        and selections[0].name.value in AT_ONCE
    )


async def run(
    info: Info,
    payload: Callable[..., P],
    field: str,
    work: Callable[[], Awaitable[Any]],
    at_once: Callable[[AsyncConnection, ChangedRowRead | None], Awaitable[Any]] | None = None,
) -> P:
    """Run `work` in one transaction; return `payload(field=row)` or its user errors.

    With the compiled path on, the row's selection is read by one compiled statement in
    the same transaction and set into the response after execution; the payload then
    carries the field null (schema/compiled/payloads.py).

    `at_once` is the same work for a request that holds an autocommit connection (see
    AT_ONCE): it writes in one statement, which commits by itself and, with the compiled
    path on, reads the payload from the row it wrote (`ChangedRowRead`); else the payload
    is read after it on the same connection. It gives None when it wrote nothing and
    `work` should run instead."""
    ctx = info.context
    reads = ctx.compiled_payloads
    outcome: Any = None
    if at_once is not None and ctx.connection is not None:
        carried = None
        if isinstance(reads, PayloadReads):
            carried = reads.with_write(info._raw_info, ctx, field)
        try:
            outcome = await at_once(ctx.connection, carried)
        except UserErrors as errors:
            return payload(user_errors=user_errors_of(errors))
        if carried is not None and carried.answered and outcome is not None:
            return payload()
    if outcome is None:
        outcome = await in_transaction(ctx, work)
    if isinstance(outcome, UserErrors):
        return payload(user_errors=user_errors_of(outcome))
    if isinstance(reads, PayloadReads) and await reads.read(info._raw_info, ctx, field, outcome):
        return payload()
    if isinstance(outcome, RowRef):
        await ctx.release_connection()  # the resolvers read on the session's
        outcome = await load_ref(ctx, outcome)
    return payload(**{field: outcome})
