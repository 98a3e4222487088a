"""The static cost of an operation (docs/architecture.md), known before any resolver runs.

An object costs 1 and a scalar 0. A connection costs 1 plus its page size (`first` or
`last`, 20 by default) times what is selected in its `edges` and `nodes`, so nested
connections multiply; an edge itself is free, its node is an object. `nodes(ids:)` counts
its IDs, other lists count LIST_ITEMS items. A mutation field adds its base cost. Fields
are merged by response key and `@skip`/`@include` are applied, as execution does; an
abstract type costs what its dearest possible type costs. Every operation costs at
least 1. Page sizes are checked here, so `first: 100000` never reaches a resolver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    NamedTypeNode,
    OperationType,
    SelectionSetNode,
    VariableValues,
    get_argument_values,
    get_directive_values,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    get_variable_values,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_object_type,
)

from resolvers.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from schema.kept import Kept, variables_shape

MUTATION_COST = 10
# Password guessing should exhaust a budget quickly.
MUTATION_COSTS = {"login": 500}
LIST_ITEMS = 5
# Reported costs stop here, inside what JSON numbers hold exactly.
CEILING = 2**53 - 1

Fields = dict[str, list[FieldNode]]


class CostRefused(Exception):
    """The operation cannot be costed because its input is bad (BAD_USER_INPUT)."""

    def __init__(self, errors: Sequence[GraphQLError]) -> None:
        super().__init__(errors[0].message)
        self.errors = list(errors)


def bad_input(message: str, node: Any) -> CostRefused:
    return CostRefused([GraphQLError(message, node, extensions={"code": "BAD_USER_INPUT"})])


def is_connection(type_: Any) -> bool:
    return is_object_type(type_) and {"edges", "nodes", "pageInfo"} <= type_.fields.keys()


class Coster:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        # Cost by (selection sets, type, page size): a fragment spread under many fields
        # is costed once, so costing stays linear however the document reuses it.
        self.memo: dict[tuple[tuple[int, ...], str, int | None], int] = {}

    def included(self, node: FieldNode | FragmentSpreadNode | InlineFragmentNode) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip["if"] is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and include["if"] is False)

    def applies(self, condition: NamedTypeNode | None, type_: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        conditional = self.schema.get_type(condition.name.value)
        if conditional is type_:
            return True
        return is_abstract_type(conditional) and self.schema.is_sub_type(conditional, type_)

    def collect(
        self,
        selection_sets: Sequence[SelectionSetNode],
        type_: GraphQLObjectType,
        fields: Fields | None = None,
        visited: set[str] | None = None,
    ) -> Fields:
        """The fields selected on an object of `type_`, by response key."""
        fields = {} if fields is None else fields
        visited = set() if visited is None else visited
        for selection_set in selection_sets:
            for selection in selection_set.selections:
                if not self.included(selection):  # type: ignore[arg-type]
                    continue
                if isinstance(selection, FieldNode):
                    key = (selection.alias or selection.name).value
                    fields.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    if self.applies(selection.type_condition, type_):
                        self.collect([selection.selection_set], type_, fields, visited)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if name in visited or fragment is None:
                        continue
                    visited.add(name)
                    if self.applies(fragment.type_condition, type_):
                        self.collect([fragment.selection_set], type_, fields, visited)
        return fields

    def selection(
        self, selection_sets: Sequence[SelectionSetNode], type_: Any, page: int | None
    ) -> int:
        """What the selections cost on one object of `type_` (an abstract type costs
        what its dearest possible type does)."""
        key = (tuple(id(node) for node in selection_sets), type_.name, page)
        if key not in self.memo:
            types = self.schema.get_possible_types(type_) if is_abstract_type(type_) else [type_]
            self.memo[key] = max(
                (self.fields(self.collect(selection_sets, t), t, page) for t in types), default=0
            )
        return self.memo[key]

    def fields(self, fields: Fields, parent: GraphQLObjectType, page: int | None) -> int:
        return sum(self.field(parent, nodes, page) for nodes in fields.values())

    def field(self, parent: GraphQLObjectType, nodes: list[FieldNode], page: int | None) -> int:
        node = nodes[0]
        name = node.name.value
        definition = self.schema.get_field(parent, name)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        if is_leaf_type(named):
            return 0
        try:
            arguments = get_argument_values(definition, node, self.variables)
        except GraphQLError as error:
            error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
            raise CostRefused([error]) from None
        inner = [each.selection_set for each in nodes if each.selection_set]
        if is_connection(named):
            return 1 + self.selection(inner, named, page_size(arguments, node))
        in_connection = page is not None and is_connection(parent)
        each = (0 if in_connection and name == "edges" else 1) + self.selection(inner, named, None)
        if not is_list_type(get_nullable_type(definition.type)):
            return each
        if in_connection and name in ("edges", "nodes"):
            return (page or 0) * each
        if parent is self.schema.query_type and name == "nodes":
            return len(arguments.get("ids") or ()) * each
        return LIST_ITEMS * each


def page_size(arguments: dict[str, Any], node: FieldNode) -> int:
    first, last = arguments.get("first"), arguments.get("last")
    if first is not None and last is not None:
        raise bad_input("pass either `first` or `last`, not both", node)
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 1 <= value <= MAX_PAGE_SIZE:
            raise bad_input(f"`{name}` must be between 1 and {MAX_PAGE_SIZE}, got {value}", node)
    size: int = first or last or DEFAULT_PAGE_SIZE
    return size


# Costs by (schema, document text, operation, the variables' shape with their integers):
# the walk is the same for every request of a document with the same page sizes, so each
# request of a frontend's page only coerces its variables. Refusals are not kept.
COSTS: Kept[int] = Kept(512)


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    text: str | None = None,
) -> int:
    """The operation's cost; CostRefused for bad variables or page sizes. With the
    document's `text`, the cost of a shape already costed is taken from `COSTS`."""
    operation = get_operation_ast(document, operation_name)
    root = schema.get_root_type(operation.operation) if operation else None
    if operation is None or root is None:
        return 1  # execution reports the missing operation
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(coerced, list):
        for error in coerced:
            error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        raise CostRefused(coerced)
    key = None
    if text is not None:
        key = (id(schema), text, operation_name, variables_shape(coerced.coerced))
        _, known = COSTS.get(key)
        if known is not None:
            return known
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    coster = Coster(schema, fragments, coerced)
    fields = coster.collect([operation.selection_set], root)
    total = coster.fields(fields, root, None)
    if operation.operation is OperationType.MUTATION:
        total += sum(
            MUTATION_COSTS.get(nodes[0].name.value, MUTATION_COST) for nodes in fields.values()
        )
    cost = min(CEILING, max(1, total))
    if key is not None:
        COSTS.put(key, cost)
    return cost
