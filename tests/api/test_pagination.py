"""Relay pagination: forward and backward walks, edges, ordering, filters and limits."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.database import Database
from tests.support.graphql import GraphQLClient

PEOPLE_PAGE = """
query($first: Int, $after: String, $last: Int, $before: String, $orderBy: NameOrder) {
  people(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id name } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def walk(
    client: GraphQLClient, size: int, backwards: bool = False, order: dict[str, str] | None = None
) -> tuple[list[str], int]:
    """All people IDs, page by page, and how many pages it took."""
    ids: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        variables: dict[str, Any] = {"orderBy": order}
        if backwards:
            variables |= {"last": size, "before": cursor}
        else:
            variables |= {"first": size, "after": cursor}
        page = (await client.data(PEOPLE_PAGE, variables))["people"]
        pages += 1
        edges = page["edges"]
        assert [e["node"]["id"] for e in edges] == [n["id"] for n in page["nodes"]]
        info = page["pageInfo"]
        if edges:
            assert info["startCursor"] == edges[0]["cursor"]
            assert info["endCursor"] == edges[-1]["cursor"]
        batch = [e["node"]["id"] for e in edges]
        ids = batch + ids if backwards else ids + batch
        more = info["hasPreviousPage"] if backwards else info["hasNextPage"]
        if not more:
            return ids, pages
        assert len(batch) == size
        cursor = info["startCursor"] if backwards else info["endCursor"]


async def test_forward_and_backward_walks_see_every_row_once(
    seeded: Database, client: GraphQLClient
) -> None:
    everything = (await client.data("{ people(first: 100) { totalCount } }"))["people"]
    total = everything["totalCount"]
    assert total > 100
    forward, pages = await walk(client, 7)
    assert len(forward) == len(set(forward)) == total
    assert pages == -(-total // 7)
    backward, _ = await walk(client, 9, backwards=True)
    assert backward == forward


@pytest.mark.parametrize(
    ("field", "direction"), [("NAME", "ASC"), ("NAME", "DESC"), ("CREATED_AT", "DESC")]
)
async def test_orderings_are_total_and_stable(
    seeded: Database, client: GraphQLClient, field: str, direction: str
) -> None:
    order = {"field": field, "direction": direction}
    ids, _ = await walk(client, 13, order=order)
    page = await client.data(PEOPLE_PAGE, {"first": 100, "orderBy": order})
    names = [e["node"]["name"] for e in page["people"]["edges"]]
    if field == "NAME":
        # Code-point order on SQLite and on the C-locale test cluster.
        assert names == sorted(names, reverse=direction == "DESC")
    assert ids[:100] == [e["node"]["id"] for e in page["people"]["edges"]]
    assert len(set(ids)) == len(ids)


async def test_page_info_at_the_edges(seeded: Database, client: GraphQLClient) -> None:
    first = (await client.data(PEOPLE_PAGE, {"first": 5}))["people"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    last = (await client.data(PEOPLE_PAGE, {"last": 5}))["people"]
    assert last["pageInfo"]["hasPreviousPage"] is True
    assert last["pageInfo"]["hasNextPage"] is False
    after_last = (
        await client.data(PEOPLE_PAGE, {"first": 5, "after": last["pageInfo"]["endCursor"]})
    )["people"]
    assert after_last["edges"] == [] and after_last["pageInfo"]["hasNextPage"] is False
    assert after_last["pageInfo"]["startCursor"] is None
    assert after_last["totalCount"] == first["totalCount"]


async def test_default_page_size_is_twenty(seeded: Database, client: GraphQLClient) -> None:
    page = (await client.data("{ people { nodes { id } pageInfo { hasNextPage } } }"))["people"]
    assert len(page["nodes"]) == 20 and page["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize(
    "arguments",
    [
        "first: 0",
        "first: 101",
        "first: -1",
        "last: 101",
        "first: 5, last: 5",
        'after: "not-a-cursor"',
        'after: "WyJuYW1lIiwieCJd"',
    ],
)
async def test_bad_page_arguments_are_refused(
    seeded: Database, client: GraphQLClient, arguments: str
) -> None:
    body = await client.post(f"{{ people({arguments}) {{ nodes {{ id }} }} }}")
    assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    assert body["data"] is None


async def test_cursor_of_another_ordering_is_refused(
    seeded: Database, client: GraphQLClient
) -> None:
    page = await client.data(PEOPLE_PAGE, {"first": 2})
    cursor = page["people"]["pageInfo"]["endCursor"]
    body = await client.post(
        PEOPLE_PAGE, {"first": 2, "after": cursor, "orderBy": {"field": "CREATED_AT"}}
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "another ordering" in body["errors"][0]["message"]


async def test_nested_pages_are_per_parent(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ grids(first: 10) { nodes { id buildingCount buildings(first: 1) { totalCount
            edges { cursor node { id grid { id } } } pageInfo { hasNextPage endCursor } } } } }"""
    )
    for grid in data["grids"]["nodes"]:
        page = grid["buildings"]
        assert page["totalCount"] == grid["buildingCount"] >= 4
        assert len(page["edges"]) == 1
        assert page["pageInfo"]["hasNextPage"] is True
        assert page["edges"][0]["node"]["grid"]["id"] == grid["id"]
    # Continue one grid's list from its cursor.
    grid = data["grids"]["nodes"][0]
    rest = await client.data(
        """query($id: ID!, $after: String) { node(id: $id) { ... on Grid {
            buildings(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage } } } } }""",
        {"id": grid["id"], "after": grid["buildings"]["pageInfo"]["endCursor"]},
    )
    second = rest["node"]["buildings"]
    remaining = grid["buildingCount"] - 1
    assert len(second["nodes"]) == min(5, remaining)
    assert second["pageInfo"]["hasNextPage"] is (remaining > 5)
    assert second["nodes"][0]["id"] != grid["buildings"]["edges"][0]["node"]["id"]


async def test_filters(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ towns: streets(filter: {kind: TOWN}) { totalCount nodes { kind } }
            named: streets(filter: {nameContains: "龙山"}) { nodes { name } }
            district { streets(first: 1, filter: {nameContains: "中心"}) { nodes { id } } } }"""
    )
    assert data["towns"]["totalCount"] == 5
    assert {s["kind"] for s in data["towns"]["nodes"]} == {"TOWN"}
    assert [s["name"] for s in data["named"]["nodes"]] == ["龙山路街道"]
    street_id = data["district"]["streets"]["nodes"][0]["id"]
    communities = await client.data(
        """query($street: ID!) { communities(filter: {parentId: $street}) {
            totalCount nodes { street { id } } } }""",
        {"street": street_id},
    )
    assert communities["communities"]["totalCount"] == 2
    assert {c["street"]["id"] for c in communities["communities"]["nodes"]} == {street_id}
    members = await client.data(
        "{ people(filter: {roleKind: PARTY_MEMBER}) { totalCount } district { partyMemberCount } }"
    )
    # Every party member of the seeded lives in the district except the secretaries.
    assert members["people"]["totalCount"] >= members["district"]["partyMemberCount"]


async def test_like_wildcards_are_literal(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data('{ streets(filter: {nameContains: "%"}) { totalCount } }')
    assert data["streets"]["totalCount"] == 0
    data = await client.data('{ streets(filter: {nameContains: "_"}) { totalCount } }')
    assert data["streets"]["totalCount"] == 0
