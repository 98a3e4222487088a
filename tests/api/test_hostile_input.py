"""Crafted input never reaches the database as a fault: it gets a code, not a 500."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.support.database import Database
from tests.support.graphql import GraphQLClient

NODE = "query($id: ID!) { node(id: $id) { id } }"
PEOPLE_AFTER = "query($c: String) { people(after: $c) { nodes { id } } }"
PEOPLE_BY_DATE = (
    "query($c: String) { people(after: $c, orderBy: {field: CREATED_AT}) { nodes { id } } }"
)
STREETS_NAMED = "query($s: String) { streets(filter: {nameContains: $s}) { totalCount } }"


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (NODE, {"id": b64("Street:99999999999999999999")}),
        (NODE, {"id": b64("Street:2147483648")}),
        (NODE, {"id": "\x00"}),
        (NODE, {"id": "中文"}),
        (NODE, {"id": "x" * 100_000}),
        (PEOPLE_AFTER, {"c": b64('["name", 123, 1]')}),
        (PEOPLE_AFTER, {"c": b64('["name", "a", 99999999999999]')}),
        (PEOPLE_AFTER, {"c": b64('["name", "a"]')}),
        (PEOPLE_AFTER, {"c": b64('{"a": 1}')}),
        (PEOPLE_AFTER, {"c": b64('["name", "' + "a" * 5000 + '", 1]')}),
        (PEOPLE_BY_DATE, {"c": b64('["created_at", "yesterday", 1]')}),
        (PEOPLE_BY_DATE, {"c": b64('["created_at", "2024-01-01T00:00:00", 1]')}),
        (PEOPLE_BY_DATE, {"c": b64('["created_at", 5, 1]')}),
        (STREETS_NAMED, {"s": "a\x00b"}),
        (STREETS_NAMED, {"s": "x" * 100_000}),
        (STREETS_NAMED, {"s": "\u200b"}),
    ],
)
async def test_refused_as_bad_input(
    seeded: Database, client: GraphQLClient, query: str, variables: dict[str, Any]
) -> None:
    body = await client.post(query, variables)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert all(len(e["message"]) < 200 for e in body["errors"])


async def test_lone_surrogates_are_refused(seeded: Database, client: GraphQLClient) -> None:
    # JSON may carry an unpaired surrogate that no database can store as UTF-8.
    raw = (
        '{"query": "mutation($i: CreatePersonInput!) { createPerson(input: $i)'
        ' { person { id } userErrors { code field } } }",'
        ' "variables": {"i": {"name": "\\ud800", "gender": "MALE"}}}'
    )
    response = await client.http.post(
        "/graphql",
        content=raw,
        headers={"content-type": "application/json", **await client.headers()},
    )
    payload = response.json()["data"]["createPerson"]
    assert payload == {
        "person": None,
        "userErrors": [{"code": "INVALID", "field": ["input", "name"]}],
    }
    search = (
        '{"query": "query($s: String) { streets(filter: {nameContains: $s}) { totalCount } }",'
        ' "variables": {"s": "\\ud800"}}'
    )
    response = await client.http.post(
        "/graphql", content=search, headers={"content-type": "application/json"}
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "a\x00b"},
        {"name": "张三", "phone": "\x00"},
        {"name": "张三", "idNumber": "1" * 10_000},
        {"name": "张" * 10_000},
    ],
)
async def test_mutation_text_is_validated(
    seeded: Database, client: GraphQLClient, fields: dict[str, str]
) -> None:
    payload = await client.mutate(
        "createPerson",
        "mutation($i: CreatePersonInput!) { createPerson(input: $i)"
        " { person { id } userErrors { code message } } }",
        {"i": {"gender": "MALE", **fields}},
    )
    assert payload["person"] is None
    assert payload["userErrors"][0]["code"] in ("INVALID", "TOO_LONG")
    assert len(payload["userErrors"][0]["message"]) < 200
