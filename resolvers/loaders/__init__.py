"""Per-request DataLoaders: generic ones by primary key and for connections, plus the
domain loaders in the modules beside this one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.base import Base
from resolvers import paging
from resolvers.loaders.gate import SessionGate

M = TypeVar("M", bound=Base)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loaders:
    """DataLoaders built lazily for one request, each keyed by what it loads.

    GraphQL resolves sibling fields concurrently, so several loaders dispatch in the same
    tick; an AsyncSession allows one operation at a time, so every statement goes through
    the request's gate (`resolvers.loaders.gate`), which also keeps a statement from being
    cut half-way. Batching happens before the gate, so the number of statements stays
    the same.
    """

    def __init__(self, session: AsyncSession, gate: SessionGate) -> None:
        self.session = session
        self.gate = gate
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    async def run(self, work: Callable[[AsyncSession], Awaitable[V]]) -> V:
        """Run `work` on the request's session, one statement at a time."""
        return await self.gate.run(lambda: work(self.session))

    def custom(
        self, key: Hashable, load: Callable[[AsyncSession, Sequence[K]], Awaitable[Sequence[V]]]
    ) -> DataLoader[K, V]:
        """The loader registered under `key`, created from `load` on first use."""
        loader = self._loaders.get(key)
        if loader is None:

            async def batch(keys: list[K]) -> Sequence[V]:
                return await self.gate.run(lambda: load(self.session, keys))

            loader = DataLoader(batch)
            self._loaders[key] = loader
        return cast(DataLoader[K, V], loader)

    def by_id(self, model: type[M]) -> DataLoader[int, M | None]:
        async def load(session: AsyncSession, ids: Sequence[int]) -> list[M | None]:
            rows = (await session.scalars(select(model).where(model.id.in_(ids)))).all()  # type: ignore[attr-defined]
            found = {row.id: row for row in rows}  # type: ignore[attr-defined]
            return [found.get(pk) for pk in ids]

        return self.custom(("by_id", model), load)

    def cached(self, model: type[M], pk: int) -> M | None:
        """The row if this request has already loaded it by key, without a statement."""
        loader = self._loaders.get(("by_id", model))
        found = None if loader is None else loader.cache_map.get(pk)
        if found is None or not found.done() or found.cancelled() or found.exception():
            return None
        return cast(M | None, found.result())

    async def required(self, model: type[M], pk: int) -> M:
        """The row a non-null foreign key names (the database guarantees it exists)."""
        row = await self.by_id(model).load(pk)
        if row is None:
            raise LookupError(f"{model.__name__} {pk} is missing behind a foreign key")
        return row

    async def optional(self, model: type[M], pk: int | None) -> M | None:
        """The row an optional reference names, or None when it names none."""
        return None if pk is None else await self.by_id(model).load(pk)

    def pages(self, spec: paging.ListSpec[M]) -> DataLoader[int, paging.Page[M]]:
        async def load(session: AsyncSession, ids: Sequence[int]) -> list[paging.Page[M]]:
            return await paging.load_child_pages(session, spec, ids)

        return self.custom(("pages", spec), load)

    def counts(self, spec: paging.ListSpec[M]) -> DataLoader[int, int]:
        # The count ignores cursors and page size: key it by model, parent and filter only.
        async def load(session: AsyncSession, ids: Sequence[int]) -> list[int]:
            return await paging.count_children(session, spec, ids)

        return self.custom(("counts", spec.model, spec.parent, spec.filter), load)
