"""Looking rows up by global ID: the `node`/`nodes` fields and every ID in an input."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from resolvers import global_ids
from resolvers.context import Context
from resolvers.domains import REGISTRY
from resolvers.errors import NotFoundError, shown
from resolvers.permissions import can_read, owns, require_read

M = TypeVar("M", bound=Base)


@dataclass(frozen=True)
class RowRef:
    """A row a mutation changed by a Core statement, without loading it: the payload reads
    it compiled by its key, or loads it (`load_ref`) when the compiled read cannot."""

    model: type[Base]
    id: int


class ChangedRowRead(Protocol):
    """The payload's read of the row a write changes, carried by the write's own statement
    (schema/compiled/payloads.py gives it; resolvers/organization/renaming.py takes it)."""

    def subquery(
        self, type_name: str, changed: str, offset: int
    ) -> tuple[str, Sequence[Any]] | None:
        """A scalar subquery giving the payload's JSON text from `changed`, the name of
        the write's CTE returning the row's columns, its placeholders numbered after
        `offset`; and their values. None when the selection cannot be read that way."""

    def answer(self, text: str | None) -> bool:
        """Take the subquery's value; False when it is null (nothing was changed), and
        the payload is then read on its own."""


async def load_ref(ctx: Context, ref: RowRef) -> Base:
    row = await ctx.loaders.by_id(ref.model).load(ref.id)
    assert row is not None  # written in this transaction
    return row


# GraphQL type name → model, for every type that implements Node (from the declarations).
NODE_MODELS: dict[str, type[Base]] = {name: node.model for name, node in REGISTRY.nodes.items()}
TYPE_NAMES: dict[type[Base], str] = {model: name for name, model in NODE_MODELS.items()}


async def load_node(ctx: Context, global_id: str) -> Base:
    """The row behind any global ID, batched with the other lookups of the request."""
    type_name, pk = global_ids.decode(global_id)
    model = NODE_MODELS.get(type_name)
    if model is None:
        raise NotFoundError(f"no object has the ID {shown(global_id)}")
    row = await ctx.loaders.by_id(model).load(pk)
    # Checked before "not found", so that IDs cannot be probed for existence.
    if not can_read(ctx.viewer, type_name) and not owns(ctx.viewer, row):
        require_read(ctx.viewer, type_name)
    # A row the viewer may not see is as absent as one that does not exist.
    if row is None or not await _visible(ctx, type_name, pk):
        raise NotFoundError(f"no {type_name} has the ID {shown(global_id)}")
    return row


async def _visible(ctx: Context, type_name: str, pk: int) -> bool:
    """Whether the type's row rule (if it has one) admits row `pk` for the viewer: one
    batched statement for all rows of the type asked together."""
    rule = REGISTRY.reads[type_name].rows
    if rule is None:
        return True
    model = NODE_MODELS[type_name]
    key = model.id  # type: ignore[attr-defined]

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[bool]:
        seen = set((await session.scalars(select(key).where(key.in_(ids), rule(ctx.viewer)))).all())
        return [pk in seen for pk in ids]

    return await ctx.loaders.custom(("visible", type_name), load).load(pk)


async def load_as(ctx: Context, global_id: str, *models: type[M]) -> M:
    """The row behind an ID that must name one of `models` (BAD_USER_INPUT otherwise)."""
    names = [TYPE_NAMES[model] for model in models]
    type_name, pk = global_ids.decode_as(global_id, *names)
    row = await ctx.loaders.by_id(NODE_MODELS[type_name]).load(pk)
    if row is None:
        raise NotFoundError(f"no {type_name} has the ID {shown(global_id)}")
    return row  # type: ignore[return-value]


async def get(session: AsyncSession, model: type[M], pk: int) -> M:
    row = await session.get(model, pk)
    if row is None:
        raise NotFoundError(f"no {TYPE_NAMES[model]} with key {pk}")
    return row
