"""Everyone reads their own record: a resident listing their complaints may ask who filed
them (themselves), while someone else's person stays refused, as the type's rule says."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from resolvers.global_ids import encode
from tests.complaints.scene import Clocked, clocked_client, file_general, scene_of
from tests.support.database import Database

T0 = datetime(2031, 4, 7, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MINE = "{ complaints(first: 10) { nodes { title complainant { id name } } } }"
COMPANY_VIEW = "{ complaints(first: 10) { nodes { title complainant { name } } } }"


async def test_a_resident_reads_themselves_as_the_complainant(seeded: Database) -> None:
    scene = await scene_of(seeded)
    async with clocked_client(seeded) as client:
        resident = Clocked(client, scene.resident)
        filed = await file_general(resident, scene, T0, "电梯异响")
        assert filed["userErrors"] == []
        body = await client.as_user(scene.resident).post(MINE)
        assert "errors" not in body, body
        [complaint] = body["data"]["complaints"]["nodes"]
        assert complaint["title"] == "电梯异响"
        assert complaint["complainant"]["name"].startswith("投诉人")
        assert complaint["complainant"]["id"] == encode("Person", scene.resident_person)
        # The company handles the complaint but is not staff: the complainant is refused.
        refused = await client.as_user(scene.company_user).post(COMPANY_VIEW)
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
