"""Every GraphQL document the README and docs/*.md show is valid against schema.graphql:
each ```graphql block, each "query" of a curl or JSON example, and each inline code span
that is a whole operation (`{ … }`, `query …`, `mutation …`).

A block may hold several operations and fragments, and use variables. A block that is
deliberately partial (a selection to paste into something else) starts with the line
`# fragment`: it is then checked as the selection set of a query on `Query`, so its field
names must still exist."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from graphql import GraphQLSchema, build_schema, parse, validate
from graphql.error import GraphQLError

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PARTIAL = "# fragment"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
JSON_QUERY = re.compile(r'"query"\s*:\s*("(?:[^"\\]|\\.)*")')
INLINE = re.compile(r"`([^`]+)`")
OPERATION = re.compile(r"^(\{\s|(query|mutation|subscription)\b)")


@dataclass(frozen=True)
class Example:
    where: str  # file:line
    text: str


@cache
def schema() -> GraphQLSchema:
    return build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def examples(path: Path) -> list[Example]:
    source = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT).as_posix()
    found: list[Example] = []
    for fence in FENCE.finditer(source):
        language, body = fence.group(1), fence.group(2)
        where = f"{name}:{_line(source, fence.start())}"
        if language == "graphql":
            found.append(Example(where, body))
        else:  # curl and JSON examples carry documents in "query" strings
            found += [Example(where, json.loads(m.group(1))) for m in JSON_QUERY.finditer(body)]
    prose = FENCE.sub(lambda fence: "\n" * fence.group(0).count("\n"), source)
    for span in INLINE.finditer(prose):
        text = " ".join(span.group(1).split())
        if OPERATION.match(text) and "{" in text:  # `query` alone names a parameter
            found.append(Example(f"{name}:{_line(prose, span.start())}", text))
    return found


def errors(example: Example) -> list[GraphQLError]:
    text = example.text
    if text.lstrip().startswith(PARTIAL):
        text = "query Partial {\n" + text + "\n}"
    try:
        document = parse(text)
    except GraphQLError as error:
        return [error]
    return validate(schema(), document)


ALL = [example for path in DOCUMENTS for example in examples(path)]


def test_the_docs_show_graphql_documents() -> None:
    # The extraction finds what it is meant to: blocks, curl strings and inline operations.
    assert len(ALL) >= 15
    assert any("curl" not in e.text and e.where.startswith("README.md") for e in ALL)
    kinds = {e.where.split(":")[0] for e in ALL}
    assert {"README.md", "docs/frontend.md"} <= kinds


@pytest.mark.parametrize("example", ALL, ids=[e.where for e in ALL])
def test_every_document_in_the_docs_is_valid(example: Example) -> None:
    assert [str(error) for error in errors(example)] == [], example.text


def test_an_invalid_example_would_be_reported() -> None:
    assert errors(Example("here", "{ viewer { grants { role scope } } }"))
    assert errors(Example("here", "# fragment\nviewer { nope }"))
    assert not errors(Example("here", "# fragment\nviewer { username }"))
