"""`node(id:)` and `nodes(ids:)`: any object by its global ID."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from resolvers.errors import BadUserInputError, DomainError
from resolvers.nodes import load_node
from schema.base import Info, Node

MAX_NODES = 100


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID (按全局标识取对象).")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global ID (全局标识).")],
    ) -> Node | None:
        return await load_node(info.context, id)  # type: ignore[return-value]

    @strawberry.field(
        description=(
            f"Up to {MAX_NODES} objects by global ID, in the order asked; an unknown or"
            " malformed ID gives null there and an error with its path (批量取对象)."
        )
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="Global IDs (全局标识列表).")
        ],
    ) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInputError(f"at most {MAX_NODES} ids at once, got {len(ids)}")
        # Loaded together so that each type's rows come from one batched statement; a
        # bad ID becomes an error at its own index instead of failing the whole list.
        found = await asyncio.gather(
            *(load_node(info.context, global_id) for global_id in ids), return_exceptions=True
        )
        for item in found:
            if isinstance(item, BaseException) and not isinstance(item, DomainError):
                raise item
        return found  # type: ignore[return-value]
