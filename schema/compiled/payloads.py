"""A mutation's payload object read by one compiled statement, in the mutation's own
transaction: after the write and its audit entry, the object the payload returns (the
renamed community with its grid count and street, say) is one SELECT that builds its JSON,
instead of a resolver per field and a statement per relation.

The payload's resolver then leaves the field null and the value is set into the response
after execution (`PayloadReads.apply`). The rule is the read path's: the field's whole
selection must compile for the viewer (schema/compiled/walk.py); otherwise, or if the
statement finds nothing, the resolvers read it as before. Plans are cached like the
reads' (schema/compiled/extension.py), keyed by the field's place in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo, VariableValues, get_named_type
from strawberry.utils.str_converters import to_camel_case

from resolvers.compiled import catalog
from resolvers.compiled.builder import Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect
from resolvers.context import Context
from resolvers.nodes import TYPE_NAMES, RowRef
from schema.compiled.plans import CACHE, as_response, read_text, viewer_key
from schema.compiled.walk import Statement, Walker
from schema.cost import Coster
from schema.kept import variables_shape

Path = tuple[str | int, ...]
# A payload plan: the statements of the field's selections by response key.
PayloadPlan = tuple[tuple[str, Statement], ...] | None


@dataclass
class PayloadReads:
    """The compiled payload values of one operation, set into its response at the end."""

    values: list[tuple[Path, Any]] = field(default_factory=list)

    async def read(
        self, raw: GraphQLResolveInfo[Any], ctx: Context, name: str, row: object
    ) -> bool:
        """Read `row`, the payload's field `name` (its Python name), compiled; True when
        every selection of it was answered (the payload then returns the field null)."""
        model = row.model if isinstance(row, RowRef) else type(row)
        type_name = TYPE_NAMES.get(model)  # type: ignore[arg-type]
        pk = getattr(row, "id", None)
        if type_name not in catalog.TYPES or not isinstance(pk, int):
            return False
        payload = get_named_type(raw.return_type)
        field_name = to_camel_case(name)
        if not isinstance(payload, GraphQLObjectType) or field_name not in payload.fields:
            return False
        source = raw.operation.loc.source.body if raw.operation.loc else None
        if source is None:
            return False
        bind = ctx.session.bind
        assert bind is not None
        dialect = Dialect(bind.dialect.name)
        key = (
            "payload",
            source,
            raw.operation.name.value if raw.operation.name else None,
            tuple(raw.path.as_list()),
            type_name,
            variables_shape(variables_of(raw).coerced),
            viewer_key(ctx.viewer, dialect.postgres),
            dialect.name,
        )
        found, plan = CACHE.get(key)
        if not found:
            plan = _compile(raw, payload, field_name, type_name, ctx, dialect)
            CACHE.put(key, plan)
        if plan is None:
            return False
        inputs = Inputs(variables_of(raw), ctx.viewer, pk)
        answers: list[tuple[Path, Any]] = []
        for response_key, statement in plan:
            params = [get(inputs) for get in statement.params]
            # On the request's connection when a mutation ran on it (schema/mutation.py).
            text = await read_text(ctx, ctx.connection, statement.sql, params)
            if text is None:
                return False
            answer = as_response(text, statement.reparse)
            answers.append(((*raw.path.as_list(), response_key), answer))
        self.values.extend(answers)
        return True

    def apply(self, data: dict[str, Any] | None) -> None:
        """Set each value where its payload left the field null."""
        for path, value in self.values:
            parent: Any = data
            for step in path[:-1]:
                if isinstance(parent, dict):
                    parent = parent.get(step)
                elif isinstance(parent, list) and isinstance(step, int) and step < len(parent):
                    parent = parent[step]
                else:
                    parent = None
            if isinstance(parent, dict) and parent.get(path[-1], ...) is None:
                parent[path[-1]] = value


def variables_of(raw: GraphQLResolveInfo[Any]) -> VariableValues:
    """The operation's coerced variables as the compiler reads them (graphql-core hands
    resolvers either its VariableValues or the plain dict of coerced values)."""
    given: Any = raw.variable_values
    return given if isinstance(given, VariableValues) else VariableValues({}, dict(given))


def _compile(
    raw: GraphQLResolveInfo[Any],
    payload: GraphQLObjectType,
    field_name: str,
    type_name: str,
    ctx: Context,
    dialect: Dialect,
) -> PayloadPlan:
    schema = raw.schema
    coster = Coster(schema, raw.fragments, variables_of(raw))
    sets = [node.selection_set for node in raw.field_nodes if node.selection_set]
    fields = coster.collect(sets, payload)
    graphql_type = schema.get_type(type_name)
    assert isinstance(graphql_type, GraphQLObjectType)
    plan: list[tuple[str, Statement]] = []
    try:
        for response_key, nodes in fields.items():
            if nodes[0].name.value != field_name:
                continue
            walker = Walker(schema, coster, ctx.viewer, dialect)
            plan.append((response_key, walker.one(response_key, nodes, graphql_type)))
    except NotCompiled:
        return None
    return tuple(plan) or None
