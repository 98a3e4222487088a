"""The committed SDL is current, and the schema describes itself in English and Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
)

from schema import schema

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_committed_sdl_is_what_strawberry_exports() -> None:
    exported = subprocess.run(
        [Path(sys.executable).with_name("strawberry"), "export-schema", "schema:schema"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == exported, "schema.graphql is stale: run `make schema` and commit it"


def own_types() -> list[object]:
    return [
        t
        for name, t in schema._schema.type_map.items()
        if not name.startswith("__")
        and name not in ("String", "Int", "Boolean", "ID", "Date", "DateTime", "Float")
    ]


def test_every_type_has_an_english_and_chinese_description() -> None:
    missing = []
    for graphql_type in own_types():
        description = getattr(graphql_type, "description", None) or ""
        name = getattr(graphql_type, "name", "")
        if name in ("Query", "Mutation"):
            continue
        if not (description and CJK.search(description) and re.search(r"[A-Za-z]", description)):
            missing.append(name)
    assert missing == []


def described(text: str | None) -> bool:
    """English words with the Chinese term, e.g. "Grid party branch (网格党支部)"."""
    return bool(text and CJK.search(text) and re.search(r"[A-Za-z]{2}", text))


def test_every_field_argument_and_input_field_is_described() -> None:
    missing = []
    for graphql_type in own_types():
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                if not described(field.description):
                    missing.append(f"{graphql_type.name}.{field_name}")
                for arg_name, arg in field.args.items():
                    if not described(arg.description):
                        missing.append(f"{graphql_type.name}.{field_name}({arg_name})")
        elif isinstance(graphql_type, GraphQLInputObjectType):
            for field_name, input_field in graphql_type.fields.items():
                if not described(input_field.description):
                    missing.append(f"{graphql_type.name}.{field_name}")
        else:
            assert isinstance(graphql_type, GraphQLEnumType | GraphQLUnionType) or hasattr(
                graphql_type, "serialize"
            )
    assert missing == []
