"""A domain's declaration (领域声明): the one place where a domain states its node types,
where each sits in the tree, who may read them, its mutations' write rules and the
user-error codes its rules raise. `resolvers/domains.py` assembles the declarations;
node lookup, the permission table, place resolution and the schema only read them.

Where an object sits is a `TreePath`: the `Place` fields it fills from its own columns and
the foreign keys that lead up the tree, as data, so that it can be followed row by row
in Python and compiled into SQL joins (resolvers/tree_paths.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from db.base import Base
from resolvers.errors import UserErrorCode
from resolvers.rules import Read, Write


@dataclass(frozen=True)
class Place:
    """The nodes above (and including) an object; None where unknown or not applicable."""

    district_id: int | None = None
    street_id: int | None = None
    community_id: int | None = None
    grid_id: int | None = None
    work_unit_id: int | None = None
    team_id: int | None = None
    property_company_id: int | None = None


NOWHERE = Place()
SLOTS = tuple(slot.name for slot in fields(Place))


@dataclass(frozen=True)
class Hop:
    """One relationship up the tree: the foreign key `column` points at a `target` row."""

    column: str
    target: type[Base]


@dataclass(frozen=True)
class TreePath:
    """Where objects of a type sit in the tree.

    `slots` maps `Place` fields to the object's own columns (a community fills
    `community_id` from `id`; a project its owning unit from `owner_work_unit_id`).
    `up` lists the ways up: the first hop whose column is set leads to the object above,
    whose place this one extends. `narrower` names an object whose place is more precise
    and is taken when it lies in the same community (an order sits at its recipient's
    grid unless the recipient has moved away).
    """

    slots: Mapping[str, str] = field(default_factory=dict)
    up: tuple[Hop, ...] = ()
    narrower: Hop | None = None

    def describe(self) -> str:
        """The path as text: `building_id → Building`, alternatives joined by "or"."""
        ways = " or ".join(f"{hop.column} → {hop.target.__name__}" for hop in self.up)
        return ways or "the district as a whole"


def via(column: str, target: type[Base], **slots: str) -> TreePath:
    """The usual path: one foreign key up, and the slots the object fills itself."""
    return TreePath(slots=slots, up=(Hop(column, target),))


# Objects that sit nowhere below the district (the audit log): district grants cover them.
DISTRICT_WIDE = TreePath()


@dataclass(frozen=True)
class NodeType:
    """A GraphQL type that implements Node: its model, read rule and place in the tree.
    `read` and `path` are required; a declaration without them fails the build."""

    name: str
    model: type[Base]
    read: Read | None
    path: TreePath | None


@dataclass(frozen=True)
class Domain:
    """Everything the central modules need to know of one domain."""

    name: str
    description: str
    nodes: tuple[NodeType, ...] = ()
    writes: Mapping[str, Write] = field(default_factory=dict)
    # The user-error codes its rules raise (besides the common ones of resolvers/errors.py).
    user_errors: tuple[UserErrorCode, ...] = ()
