"""Answering a query operation from compiled SQL, once it is admitted (cost, budget,
viewer; schema/compiled/direct.py): one statement per root field, the JSON built by the
database. An operation the compiler cannot take, or a request whose inputs it cannot bind
(a bad cursor, say), runs through the resolvers, which give the same answer or the error.
A mutation's payload objects are read compiled too (schema/compiled/payloads.py)."""

from __future__ import annotations

from typing import Any

import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationType,
    VariableValues,
    get_operation_ast,
    get_variable_values,
)
from sqlalchemy.exc import OperationalError

from db.session import READ_ONLY_TRANSACTION, autocommit_options
from resolvers.accounts.viewer import Viewer
from resolvers.budget import engine_of
from resolvers.compiled.builder import Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect
from resolvers.context import Context
from resolvers.errors import DomainError
from schema.compiled.plans import CACHE, as_response, read_text, viewer_key
from schema.compiled.walk import Statement, Walker
from schema.cost import Coster
from schema.kept import variables_shape

Plan = tuple[Statement, ...] | None  # None: the resolvers answer this shape


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


async def compiled_answer(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    query: str | None,
    variables: dict[str, Any] | None,
    ctx: Context,
) -> ExecutionResult | None:
    """The query's answer from compiled SQL, or None when the resolvers answer it."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    values = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(values, list):
        return None
    coerced = values
    bind = ctx.session.bind
    assert bind is not None
    dialect = Dialect(bind.dialect.name)
    key = (
        query,
        operation_name,
        variables_shape(getattr(coerced, "coerced", coerced)),
        viewer_key(ctx.viewer, dialect.postgres),
        dialect.name,
    )
    found, plan = CACHE.get(key)
    if not found:
        plan = compile_operation(schema, document, operation_name, coerced, ctx.viewer, dialect)
        CACHE.put(key, plan)
    if plan is None:
        return None
    inputs = Inputs(coerced, ctx.viewer)
    try:
        bound = [[get(inputs) for get in statement.params] for statement in plan]
    except (DomainError, NotCompiled):  # a bad cursor or ID, an untaught node type
        return None
    # One statement needs no transaction: it reads one snapshot by itself, and the
    # request then sends no BEGIN and no ROLLBACK, on the connection the charge took
    # (Context.connection). Several read in one transaction, read-only on PostgreSQL.
    single = len(plan) == 1
    kept = ctx.connection if single else None
    if kept is None:
        await ctx.release_connection()
        options = autocommit_options(engine_of(ctx.session)) if single else READ_ONLY_TRANSACTION
        if single or dialect.postgres:
            await ctx.session.connection(execution_options=options)
    data: dict[str, Any] = {}
    for statement, params in zip(plan, bound, strict=True):
        try:
            text = await read_text(ctx, kept, statement.sql, params)
        except OperationalError as error:
            # SQLite's parser refuses statements nested deeper than its stack (nested
            # pages after a cursor, which are not grouped): nothing ran, remember it.
            if dialect.postgres or "parser stack overflow" not in str(error):
                raise
            CACHE.put(key, None)
            await fall_back(ctx, single)
            return None
        if text is None:  # no district yet: the resolvers say so
            await fall_back(ctx, single)
            return None
        data[statement.key] = value = as_response(text, statement.reparse)
        if statement.nulls_fall_back:
            found = orjson.loads(text) if isinstance(text, str) else value
            if found is None or (isinstance(found, list) and None in found):
                # not found (or not visible): the resolvers' error
                await fall_back(ctx, single)
                return None
    return ExecutionResult(data=data)


async def fall_back(ctx: Context, outside_transaction: bool) -> None:
    """Leave the request to the resolvers. A statement sent outside any transaction
    took a connection in autocommit: it is given back, so that the resolvers read in
    their own transaction (ReadTransaction), as without it."""
    if outside_transaction:
        await ctx.release_connection()
        await ctx.session.close()
