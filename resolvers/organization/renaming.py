"""Renaming a street, community, grid or building (重命名) in two statements, or one.

Through the unit of work a rename took seven statements and about 5 ms of CPU (BEGIN,
load the node, load its parent, check the name, flush, flush the audit entry, COMMIT),
and it is the write measured against PostGraphile (docs/performance.md). Here one SELECT
brings all that the checks need (the node's name and archive mark, its parent's place for
the grant's scope, whether a live sibling already has the name), the checks raise the
same errors in the same order as the general path (mutations.rename), and one UPDATE
writes the name; the audit entry is recorded as the flush listener would record it. The
payload then reads the node by its key (`nodes.RowRef`), compiled when it can be.

On PostgreSQL, when the request holds the cost charge's autocommit connection (a
mutation whose only field is the rename, schema/mutation.py), the rename is one statement
with no transaction around it (`rename_at_once`): the lookup, with the grant's scope
checked in SQL (`_covered`), the UPDATE where every check passes, and the audit entry of
the row it updated, as CTEs, and the payload read from the updated row when the
compiled path gives its read (`nodes.ChangedRowRead`). It returns the lookup's row, and
the checks above run on it to raise the errors; a statement that refused what they allow
wrote nothing, and the rename then runs in a transaction as above."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from db.base import utcnow
from db.driver import Prepared, first_row, prepare
from db.models import AuditEntry
from resolvers import audit, clock
from resolvers.accounts.places import Place
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context
from resolvers.domain import SLOTS
from resolvers.domains import REGISTRY
from resolvers.errors import NotFoundError, shown
from resolvers.nodes import TYPE_NAMES, ChangedRowRead, RowRef
from resolvers.organization.rules import archived, name_taken
from resolvers.organization.tree import LEVELS, TreeModel
from resolvers.permissions import WRITES, require_scope, running
from resolvers.tree_paths import place_query

log = logging.getLogger("grassroots.errors")

UNIQUE_VIOLATION = "23505"
# The audit entry's columns the statement takes as they are from `audit.entry`; the
# object's key and `before` come from the UPDATE, `after` as JSON text.
AUDITED = ("at", "user_id", "person_id", "operation", "action", "object_type", "request_id")


@cache
def _lookup(model: TreeModel) -> Select[Any]:
    """SELECT name, archived_at, parent key, the parent's place…, taken FROM the node
    WHERE id = :pk."""
    return _node(model, scoped=False)


def _node(model: TreeModel, scoped: bool) -> Select[Any]:
    """The lookup; `scoped` adds whether a grant covers the parent's place (`_covered`)."""
    level = LEVELS[model]
    parent = place_query(REGISTRY.paths, level.parent_model).subquery()
    parent_key = getattr(model, level.parent_column)
    columns: list[Any] = [
        model.name.label("name"),
        model.archived_at.label("archived_at"),
        parent_key.label("parent_id"),
        *(parent.c[slot].label(slot) for slot in SLOTS),
        _sibling_named(model).label("taken"),
    ]
    if scoped:
        columns.append(_covered(parent).label("covered"))
    return (
        select(*columns)
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


def _covered(place: Any) -> ColumnElement[bool]:
    """`permissions.require_scope` for one place, in SQL: the rule allows anyone
    (`anywhere`), or one grant's scope contains the place (`places.covers`: a district's
    grants also cover what is placed nowhere below it). The grants' scope ids come as one
    array per level (`_scopes`), so the statement's text is the same for every viewer."""
    scopes = {
        level: bindparam(f"scope_{level.value}", type_=ARRAY(Integer)) for level in ScopeLevel
    }
    # A slot the path leaves empty is an untyped NULL, which PostgreSQL takes as text.
    slots = {level: cast(place.c[level.value], Integer) for level in ScopeLevel}
    covered = or_(
        bindparam("anywhere", type_=Boolean),
        and_(
            slots[ScopeLevel.DISTRICT].is_(None),
            func.cardinality(scopes[ScopeLevel.DISTRICT]) > 0,
        ),
        *(slots[level] == any_(scopes[level]) for level in ScopeLevel),
    )
    return func.coalesce(covered, false())  # NULL = ANY(…) is NULL, not false


def _scopes(ctx: Context) -> dict[str, Any]:
    """The values `_covered` binds for the viewer and the running mutation."""
    rule = WRITES[running(ctx)]
    values: dict[str, Any] = {f"scope_{level.value}": [] for level in ScopeLevel}
    values["anywhere"] = rule.roles is None
    if rule.roles is not None:
        for grant in ctx.viewer.grants_of(rule.roles - rule.own_only):
            values[f"scope_{grant.level.value}"].append(grant.scope_id)
    return values


# Where the payload's subquery goes in the statement that carries it, and how many such
# statements are kept (one per payload selection asked for, like the compiled plans).
PAYLOAD = "__payload__"
CARRIED = 256


@cache
def _at_once(model: TreeModel, dialect: Dialect, reading: bool = False) -> Prepared:
    """One statement: the lookup with the scope check (`node`), the UPDATE where every
    check passes and the name changes (`changed`), the audit entry of the row it updated
    (`audited`); it returns the lookup's row and the count it updated, and with `reading`
    the payload's JSON read from the updated row (`PAYLOAD`, filled in by `_reading`)."""
    node = _node(model, scoped=True).cte("node")
    table: Any = model.__table__
    changed = (
        update(table)
        .where(
            table.c.id == bindparam("pk"),
            node.c.covered,
            node.c.archived_at.is_(None),
            ~node.c.taken,
            node.c.name != bindparam("name"),
        )
        .values(name=bindparam("name"), updated_at=bindparam("now"))
        .returning(*(table.c if reading else [table.c.id]), node.c.name.label("old_name"))
        .cte("changed")
    )
    entries: Any = AuditEntry.__table__
    audited = insert(entries).from_select(
        [*AUDITED, "after", "object_id", "before"],
        select(
            *(bindparam(column, type_=entries.c[column].type) for column in AUDITED),
            bindparam("after", type_=entries.c.after.type),
            changed.c.id,
            func.json_build_object("name", changed.c.old_name),
        ),
    )
    written = select(func.count()).select_from(changed).scalar_subquery()
    columns: list[Any] = [node, written, *([literal_column(PAYLOAD)] if reading else [])]
    statement = select(*columns).add_cte(audited.cte("audited"))
    return prepare(statement, dialect)


@lru_cache(maxsize=CARRIED)
def _reading(model: TreeModel, dialect: Dialect, subquery: str) -> Prepared:
    """`_at_once` carrying the payload's `subquery` (`nodes.ChangedRowRead`), whose
    placeholders follow the statement's own."""
    statement = _at_once(model, dialect, reading=True)
    return dataclasses.replace(statement, sql=statement.sql.replace(PAYLOAD, subquery))


def _checked(
    ctx: Context, model: TreeModel, row: Sequence[Any] | None, global_id: str, name: str
) -> str:
    """The node's name now, once the checks on the lookup's row pass: found, in the
    grant's scope, live, the new name free; else the error, in the general path's order."""
    if row is None:
        raise NotFoundError(f"no {TYPE_NAMES[model]} has the ID {shown(global_id)}")
    old_name, archived_at, _parent_id, *place, taken = row
    require_scope(ctx.viewer, running(ctx), Place(*place))
    if archived_at is not None:
        raise archived(model, old_name, "id")
    if taken:
        raise name_taken(model, name)
    return str(old_name)


async def rename_tree_node(
    ctx: Context, model: TreeModel, pk: int, name: str, global_id: str
) -> RowRef:
    """Rename the node `pk` of `model` to `name` (already cleaned) in the open transaction."""
    session = ctx.session
    row = (await session.execute(_lookup(model), {"pk": pk, "name": name})).first()
    old_name = _checked(ctx, model, row, global_id, name)
    if name != old_name:
        table: Any = model.__table__
        await session.execute(update(table).where(table.c.id == pk).values(name=name))
        audit.record(session, model, pk, before={"name": old_name}, after={"name": name})
    return RowRef(model, pk)


async def rename_at_once(
    ctx: Context,
    connection: AsyncConnection,
    model: TreeModel,
    pk: int,
    name: str,
    global_id: str,
    read: ChangedRowRead | None = None,
) -> RowRef | None:
    """The rename as one statement on `connection` (PostgreSQL, autocommit), its checks in
    SQL and again in Python on the row it returns, which raise the errors; None when the
    statement refused a rename the checks here allow (nothing was written). With `read`,
    the statement also reads the payload from the renamed row, when the read can be."""
    dialect = connection.dialect
    dumps = dialect._json_serializer or json.dumps
    # The entry as the audit log writes it; its key and `before` come from the statement.
    change = audit.Change(model, pk, audit.AuditAction.UPDATE, None, {"name": name}, None)
    entry = audit.entry(ctx, change, clock.now())
    values = {
        **{column: entry[column] for column in AUDITED},
        "after": dumps(entry["after"]),
        "pk": pk,
        "name": name,
        "now": utcnow(),
        **_scopes(ctx),
    }
    statement = _at_once(model, dialect)
    parameters: Sequence[Any] = ()  # the carried payload's, after the statement's own
    carried = None
    if read is not None:
        offset = len(_at_once(model, dialect, reading=True).names)
        carried = read.subquery(TYPE_NAMES[model], "changed", offset)
    if carried is not None:
        subquery, parameters = carried
        statement = _reading(model, dialect, subquery)
    arguments = (*statement.arguments(values), *parameters)
    try:
        row = await first_row(connection, statement.sql, arguments)
    except Exception as error:
        if getattr(error, "sqlstate", None) != UNIQUE_VIOLATION:
            raise
        return None  # a racing rename took the name: the transactional path reports it
    payload = None
    if row is not None and carried is not None:
        *row, payload = row
    written = row is not None and row[-1] == 1
    try:
        old_name = _checked(ctx, model, None if row is None else row[:-2], global_id, name)
    except Exception:
        if written:  # the SQL and the Python checks disagree: a fault here, never input's
            log.error("renameNode wrote %s %s that its checks refuse", TYPE_NAMES[model], pk)
        raise
    if written and read is not None:
        read.answer(payload)
    if written or name == old_name:
        return RowRef(model, pk)
    return None  # the statement's checks refused what these allow: the transaction decides
