"""Global IDs, `node`/`nodes`, and the codes of top-level errors."""

from __future__ import annotations

import base64

import httpx
import pytest

from server.app import create_app
from server.settings import Settings
from tests.support.database import Database
from tests.support.graphql import GraphQLClient

NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Street { name } } }"


def raw_id(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


async def test_every_type_round_trips_through_node(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ district { id streets(first: 1) { nodes { id partyOrganization { id }
            communities(first: 1) { nodes { id grids(first: 1) { nodes { id
              buildings(first: 1) { nodes { id } } } } } } } } }
            workUnits(first: 1) { nodes { id memberReports(first: 1) { nodes { id
              person { id roles { id } } } } } } }"""
    )
    district = data["district"]
    street = district["streets"]["nodes"][0]
    community = street["communities"]["nodes"][0]
    grid = community["grids"]["nodes"][0]
    building = grid["buildings"]["nodes"][0]
    unit = data["workUnits"]["nodes"][0]
    report = unit["memberReports"]["nodes"][0]
    ids = {
        "District": district["id"],
        "Street": street["id"],
        "PartyOrganization": street["partyOrganization"]["id"],
        "Community": community["id"],
        "Grid": grid["id"],
        "Building": building["id"],
        "Person": report["person"]["id"],
        "PersonRole": report["person"]["roles"][0]["id"],
        "MemberReport": report["id"],
        "WorkUnit": unit["id"],
    }
    for type_name, global_id in ids.items():
        node = (await client.data(NODE, {"id": global_id}))["node"]
        assert node == {"__typename": type_name, "id": global_id} | (
            {"name": node["name"]} if type_name == "Street" else {}
        )
    found = await client.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": list(ids.values())}
    )
    assert [n["__typename"] for n in found["nodes"]] == list(ids)


@pytest.mark.parametrize(
    ("global_id", "code"),
    [
        ("not base64 at all!", "BAD_USER_INPUT"),
        (raw_id("Street"), "BAD_USER_INPUT"),
        (raw_id("Street:abc"), "BAD_USER_INPUT"),
        (raw_id("Street:-1"), "BAD_USER_INPUT"),
        (raw_id("Street:01"), "BAD_USER_INPUT"),
        ("", "BAD_USER_INPUT"),
        (raw_id("Street:999999"), "NOT_FOUND"),
        (raw_id("Unicorn:1"), "NOT_FOUND"),
    ],
)
async def test_bad_ids(seeded: Database, client: GraphQLClient, global_id: str, code: str) -> None:
    body = await client.post(NODE, {"id": global_id})
    assert body["data"] == {"node": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert body["errors"][0]["path"] == ["node"]


async def test_nodes_reports_each_bad_id_at_its_index(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await client.data("{ streets(first: 1) { nodes { id } } }"))["streets"]["nodes"][0]
    body = await client.post(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [street["id"], raw_id("Street:999999"), "%%%"]},
    )
    assert body["data"]["nodes"] == [{"id": street["id"]}, None, None]
    by_path = {tuple(e["path"]): e["extensions"]["code"] for e in body["errors"]}
    assert by_path == {("nodes", 1): "NOT_FOUND", ("nodes", 2): "BAD_USER_INPUT"}


async def test_nodes_is_capped(seeded: Database, client: GraphQLClient) -> None:
    codes = await client.error_codes(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [raw_id("Street:1")] * 101}
    )
    assert codes == ["BAD_USER_INPUT"]


async def test_wrong_id_type_in_a_filter(seeded: Database, client: GraphQLClient) -> None:
    grid = (await client.data("{ grids(first: 1) { nodes { id } } }"))["grids"]["nodes"][0]
    body = await client.post(
        "query($id: ID!) { communities(filter: {parentId: $id}) { totalCount } }",
        {"id": grid["id"]},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "expected a Street ID" in body["errors"][0]["message"]


async def test_syntax_error_is_a_parse_failure(db: Database, client: GraphQLClient) -> None:
    assert await client.error_codes("{ district { name ") == ["GRAPHQL_PARSE_FAILED"]


async def test_unknown_field_is_a_validation_failure(db: Database, client: GraphQLClient) -> None:
    assert await client.error_codes("{ district { salary } }") == ["GRAPHQL_VALIDATION_FAILED"]


async def test_variable_of_the_wrong_type_is_bad_input(db: Database, client: GraphQLClient) -> None:
    codes = await client.error_codes(
        "query($n: Int) { streets(first: $n) { totalCount } }", {"n": "ten"}
    )
    assert codes == ["BAD_USER_INPUT"]


async def test_unknown_enum_value_in_a_variable(db: Database, client: GraphQLClient) -> None:
    codes = await client.error_codes(
        "query($f: StreetFilter) { streets(filter: $f) { totalCount } }",
        {"f": {"kind": "VILLAGE"}},
    )
    assert codes == ["BAD_USER_INPUT"]


async def test_production_serves_no_graphiql(db: Database) -> None:
    app = create_app(
        Settings(database_url=db.url, env="production", secret_key="s" * 32), engine=db.engine
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        page = await http.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 404
        answer = await http.post("/graphql", json={"query": "{ streets { totalCount } }"})
        assert answer.json()["data"] == {"streets": {"totalCount": 0}}
