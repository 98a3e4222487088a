"""Answering a query operation from compiled SQL, after Admission (cost, budget, viewer)
and before any resolver: one statement per root field, the JSON built by the database.
An operation the compiler cannot take, or a request whose inputs it cannot bind (a bad
cursor, say), runs through the resolvers, which give the same answer or the error."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import orjson
from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationType,
    VariableValues,
    get_operation_ast,
    get_variable_values,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.extensions import SchemaExtension

from resolvers.accounts.viewer import Viewer
from resolvers.compiled import catalog
from resolvers.compiled.builder import Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect
from resolvers.compiled.masking import viewer_shape
from resolvers.context import Context
from resolvers.errors import DomainError
from resolvers.permissions import can_read
from schema.compiled.walk import Statement, Walker
from schema.cost import Coster

PLANS = 512
Plan = tuple[Statement, ...] | None  # None: the resolvers answer this shape


def shape(value: Any) -> Any:
    """What of a variable's value changes the statement: presence, booleans, list
    lengths and input objects' keys; other values are bound parameters."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list):
        return ("list", tuple(shape(item) for item in value))
    if isinstance(value, Mapping):
        return tuple(sorted((key, shape(item)) for key, item in value.items()))
    return type(value).__name__


def viewer_key(viewer: Viewer) -> tuple[Any, ...]:
    return (viewer_shape(viewer), tuple(can_read(viewer, name) for name in catalog.TYPES))


class PlanCache:
    """Compiled statements by (document, operation, variables' shape, viewer's shape,
    database); operations that cannot be compiled are remembered too."""

    def __init__(self, size: int = PLANS) -> None:
        self.size = size
        self.plans: OrderedDict[tuple[Any, ...], Plan] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> tuple[bool, Plan]:
        if key in self.plans:
            self.plans.move_to_end(key)
            return True, self.plans[key]
        return False, None

    def put(self, key: tuple[Any, ...], plan: Plan) -> None:
        self.plans[key] = plan
        if len(self.plans) > self.size:
            self.plans.popitem(last=False)


CACHE = PlanCache()


def compile_operation(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: VariableValues,
    viewer: Viewer,
    dialect: Dialect,
) -> Plan:
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    query = schema.query_type
    assert query is not None
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    coster = Coster(schema, fragments, variables)
    try:
        roots = coster.collect([operation.selection_set], query)
        return tuple(
            Walker(schema, coster, viewer, dialect).root(key, nodes) for key, nodes in roots.items()
        )
    except NotCompiled:
        return None


async def _run(session: AsyncSession, sql: str, params: Sequence[Any]) -> Any:
    connection = await session.connection()
    row = (await connection.exec_driver_sql(sql, tuple(params))).first()
    return None if row is None else row[0]


class CompiledReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.result is None:
            answer = await self.answer()
            if answer is not None:
                self.execution_context.result = answer
        yield

    async def answer(self) -> ExecutionResult | None:
        context = self.execution_context
        ctx = context.context
        assert isinstance(ctx, Context)
        schema = context.schema._schema
        document = context.graphql_document
        operation = get_operation_ast(document, context.operation_name) if document else None
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        values = get_variable_values(
            schema, operation.variable_definitions or (), context.variables or {}
        )
        if isinstance(values, list):
            return None
        coerced = values
        bind = ctx.session.bind
        assert bind is not None
        dialect = Dialect(bind.dialect.name)
        key = (
            context.query,
            context.operation_name,
            shape(getattr(coerced, "coerced", coerced)),
            viewer_key(ctx.viewer),
            dialect.name,
        )
        found, plan = CACHE.get(key)
        if not found:
            plan = compile_operation(
                schema, document, context.operation_name, coerced, ctx.viewer, dialect
            )
            CACHE.put(key, plan)
        if plan is None:
            return None
        inputs = Inputs(coerced, ctx.viewer)
        try:
            bound = [[get(inputs) for get in statement.params] for statement in plan]
        except (DomainError, NotCompiled):  # a bad cursor or ID, an untaught node type
            return None
        data: dict[str, Any] = {}
        for statement, params in zip(plan, bound, strict=True):
            try:
                text = await ctx.loaders.run(
                    lambda session, s=statement, p=params: _run(session, s.sql, p)  # type: ignore[misc]
                )
            except OperationalError as error:
                # SQLite's parser refuses statements nested deeper than its stack (nested
                # pages after a cursor, which are not grouped): nothing ran, remember it.
                if dialect.postgres or "parser stack overflow" not in str(error):
                    raise
                CACHE.put(key, None)
                return None
            if text is None:  # no district yet: the resolvers say so
                return None
            # SQLite gives the JSON's text; SQLAlchemy's asyncpg codec has decoded it.
            value = orjson.loads(text) if isinstance(text, str) else text
            missing = value is None or (isinstance(value, list) and None in value)
            if statement.nulls_fall_back and missing:
                return None  # not found (or not visible): the resolvers' error
            data[statement.key] = value
        return ExecutionResult(data=data)
