"""Bounded caches kept per process (least recently used first out), and the shape of an
operation's variables that keys them."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Generic, TypeVar

V = TypeVar("V")
Key = tuple[Any, ...]


class Kept(Generic[V]):
    """At most `size` values by key; `get` says whether the key was found, so that a
    kept None (a plan that does not compile) counts as found."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Key, V] = OrderedDict()

    def get(self, key: Key) -> tuple[bool, V | None]:
        if key in self.entries:
            self.entries.move_to_end(key)
            return True, self.entries[key]
        return False, None

    def put(self, key: Key, value: V) -> None:
        self.entries[key] = value
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)


def variables_shape(value: Any) -> Any:
    """What of a coerced variable's value a cached result depends on: presence,
    booleans (@skip/@include), integers (page sizes, which compiled statements hold as
    text), list lengths and input objects' keys; other values by their type only."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, list):
        return ("list", tuple(variables_shape(item) for item in value))
    if isinstance(value, Mapping):
        return tuple(sorted((key, variables_shape(item)) for key, item in value.items()))
    return type(value).__name__
