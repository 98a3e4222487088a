"""The accountability loop through /graphql: an observer assigned to a community visits
it and records findings (refused where not assigned); a finding becomes next year's
breakthrough project led by the secretary, whose record points back to it, once only and
only for the next year."""

from __future__ import annotations

from resolvers.global_ids import encode
from tests.assessment.scene import SPRING, YEAR, Actor, doc, scene_of
from tests.complaints.scene import clocked_client
from tests.support.database import Database

REGISTER = doc("registerObserver", "RegisterObserverInput", "observer { id name }")
ASSIGN = doc("assignObserver", "AssignObserverInput", "assignment { id year }")
VISIT = doc(
    "recordObserverVisit",
    "RecordObserverVisitInput",
    "visit { id kind visitedOn findings { id severity text source year } }",
)
RING = doc("recordRing", "RecordRingInput", "record { id ring year }")
PROJECT = doc(
    "createBreakthroughProject",
    "CreateBreakthroughProjectInput",
    "project { id kind year source ownerPerson { id } sourceShortfall { id text } }",
)
SHORTFALL = """query($id: ID!) { node(id: $id) { ... on Shortfall {
  id project { id kind } visit { id } } } }"""


async def test_a_finding_becomes_next_years_breakthrough_project(seeded: Database) -> None:
    scene = await scene_of(seeded)
    community = encode("Community", scene.community)
    async with clocked_client(seeded) as client:
        admin, observer = Actor(client, scene.admin), Actor(client, scene.observer)
        secretary = Actor(client, scene.secretary)
        registered = await admin.ok(
            SPRING, REGISTER, userId=encode("User", scene.observer), name="观察员甲"
        )
        observer_id = registered["observer"]["id"]
        assert await admin.refused(
            SPRING, REGISTER, userId=encode("User", scene.observer), name="again"
        ) == ("ALREADY_RECORDED", "userId")
        assert await admin.refused(
            SPRING, REGISTER, userId=encode("User", scene.worker), name="worker"
        ) == ("INVALID", "userId")

        visit_input = {
            "kind": "ON_SITE_INSPECTION",
            "summary": "党群服务中心开放时间不足",
            "visitedOn": SPRING.date().isoformat(),
            "findings": [
                {"severity": "MODERATE", "text": "服务中心周末不开放"},
                {"severity": "MINOR", "text": "台账记录不全"},
            ],
        }
        # Not assigned yet: refused, as it is in a community never assigned.
        assert await observer.refused(SPRING, VISIT, communityId=community, **visit_input) == (
            "OUT_OF_AREA",
            "communityId",
        )
        await admin.ok(SPRING, ASSIGN, observerId=observer_id, communityId=community, year=YEAR)
        visit = (await observer.ok(SPRING, VISIT, communityId=community, **visit_input))["visit"]
        findings = visit["findings"]
        assert [(f["severity"], f["source"], f["year"]) for f in findings] == [
            ("MODERATE", "VISIT_FINDING", YEAR),
            ("MINOR", "VISIT_FINDING", YEAR),
        ]
        assert await observer.refused(
            SPRING,
            VISIT,
            communityId=encode("Community", scene.other_community),
            **visit_input,
        ) == ("OUT_OF_AREA", "communityId")
        # Observers look (看) where assigned; the other rings are not theirs.
        await observer.ok(SPRING, RING, communityId=community, ring="LOOK", note="查看台账")
        assert await observer.refused(
            SPRING, RING, communityId=community, ring="SUPERVISE", note="督"
        ) == ("INVALID", "ring")
        # The wrong roles are refused before anything is read.
        assert await secretary.forbidden(SPRING, VISIT, communityId=community, **visit_input) == [
            "FORBIDDEN"
        ]

        finding = findings[0]["id"]
        project_input = {"shortfallId": finding, "title": "周末服务中心开放攻坚"}
        assert await secretary.refused(SPRING, PROJECT, year=YEAR + 2, **project_input) == (
            "OUT_OF_RANGE",
            "year",
        )
        assert await Actor(client, scene.other_secretary).forbidden(
            SPRING, PROJECT, year=YEAR + 1, **project_input
        ) == ["FORBIDDEN"]
        project = (await secretary.ok(SPRING, PROJECT, year=YEAR + 1, **project_input))["project"]
        assert project["kind"] == "BREAKTHROUGH" and project["year"] == YEAR + 1
        assert project["ownerPerson"]["id"] == encode("Person", scene.secretary_person)
        assert project["sourceShortfall"] == {"id": finding, "text": "服务中心周末不开放"}
        assert await admin.refused(SPRING, PROJECT, year=YEAR + 1, **project_input) == (
            "ALREADY_RECORDED",
            "shortfallId",
        )
        shown = (await admin.data(SPRING, SHORTFALL, id=finding))["node"]
        assert shown["project"] == {"id": project["id"], "kind": "BREAKTHROUGH"}
        assert shown["visit"] == {"id": visit["id"]}
        untouched = (await admin.data(SPRING, SHORTFALL, id=findings[1]["id"]))["node"]
        assert untouched["project"] is None
