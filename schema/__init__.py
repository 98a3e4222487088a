"""The GraphQL schema: every domain's queries, mutations and Node types merged into one
Schema, from the domains' declarations."""

from __future__ import annotations

from functools import cache

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.admission import Admission, ReadTransaction
from schema.compiled.payloads import CompiledPayloads
from schema.document_cache import DocumentCache
from schema.domain import check_types, discover
from schema.errors import ValidationCodes, assign_code
from schema.limits import DocumentLimits, remove_suggestions
from schema.node import NodeQuery
from schema.permissions import guard
from schema.scalars import SCALAR_MAP

# Every domain's declaration (schema/<domain>/declaration.py), merged.
DOMAINS = discover()
check_types(DOMAINS)
Query = merge_types(
    "Query", (NodeQuery, *(query for domain in DOMAINS for query in domain.queries))
)
Mutation = merge_types(
    "Mutation", tuple(mutation for domain in DOMAINS for mutation in domain.mutations)
)
NODE_TYPES = [cls for domain in DOMAINS for cls in domain.types]


class Schema(strawberry.Schema):
    # With `disable_field_suggestions`, every "Did you mean …?" goes, not only fields'.
    remove_field_suggestion = staticmethod(remove_suggestions)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Code every error (Strawberry calls this for parse, validation and execution
        errors alike); only unexpected ones are logged, by `assign_code`."""
        request_id = getattr(execution_context and execution_context.context, "request_id", "")
        for error in errors:
            assign_code(error, request_id)


def build_schema(production: bool = False, compiled_reads: bool = True) -> Schema:
    """The schema; in production without introspection and without suggestions in
    error messages, so that clients learn only the documented API. With `compiled_reads`,
    mutation payloads are read by compiled SQL (schema/compiled/payloads.py); the query
    operations the compiler knows are answered from compiled SQL before this schema runs
    them (schema/compiled/direct.py, which the server calls), the others by the
    resolvers."""
    built = Schema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        extensions=[
            ValidationCodes,
            lambda: DocumentLimits(production),
            Admission,
            *([CompiledPayloads] if compiled_reads else []),
            ReadTransaction,
            DocumentCache,
        ],
        config=StrawberryConfig(
            auto_camel_case=True,
            disable_field_suggestions=production,
            scalar_map=SCALAR_MAP,
        ),
    )
    guard(built._schema)
    return built


schema = build_schema()


@cache
def schema_for(production: bool, compiled_reads: bool = True) -> Schema:
    """The development schema (also exported as SDL), or the production one, built once;
    without the compiled read path when `compiled_reads` is off."""
    if production or not compiled_reads:
        return build_schema(production=production, compiled_reads=compiled_reads)
    return schema
