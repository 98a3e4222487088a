"""A query the compiled path answers, answered without GraphQL execution around it.

No resolver runs for such a query, yet Strawberry's execution around it (its extensions'
hooks, the execution context, the error and extension plumbing) cost about a fifth of the
request's CPU (docs/performance.md). Here a document that parses and validates (from the
same caches and by the same rules as DocumentCache and DocumentLimits) and whose
operation is a query is admitted (schema/admission.py) and answered from compiled SQL
(schema/compiled/queries.py) directly, with the same data and `extensions.cost`.
Everything else goes through Strawberry as before: a document that does not parse or
validate, a mutation, a query admission refuses or the compiler leaves to the resolvers;
the last two were admitted here already, and are not charged again (`Context.admitted`).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, GraphQLSchema, OperationType, get_operation_ast
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType as Operation

from resolvers.context import Context
from schema.admission import Admitted, admit
from schema.compiled.queries import compiled_answer
from schema.document_cache import parsed, validated
from schema.errors import assign_code
from schema.limits import MAX_FIELDS_PER_SELECTION, PARSE_OPTIONS, validation_rules, widest_of_text


async def answer_directly(
    graphql: GraphQLSchema,
    production: bool,
    query: str,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    ctx: Context,
) -> ExecutionResult | None:
    """The answer to a compiled query, or None when Strawberry is to run the request."""
    try:
        document = parsed(query, PARSE_OPTIONS)
        if widest_of_text(query, PARSE_OPTIONS) > MAX_FIELDS_PER_SELECTION or validated(
            graphql, query, PARSE_OPTIONS, validation_rules(production, operation_name is not None)
        ):
            return None
    except Exception:  # a syntax error, say: Strawberry reports it as it does every other
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return None
    if operation_name is None and operation.name is not None:
        operation_name = operation.name.value  # as Strawberry names it
    admitted = None
    try:
        admitted = await admit(
            graphql, document, operation_name, Operation.QUERY, variables, query, ctx
        )
        answer = None
        if admitted.refused is None:
            answer = await compiled_answer(graphql, document, operation_name, query, variables, ctx)
    except Exception as error:  # the database out of reach, say: as Strawberry answers it
        failed = (
            error
            if isinstance(error, GraphQLError)
            else GraphQLError(str(error), original_error=error)
        )
        assign_code(failed, ctx.request_id)
        return ExecutionResult(data=None, errors=[failed], extensions=cost_of(admitted))
    if answer is None:  # refused (Strawberry reports it) or left to the resolvers
        ctx.admitted = admitted
        return None
    return ExecutionResult(data=answer.data, errors=None, extensions=cost_of(admitted))


def cost_of(admitted: Admitted | None) -> dict[str, object] | None:
    """The response's extensions, as Admission.get_results gives them."""
    if admitted is None or admitted.report is None:
        return None
    return {"cost": admitted.report}
