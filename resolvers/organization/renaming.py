"""Renaming a street, community, grid or building (重命名) in two statements.

Through the unit of work a rename took seven statements and about 5 ms of CPU (BEGIN,
load the node, load its parent, check the name, flush, flush the audit entry, COMMIT),
and it is the write measured against PostGraphile (docs/performance.md). Here one SELECT
brings all that the checks need (the node's name and archive mark, its parent's place for
the grant's scope, whether a live sibling already has the name), the checks raise the
same errors in the same order as the general path (mutations.rename), and one UPDATE
writes the name. The audit entry is recorded as the
flush listener would record it. The payload then reads the node by its key
(`nodes.RowRef`), compiled when it can be.

On PostgreSQL, when the request holds the cost charge's autocommit connection (a
mutation whose only field is the rename, schema/mutation.py), the two statements go to
the driver with no transaction around them (`rename_at_once`): the UPDATE carries the
audit entry in a CTE, so the two are one statement and commit together, and it writes
only if nothing it was checked against has changed since the SELECT; if something has
(a rename racing this one, say), it writes nothing and the rename runs again as above,
in one transaction, where the checks see the change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, exists, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from db.base import utcnow
from db.driver import Prepared, first_row, prepare
from db.models import AuditEntry
from resolvers import audit, clock
from resolvers.accounts.places import Place
from resolvers.context import Context
from resolvers.domain import SLOTS
from resolvers.domains import REGISTRY
from resolvers.errors import NotFoundError, shown
from resolvers.nodes import TYPE_NAMES, RowRef
from resolvers.organization.rules import archived, name_taken
from resolvers.organization.tree import LEVELS, TreeModel
from resolvers.permissions import require_scope, running
from resolvers.tree_paths import place_query

UNIQUE_VIOLATION = "23505"


@cache
def _lookup(model: TreeModel) -> Select[Any]:
    """SELECT name, archived_at, parent key, the parent's place…, taken FROM the node
    WHERE id = :pk."""
    level = LEVELS[model]
    parent = place_query(REGISTRY.paths, level.parent_model).subquery()
    parent_key = getattr(model, level.parent_column)
    taken = _sibling_named(model)
    return (
        select(
            model.name, model.archived_at, parent_key, *(parent.c[slot] for slot in SLOTS), taken
        )
        .select_from(model)
        .outerjoin(parent, parent.c.id == parent_key)
        .where(model.id == bindparam("pk"))
    )


def _sibling_named(model: TreeModel) -> Any:
    level = LEVELS[model]
    sibling = aliased(model)
    return exists().where(
        getattr(sibling, level.parent_column) == getattr(model, level.parent_column),
        sibling.name == bindparam("name"),
        sibling.archived_at.is_(None),
        sibling.id != model.id,
    )


@cache
def _write_at_once(model: TreeModel, dialect: Dialect) -> Prepared:
    """UPDATE the name where the node is still as the lookup found it, and INSERT the
    audit entry of the row it updated, as one statement; the count it updated."""
    table: Any = model.__table__
    level = LEVELS[model]
    changed = (
        update(table)
        .where(
            table.c.id == bindparam("pk"),
            table.c.name == bindparam("old_name"),
            table.c.archived_at.is_(None),
            table.c[level.parent_column] == bindparam("parent_id"),
            ~_sibling_named(model),
        )
        .values(name=bindparam("name"), updated_at=bindparam("now"))
        .returning(table.c.id)
        .cte("changed")
    )
    entries: Any = AuditEntry.__table__
    columns = [
        *("at", "user_id", "operation", "action", "object_type", "object_id"),
        *("before", "after", "request_id"),
    ]
    audited = insert(entries).from_select(
        columns,
        select(
            bindparam("at", type_=entries.c.at.type),
            bindparam("user_id", type_=entries.c.user_id.type),
            bindparam("operation", type_=entries.c.operation.type),
            bindparam("action", type_=entries.c.action.type),
            bindparam("object_type", type_=entries.c.object_type.type),
            changed.c.id,
            bindparam("before", type_=entries.c.before.type),
            bindparam("after", type_=entries.c.after.type),
            bindparam("request_id", type_=entries.c.request_id.type),
        ),
    )
    statement = select(func.count()).select_from(changed).add_cte(audited.cte("audited"))
    return prepare(statement, dialect)


class Found(NamedTuple):
    name: str
    parent_id: int


def _checked(
    ctx: Context, model: TreeModel, row: Sequence[Any] | None, global_id: str, name: str
) -> Found:
    """The lookup's row, once the checks pass: found, in the grant's scope, live, the
    name free; else the error, in the general path's order."""
    if row is None:
        raise NotFoundError(f"no {TYPE_NAMES[model]} has the ID {shown(global_id)}")
    old_name, archived_at, parent_id, *place, taken = row
    require_scope(ctx.viewer, running(ctx), Place(*place))
    if archived_at is not None:
        raise archived(model, old_name, "id")
    if taken:
        raise name_taken(model, name)
    return Found(old_name, parent_id)


async def rename_tree_node(
    ctx: Context, model: TreeModel, pk: int, global_id: str, name: str
) -> RowRef:
    """Rename the node `pk` of `model` to `name` (already cleaned) in the open transaction."""
    session = ctx.session
    row = (await session.execute(_lookup(model), {"pk": pk, "name": name})).first()
    found = _checked(ctx, model, row, global_id, name)
    if name != found.name:
        table: Any = model.__table__
        await session.execute(update(table).where(table.c.id == pk).values(name=name))
        audit.record(session, model, pk, before={"name": found.name}, after={"name": name})
    return RowRef(model, pk)


async def rename_at_once(
    ctx: Context, connection: AsyncConnection, model: TreeModel, pk: int, global_id: str, name: str
) -> RowRef | None:
    """The rename on `connection` (PostgreSQL, autocommit) without a transaction around
    it; None when the node changed between the two statements (nothing is written)."""
    dialect = connection.dialect
    lookup = _prepared_lookup(model, dialect)
    row = await first_row(connection, lookup.sql, lookup.arguments({"pk": pk, "name": name}))
    found = _checked(ctx, model, row, global_id, name)
    if name == found.name:
        return RowRef(model, pk)
    now = clock.now()
    dumps = dialect._json_serializer or json.dumps
    values = {
        "pk": pk,
        "old_name": found.name,
        "parent_id": found.parent_id,
        "name": name,
        "now": utcnow(),
        "at": now,
        "user_id": ctx.viewer.user_id,
        "operation": ctx.operation,
        "action": audit.AuditAction.UPDATE.value,
        "object_type": TYPE_NAMES[model],
        "before": dumps({"name": found.name}),
        "after": dumps({"name": name}),
        "request_id": ctx.request_id or None,
    }
    write = _write_at_once(model, dialect)
    try:
        written = await first_row(connection, write.sql, write.arguments(values))
    except Exception as error:
        if getattr(error, "sqlstate", None) != UNIQUE_VIOLATION:
            raise
        return None  # a racing rename took the name: the general path reports it
    return RowRef(model, pk) if written is not None and written[0] == 1 else None


@cache
def _prepared_lookup(model: TreeModel, dialect: Dialect) -> Prepared:
    return prepare(_lookup(model), dialect)
