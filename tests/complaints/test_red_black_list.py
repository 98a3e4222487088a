"""The quarter's red/black list on a known small history: three companies rated, their
complaints on time, late and open past due; the list follows the stated rule, is
published once (frozen) with its figures, and shows on each company's record."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from db.models import PropertyCompany
from resolvers.complaints import red_black_rule
from resolvers.global_ids import encode
from tests.complaints.scene import Clocked, clocked_client, doc, ids, scene_of
from tests.support.database import Database

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2031, 1, 13, 10, 0, tzinfo=TZ)  # in Q1
AFTER = datetime(2031, 4, 2, 9, 0, tzinfo=TZ)  # Q1 is over

FILE = doc("fileComplaint", "FileComplaintInput", "complaint { id }")
ACK = doc("acknowledgeComplaint", "ComplaintInput", "complaint { id }")
RESOLVE = doc("resolveComplaint", "ResolveComplaintInput", "complaint { id }")
RATE = doc("recordCompanyRating", "RecordCompanyRatingInput", "rating { id score }")
PUBLISH = doc(
    "publishRedBlackList",
    "PublishRedBlackListInput",
    "redBlackList { id year quarter entries { standing score onTime late onTimeRate reasons"
    " propertyCompany { id } } }",
)
RECORD = """query($id: ID!) { node(id: $id) { ... on PropertyCompany {
  ratings(first: 5) { nodes { year quarter score } }
  redBlackListEntries(first: 5) { nodes { standing list { year quarter } } } } } }"""


def test_the_rule_is_stated_and_applied() -> None:
    assert red_black_rule.rating_score(15, 0) == 100
    assert red_black_rule.rating_score(0, 0) == 60
    assert red_black_rule.rating_score(9, 1) == 74
    red = red_black_rule.standing(92, 0, 19, 1)
    assert red[0].value == "RED"
    assert red_black_rule.standing(92, 0, 7, 3)[0].value == "BLACK"  # 70 % on time
    assert red_black_rule.standing(70, 2, 10, 0)[0].value == "BLACK"  # two negatives
    assert red_black_rule.standing(80, 0, 10, 0)[0].value == "NEUTRAL"


async def test_a_quarter_list_from_ratings_and_complaints(seeded: Database) -> None:
    scene = await scene_of(seeded)
    key = ids(scene)
    async with seeded.session() as s:
        third = PropertyCompany(name="投诉测试物业丙", community_id=scene.community)
        s.add(third)
        await s.commit()
        third_id = encode("PropertyCompany", third.id)
    async with clocked_client(seeded) as client:
        resident = Clocked(client, scene.resident)
        worker = Clocked(client, scene.worker)
        admin = Clocked(client, scene.admin)

        async def complaint(company: str, settle_after: timedelta | None) -> None:
            filed = await resident.mutate(
                T0,
                "fileComplaint",
                FILE,
                propertyCompanyId=company,
                buildingId=key["building"],
                level="GENERAL",
                title="测试投诉",
            )
            cid = filed["complaint"]["id"]
            if settle_after is not None:
                await worker.mutate(T0, "acknowledgeComplaint", ACK, complaintId=cid)
                await worker.mutate(
                    T0 + settle_after,
                    "resolveComplaint",
                    RESOLVE,
                    complaintId=cid,
                    resolution="已处理",
                )

        # Company A: two on time. Company B: one on time, one late, one open past due.
        for _ in range(2):
            await complaint(key["company"], timedelta(days=1))
        await complaint(key["other"], timedelta(days=1))
        await complaint(key["other"], timedelta(days=3))
        await complaint(key["other"], None)
        ratings: tuple[tuple[str, list[int], list[int]], ...] = (
            (key["company"], list(range(1, 14)), []),  # 13 of 15: 60 + 34.7 = 95
            (key["other"], list(range(1, 14)), []),  # 95, but 33 % on time
            (third_id, [1, 2, 3], [1]),  # 60 + 8 − 10 = 58
        )
        for company, positive, negative in ratings:
            rated = await worker.mutate(
                T0 + timedelta(days=60),
                "recordCompanyRating",
                RATE,
                propertyCompanyId=company,
                year=2031,
                quarter=1,
                positiveItems=positive,
                negativeItems=negative,
                evidence=[{"title": "检查记录", "url": "https://example.org/check"}],
            )
            assert rated["userErrors"] == []
        again = await worker.mutate(
            T0 + timedelta(days=60),
            "recordCompanyRating",
            RATE,
            propertyCompanyId=third_id,
            year=2031,
            quarter=1,
            positiveItems=[1],
        )
        assert [e["code"] for e in again["userErrors"]] == ["ALREADY_RECORDED"]
        early = await admin.mutate(
            T0 + timedelta(days=60), "publishRedBlackList", PUBLISH, year=2031, quarter=1
        )
        assert [e["code"] for e in early["userErrors"]] == ["DATE_ORDER"]
        published = await admin.mutate(AFTER, "publishRedBlackList", PUBLISH, year=2031, quarter=1)
        assert published["userErrors"] == []
        entries = {e["propertyCompany"]["id"]: e for e in published["redBlackList"]["entries"]}
        assert entries[key["company"]]["standing"] == "RED"
        assert (entries[key["company"]]["onTime"], entries[key["company"]]["late"]) == (2, 0)
        assert entries[key["other"]]["standing"] == "BLACK"
        assert (entries[key["other"]]["onTime"], entries[key["other"]]["late"]) == (1, 2)
        assert entries[third_id]["standing"] == "BLACK"
        assert entries[third_id]["score"] == 58
        twice = await admin.mutate(AFTER, "publishRedBlackList", PUBLISH, year=2031, quarter=1)
        assert [e["code"] for e in twice["userErrors"]] == ["ALREADY_PUBLISHED"]
        record = await admin.post(AFTER, RECORD, {"id": key["company"]})
        history = record["node"]
        assert history["ratings"]["nodes"] == [{"year": 2031, "quarter": 1, "score": 95}]
        assert history["redBlackListEntries"]["nodes"] == [
            {"standing": "RED", "list": {"year": 2031, "quarter": 1}}
        ]
