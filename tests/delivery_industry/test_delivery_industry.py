"""The delivery industry's party work through GraphQL on its own small committee: riders
join once, a measure moves PLANNED → IN_PROGRESS → DONE and is reopened, each step an
event; a commissioner reports their own items, not another's; the catalogue holds the
policy's 15 measures and the handbook's 31 items, 4 goals and 10 duties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from db.models import (
    AccountRole,
    ChecklistItem,
    ChecklistKind,
    ChecklistProgress,
    CommissionerSector,
    District,
    Gender,
    IndustryMeasure,
    IndustryPartyCommittee,
    MeasureProgress,
    PartyCommissioner,
    Person,
)
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

R = AccountRole
ERRORS = "userErrors { field code message }"
REPORT = (
    "mutation($input: ReportMeasureProgressInput!) { reportMeasureProgress(input: $input) {"
    " measure { status progress owner number title doneAt events { action fromStatus toStatus"
    f" progress note }} }} {ERRORS} }} }}"
)
CHECK = (
    "mutation($input: ReportChecklistProgressInput!) { reportChecklistProgress(input: $input)"
    f" {{ item {{ status progress kind title }} {ERRORS} }} }}"
)
JOIN = (
    "mutation($input: AddIndustryPartyMemberInput!) { addIndustryPartyMember(input: $input)"
    f" {{ member {{ platform deliveryStation person {{ name }} }} {ERRORS} }} }}"
)


@dataclass
class Scene:
    committee: int
    measure: int
    rider: int
    commissioner: int
    own_item: int
    other_item: int
    admin: int
    commissioner_user: int


async def scene_of(db: Database) -> Scene:
    async with db.session() as s:
        district = await s.scalar(select(District.id))
        assert district is not None
        committee = IndustryPartyCommittee(
            district_id=district, name="测试行业党委", established_on=date(2030, 1, 1)
        )
        rider = Person(name="测试骑手", gender=Gender.MALE)
        me = Person(name="测试专员", gender=Gender.FEMALE)
        other = Person(name="另一专员", gender=Gender.MALE)
        s.add_all([committee, rider, me, other])
        await s.flush()
        measure = MeasureProgress(committee_id=committee.id, measure_id=4)
        mine = PartyCommissioner(
            district_id=district,
            person_id=me.id,
            sector=CommissionerSector.INTERNET,
            appointed_on=date(2030, 1, 1),
        )
        theirs = PartyCommissioner(
            district_id=district,
            person_id=other.id,
            sector=CommissionerSector.USED_CAR,
            appointed_on=date(2030, 1, 1),
        )
        s.add_all([measure, mine, theirs])
        await s.flush()
        own_item = ChecklistProgress(commissioner_id=mine.id, item_id=32)  # the first goal
        other_item = ChecklistProgress(commissioner_id=theirs.id, item_id=32)
        s.add_all([own_item, other_item])
        await s.flush()
        keys = (committee.id, measure.id, rider.id, mine.id, own_item.id, other_item.id, me.id)
        await s.commit()
    committee_id, measure_id, rider_id, mine_id, own_id, other_id, me_id = keys
    return Scene(
        committee=committee_id,
        measure=measure_id,
        rider=rider_id,
        commissioner=mine_id,
        own_item=own_id,
        other_item=other_id,
        admin=await make_user(db, "di-admin", (R.DISTRICT_ADMIN, "district_id", district)),
        commissioner_user=await make_user(
            db, "di-commissioner", (R.PARTY_MEMBER, "community_id", 1), person_id=me_id
        ),
    )


async def test_the_catalogue_holds_the_policy_and_the_handbook(seeded: Database) -> None:
    async with seeded.session() as s:
        assert await s.scalar(select(func.count()).select_from(IndustryMeasure)) == 15
        aspects = await s.scalar(select(func.count(func.distinct(IndustryMeasure.aspect))))
        assert aspects == 5
        kinds = dict(
            (
                await s.execute(
                    select(ChecklistItem.kind, func.count()).group_by(ChecklistItem.kind)
                )
            ).all()
        )
        assert kinds == {ChecklistKind.HANDBOOK: 31, ChecklistKind.GOAL: 4, ChecklistKind.DUTY: 10}
        handbook_aspects = await s.scalar(
            select(func.count(func.distinct(ChecklistItem.aspect))).where(
                ChecklistItem.kind == ChecklistKind.HANDBOOK
            )
        )
        assert handbook_aspects == 5


async def test_a_measure_moves_through_its_machine(seeded: Database, client: GraphQLClient) -> None:
    scene = await scene_of(seeded)
    admin = client.as_user(scene.admin)
    measure = encode("IndustryMeasureProgress", scene.measure)

    async def report(progress: int, note: str | None = None, **more: object) -> dict[str, Any]:
        data = await admin.data(
            REPORT,
            {"input": {"measureProgressId": measure, "progress": progress, "note": note, **more}},
        )
        result: dict[str, Any] = data["reportMeasureProgress"]
        return result

    first = await report(30, "站点选址", owner="区委组织部")
    assert first["userErrors"] == []
    row = first["measure"]
    assert isinstance(row, dict)
    assert (row["status"], row["progress"], row["owner"], row["number"]) == (
        "IN_PROGRESS",
        30,
        "区委组织部",
        4,
    )
    assert row["title"] == "依托网格红色驿站建设“红·暖之家”"
    done = (await report(100, "全部建成"))["measure"]
    assert isinstance(done, dict)
    assert done["status"] == "DONE" and done["doneAt"] is not None
    again = await report(100)
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]
    reopened = (await report(80, "一处需整改"))["measure"]
    assert isinstance(reopened, dict)
    assert reopened["status"] == "IN_PROGRESS" and reopened["doneAt"] is None
    assert [
        (e["action"], e["fromStatus"], e["toStatus"], e["progress"]) for e in reopened["events"]
    ] == [
        ("REPORT", "PLANNED", "IN_PROGRESS", 30),
        ("REPORT", "IN_PROGRESS", "DONE", 100),
        ("REOPEN", "DONE", "IN_PROGRESS", 80),
    ]
    bad = await report(120)
    assert [e["code"] for e in bad["userErrors"]] == ["OUT_OF_RANGE"]


async def test_a_commissioner_reports_their_own_items(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    me = client.as_user(scene.commissioner_user)
    own = await me.data(
        CHECK,
        {
            "input": {
                "checklistProgressId": encode("CommissionerChecklistItem", scene.own_item),
                "progress": 50,
            }
        },
    )
    item = own["reportChecklistProgress"]["item"]
    assert (item["status"], item["kind"], item["title"]) == (
        "IN_PROGRESS",
        "GOAL",
        "党的组织覆盖有效扩大",
    )
    theirs = await me.post(
        CHECK,
        {
            "input": {
                "checklistProgressId": encode("CommissionerChecklistItem", scene.other_item),
                "progress": 50,
            }
        },
    )
    assert theirs["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_rider_joins_the_committee_once(seeded: Database, client: GraphQLClient) -> None:
    scene = await scene_of(seeded)
    admin = client.as_user(scene.admin)
    payload = {
        "committeeId": encode("IndustryPartyCommittee", scene.committee),
        "personId": encode("Person", scene.rider),
        "platform": "MEITUAN",
        "deliveryStation": "光明路配送站",
    }
    joined = (await admin.data(JOIN, {"input": payload}))["addIndustryPartyMember"]
    assert joined["member"] == {
        "platform": "MEITUAN",
        "deliveryStation": "光明路配送站",
        "person": {"name": "测试骑手"},
    }
    twice = (await admin.data(JOIN, {"input": payload}))["addIndustryPartyMember"]
    assert [e["code"] for e in twice["userErrors"]] == ["ALREADY_REGISTERED"]
