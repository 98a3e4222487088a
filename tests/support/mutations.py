"""Helpers for mutation tests: run a mutation, and prove a refused one wrote nothing."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import text

from db.base import Base
from tests.support.database import Database
from tests.support.graphql import GraphQLClient

Json = dict[str, Any]
Rows = dict[str, list[tuple[Any, ...]]]

USER_ERRORS = "userErrors { field message code }"
# Documents several mutation tests share: a new community, an archive.
CREATE_COMMUNITY = f"""
mutation CreateCommunity($input: CreateCommunityInput!) {{
  createCommunity(input: $input) {{ community {{ id }} {USER_ERRORS} }}
}}
"""

ARCHIVE = f"""
mutation Archive($input: ArchiveNodeInput!) {{
  archiveNode(input: $input) {{ node {{ id }} {USER_ERRORS} }}
}}
"""

MALFORMED_IDS = ("@@not an id@@", base64.urlsafe_b64encode(b"Street:abc").decode())


def unknown_id(type_name: str) -> str:
    """A well-formed global ID of `type_name` that names no row."""
    return base64.urlsafe_b64encode(f"{type_name}:987654321".encode()).decode().rstrip("=")


def first_where(items: Iterable[Json], wanted: Callable[[Json], bool], what: str) -> Json:
    """The first of `items` that is `wanted`; if none is, the test fails naming `what`."""
    found = next((item for item in items if wanted(item)), None)
    assert found is not None, f"found no {what}"
    return found


def inp(**fields: Any) -> Json:
    """GraphQL variables holding one `input` object."""
    return {"input": fields}


# Spent query cost is written by every request, refused or not, by design.
VOLATILE = frozenset({"cost_windows"})


async def dump(db: Database) -> Rows:
    """A fingerprint of every table, to prove that a refused mutation wrote nothing: its
    row count, highest key and latest `updated_at` (every ORM update moves it), in one
    statement. Reading every row took longer than the mutations under test."""
    parts = []
    for table in Base.metadata.sorted_tables:
        if table.name in VOLATILE:
            continue
        key = "max(id)" if "id" in table.columns else "0"
        touched = "max(updated_at)" if "updated_at" in table.columns else "NULL"
        parts.append(
            f"SELECT '{table.name}' AS name, count(*) AS n, {key} AS top,"
            f" CAST({touched} AS VARCHAR(40)) AS touched FROM {table.name}"
        )
    async with db.session() as session:
        result = await session.execute(text(" UNION ALL ".join(parts)))
        return {name: [(n, top, touched)] for name, n, top, touched in result.all()}


async def mutate(client: GraphQLClient, document: str, variables: Json) -> Json:
    """The payload of the one mutation in `document`; top-level errors fail the test."""
    (payload,) = (await client.data(document, variables)).values()
    assert isinstance(payload, dict)
    return payload


def ok(payload: Json) -> Json:
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload


async def refused_all(
    client: GraphQLClient, db: Database, document: str, variables: Json, *errors: tuple[str, str]
) -> list[Json]:
    """Run a mutation that must fail with exactly these (code, input field) user errors
    and prove that nothing was written."""
    await client.headers()  # the acting user exists before the snapshot
    before = await dump(db)
    payload = await mutate(client, document, variables)
    found = payload["userErrors"]
    assert [(e["code"], e["field"]) for e in found] == [
        (code, ["input", field]) for code, field in errors
    ], found
    assert all(value is None for key, value in payload.items() if key != "userErrors")
    assert all(error["message"] for error in found)
    assert await dump(db) == before
    return list(found)


async def refused(
    client: GraphQLClient, db: Database, document: str, variables: Json, code: str, field: str
) -> Json:
    (error,) = await refused_all(client, db, document, variables, (code, field))
    return error


async def rejected(
    client: GraphQLClient, db: Database, document: str, variables: Json, code: str
) -> None:
    """Run a request that must fail with one top-level error `code` and change nothing."""
    await client.headers()
    before = await dump(db)
    assert await client.error_codes(document, variables) == [code]
    assert await dump(db) == before


async def check_bad_ids(
    client: GraphQLClient,
    db: Database,
    document: str,
    variables: Callable[[str], Json],
    type_name: str,
    wrong_type_id: str,
) -> None:
    """An ID argument: unknown → NOT_FOUND; malformed or of another type → BAD_USER_INPUT."""
    await rejected(client, db, document, variables(unknown_id(type_name)), "NOT_FOUND")
    for malformed in MALFORMED_IDS:
        await rejected(client, db, document, variables(malformed), "BAD_USER_INPUT")
    await rejected(client, db, document, variables(wrong_type_id), "BAD_USER_INPUT")
