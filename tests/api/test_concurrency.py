"""Concurrent mutations through the endpoint: every request gets an answer with a code,
and constraints hold."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from db.models import Community
from tests.support.database import Database
from tests.support.graphql import GraphQLClient

CREATE = """mutation($i: CreateCommunityInput!) {
  createCommunity(input: $i) { community { id } userErrors { code } } }"""


async def test_racing_creations_of_one_name_leave_one_row(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await client.data("{ streets(first: 1) { nodes { id } } }"))["streets"]["nodes"][0]
    variables = {"i": {"streetId": street["id"], "name": "同名新社区"}}
    bodies = await asyncio.gather(*(client.post(CREATE, variables) for _ in range(8)))
    assert all("errors" not in body for body in bodies), bodies
    payloads = [body["data"]["createCommunity"] for body in bodies]
    created = [p for p in payloads if p["community"]]
    refused = [p["userErrors"][0]["code"] for p in payloads if not p["community"]]
    assert len(created) == 1
    assert set(refused) <= {"NAME_TAKEN", "CONFLICT"}
    async with seeded.session() as session:
        rows = await session.scalar(
            select(func.count()).select_from(Community).where(Community.name == "同名新社区")
        )
    assert rows == 1


async def test_concurrent_writes_to_different_rows_all_succeed(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await client.data("{ streets(first: 1) { nodes { id } } }"))["streets"]["nodes"][0]
    bodies = await asyncio.gather(
        *(
            client.post(CREATE, {"i": {"streetId": street["id"], "name": f"并发社区{n}"}})
            for n in range(8)
        )
    )
    assert all("errors" not in body for body in bodies), bodies
    assert all(body["data"]["createCommunity"]["userErrors"] == [] for body in bodies)
