"""Complaints through the endpoint on the simulated clock: the "2310" deadline by level,
pauses that move it, a breach while still open (and its effect on the company's on-time
rate before it is closed), escalation by the sweep, reassignment and level changes that
recompute it, and the history every step leaves."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from db.models import ComplaintAction, ComplaintEvent
from resolvers.global_ids import decode
from tests.complaints.scene import Clocked, clocked_client, doc, file_general, ids, scene_of
from tests.support.database import Database

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2031, 4, 7, 9, 0, tzinfo=TZ)  # a Monday in Q2

ACK = doc("acknowledgeComplaint", "ComplaintInput")
HANDLE = doc("recordComplaintHandling", "ComplaintNoteInput")
PAUSE = doc("pauseComplaint", "ComplaintReasonInput")
RESUME = doc("resumeComplaint", "ComplaintInput")
RESOLVE = doc("resolveComplaint", "ResolveComplaintInput")
CONFIRM = doc("confirmComplaint", "ConfirmComplaintInput")
REOPEN = doc("reopenComplaint", "ComplaintReasonInput")
REASSIGN = doc("reassignComplaint", "ReassignComplaintInput")
LEVEL = doc("changeComplaintLevel", "ChangeComplaintLevelInput")
SWEEP = doc(
    "escalateOverdueComplaints",
    "EscalateOverdueComplaintsInput",
    "complaints { id escalation }",
)
RATES = """query($year: Int!, $quarter: Int!) {
  complaintOnTimeRates(groupBy: COMPANY, year: $year, quarter: $quarter) {
    id filed onTime late pending rate } }"""
BREACHED = "{ breachedComplaints(first: 50) { nodes { id } } }"
RULE = "{ complaintDeadlineRule { level days } }"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_a_complaint_from_filing_to_confirmation(seeded: Database) -> None:
    scene = await scene_of(seeded)
    async with clocked_client(seeded) as client:
        resident = Clocked(client, scene.resident)
        company = Clocked(client, scene.company_user)
        filed = await file_general(resident, scene, T0, "楼道灯不亮")
        assert filed["userErrors"] == []
        complaint = filed["complaint"]
        # General: two calendar days in Asia/Shanghai.
        assert at(complaint["dueAt"]) == T0 + timedelta(days=2)
        assert complaint["timeLeftSeconds"] == 2 * 86400
        cid = complaint["id"]
        one_hour = T0 + timedelta(hours=1)
        await company.mutate(one_hour, "acknowledgeComplaint", ACK, complaintId=cid)
        await company.mutate(
            one_hour, "recordComplaintHandling", HANDLE, complaintId=cid, note="已派电工"
        )
        paused = await company.mutate(
            one_hour, "pauseComplaint", PAUSE, complaintId=cid, reason="等待配件"
        )
        assert paused["complaint"]["status"] == "PAUSED"
        # While paused the due time moves with the clock.
        later = one_hour + timedelta(hours=5)
        resumed = await company.mutate(later, "resumeComplaint", RESUME, complaintId=cid)
        moved = resumed["complaint"]
        assert moved["status"] == "IN_HANDLING"
        assert moved["pausedSeconds"] == 5 * 3600
        assert at(moved["dueAt"]) == T0 + timedelta(days=2, hours=5)
        done = await company.mutate(
            later, "resolveComplaint", RESOLVE, complaintId=cid, resolution="已更换灯泡"
        )
        assert done["complaint"]["breached"] is False
        # The wrong role is refused: the company cannot confirm for the resident.
        refused = await client.as_user(scene.company_user).post(
            CONFIRM, {"input": {"complaintId": cid}}
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        closed = await resident.mutate(later, "confirmComplaint", CONFIRM, complaintId=cid)
        events = closed["complaint"]["events"]
        assert [e["action"] for e in events] == [
            "FILE",
            "ACKNOWLEDGE",
            "HANDLE",
            "PAUSE",
            "RESUME",
            "RESOLVE",
            "CONFIRM",
        ]
        assert events[-1]["toStatus"] == "CONFIRMED"
        assert at(events[4]["dueAt"]) == T0 + timedelta(days=2, hours=5)
        again = await resident.mutate(later, "confirmComplaint", CONFIRM, complaintId=cid)
        assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]
    async with seeded.session() as s:
        closings = await s.scalar(
            select(func.count())
            .select_from(ComplaintEvent)
            .where(
                ComplaintEvent.complaint_id == decode(cid)[1],
                ComplaintEvent.action == ComplaintAction.CONFIRM,
            )
        )
    assert closings == 1


async def test_an_open_complaint_past_due_is_breached_and_lowers_the_rate(
    seeded: Database,
) -> None:
    scene = await scene_of(seeded)
    key = ids(scene)
    async with clocked_client(seeded) as client:
        resident = Clocked(client, scene.resident)
        company = Clocked(client, scene.company_user)
        worker = Clocked(client, scene.worker)
        admin = Clocked(client, scene.admin)
        assert (await admin.post(T0, RULE, {}))["complaintDeadlineRule"] == [
            {"level": "GENERAL", "days": 2},
            {"level": "IMPORTANT", "days": 3},
            {"level": "MAJOR", "days": 10},
        ]
        made = []
        for title in ("电梯故障", "垃圾清运不及时"):
            filed = await file_general(resident, scene, T0, title)
            made.append(filed["complaint"]["id"])
        on_time, left_open = made
        await company.mutate(T0, "acknowledgeComplaint", ACK, complaintId=on_time)
        await company.mutate(
            T0 + timedelta(days=1),
            "resolveComplaint",
            RESOLVE,
            complaintId=on_time,
            resolution="已修复",
        )
        variables = {"year": 2031, "quarter": 2}

        def company_row(data: dict[str, list[dict[str, object]]]) -> dict[str, object]:
            rows = [r for r in data["complaintOnTimeRates"] if r["id"] == key["company"]]
            assert len(rows) == 1
            return rows[0]

        before = company_row(await admin.post(T0 + timedelta(days=1), RATES, variables))
        assert (before["onTime"], before["late"], before["pending"]) == (1, 0, 1)
        assert before["rate"] == 1.0
        # Three days on, the open one is past its due time: breached, and late in the rate.
        after = T0 + timedelta(days=3)
        row = company_row(await admin.post(after, RATES, variables))
        assert (row["onTime"], row["late"], row["pending"]) == (1, 1, 0)
        assert row["rate"] == 0.5
        breached = await admin.post(after, BREACHED, {})
        assert {"id": left_open} in breached["breachedComplaints"]["nodes"]
        assert {"id": on_time} not in breached["breachedComplaints"]["nodes"]
        # The sweep sends it to the community on breach, the street once late by 2 more days.
        swept = await worker.mutate(
            after, "escalateOverdueComplaints", SWEEP, communityId=key["community"]
        )
        assert swept["complaints"] == [{"id": left_open, "escalation": "COMMUNITY"}]
        again = await worker.mutate(
            after, "escalateOverdueComplaints", SWEEP, communityId=key["community"]
        )
        assert again["complaints"] == []
        street = await worker.mutate(
            T0 + timedelta(days=4, hours=1),
            "escalateOverdueComplaints",
            SWEEP,
            communityId=key["community"],
        )
        assert street["complaints"] == [{"id": left_open, "escalation": "STREET"}]
        # Settled late, it stays late.
        await company.mutate(after, "acknowledgeComplaint", ACK, complaintId=left_open)
        late = await company.mutate(
            after, "resolveComplaint", RESOLVE, complaintId=left_open, resolution="已清运"
        )
        assert late["complaint"]["breached"] is True
        row = company_row(await admin.post(after, RATES, variables))
        assert (row["onTime"], row["late"]) == (1, 1)


async def test_reassignment_and_level_changes_recompute_the_deadline(seeded: Database) -> None:
    scene = await scene_of(seeded)
    key = ids(scene)
    async with clocked_client(seeded) as client:
        resident = Clocked(client, scene.resident)
        worker = Clocked(client, scene.worker)
        filed = await file_general(resident, scene, T0, "外墙渗水")
        cid = filed["complaint"]["id"]
        raised = await worker.mutate(
            T0 + timedelta(hours=2),
            "changeComplaintLevel",
            LEVEL,
            complaintId=cid,
            level="MAJOR",
            reason="涉及多户",
        )
        assert at(raised["complaint"]["dueAt"]) == T0 + timedelta(days=10)
        moved_at = T0 + timedelta(days=1)
        moved = await worker.mutate(
            moved_at,
            "reassignComplaint",
            REASSIGN,
            complaintId=cid,
            propertyCompanyId=key["other"],
            reason="属乙公司管辖",
        )
        complaint = moved["complaint"]
        assert complaint["status"] == "FILED"
        assert at(complaint["dueAt"]) == moved_at + timedelta(days=10)
        assert [e["action"] for e in complaint["events"]] == ["FILE", "CHANGE_LEVEL", "REASSIGN"]
        assert complaint["events"][1]["level"] == "MAJOR"
        # The first company no longer handles it.
        refused = await client.as_user(scene.company_user).post(
            ACK, {"input": {"complaintId": cid}}
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # A reason is required.
        blank = await worker.mutate(
            moved_at, "changeComplaintLevel", LEVEL, complaintId=cid, level="GENERAL", reason=" "
        )
        assert [e["code"] for e in blank["userErrors"]] == ["REASON_REQUIRED"]
