"""Where an object sits in the tree, so that a grant's scope can be checked against it.

The place follows the path each domain declares for its node types (resolvers/domain.py):
the slots an object fills from its own columns, then the object above it. Rows already
loaded in this request are followed in Python; the rest of a path is one batched SQL
statement per model (resolvers/tree_paths.py), however deep.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import Building
from resolvers.accounts.viewer import Grant, ScopeLevel
from resolvers.context import Context
from resolvers.domain import NOWHERE, SLOTS, Hop, Place, TreePath
from resolvers.domains import REGISTRY
from resolvers.tree_paths import place_query

__all__ = ["NOWHERE", "Place", "building_place", "covers", "place_by_key", "place_of"]


def covers(grant: Grant, place: Place) -> bool:
    """Whether `grant`'s scope contains `place`. The district's grants cover everything
    in it, including objects not yet placed anywhere below it."""
    if grant.level is ScopeLevel.DISTRICT:
        return place.district_id in (None, grant.scope_id)
    scope_id: int | None = getattr(place, grant.level.value)
    return scope_id == grant.scope_id


def _path(model: type[Base]) -> TreePath:
    path = REGISTRY.paths.get(model)
    if path is None:  # assemble() refuses such declarations; this is a model, not a node
        raise TypeError(f"no domain declares a place for {model.__name__}")
    return path


PlaceLoad = Callable[[AsyncSession, Sequence[int]], Awaitable[list[Place]]]


def _loader_for(model: type[Base]) -> PlaceLoad:
    query = place_query(REGISTRY.paths, model)

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[Place]:
        rows = (await session.execute(query.where(query.selected_columns[0].in_(ids)))).all()
        found = {row[0]: Place(*row[1:]) for row in rows}
        return [found.get(pk, NOWHERE) for pk in ids]

    return load


_LOADS = {model: _loader_for(model) for model in REGISTRY.paths}


async def place_by_key(ctx: Context, model: type[Base], pk: int | None) -> Place:
    """The place of the `model` row with key `pk`: from the row when this request has
    already loaded it, else from one batched statement for all keys asked together."""
    if pk is None:
        return NOWHERE
    path = _path(model)
    if not path.up and path.narrower is None and set(path.slots.values()) <= {"id"}:
        return Place(**{slot: pk for slot in path.slots})
    row = ctx.loaders.cached(model, pk)
    if row is not None:
        return await place_of(ctx, row)
    return await ctx.loaders.custom(("places", model), _LOADS[model]).load(pk)


async def building_place(ctx: Context, building_id: int | None) -> Place:
    """A building's place (where its residents live)."""
    return await place_by_key(ctx, Building, building_id)


async def _through(ctx: Context, row: Base, hop: Hop) -> Place | None:
    key = getattr(row, hop.column)
    return None if key is None else await place_by_key(ctx, hop.target, key)


async def place_of(ctx: Context, row: Base | None) -> Place:
    """The place of any object of a declared node type."""
    if row is None:
        return NOWHERE
    path = _path(type(row))
    above = NOWHERE
    for hop in path.up:
        found = await _through(ctx, row, hop)
        if found is not None:
            above = found
            break
    if path.narrower is not None:
        detail = await _through(ctx, row, path.narrower)
        if detail is not None and detail.community_id is not None:
            above = detail if detail.community_id == above.community_id else above
    own = {slot: getattr(row, column) for slot, column in path.slots.items()}
    assert set(own) <= set(SLOTS)
    return replace(above, **own)
