"""A mutation's payload object read by one compiled statement, in the mutation's own
transaction: after the write and its audit entry, the object the payload returns (the
renamed community with its grid count and street, say) is one SELECT that builds its JSON,
instead of a resolver per field and a statement per relation.

The payload's resolver then leaves the field null and the value is set into the response
after execution (`PayloadReads.apply`). The rule is the read path's: the field's whole
selection must compile for the viewer (schema/compiled/walk.py); otherwise, or if the
statement finds nothing, the resolvers read it as before. Plans are cached like the
reads' (schema/compiled/queries.py), keyed by the field's place in the document.

A write that is one statement (the rename on PostgreSQL) carries the read itself
(`WithWrite`): the selection is compiled over the row its UPDATE returns, unless it reads
that table again, which the statement would see as it was before the write.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo, VariableValues, get_named_type
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType
from strawberry.utils.str_converters import to_camel_case

from resolvers.compiled import catalog
from resolvers.compiled.builder import Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect
from resolvers.context import Context
from resolvers.errors import DomainError
from resolvers.nodes import TYPE_NAMES, RowRef
from schema.compiled.plans import CACHE, as_response, read_text, viewer_key
from schema.compiled.walk import Statement, Walker
from schema.cost import Coster
from schema.kept import variables_shape

Path = tuple[str | int, ...]
# A payload plan: the statements of the field's selections by response key.
PayloadPlan = tuple[tuple[str, Statement], ...] | None


class CompiledPayloads(SchemaExtension):
    """Gives a mutation its PayloadReads, and sets what they read into the result."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        ctx = context.context
        assert isinstance(ctx, Context)
        payloads = None
        if context.result is None and context.operation_type is OperationType.MUTATION:
            payloads = ctx.compiled_payloads = PayloadReads()
        yield
        if payloads is not None and context.result is not None:
            payloads.apply(context.result.data)


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
        if type_name is None or not isinstance(pk, int):
            return False
        plan = _plan(raw, ctx, name, type_name)
        if plan is None:
            return False
        inputs = Inputs(variables_of(raw), ctx.viewer, pk)
        answers: list[tuple[Path, Any]] = []
        for response_key, statement in plan:
            try:
                params = [get(inputs) for get in statement.params]
            except (DomainError, NotCompiled):
                return False  # a bad cursor, say: the resolvers report it, as for a query
            # On the request's connection when a mutation ran on it (schema/mutation.py).
            text = await read_text(ctx, ctx.connection, statement.sql, params)
            if text is None:
                return False
            answer = as_response(text, statement.reparse)
            answers.append(((*raw.path.as_list(), response_key), answer))
        self.values.extend(answers)
        return True

    def with_write(self, raw: GraphQLResolveInfo[Any], ctx: Context, name: str) -> WithWrite:
        """The payload's field `name` read by the statement of the write itself."""
        return WithWrite(self, raw, ctx, name)

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


@dataclass
class WithWrite:
    """`nodes.ChangedRowRead` for one payload field: its one selection compiled as a
    subquery of the write's statement, from the CTE of the row it changed (PostgreSQL;
    resolvers/organization/renaming.py). It saves the round trip of reading the row
    after the write."""

    reads: PayloadReads
    raw: GraphQLResolveInfo[Any]
    ctx: Context
    name: str
    # The selection's response key and statement, once `subquery` gave it.
    pending: tuple[str, Statement] | None = None
    answered: bool = False

    def subquery(
        self, type_name: str, changed: str, offset: int
    ) -> tuple[str, Sequence[Any]] | None:
        plan = _plan(self.raw, self.ctx, self.name, type_name, (changed, offset))
        if plan is None or len(plan) != 1:
            return None
        statement = plan[0][1]
        inputs = Inputs(variables_of(self.raw), self.ctx.viewer)
        try:
            values = [get(inputs) for get in statement.params]
        except (DomainError, NotCompiled):
            # A bad cursor in the payload, say: the write goes ahead alone, and the read
            # after it answers the payload as it would without this.
            return None
        self.pending = plan[0]
        return f"({statement.sql})", values

    def answer(self, text: str | None) -> bool:
        if text is None or self.pending is None:
            return False
        response_key, statement = self.pending
        path = (*self.raw.path.as_list(), response_key)
        self.reads.values.append((path, as_response(text, statement.reparse)))
        self.answered = True
        return True


def _plan(
    raw: GraphQLResolveInfo[Any],
    ctx: Context,
    name: str,
    type_name: str,
    changed: tuple[str, int] | None = None,
) -> PayloadPlan:
    """The field's plan for a row of `type_name`, from the cache or compiled; None when
    it does not compile. `changed`: read from a write's CTE (`WithWrite`)."""
    if type_name not in catalog.TYPES:
        return None
    payload = get_named_type(raw.return_type)
    field_name = to_camel_case(name)
    if not isinstance(payload, GraphQLObjectType) or field_name not in payload.fields:
        return None
    source = raw.operation.loc.source.body if raw.operation.loc else None
    if source is None:
        return None
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
        changed,
    )
    found, plan = CACHE.get(key)
    if not found:
        plan = _compile(raw, payload, field_name, type_name, ctx, dialect, changed)
        CACHE.put(key, plan)
    return plan


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
    changed: tuple[str, int] | None = None,
) -> PayloadPlan:
    schema = raw.schema
    source, offset = changed or (None, 0)
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
            walker = Walker(schema, coster, ctx.viewer, dialect, offset)
            plan.append((response_key, walker.one(response_key, nodes, graphql_type, source)))
    except NotCompiled:
        return None
    return tuple(plan) or None
