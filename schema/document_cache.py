"""Parsing and validation, cached per document text (bounded LRU caches shared by every
request of the process).

Strawberry's ParserCache and ValidationCache key validation by the parsed document, and a
graphql-core document hashes and compares by walking its whole tree: every request paid
for that walk twice (about 0.6 ms for the district tree's document). Here both caches are
keyed by the text as sent, with the parser's options, and validation also by the schema
and the rules in force (which depend on the production setting and on whether an
operationName was sent, schema/limits.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

MAX_DOCUMENTS = 256

Options = tuple[tuple[str, Any], ...]


@lru_cache(maxsize=MAX_DOCUMENTS)
def parsed(query: str, options: Options) -> DocumentNode:
    """The document `query` parses to; a syntax error is raised, and not cached."""
    return parse(query, **dict(options))


@lru_cache(maxsize=MAX_DOCUMENTS)
def validated(
    schema: GraphQLSchema,
    query: str,
    options: Options,
    rules: tuple[type[ASTValidationRule], ...],
) -> list[GraphQLError]:
    """The validation errors of `query`'s document (cached by `parsed`) against `schema`."""
    return validate_document(schema, parsed(query, options), rules)


def options_of(context: ExecutionContext) -> Options:
    """The parser's options of a request, as the caches key them."""
    return tuple(sorted(context.parse_options.items()))


class DocumentCache(SchemaExtension):
    """Sets the parsed document and the validation errors from the caches above, so that
    Strawberry neither parses nor validates a document it has seen."""

    def options(self) -> Options:
        return options_of(self.execution_context)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            context.graphql_document = parsed(context.query, self.options())
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            context.pre_execution_errors = validated(
                context.schema._schema,
                context.query,
                self.options(),
                tuple(context.validation_rules),
            )
        yield
