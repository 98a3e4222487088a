"""Limits on the shape of a document (docs/architecture.md), checked before anything executes.

Tokens are counted by the parser itself, so a flood is cut off while it is read; depth,
aliases and directives are counted by one validation rule, through fragment spreads (a
fragment spread five times counts five times), which schema/document_cache.py then remembers
for a repeated document. Every refusal carries `extensions.code`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    specified_rules,
)
from strawberry.extensions import SchemaExtension

from schema.document_cache import MAX_DOCUMENTS, Options, options_of, parsed

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_DIRECTIVES = 50
MAX_TOKENS = 2_000
# Fields merged into one selection set, through fragments. Validation compares them
# pairwise (OverlappingFieldsCanBeMerged), so 300 repeats of one field in a 2 kB document
# would cost a second of CPU before any other rule could refuse it.
MAX_FIELDS_PER_SELECTION = 100
TOO_COMPLEX = "QUERY_TOO_COMPLEX"
# Counts through fragments grow fast; beyond this they are reported as this.
CEILING = 1_000_000_000

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
TOKEN_LIMIT = re.compile(r"Document contains more than (\d+) tokens")
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


@dataclass(frozen=True)
class Shape:
    """How deep a selection set goes, how many aliases and directives it holds, how many
    fields it merges at its own level (`fields`) and the most any one set below holds."""

    depth: int = 0
    aliases: int = 0
    directives: int = 0
    fields: int = 0
    widest: int = 0

    def __add__(self, other: Shape) -> Shape:
        """The shape of two parts of one selection set."""
        return Shape(
            max(self.depth, other.depth),
            min(CEILING, self.aliases + other.aliases),
            min(CEILING, self.directives + other.directives),
            min(CEILING, self.fields + other.fields),
            max(self.widest, other.widest),
        )


class Measure:
    """Measures selection sets, each named fragment once (a fragment spread in many
    places would otherwise be walked exponentially often). A fragment cycle, which
    NoFragmentCyclesRule reports in the same pass, counts as empty here."""

    def __init__(self, fragments: Callable[[str], FragmentDefinitionNode | None]) -> None:
        self.fragments = fragments
        self.known: dict[str, Shape] = {}
        self.open: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None) -> Shape:
        shape = Shape()
        for selection in node.selections if node else ():
            own = Shape(directives=len(selection.directives or ()))
            if isinstance(selection, FieldNode):
                inner = self.selection_set(selection.selection_set)
                # Introspection is refused in production; in development GraphiQL's own
                # introspection query nests deeper than 12 (type { ofType { ofType … } }).
                nested = 0 if selection.name.value in INTROSPECTION_FIELDS else inner.depth
                own = own + Shape(1 + nested, inner.aliases, inner.directives, 1, inner.widest)
                if selection.alias:
                    own = own + Shape(aliases=1)
            elif isinstance(selection, InlineFragmentNode):
                own = own + self.selection_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                own = own + self.fragment(selection.name.value)
            shape = shape + own
        return replace(shape, widest=max(shape.widest, shape.fields))

    def fragment(self, name: str) -> Shape:
        if name in self.known:
            return self.known[name]
        definition = self.fragments(name)
        if definition is None or name in self.open:
            return Shape()
        self.open.add(name)
        shape = Shape(directives=len(definition.directives or ())) + self.selection_set(
            definition.selection_set
        )
        self.open.discard(name)
        self.known[name] = shape
        return shape


def too_complex(message: str, node: Any, measure: str, limit: int, found: int) -> GraphQLError:
    return GraphQLError(
        message,
        node,
        extensions={"code": TOO_COMPLEX, "measure": measure, "limit": limit, "found": found},
    )


class DocumentShapeRule(ValidationRule):
    """Refuses operations nested deeper than MAX_DEPTH, with more than MAX_ALIASES
    aliases or MAX_DIRECTIVES directives, and operation names that start with `__`."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        if node.name and node.name.value.startswith("__"):
            self.report_error(
                GraphQLError(
                    f"operation names may not start with '__' ({node.name.value!r} does)",
                    node.name,
                    extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                )
            )
        shape = Measure(self.context.get_fragment).selection_set(node.selection_set)
        directives = len(node.directives or ()) + sum(
            len(variable.directives or ()) for variable in node.variable_definitions or ()
        )
        if shape.depth > MAX_DEPTH:
            self.report_error(
                too_complex(
                    f"the operation is nested {shape.depth} levels deep, counting fragments;"
                    f" at most {MAX_DEPTH} are allowed",
                    node,
                    "depth",
                    MAX_DEPTH,
                    shape.depth,
                )
            )
        if shape.aliases > MAX_ALIASES:
            self.report_error(
                too_complex(
                    f"the operation uses {shape.aliases} aliases, counting each fragment"
                    f" spread; at most {MAX_ALIASES} are allowed",
                    node,
                    "aliases",
                    MAX_ALIASES,
                    shape.aliases,
                )
            )
        if shape.directives + directives > MAX_DIRECTIVES:
            found = min(CEILING, shape.directives + directives)
            self.report_error(
                too_complex(
                    f"the operation uses {found} directives, counting each fragment spread;"
                    f" at most {MAX_DIRECTIVES} are allowed",
                    node,
                    "directives",
                    MAX_DIRECTIVES,
                    found,
                )
            )


class OneOperationRule(ValidationRule):
    """Refuses a document of several operations sent without `operationName`, which
    GraphQL's GetOperation() calls a request error (Strawberry would run the first)."""

    def enter_document(self, node: DocumentNode, *_args: Any) -> None:
        operations = [d for d in node.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > 1:
            self.report_error(
                GraphQLError(
                    f"the document holds {len(operations)} operations: name the one to run"
                    " in operationName",
                    operations,
                    extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                )
            )


class DocumentLimits(SchemaExtension):
    """Sets the parser's token limit (which DocumentCache passes on, its cache keyed by
    it), adds the shape rule (and, without an operationName, the one-operation rule), and
    gives a token flood the code QUERY_TOO_COMPLEX instead of GRAPHQL_PARSE_FAILED.
    `max_tokens` counts comments too, so that a flood of comments cannot make the parser
    work for nothing either."""

    def __init__(self, production: bool) -> None:
        self.production = production

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        # The name as sent: Strawberry's `operation_name` falls back to the first one's.
        named = context._provided_operation_name is not None
        context.validation_rules = (
            *context.validation_rules,
            *added_rules(self.production, named),
        )
        try:
            yield
        except GraphQLSyntaxError as error:
            mark_token_flood(error)
            raise

    def on_validate(self) -> Iterator[None]:
        """Refuses too wide a document before validation starts (see
        MAX_FIELDS_PER_SELECTION); raising here ends the request with this error."""
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            if context.query is None:
                widest = widest_selection(document)
            else:  # the document DocumentCache parsed from this text
                widest = widest_of_text(context.query, options_of(context))
            if widest > MAX_FIELDS_PER_SELECTION:
                raise too_complex(
                    f"a selection set holds {widest} fields, counting fragments; at most"
                    f" {MAX_FIELDS_PER_SELECTION} are allowed",
                    None,
                    "fields",
                    MAX_FIELDS_PER_SELECTION,
                    widest,
                )
        yield


PARSE_OPTIONS: Options = (("max_tokens", MAX_TOKENS),)


def added_rules(production: bool, named: bool) -> tuple[type[ASTValidationRule], ...]:
    """The rules DocumentLimits adds to GraphQL's own: the shape rule, no introspection in
    production, and the one-operation rule when no operationName was sent."""
    rules: tuple[type[ASTValidationRule], ...] = (
        DocumentShapeRule,
        *((NoSchemaIntrospectionCustomRule,) if production else ()),
    )
    return rules if named else (*rules, OneOperationRule)


def validation_rules(production: bool, named: bool) -> tuple[type[ASTValidationRule], ...]:
    """Every rule a request's document is validated by (the key of `validated`'s cache)."""
    return (*specified_rules, *added_rules(production, named))


@lru_cache(maxsize=MAX_DOCUMENTS)
def widest_of_text(query: str, options: Options) -> int:
    """`widest_selection` of the document `query` parses to, kept per text as parsing is."""
    return widest_selection(parsed(query, options))


def widest_selection(document: DocumentNode) -> int:
    """The most fields any one selection set of `document` merges, through fragments."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    measure = Measure(fragments.get)
    return max(
        (
            measure.selection_set(definition.selection_set).widest
            for definition in document.definitions
            if isinstance(definition, (OperationDefinitionNode, FragmentDefinitionNode))
        ),
        default=0,
    )


def mark_token_flood(error: GraphQLSyntaxError) -> None:
    match = TOKEN_LIMIT.search(error.message)
    if match is None:
        return
    limit = int(match.group(1))
    error.message = f"the document has more than {limit} tokens; at most {limit} are allowed"
    error.extensions = {"code": TOO_COMPLEX, "measure": "tokens", "limit": limit}


def remove_suggestions(error: GraphQLError) -> None:
    """Drop every "Did you mean …?" (fields, arguments, types, enum values, input
    fields), which would otherwise let a client read the schema without introspection."""
    error.message = SUGGESTION.sub("", error.message)
