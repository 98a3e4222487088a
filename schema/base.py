"""What every schema module shares: the typed Info and the Node interface."""

from __future__ import annotations

from typing import Any, TypeAlias

import strawberry

from resolvers.context import Context
from resolvers.global_ids import encode
from resolvers.nodes import TYPE_NAMES

Info: TypeAlias = strawberry.Info[Context, None]


@strawberry.interface(
    description="An object with an opaque global ID (全局标识), fetchable with `node(id:)`."
)
class Node:
    @strawberry.field(description="Opaque global ID (全局标识); pass it back as it is.")
    def id(self, root: strawberry.Parent[Any]) -> strawberry.ID:
        return strawberry.ID(encode(TYPE_NAMES[type(root)], root.id))


def is_model(model: type) -> Any:
    """An `is_type_of` that tells which GraphQL type an ORM row belongs to."""

    def is_type_of(cls: type, obj: Any, _info: Any) -> bool:
        return isinstance(obj, model)

    return classmethod(is_type_of)
