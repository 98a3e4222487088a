"""The audit log (审计日志): every object a mutation inserts, updates or deletes becomes an
AuditEntry, written in the mutation's own transaction.

Changes are collected by a flush listener rather than by each mutation, so a mutation is
audited the day it is written. `in_transaction` starts collecting, writes the entries just
before it commits and forgets them when it rolls back: a refused mutation leaves no entry.
Core statements (the generator's bulk writes) bypass the ORM flush and are not audited.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstanceState, Session, UOWTransaction

from db.models import AuditEntry, Person, User
from resolvers import clock
from resolvers.context import Context
from resolvers.nodes import TYPE_NAMES

ENTRIES: Any = AuditEntry.__table__
# Where the changes of the running mutation collect, in `Session.info`.
KEY = "audit.changes"
# Credentials and budgets are not business data, and the log does not log itself.
UNAUDITED_TABLES = frozenset({"refresh_tokens", "cost_windows", "audit_entries"})
# Secrets never leave their table; the key and the time are the entry's own columns.
SKIPPED_COLUMNS = frozenset({"password_hash", "token_hash", "id", "created_at", "updated_at"})


class AuditAction(enum.Enum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    LOGIN = "LOGIN"


Values = dict[str, Any]


@dataclass
class Change:
    """The net change of one object during one mutation; UPDATE values hold only the
    columns that changed."""

    model: type[Any]
    pk: int
    action: AuditAction
    before: Values | None
    after: Values | None
    person_id: int | None


Changes = dict[tuple[type[Any], int], Change]


def plain(value: Any) -> Any:
    """A column value as JSON: enums by value, days and times as ISO-8601."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _original(state: InstanceState[Any], key: str) -> Any:
    """The value `key` had before the flush, even if it was changed before a delete."""
    deleted = state.attrs[key].history.deleted
    return deleted[0] if deleted else state.dict.get(key)


def _change(state: InstanceState[Any], action: AuditAction) -> Change | None:
    mapper = state.mapper
    pk = state.dict.get("id")
    if getattr(mapper.local_table, "name", None) in UNAUDITED_TABLES or not isinstance(pk, int):
        return None
    columns = [attr.key for attr in mapper.column_attrs if attr.key not in SKIPPED_COLUMNS]
    before: Values | None = None
    after: Values | None = None
    if action is AuditAction.CREATE:
        after = {key: plain(state.dict.get(key)) for key in columns}
    elif action is AuditAction.DELETE:
        before = {key: plain(_original(state, key)) for key in columns}
    else:
        before, after = {}, {}
        for key in columns:
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            after[key] = plain(history.added[0] if history.added else None)
            if history.deleted:  # unknown when the old value was never loaded
                before[key] = plain(history.deleted[0])
        if not after:
            return None
    if isinstance(state.obj(), Person):
        person_id: int | None = pk
    elif action is AuditAction.DELETE:
        person_id = before.get("person_id") if before else None
    else:
        person_id = state.dict.get("person_id")
    return Change(state.class_, pk, action, before, after, person_id)


def merge(changes: Changes, new: Change) -> None:
    """Fold a later flush's change of the same object into the earlier one."""
    key = (new.model, new.pk)
    old = changes.get(key)
    if old is None or new.action is AuditAction.CREATE:
        changes[key] = new
    elif new.action is AuditAction.DELETE:
        if old.action is AuditAction.CREATE:
            del changes[key]  # created and deleted again: nothing happened
        else:
            changes[key] = replace(new, before={**(new.before or {}), **(old.before or {})})
    else:
        old.after = {**(old.after or {}), **(new.after or {})}
        old.person_id = new.person_id
        if old.action is AuditAction.UPDATE:
            old.before = {**(new.before or {}), **(old.before or {})}  # the earliest value
            unchanged = [c for c, v in old.after.items() if c in old.before and old.before[c] == v]
            for column in unchanged:
                del old.before[column], old.after[column]
            if not old.after:
                del changes[key]


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush: UOWTransaction) -> None:
    # After the flush keys are assigned, while `new`, `dirty`, `deleted` and attribute
    # history still describe what the flush wrote.
    changes: Changes | None = session.info.get(KEY)
    if changes is None:
        return
    objects = chain(
        ((obj, AuditAction.CREATE) for obj in session.new),
        ((obj, AuditAction.UPDATE) for obj in session.dirty),
        ((obj, AuditAction.DELETE) for obj in session.deleted),
    )
    for obj, action in objects:
        change = _change(inspect(obj), action)
        if change is not None:
            merge(changes, change)


def start(session: AsyncSession) -> None:
    """Collect the changes of the mutation about to run on `session`."""
    session.info[KEY] = {}


def record(
    session: AsyncSession,
    model: type[Any],
    pk: int,
    *,
    before: Values,
    after: Values,
    person_id: int | None = None,
) -> None:
    """Record an update written past the unit of work (a Core UPDATE), as the flush
    listener records the ones it sees."""
    changes: Changes | None = session.info.get(KEY)
    if changes is None:
        return
    before = {key: plain(value) for key, value in before.items()}
    after = {key: plain(value) for key, value in after.items()}
    merge(changes, Change(model, pk, AuditAction.UPDATE, before, after, person_id))


def discard(session: AsyncSession) -> None:
    session.info.pop(KEY, None)


def entry(ctx: Context, change: Change, at: datetime) -> dict[str, Any]:
    """The audit_entries row of `change`, by column."""
    actor, action = ctx.viewer.user_id, change.action
    if ctx.operation == "login" and change.model is User:
        # Logging in is the one write of an anonymous caller: it stamps the user's
        # last_login_at, so it is recorded as that user's LOGIN, not an anonymous UPDATE.
        actor, action = change.pk, AuditAction.LOGIN
    return {
        "at": at,
        "user_id": actor,
        "person_id": change.person_id,
        "operation": ctx.operation,
        "action": action.value,
        "object_type": TYPE_NAMES.get(change.model, change.model.__name__),
        "object_id": change.pk,
        "before": change.before,
        "after": change.after,
        "request_id": ctx.request_id or None,
    }


async def write(ctx: Context) -> None:
    """Insert an entry for every object the mutation changed, in its transaction.

    One Core INSERT: the entries are never read back in the request, so the unit of
    work's bookkeeping for them (a flush of new objects) would be spent for nothing."""
    session = ctx.session
    await session.flush()  # the mutation's last changes reach the listener
    changes: Changes = session.info.pop(KEY, {})
    if not changes:
        return
    at = clock.now()
    entries = [entry(ctx, change, at) for change in changes.values()]
    await session.execute(insert(ENTRIES), entries)
