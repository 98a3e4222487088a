"""A "Let's talk it over" consultation through the endpoint: a resident raises a topic,
the community's worker adds the parties, schedules and records it with its decisions as
follow-up items (one overdue, then both done), the resident gives feedback and the
consultation is resolved with its five "haves" complete; and the refusals of every step
for the wrong role, the wrong place or the wrong moment, which write nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Consultation, ConsultationCategory, ConsultationEvent
from resolvers.global_ids import encode
from tests.deliberation.scene import Player, at, clocked_client, doc, scene_of
from tests.support.database import Database

CONSULTATION = (
    "consultation { id status venue signPosted attendeesCount outcome satisfaction"
    " participants { id role name attended } followUps { id decision ownerName dueOn doneAt"
    " overdue } fiveHaves { place sign record feedback followThrough missing }"
    " events { action fromStatus toStatus reason } }"
)
PROPOSE = doc("proposeConsultation", "ProposeConsultationInput", CONSULTATION)
ADD = doc("addConsultationParticipant", "AddConsultationParticipantInput", CONSULTATION)
SCHEDULE = doc("scheduleConsultation", "ScheduleConsultationInput", CONSULTATION)
RECORD = doc("recordConsultation", "RecordConsultationInput", CONSULTATION)
COMPLETE = doc("completeConsultationFollowUp", "CompleteConsultationFollowUpInput", CONSULTATION)
CLOSE = doc("closeConsultation", "CloseConsultationInput", CONSULTATION)
FEEDBACK = doc("giveConsultationFeedback", "GiveConsultationFeedbackInput", CONSULTATION)
CANCEL = doc("cancelConsultation", "CancelConsultationInput", CONSULTATION)
MINE = "{ consultations(first: 20) { nodes { id topic } } }"


async def _category(db: Database, code: str) -> str:
    async with db.session() as s:
        key = await s.scalar(
            select(ConsultationCategory.id).where(ConsultationCategory.code == code)
        )
    assert key is not None
    return encode("ConsultationCategory", key)


async def _rows(db: Database) -> tuple[int, int]:
    async with db.session() as s:
        consultations = await s.scalar(select(func.count(Consultation.id)))
        events = await s.scalar(select(func.count(ConsultationEvent.id)))
    return int(consultations or 0), int(events or 0)


async def test_a_consultation_from_topic_to_follow_through(seeded: Database) -> None:
    scene = await scene_of(seeded)
    category = await _category(seeded, "PRIVATE_CONSTRUCTION")
    async with clocked_client(seeded) as client:
        resident = Player(client, scene.resident)
        worker = Player(client, scene.worker)
        proposed = await resident.ok(
            at("2031-05-06T09:00"),
            "proposeConsultation",
            PROPOSE,
            communityId=scene.id("Community", scene.community_a),
            categoryId=category,
            topic="楼下私搭乱建的棚子",
            buildingId=scene.id("Building", scene.building_a),
        )
        c = proposed["consultation"]
        assert c["status"] == "PROPOSED"
        assert [(p["role"], p["name"]) for p in c["participants"]] == [("CONVENER", "议事居民")]
        cid = c["id"]
        await worker.ok(
            at("2031-05-07T10:00"),
            "addConsultationParticipant",
            ADD,
            consultationId=cid,
            role="STAKEHOLDER",
            personId=scene.id("Person", scene.neighbour_person),
        )
        added = await worker.ok(
            at("2031-05-07T10:05"),
            "addConsultationParticipant",
            ADD,
            consultationId=cid,
            role="COORDINATOR",
            partyName="城管执法队",
        )
        parties = added["consultation"]["participants"]
        assert [p["role"] for p in parties] == ["CONVENER", "STAKEHOLDER", "COORDINATOR"]
        scheduled = await worker.ok(
            at("2031-05-08T09:00"),
            "scheduleConsultation",
            SCHEDULE,
            consultationId=cid,
            scheduledFor=at("2031-05-12T15:00").isoformat(),
            venue="社区议事厅",
            signPosted=True,
        )
        assert scheduled["consultation"]["fiveHaves"]["missing"] == [
            "RECORD",
            "FEEDBACK",
            "FOLLOW_THROUGH",
        ]
        recorded = await worker.ok(
            at("2031-05-12T17:00"),
            "recordConsultation",
            RECORD,
            consultationId=cid,
            minutes="三方协商,同意拆除棚子并统一规划车棚",
            attendeesCount=14,
            attendedParticipantIds=[parties[0]["id"], parties[2]["id"]],
            decisions="拆除违建;规划车棚",
            followUps=[
                {"decision": "拆除违建棚子", "ownerName": "城管执法队", "dueOn": "2031-05-20"},
                {
                    "decision": "规划统一车棚",
                    "ownerPersonId": scene.id("Person", scene.neighbour_person),
                    "dueOn": "2031-06-30",
                },
            ],
        )
        c = recorded["consultation"]
        assert c["status"] == "FOLLOWING_UP"
        assert [p["attended"] for p in c["participants"]] == [True, False, True]
        assert [(f["ownerName"], f["overdue"]) for f in c["followUps"]] == [
            ("城管执法队", False),
            ("议事邻居", False),
        ]
        first, second = (f["id"] for f in c["followUps"])
        # Not resolved while an item is open.
        assert await worker.refused(
            at("2031-05-21T09:00"),
            "closeConsultation",
            CLOSE,
            consultationId=cid,
            resolved=True,
            outcome="已解决",
        ) == ["FOLLOW_UPS_OPEN"]
        late = await worker.data(
            at("2031-05-21T09:00"),
            "query($id: ID!) { node(id: $id) { ... on Consultation { followUps { overdue } } } }",
            {"id": cid},
        )
        assert [f["overdue"] for f in late["node"]["followUps"]] == [True, False]
        await worker.ok(
            at("2031-05-21T10:00"), "completeConsultationFollowUp", COMPLETE, followUpId=first
        )
        done = await worker.ok(
            at("2031-06-20T10:00"),
            "completeConsultationFollowUp",
            COMPLETE,
            followUpId=second,
            note="车棚已建成",
        )
        assert done["consultation"]["fiveHaves"]["missing"] == ["FEEDBACK"]
        fed = await resident.ok(
            at("2031-06-21T10:00"),
            "giveConsultationFeedback",
            FEEDBACK,
            consultationId=cid,
            satisfaction=5,
            comment="满意",
        )
        assert fed["consultation"]["satisfaction"] == 5.0
        closed = await worker.ok(
            at("2031-06-22T10:00"),
            "closeConsultation",
            CLOSE,
            consultationId=cid,
            resolved=True,
            outcome="违建拆除,车棚建成",
        )
        c = closed["consultation"]
        assert c["status"] == "RESOLVED"
        assert c["fiveHaves"] == {
            "place": True,
            "sign": True,
            "record": True,
            "feedback": True,
            "followThrough": True,
            "missing": [],
        }
        assert [(e["action"], e["fromStatus"], e["toStatus"]) for e in c["events"]] == [
            ("PROPOSE", None, "PROPOSED"),
            ("SCHEDULE", "PROPOSED", "SCHEDULED"),
            ("HOLD", "SCHEDULED", "HELD"),
            ("FOLLOW_UP", "HELD", "FOLLOWING_UP"),
            ("RESOLVE", "FOLLOWING_UP", "RESOLVED"),
        ]
        # The resident sees the consultations they take part in, the other street none.
        mine = await resident.data(at("2031-06-22T11:00"), MINE)
        assert [n["id"] for n in mine["consultations"]["nodes"]] == [cid]
        other = await Player(client, scene.street_admin_b).data(at("2031-06-22T11:00"), MINE)
        assert cid not in [n["id"] for n in other["consultations"]["nodes"]]


async def test_wrong_roles_places_and_moments_are_refused(seeded: Database) -> None:
    scene = await scene_of(seeded)
    category = await _category(seeded, "PARKING")
    when = at("2031-07-01T09:00")
    async with clocked_client(seeded) as client:
        resident = Player(client, scene.resident)
        neighbour = Player(client, scene.neighbour)
        worker = Player(client, scene.worker)
        topic = {"categoryId": category, "topic": "停车位不足"}
        # A resident raises topics in their own community only.
        before = await _rows(seeded)
        assert await resident.refused(
            when,
            "proposeConsultation",
            PROPOSE,
            communityId=scene.id("Community", scene.community_b),
            **topic,
        ) == ["FORBIDDEN"]
        # ... and for themselves, not naming a neighbour as the one raising it.
        assert await resident.refused(
            when,
            "proposeConsultation",
            PROPOSE,
            communityId=scene.id("Community", scene.community_a),
            convenerPersonId=scene.id("Person", scene.neighbour_person),
            **topic,
        ) == ["INVALID"]
        assert await _rows(seeded) == before
        made = await worker.ok(
            when,
            "proposeConsultation",
            PROPOSE,
            communityId=scene.id("Community", scene.community_a),
            **topic,
        )
        cid = made["consultation"]["id"]
        before = await _rows(seeded)
        schedule = {
            "consultationId": cid,
            "scheduledFor": at("2031-07-05T15:00").isoformat(),
            "venue": "社区广场",
        }
        for user in (scene.secretary_b, scene.street_admin, scene.resident):
            codes = await Player(client, user).refused(
                when, "scheduleConsultation", SCHEDULE, **schedule
            )
            assert codes == ["FORBIDDEN"], user
        # Recorded before it is scheduled: the machine refuses.
        assert await worker.refused(
            when,
            "recordConsultation",
            RECORD,
            consultationId=cid,
            minutes="记录",
            attendeesCount=3,
        ) == ["INVALID_TRANSITION"]
        # Feedback only from a party, and after the meeting.
        assert await neighbour.refused(
            when, "giveConsultationFeedback", FEEDBACK, consultationId=cid, satisfaction=4
        ) == ["FORBIDDEN"]
        assert await _rows(seeded) == before
        cancelled = await worker.ok(
            when, "cancelConsultation", CANCEL, consultationId=cid, reason="已另行解决"
        )
        assert cancelled["consultation"]["status"] == "CANCELLED"
        assert await worker.refused(when, "scheduleConsultation", SCHEDULE, **schedule) == [
            "INVALID_TRANSITION"
        ]


async def test_the_categories_are_the_fifteen_of_the_migration(seeded: Database) -> None:
    async with clocked_client(seeded) as client:
        data = await Player(client, None).data(
            at("2031-01-01T00:00"), "{ consultationCategories { code name englishName } }"
        )
    names = [c["name"] for c in data["consultationCategories"]]
    assert len(names) == 15 and len(set(names)) == 15
    assert names[:3] == ["城市管理", "环境卫生", "民生保障"]
