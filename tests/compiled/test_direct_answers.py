"""Compiled queries are answered before Strawberry runs (schema/compiled/direct.py); a
query admitted there and then left to the resolvers, or refused by admission, must be
charged once and answered exactly as Strawberry answers it with the compiled path off."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import VariableValues, parse

from resolvers.accounts.viewer import Viewer
from resolvers.compiled.dialect import Dialect
from schema import schema
from schema.compiled.queries import compile_operation
from tests.support.database import Database
from tests.support.graphql import graphql_client

# Read by the resolvers: the compiler has not been taught the viewer's own record.
UNCOMPILED = "{ viewer { username active } communities(first: 2) { totalCount } }"
COMPILED = "query Few { communities(first: 2) { totalCount nodes { name } } }"


def test_the_uncompiled_query_is_not_compiled() -> None:
    """What the tests below rely on: the first query is the resolvers', the second not."""
    admin = Viewer(user_id=1, grants=())
    plans = [
        compile_operation(
            schema._schema, parse(query), None, VariableValues({}, {}), admin, Dialect("sqlite")
        )
        for query in (UNCOMPILED, COMPILED)
    ]
    assert plans[0] is None and plans[1] is not None


async def _twice(db: Database, compiled: bool, query: str) -> list[dict[str, Any]]:
    async with graphql_client(db, compiled_reads=compiled) as client:
        await client.headers()
        return [await client.post(query) for _ in range(2)]


@pytest.mark.parametrize("query", [UNCOMPILED, COMPILED], ids=["uncompiled", "compiled"])
@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled-path"])
async def test_a_query_is_charged_once(seeded: Database, compiled: bool, query: str) -> None:
    first, second = await _twice(seeded, compiled, query)
    assert "errors" not in first and "errors" not in second
    assert first["data"] == second["data"] and first["data"]["communities"]["totalCount"] > 0
    cost = first["extensions"]["cost"]
    assert cost["requested"] == second["extensions"]["cost"]["requested"] > 1
    before, after = cost["budget"], second["extensions"]["cost"]["budget"]
    # Unless a new minute began in between, the second request is charged to the same one.
    if before["resetAt"] == after["resetAt"]:
        assert after["remaining"] == before["remaining"] - cost["requested"]


async def test_the_compiled_path_answers_as_the_resolvers_do(seeded: Database) -> None:
    (resolvers, _), (compiled, _) = [
        await _twice(seeded, flag, UNCOMPILED) for flag in (False, True)
    ]
    assert compiled["data"] == resolvers["data"]
    assert (
        compiled["extensions"]["cost"]["requested"] == resolvers["extensions"]["cost"]["requested"]
    )


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ communities(first: 5000) { totalCount } }", None),  # refused by its page size
        ("query($n: Int!) { communities(first: $n) { totalCount } }", {}),  # no $n
        ("{ people(first: 100) { nodes { name } } communities(first: 100) { totalCount } }", None),
    ],
    ids=["page-size", "missing-variable", "too-costly"],
)
async def test_a_query_admission_refuses_is_answered_as_without_the_compiled_path(
    seeded: Database, query: str, variables: dict[str, Any] | None
) -> None:
    bodies = []
    for compiled in (False, True):
        async with graphql_client(seeded, compiled_reads=compiled, max_query_cost=50) as client:
            await client.headers()
            response = await client.http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers=await client.headers(),
            )
        bodies.append((response.status_code, response.json()))
    (status, resolvers), (compiled_status, compiled) = bodies
    assert resolvers["data"] is None and resolvers["errors"][0]["extensions"]["code"]
    assert (compiled_status, compiled) == (status, resolvers)
