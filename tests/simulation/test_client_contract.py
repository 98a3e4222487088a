"""What the API's clients (the simulated year, the load tests) assume of it without
importing its code: how its IDs carry keys, the district's time zone and the header of
a simulated clock. Checked here against the server's own definitions and real answers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Community, Person, VolunteerTeam
from resolvers import clock, global_ids
from server import app
from simulation import district_time, ids
from tests.support.database import Database
from tests.support.graphql import GraphQLClient

IDS = """
{
  communities(first: 3) { nodes { id name } }
  volunteerTeams(first: 3) { nodes { id name } }
  people(first: 3) { nodes { id name } }
}"""


async def test_ids_the_api_gives_carry_the_keys_the_clients_read(
    seeded: Database, client: GraphQLClient
) -> None:
    data = await client.data(IDS)
    models: dict[str, type[Community | VolunteerTeam | Person]] = {
        "communities": Community,
        "volunteerTeams": VolunteerTeam,
        "people": Person,
    }
    async with seeded.session() as session:
        for field, model in models.items():
            nodes = data[field]["nodes"]
            assert nodes, field
            for node in nodes:
                key = ids.key_of(node["id"])
                name = await session.scalar(select(model.name).where(model.id == key))
                assert name == node["name"], node
                assert ids.type_and_key(node["id"]) == global_ids.decode(node["id"])


@pytest.mark.parametrize("key", [1, 9, 99, 12_345, 2**31 - 1])
def test_the_clients_read_what_the_server_encodes(key: int) -> None:
    for type_name in ("Community", "ServiceOrder", "Person"):
        encoded = global_ids.encode(type_name, key)
        assert ids.type_and_key(encoded) == (type_name, key)


@pytest.mark.parametrize("bad", ["", "not base64!", global_ids.encode("Person", 1)[:-2], "Zm9v"])
def test_an_id_the_api_never_gives_is_a_fault(bad: str) -> None:
    with pytest.raises(ValueError, match="not an ID the API gives"):
        ids.key_of(bad)


def test_the_clients_keep_the_servers_calendar_and_clock_header() -> None:
    assert district_time.DISTRICT_TZ == clock.DISTRICT_TZ
    assert district_time.SIMULATED_TIME == app.SIMULATED_TIME
