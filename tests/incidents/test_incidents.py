"""Grid incidents through the endpoint: the chain from a grid leader's report through the
community's call, a department's answer and task, verification and the reporter's
callback (and reopening); escalation, duplicates, closure; refusals that write nothing;
the views by area, overdue tasks, statistics and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    Department,
    DepartmentStaff,
    IncidentCategory,
    IncidentEvent,
)
from loadtests.operations import incidents as incident_operations
from resolvers.global_ids import decode, encode
from tests.support.areas import Area, build_area
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import dump
from tests.support.users import make_user

R = AccountRole
INCIDENT = (
    "incident { id status tier escalations channel reporterName reopenCount"
    " events { action fromStatus toStatus tier reason } }"
)
ERRORS = "userErrors { field code message }"


def doc(name: str, input_type: str, payload: str = INCIDENT) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


REPORT = doc("reportIncident", "ReportIncidentInput")
CALL = doc("callIncident", "CallIncidentInput")
RESPOND = doc("respondToIncident", "RespondToIncidentInput")
TASK = doc("addIncidentTask", "AddIncidentTaskInput", "task { id status overdue }")
WORK = doc("updateIncidentTask", "UpdateIncidentTaskInput", "task { id status resolutionNote }")
ESCALATE = doc("escalateIncident", "EscalateIncidentInput")
VERIFY = doc("verifyIncident", "VerifyIncidentInput")
CLOSE = doc("closeIncident", "CloseIncidentInput")
MERGE = doc("mergeIncident", "MergeIncidentInput", "incident { id photos }")
CALLBACK = doc("recordIncidentCallback", "RecordIncidentCallbackInput")


async def run(client: GraphQLClient, operation: str, document: str, /, **fields: Any) -> Any:
    return await client.mutate(operation, document, {"input": fields})


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


async def catalogue(db: Database) -> tuple[dict[str, str], dict[str, int]]:
    async with db.session() as s:
        categories = {
            code: encode("IncidentCategory", pk)
            for code, pk in (await s.execute(select(IncidentCategory.code, IncidentCategory.id)))
        }
        departments = dict((await s.execute(select(Department.code, Department.id))).all())
    return categories, departments


async def department_user(db: Database, name: str, area: Area, department: int) -> int:
    user = await make_user(db, name, (R.DEPARTMENT_STAFF, "district_id", area.district))
    async with db.session() as s:
        s.add(DepartmentStaff(user_id=user, department_id=department))
        await s.commit()
    return user


async def test_the_chain_from_report_to_callback(db: Database, client: GraphQLClient) -> None:
    area = await build_area(db)
    a = area.communities[0]
    categories, departments = await catalogue(db)
    grid_id = decode(
        (
            await client.data(
                "query($id: ID!) { node(id: $id) { ... on Building { grid { id } } } }",
                {"id": encode("Building", area.buildings[0])},
            )
        )["node"]["grid"]["id"]
    )[1]
    leader = client.as_user(await make_user(db, "grid.leader", (R.GRID_LEADER, "grid_id", grid_id)))
    secretary = client.as_user(
        await make_user(db, "secretary", (R.COMMUNITY_SECRETARY, "community_id", a))
    )
    reporter_person = area.residents[a][0]
    resident = client.as_user(
        await make_user(db, "resident", (R.RESIDENT, "community_id", a), person_id=reporter_person)
    )
    urban = client.as_user(
        await department_user(db, "urban", area, departments["URBAN_MANAGEMENT"])
    )
    fire = client.as_user(await department_user(db, "fire", area, departments["FIRE"]))

    # A resident reports; the category's required attribute is checked.
    missing = await run(
        resident,
        "reportIncident",
        REPORT,
        categoryId=categories["ILLEGAL_PARKING"],
        description="小区门口车辆堵塞消防通道",
        buildingId=encode("Building", area.buildings[0]),
    )
    assert codes(missing) == ["BLANK"]
    reported = await run(
        resident,
        "reportIncident",
        REPORT,
        categoryId=categories["ILLEGAL_PARKING"],
        description="小区门口车辆堵塞消防通道",
        buildingId=encode("Building", area.buildings[0]),
        latitude=36.07,
        longitude=120.38,
        photos=["https://img.example.cn/a.jpg"],
        attributes=[
            {"code": "blocks_fire_lane", "value": "true"},
            {"code": "vehicle", "value": "机动车"},
        ],
    )
    assert codes(reported) == []
    incident = reported["incident"]
    assert (incident["status"], incident["channel"], incident["tier"]) == (
        "REPORTED",
        "RESIDENT",
        "COMMUNITY",
    )
    iid = incident["id"]

    # A task before the call is refused and writes nothing.
    before = await dump(db)
    early = await run(
        secretary,
        "addIncidentTask",
        TASK,
        incidentId=iid,
        departmentId=encode("Department", departments["URBAN_MANAGEMENT"]),
        title="劝离车辆",
        dueAt=(datetime.now(UTC) + timedelta(hours=4)).isoformat(),
    )
    assert codes(early) == ["INVALID_TRANSITION"]
    assert await dump(db) == before

    called = await run(secretary, "callIncident", CALL, incidentId=iid, note="请城管、交警到场")
    assert called["incident"]["status"] == "CALLED"
    # The fire station was not called: its staff may not answer for it, nor for others.
    assert await fire.error_codes(
        RESPOND,
        {
            "input": {
                "incidentId": iid,
                "departmentId": encode("Department", departments["URBAN_MANAGEMENT"]),
            }
        },
    ) == ["FORBIDDEN"]
    not_called = await run(
        fire,
        "respondToIncident",
        RESPOND,
        incidentId=iid,
        departmentId=encode("Department", departments["FIRE"]),
    )
    assert codes(not_called) == ["OUT_OF_AREA"]
    answered = await run(
        urban,
        "respondToIncident",
        RESPOND,
        incidentId=iid,
        departmentId=encode("Department", departments["URBAN_MANAGEMENT"]),
        note="已派队员",
    )
    assert answered["incident"]["status"] == "RESPONDING"
    task = await run(
        secretary,
        "addIncidentTask",
        TASK,
        incidentId=iid,
        departmentId=encode("Department", departments["URBAN_MANAGEMENT"]),
        title="劝离车辆",
        assignees=["王队员"],
        dueAt=(datetime.now(UTC) + timedelta(hours=4)).isoformat(),
    )
    assert codes(task) == [] and task["task"]["status"] == "OPEN"
    tid = task["task"]["id"]
    # Verification waits for the work; the fire station may not work another's task.
    early_verify = await run(leader, "verifyIncident", VERIFY, incidentId=iid, resolution="x")
    assert codes(early_verify) == ["INVALID_TRANSITION"]
    assert await fire.error_codes(
        WORK, {"input": {"taskId": tid, "status": "DONE", "resolutionNote": "x"}}
    ) == ["FORBIDDEN"]
    no_note = await run(urban, "updateIncidentTask", WORK, taskId=tid, status="DONE")
    assert codes(no_note) == ["REASON_REQUIRED"]
    done = await run(
        urban, "updateIncidentTask", WORK, taskId=tid, status="DONE", resolutionNote="车辆已挪走"
    )
    assert done["task"]["status"] == "DONE"
    verified = await run(
        leader, "verifyIncident", VERIFY, incidentId=iid, resolution="现场核查通道已畅通"
    )
    assert verified["incident"]["status"] == "RESOLVED"

    # The load test's residents find their resolved incidents with a document of their own,
    # answered without an error; the staff's, which asks for the departments' tasks, would
    # be refused them on that field.
    resolved = {"filter": {"statuses": ["RESOLVED"]}}
    mine = await resident.data(incident_operations.REPORTED_INCIDENTS.document, resolved)
    assert [node["id"] for node in mine["incidents"]["nodes"]] == [iid]
    assert await resident.error_codes(incident_operations.INCIDENTS.document, resolved) == [
        "FORBIDDEN"
    ]

    # The reporter answers the callback: not satisfied, reopened.
    answer = await run(
        resident,
        "recordIncidentCallback",
        CALLBACK,
        incidentId=iid,
        result="NOT_SATISFIED",
        comment="晚上又停回来了",
        reopen=True,
    )
    assert codes(answer) == []
    assert answer["incident"]["status"] == "IN_DISPOSAL"
    assert answer["incident"]["reopenCount"] == 1
    actions = [event["action"] for event in answer["incident"]["events"]]
    assert actions == ["REPORT", "CALL", "RESPOND", "DISPOSE", "VERIFY", "CALLBACK"]
    # Every step names who did it.
    async with db.session() as s:
        actors = (await s.scalars(select(IncidentEvent.actor_user_id))).all()
    assert all(actors)


async def test_escalation_duplicates_and_closure(db: Database, client: GraphQLClient) -> None:
    area = await build_area(db)
    a = area.communities[0]
    categories, _ = await catalogue(db)

    async def report(building: int, text: str) -> str:
        found = await run(
            client,
            "reportIncident",
            REPORT,
            categoryId=categories["STREET_STALL"],
            description=text,
            buildingId=encode("Building", building),
            attributes=[{"code": "goods", "value": "餐饮"}],
        )
        assert codes(found) == [], found
        return str(found["incident"]["id"])

    first = await report(area.buildings[0], "路口占道经营")
    again = await report(area.buildings[0], "路口又有流动摊贩")
    elsewhere = await report(area.buildings[2], "光明社区占道经营")
    assert codes(await run(client, "callIncident", CALL, incidentId=first)) == []
    up = await run(client, "escalateIncident", ESCALATE, incidentId=first, reason="反复出现")
    assert (up["incident"]["tier"], up["incident"]["escalations"]) == ("STREET", 1)
    assert up["incident"]["events"][-1]["tier"] == "STREET"
    no_reason = await run(client, "escalateIncident", ESCALATE, incidentId=first, reason=" ")
    assert codes(no_reason) == ["REASON_REQUIRED"]
    await run(client, "escalateIncident", ESCALATE, incidentId=first, reason="跨街道")
    top = await run(client, "escalateIncident", ESCALATE, incidentId=first, reason="再提级")
    assert codes(top) == ["OUT_OF_RANGE"]

    across = await run(client, "mergeIncident", MERGE, incidentId=elsewhere, intoId=first)
    assert codes(across) == ["OUT_OF_AREA"]
    merged = await run(client, "mergeIncident", MERGE, incidentId=again, intoId=first)
    assert codes(merged) == [] and merged["incident"]["id"] == first
    status = await client.data(
        "query($id: ID!) { node(id: $id) { ... on Incident { status duplicateOf { id } } } }",
        {"id": again},
    )
    assert status["node"] == {"status": "DUPLICATE", "duplicateOf": {"id": first}}
    referred = await run(
        client,
        "closeIncident",
        CLOSE,
        incidentId=elsewhere,
        outcome="REFERRED",
        reason="转市场监管",
    )
    assert referred["incident"]["status"] == "REFERRED"
    late = await run(client, "callIncident", CALL, incidentId=elsewhere)
    assert codes(late) == ["INVALID_TRANSITION"]

    # Views: a community's open incidents, statistics, the CSV export.
    listed = await client.data(
        "query($f: IncidentFilterInput) { incidents(first: 10, filter: $f) { totalCount } }",
        {"f": {"communityId": encode("Community", a), "openOnly": True}},
    )
    assert listed["incidents"]["totalCount"] == 1
    stats = await client.data(
        "{ incidentStatistics { total byStatus { key count } byCategory { key name count } } }"
    )
    assert stats["incidentStatistics"]["total"] == 3
    assert {b["key"]: b["count"] for b in stats["incidentStatistics"]["byStatus"]} == {
        "CALLED": 1,
        "DUPLICATE": 1,
        "REFERRED": 1,
    }
    text = (await client.data("{ incidentsCsv }"))["incidentsCsv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["status"] for row in rows] == ["CALLED", "DUPLICATE", "REFERRED"]
    assert rows[0]["tier"] == "DISTRICT" and rows[1]["duplicate_of"] == first


async def test_who_reads_and_who_reports(db: Database, client: GraphQLClient) -> None:
    area = await build_area(db)
    a, b = area.communities[0], area.communities[1]
    categories, _ = await catalogue(db)
    resident_a = client.as_user(
        await make_user(db, "ra", (R.RESIDENT, "community_id", a), person_id=area.residents[a][0])
    )
    resident_b = client.as_user(
        await make_user(db, "rb", (R.RESIDENT, "community_id", b), person_id=area.residents[b][0])
    )
    fields = {
        "categoryId": categories["GARBAGE"],
        "description": "楼下垃圾无人清运",
        "buildingId": encode("Building", area.buildings[0]),
        "attributes": [{"code": "waste", "value": "生活垃圾"}],
    }
    # A resident of another community may not report here, nor for a neighbour.
    assert await resident_b.error_codes(REPORT, {"input": fields}) == ["FORBIDDEN"]
    for_other = await run(
        resident_a,
        "reportIncident",
        REPORT,
        **fields,
        reporterPersonId=encode("Person", area.residents[a][1]),
    )
    assert codes(for_other) == ["INVALID"]
    mine = await run(resident_a, "reportIncident", REPORT, **fields)
    # Staff registering for a resident: the reporter is that resident, masked to others.
    theirs = await run(
        client,
        "reportIncident",
        REPORT,
        **fields,
        reporterPersonId=encode("Person", area.residents[a][1]),
    )
    assert theirs["incident"]["channel"] == "STAFF"
    assert theirs["incident"]["reporterName"] == "和平社区居民1"
    seen = await resident_a.data("{ incidents(first: 10) { nodes { id reporterName } } }")
    assert seen["incidents"]["nodes"] == [
        {"id": mine["incident"]["id"], "reporterName": "和平社区居民0"}
    ]
    assert (await resident_b.data("{ incidents(first: 10) { totalCount } }"))["incidents"][
        "totalCount"
    ] == 0
    # The catalogue is public, with its typed attributes.
    public = await client.anonymous().data(
        "{ incidentCategories { code departments { code }"
        " attributes { code datatype required values } } departments { code } }"
    )
    parking = next(c for c in public["incidentCategories"] if c["code"] == "ILLEGAL_PARKING")
    assert {
        "code": "blocks_fire_lane",
        "datatype": "BOOLEAN",
        "required": True,
        "values": [],
    } in parking["attributes"]
    assert len(public["departments"]) == 20
    assert {c["code"] for c in public["incidentCategories"]} >= {
        "ILLEGAL_STRUCTURE",
        "ILLEGAL_PARKING",
        "STREET_STALL",
    }
