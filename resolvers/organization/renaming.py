"""Renaming a street, community, grid or building (重命名) in two statements.

The rename is the tree's most frequent edit, and through the unit of work it took seven
statements and about 5 ms of CPU: load the node, load its parent, check the name, flush,
flush the audit entry. Here one SELECT brings all that the checks need (the node's name and
archive mark, its parent's place for the grant's scope, whether a live sibling already has
the name), the checks raise the same errors in the same order as the general path
(mutations.rename), and one UPDATE writes the name. The audit entry is recorded as the
flush listener would record it. The payload then reads the node by its key
(`nodes.RowRef`), compiled when it can be.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, exists, select, update
from sqlalchemy.orm import aliased

from resolvers import audit
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


@cache
def _lookup(model: TreeModel) -> Select[Any]:
    """SELECT name, archived_at, the parent's place…, taken FROM the node WHERE id = :pk."""
    level = LEVELS[model]
    parent = place_query(REGISTRY.paths, level.parent_model).subquery()
    parent_key = getattr(model, level.parent_column)
    sibling = aliased(model)
    taken = exists().where(
        getattr(sibling, level.parent_column) == parent_key,
        sibling.name == bindparam("name"),
        sibling.archived_at.is_(None),
        sibling.id != model.id,
    )
    return (
        select(model.name, model.archived_at, *(parent.c[slot] for slot in SLOTS), taken)
        .select_from(model)
        .outerjoin(parent, parent.c.id == parent_key)
        .where(model.id == bindparam("pk"))
    )


async def rename_tree_node(
    ctx: Context, model: TreeModel, pk: int, global_id: str, name: str
) -> RowRef:
    """Rename the node `pk` of `model` to `name` (already cleaned) in the open transaction."""
    session = ctx.session
    found = (await session.execute(_lookup(model), {"pk": pk, "name": name})).first()
    if found is None:
        raise NotFoundError(f"no {TYPE_NAMES[model]} has the ID {shown(global_id)}")
    old_name, archived_at, *place, taken = found
    require_scope(ctx.viewer, running(ctx), Place(*place))
    if archived_at is not None:
        raise archived(model, old_name, "id")
    if taken:
        raise name_taken(model, name)
    if name != old_name:
        table: Any = model.__table__
        await session.execute(update(table).where(table.c.id == pk).values(name=name))
        audit.record(session, model, pk, before={"name": old_name}, after={"name": name})
    return RowRef(model, pk)
