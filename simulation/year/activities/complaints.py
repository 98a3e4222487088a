"""Property complaints through the year (物业投诉, "2310"): a resident files a complaint
against the company serving their community, or the community registers it for them
(代登记, as the 2310 line does); the company acknowledges, handles, sometimes pauses and
resumes, and settles it — most in time, some late; the community's sweep runs an hour
after a late one's due time and escalates it; the resident confirms. After each quarter
the secretaries rate their companies and the district publishes the red/black list. The
report sets the year's complaints and on-time rate beside the API's own figures for the
same quarters."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.loop import Step, World
from simulation.year.minimum_periods import YEAR, judged
from simulation.year.report import Kpi, Section
from simulation.year.roster import ADMIN, Community, Company, Recipient

FIELDS = """
  complaint { id status dueAt breached resolvedAt escalation }
  userErrors { code message }"""
FILE = mutation("fileComplaint", "FileComplaintInput", FIELDS)
ACK = mutation("acknowledgeComplaint", "ComplaintInput", FIELDS)
HANDLE = mutation("recordComplaintHandling", "ComplaintNoteInput", FIELDS)
PAUSE = mutation("pauseComplaint", "ComplaintReasonInput", FIELDS)
RESUME = mutation("resumeComplaint", "ComplaintInput", FIELDS)
RESOLVE = mutation("resolveComplaint", "ResolveComplaintInput", FIELDS)
CONFIRM = mutation("confirmComplaint", "ConfirmComplaintInput", FIELDS)
SWEEP = mutation(
    "escalateOverdueComplaints",
    "EscalateOverdueComplaintsInput",
    "complaints { id escalation } userErrors { code message }",
)
RATE = mutation(
    "recordCompanyRating", "RecordCompanyRatingInput", "rating { id } userErrors { code message }"
)
PUBLISH = mutation(
    "publishRedBlackList",
    "PublishRedBlackListInput",
    "redBlackList { id entries { standing } } userErrors { code message }",
)
BUILDINGS = """query ComplaintGridBuildings($id: ID!) { node(id: $id) { ... on Grid {
  buildings(first: 1) { nodes { id } } } } }"""
RATES = """query ComplaintOnTimeRates($year: Int!, $quarter: Int!) {
  complaintOnTimeRates(groupBy: COMPANY, year: $year, quarter: $quarter) {
    filed onTime late } }"""
LEVELS = ("GENERAL", "IMPORTANT", "MAJOR")
DAYS = {"GENERAL": 2, "IMPORTANT": 3, "MAJOR": 10}


@dataclass
class _Complaint:
    community: Community
    company: Company
    resident: Recipient
    level: str
    late: bool
    self_filed: bool = False
    paused: bool = False
    id: str | None = None
    due: datetime | None = None
    filed: datetime | None = None
    resolved: datetime | None = None
    escalation: str = "NONE"


def quarter_of(moment: datetime) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


@activity
class Complaints:
    name: ClassVar[str] = "complaints"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.records: list[_Complaint] = []
        self.problems: list[str] = []
        self.published: list[tuple[int, int, int]] = []  # year, quarter, entries
        self.buildings: dict[str, str] = {}

    def start(self) -> None:
        pairs = [
            (c, co, r)
            for c in self.world.roster.communities.values()
            if c.secretary
            for co in c.companies
            for r in c.residents
            if r.grid_id
        ]
        if not pairs:
            return
        period = self.world.period
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        count = round(scale.PROPERTY_COMPLAINTS * factor * period.days / 365)
        weights = list(scale.COMPLAINT_LEVEL_SHARES.values())
        for _ in range(count):
            community, company, resident = self.rng.choice(pairs)
            level = self.rng.choices(LEVELS, weights)[0]
            late = self.rng.random() < scale.SHARE_COMPLAINTS_BREACHED
            self_filed = self.rng.random() < scale.SHARE_COMPLAINTS_SELF_FILED
            record = _Complaint(community, company, resident, level, late, self_filed)
            day = period.start + timedelta(days=self.rng.randrange(period.days))
            self.world.schedule(period.moment(day, self.rng.uniform(8, 18)), self._file(record))
        day = period.start
        while day < period.end:
            year, quarter = quarter_of(period.moment(day, 12))
            nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
            # The quarter's list three days after it ends (dropped if the year is over).
            self.world.schedule(
                period.moment(nxt + timedelta(days=3), 10), self._quarter(year, quarter)
            )
            day = nxt

    async def _send(
        self, step: Step, record: _Complaint, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        if record.id is not None:
            input = {"complaintId": record.id, **input}
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            self.problems.append(payload["userErrors"][0]["code"])
            return None
        complaint: dict[str, Any] = payload["complaint"]
        record.id = complaint["id"]
        record.due = datetime.fromisoformat(complaint["dueAt"])
        record.escalation = complaint["escalation"]
        if complaint["resolvedAt"]:
            record.resolved = datetime.fromisoformat(complaint["resolvedAt"])
        return complaint

    def _file(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            grid = record.resident.grid_id
            assert grid is not None
            if grid not in self.buildings:
                data = await self.world.api.query(BUILDINGS, {"id": grid}, user=ADMIN, at=step.at)
                nodes = data["node"]["buildings"]["nodes"]
                if not nodes:
                    return
                self.buildings[grid] = nodes[0]["id"]
            secretary = record.community.secretary
            assert secretary is not None
            self.records.append(record)
            record.filed = step.at
            complaint = {
                "propertyCompanyId": record.company.id,
                "buildingId": self.buildings[grid],
                "level": record.level,
                "title": "居民反映物业问题",
            }
            if record.self_filed:
                # The complainant is the resident signed in.
                filed = await self._send(step, record, FILE, complaint, record.resident.username)
            else:
                complaint["complainantPersonId"] = record.resident.person_id
                filed = await self._send(step, record, FILE, complaint, secretary)
            if filed is None:
                return
            step.then(step.at + self._hours(step, scale.ACKNOWLEDGE_HOURS), self._handle(record))
            if record.late:
                days = timedelta(days=DAYS[record.level])
                for at in (record.due, record.due + days) if record.due else ():
                    step.then(at + timedelta(hours=1), self._sweep(record))

        return act

    @staticmethod
    def _hours(step: Step, span: tuple[float, float]) -> timedelta:
        return timedelta(hours=step.rng.uniform(*span))

    def _handle(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            user = record.company.username
            if await self._send(step, record, ACK, {}, user) is None:
                return
            await self._send(step, record, HANDLE, {"note": "已安排维修人员"}, user)
            assert record.due is not None
            if step.rng.random() < scale.SHARE_COMPLAINTS_PAUSED:
                if await self._send(step, record, PAUSE, {"reason": "等待配件到货"}, user):
                    record.paused = True
                step.then(step.at + self._hours(step, scale.PAUSE_HOURS), self._resume(record))
                return
            step.then(self._settle_at(step, record), self._resolve(record))

        return act

    def _settle_at(self, step: Step, record: _Complaint) -> datetime:
        assert record.due is not None
        if record.late:
            return record.due + self._hours(step, scale.LATE_HOURS)
        return step.at + (record.due - step.at) * step.rng.uniform(0.2, 0.9)

    def _resume(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            if await self._send(step, record, RESUME, {}, record.company.username) is None:
                return
            step.then(self._settle_at(step, record), self._resolve(record))

        return act

    def _resolve(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            resolved = await self._send(
                step, record, RESOLVE, {"resolution": "已处理完毕"}, record.company.username
            )
            if resolved is not None:
                at = step.at + self._hours(step, scale.CONFIRM_HOURS)
                step.then(at, self._confirm(record))

        return act

    def _confirm(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            await self._send(step, record, CONFIRM, {"comment": "满意"}, record.resident.username)

        return act

    def _sweep(self, record: _Complaint) -> Any:
        async def act(step: Step) -> None:
            secretary = record.community.secretary
            assert secretary is not None
            payload = await self.world.api.mutate(
                SWEEP, {"communityId": record.community.id}, user=secretary, at=step.at
            )
            if payload["userErrors"]:
                self.problems.append(payload["userErrors"][0]["code"])
                return
            escalated = {each["id"]: each["escalation"] for each in payload["complaints"]}
            for each in self.records:
                if each.id in escalated:
                    each.escalation = escalated[each.id]

        return act

    def _quarter(self, year: int, quarter: int) -> Any:
        async def act(step: Step) -> None:
            for community in self.world.roster.communities.values():
                if not community.secretary:
                    continue
                for company in community.companies:
                    positive = sorted(step.rng.sample(range(1, 16), step.rng.randint(9, 15)))
                    payload = await self.world.api.mutate(
                        RATE,
                        {
                            "propertyCompanyId": company.id,
                            "year": year,
                            "quarter": quarter,
                            "positiveItems": positive,
                        },
                        user=community.secretary,
                        at=step.at,
                    )
                    if payload["userErrors"]:
                        self.problems.append(payload["userErrors"][0]["code"])
            payload = await self.world.api.mutate(
                PUBLISH, {"year": year, "quarter": quarter}, user=ADMIN, at=step.at
            )
            if payload["userErrors"]:
                self.problems.append(payload["userErrors"][0]["code"])
            else:
                self.published.append((year, quarter, len(payload["redBlackList"]["entries"])))

        return act

    async def report(self) -> Section:
        period = self.world.period
        ends = period.moment(period.end, 0)
        filed = [r for r in self.records if r.id is not None and r.due is not None]
        on_time = sum(1 for r in filed if r.resolved is not None and r.due and r.resolved <= r.due)
        late = sum(
            1
            for r in filed
            if r.due is not None
            and (
                (r.resolved is not None and r.resolved > r.due)
                or (r.resolved is None and r.due < ends)
            )
        )
        quarters = sorted({quarter_of(r.filed) for r in filed if r.filed is not None})
        api_on_time = api_late = 0
        for year, quarter in quarters:
            rows = await self.world.api.query(
                RATES, {"year": year, "quarter": quarter}, user=ADMIN, at=ends
            )
            api_on_time += sum(row["onTime"] for row in rows["complaintOnTimeRates"])
            api_late += sum(row["late"] for row in rows["complaintOnTimeRates"])
        rate = on_time / (on_time + late) if on_time + late else None
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        expected = round(scale.PROPERTY_COMPLAINTS * factor)
        return Section(
            "Property complaints (物业投诉, 2310)",
            [
                judged(
                    "complaints filed",
                    len(filed),
                    "complaints",
                    f"≥ {expected:,} a year ({scale.PROPERTY_COMPLAINTS:,} in the real district)",
                    len(filed) >= expected,
                    needs=YEAR,
                    period=period,
                ),
                Kpi("on-time rate (2310按时办结率), simulation's tally", rate, "share"),
                Kpi("on time / late, simulation's tally", f"{on_time} / {late}", ""),
                Kpi("on time / late, the API's figures", f"{api_on_time} / {api_late}", ""),
                Kpi(
                    "API agrees with the tally",
                    "yes" if (api_on_time, api_late) == (on_time, late) else "no",
                    "",
                ),
                Kpi("self-filed by residents", sum(r.self_filed for r in filed), "complaints"),
                Kpi("paused and resumed", sum(r.paused for r in filed), "complaints"),
                Kpi("escalated", sum(r.escalation != "NONE" for r in filed), "complaints"),
                Kpi("red/black lists published", len(self.published), "lists"),
                Kpi("refused steps (userErrors)", len(self.problems), "steps"),
            ],
        )
