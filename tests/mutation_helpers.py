"""Helpers for mutation tests: run a mutation, and prove a refused one wrote nothing."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from db.base import Base
from tests.conftest import Database, GraphQLClient

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
    """Every row of every table, to prove that a refused mutation wrote nothing."""
    rows: Rows = {}
    async with db.session() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in VOLATILE:
                continue
            result = await session.execute(select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [tuple(row) for row in result.all()]
    return rows


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
