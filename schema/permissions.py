"""Enforcing resolvers/permissions.py on the built schema.

Every field whose type is (a list or connection of) a non-public type, and every
mutation, gets its check wrapped around its resolver once, when the schema is built: a
new field is guarded the day it is added, and leaves (scalars) are never wrapped. A
field's check runs once per parent object, not once per scalar.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
    get_nullable_type,
)

from resolvers.accounts.viewer import Viewer
from resolvers.permissions import READS, WRITES, can_read, owns, require_read, require_role

# Fields that return only the viewer's own records.
OWN_FIELDS = frozenset({("Query", "viewer"), ("Query", "me")})


def item_type(named: GraphQLNamedType) -> str:
    """The type a field delivers: `Person` for Person, [Person] and PersonConnection."""
    name = named.name
    if isinstance(named, GraphQLObjectType) and name.endswith("Connection"):
        return name.removesuffix("Connection")
    return name


def _read_guard(field: GraphQLField, type_name: str) -> Callable[..., Any]:
    resolve = field.resolve or default_field_resolver
    # A field of one object (not a list or a page) may deliver the viewer's own record,
    # which everyone reads (`owns`), whatever the type's rule: a resident's own complaint
    # names them as its complainant.
    one = isinstance(get_nullable_type(field.type), GraphQLObjectType) and not (
        get_named_type(field.type).name.endswith("Connection")
    )

    def guarded(source: Any, info: Any, **arguments: Any) -> Any:
        viewer = info.context.viewer
        if owns(viewer, source) or can_read(viewer, type_name):
            return resolve(source, info, **arguments)
        if not one or viewer.person_id is None:
            require_read(viewer, type_name)  # refuses
        found = resolve(source, info, **arguments)
        if isawaitable(found):
            return _awaited_own(found, viewer, type_name)
        return _own_or_refused(found, viewer, type_name)

    return guarded


def _own_or_refused(value: Any, viewer: Viewer, type_name: str) -> Any:
    """`value` if it is the viewer's own record; else the type's refusal."""
    if value is None or not owns(viewer, value):
        require_read(viewer, type_name)  # refuses
    return value


async def _awaited_own(found: Awaitable[Any], viewer: Viewer, type_name: str) -> Any:
    return _own_or_refused(await found, viewer, type_name)


def _write_guard(field: GraphQLField, operation: str) -> Callable[..., Any]:
    resolve = field.resolve or default_field_resolver

    def guarded(source: Any, info: Any, **arguments: Any) -> Any:
        require_role(info.context.viewer, operation)
        # Mutations run one after another, so this names the one now running (audit).
        info.context.operation = operation
        return resolve(source, info, **arguments)

    return guarded


def guard(schema: GraphQLSchema) -> None:
    """Wrap the checks around every field that needs one; refuse a schema with an
    operation or a type the permission table does not rule on."""
    mutation = schema.mutation_type
    assert mutation is not None
    # A rule without a mutation is harmless (tests/accounts/test_permissions.py finds it); a
    # mutation without a rule would run unchecked.
    unruled = set(mutation.fields) - set(WRITES)
    if unruled:
        raise RuntimeError(f"the permission table has no rule for {sorted(unruled)}")
    for name, field in mutation.fields.items():
        field.resolve = _write_guard(field, name)
    for parent in schema.type_map.values():
        if not isinstance(parent, GraphQLObjectType) or parent.name.startswith("__"):
            continue
        if "Node" in {interface.name for interface in parent.interfaces} and (
            parent.name not in READS
        ):
            raise RuntimeError(f"the permission table has no read rule for {parent.name}")
        if parent is mutation:
            continue
        for name, field in parent.fields.items():
            type_name = item_type(get_named_type(field.type))
            rule = READS.get(type_name)
            if rule is None or rule.roles is None or (parent.name, name) in OWN_FIELDS:
                continue
            field.resolve = _read_guard(field, type_name)
