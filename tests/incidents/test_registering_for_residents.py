"""Staff registering an incident for a resident (代登记): only for a person who lives in
the area the staff serve; anyone else is refused with OUT_OF_AREA and nothing is written."""

from __future__ import annotations

from typing import Any

from db.models import AccountRole
from resolvers.global_ids import decode, encode
from tests.incidents.test_incidents import REPORT, catalogue, codes, run
from tests.support.areas import build_area
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import dump
from tests.support.users import make_user

R = AccountRole
GRID_OF = "query($id: ID!) { node(id: $id) { ... on Building { grid { id } } } }"


async def test_staff_register_only_for_residents_of_their_area(
    db: Database, client: GraphQLClient
) -> None:
    area = await build_area(db)
    a, b = area.communities[0], area.communities[1]
    categories, _ = await catalogue(db)
    building = encode("Building", area.buildings[0])  # community A's
    grid = decode((await client.data(GRID_OF, {"id": building}))["node"]["grid"]["id"])[1]
    secretary = client.as_user(
        await make_user(db, "secretary.a", (R.COMMUNITY_SECRETARY, "community_id", a))
    )
    leader = client.as_user(await make_user(db, "leader.a", (R.GRID_LEADER, "grid_id", grid)))
    fields: dict[str, Any] = {
        "categoryId": categories["GARBAGE"],
        "description": "楼下垃圾无人清运",
        "buildingId": building,
        "attributes": [{"code": "waste", "value": "生活垃圾"}],
    }

    before = await dump(db)
    for staff in (secretary, leader):
        for outsider in (area.residents[b][0], area.homeless):
            refused = await run(
                staff,
                "reportIncident",
                REPORT,
                **fields,
                reporterPersonId=encode("Person", outsider),
            )
            assert refused["incident"] is None
            assert codes(refused) == ["OUT_OF_AREA"]
            assert refused["userErrors"][0]["field"] == ["input", "reporterPersonId"]
    assert await dump(db) == before

    for staff, resident in ((secretary, 0), (leader, 1)):
        registered = await run(
            staff,
            "reportIncident",
            REPORT,
            **fields,
            reporterPersonId=encode("Person", area.residents[a][resident]),
        )
        assert codes(registered) == []
        assert registered["incident"]["channel"] == "STAFF"
    # The district's staff cover every community.
    for_b = await run(
        client,
        "reportIncident",
        REPORT,
        **fields,
        reporterPersonId=encode("Person", area.residents[b][0]),
    )
    assert codes(for_b) == []
