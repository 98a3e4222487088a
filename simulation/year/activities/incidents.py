"""Grid incidents through the year (网格事件): grid leaders find problems on patrol and
residents report them (staff register some for residents); the community's secretary
calls the departments; a department answers and gets a dated task, works it and reports
it done; the grid leader verifies; the reporter is called back, and now and then the
incident is escalated, closed as not the district's or referred, or reopened."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.account_names import department_username
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.incident_kpis import IncidentRecord, incident_section
from simulation.year.loop import Action, Step, World
from simulation.year.report import Section
from simulation.year.roster import ADMIN, Community, Grid

INCIDENT_FIELDS = """
  incident { id status tier closedAt participants { department { id code } } }
  userErrors { code message }"""
TASK_FIELDS = """
  task { id status }
  userErrors { code message }"""
REPORT = mutation("reportIncident", "ReportIncidentInput", INCIDENT_FIELDS)
CALL = mutation("callIncident", "CallIncidentInput", INCIDENT_FIELDS)
RESPOND = mutation("respondToIncident", "RespondToIncidentInput", INCIDENT_FIELDS)
ADD_TASK = mutation("addIncidentTask", "AddIncidentTaskInput", TASK_FIELDS)
WORK_TASK = mutation("updateIncidentTask", "UpdateIncidentTaskInput", TASK_FIELDS)
ESCALATE = mutation("escalateIncident", "EscalateIncidentInput", INCIDENT_FIELDS)
VERIFY = mutation("verifyIncident", "VerifyIncidentInput", INCIDENT_FIELDS)
# How many times a grid leader checks an incident on the spot before leaving it open.
VERIFY_VISITS = 10
CLOSE = mutation("closeIncident", "CloseIncidentInput", INCIDENT_FIELDS)
CALLBACK = mutation("recordIncidentCallback", "RecordIncidentCallbackInput", INCIDENT_FIELDS)
CATALOGUE = """query IncidentCatalogue { incidentCategories { id code deadlineHours
  attributes { code datatype required values } } }"""
STATISTICS = """query IncidentStatisticsCheck($from: DateTime!, $to: DateTime!) {
  incidentStatistics(filter: {reportedFrom: $from, reportedTo: $to}) { total } }"""


def _value(spec: dict[str, Any], rng: random.Random) -> str:
    if spec["datatype"] == "NUMBER":
        return str(rng.randint(1, 50))
    if spec["datatype"] == "BOOLEAN":
        return "true" if rng.random() < 0.3 else "false"
    if spec["values"]:
        return str(rng.choice(spec["values"]))
    return "现场所见"


@activity
class Incidents:
    name: ClassVar[str] = "incidents"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.records: list[IncidentRecord] = []
        self.catalogue: dict[str, dict[str, Any]] = {}
        self.api_total: int | None = None

    @property
    def factor(self) -> float:
        return len(self.world.roster.communities) / scale.COMMUNITIES

    def start(self) -> None:
        period = self.world.period
        count = round(scale.GRID_INCIDENTS * self.factor * period.days / 365)
        communities = [c for c in self.world.roster.communities.values() if c.secretary]
        if not communities:
            return
        for _ in range(count):
            community = self.rng.choice(communities)
            day = period.start + timedelta(days=self.rng.randrange(period.days))
            at = period.moment(day, self.rng.uniform(8, 18))
            self.world.schedule(at, self._report(community))

    async def _catalogue(self, step: Step) -> dict[str, dict[str, Any]]:
        if not self.catalogue:
            data = await self.world.api.query(CATALOGUE, at=step.at)
            self.catalogue = {c["code"]: c for c in data["incidentCategories"]}
        return self.catalogue

    async def _send(
        self, step: Step, record: IncidentRecord, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            error = payload["userErrors"][0]
            record.problems.append(f"{error['code']}: {error['message']}")
            return None
        found = payload.get("incident")
        if found:
            record.status, record.tier = found["status"], found["tier"]
            if not found["closedAt"]:
                record.closed_at = None
            elif record.closed_at is None:
                record.closed_at = step.at
        result: dict[str, Any] = payload
        return result

    def _report(self, community: Community) -> Action:
        async def act(step: Step) -> None:
            catalogue = await self._catalogue(step)
            rng = step.rng
            codes = [c for c in scale.INCIDENT_CATEGORY_WEIGHTS if c in catalogue]
            code = rng.choices(codes, [scale.INCIDENT_CATEGORY_WEIGHTS[c] for c in codes])[0]
            category = catalogue[code]
            grids = [g for g in community.grids if g.leader] or community.grids
            if not grids:
                return
            grid = rng.choice(grids)
            channel = rng.choices(
                list(scale.INCIDENT_CHANNEL_SHARES), list(scale.INCIDENT_CHANNEL_SHARES.values())
            )[0]
            residents = [r for r in community.residents if r.grid_id == grid.id]
            user, extra = grid.leader or community.secretary or ADMIN, {}
            if channel == "RESIDENT" and residents:
                user = rng.choice(residents).username
            elif channel == "STAFF" and residents:
                user = community.secretary or ADMIN
                extra = {"reporterPersonId": rng.choice(residents).person_id}
            else:
                channel = "GRID_LEADER"
            record = IncidentRecord(code, channel, step.at)
            self.records.append(record)
            attributes = [
                {"code": spec["code"], "value": _value(spec, rng)}
                for spec in category["attributes"]
                if spec["required"] or rng.random() < 0.5
            ]
            payload = await self._send(
                step,
                record,
                REPORT,
                {
                    "categoryId": category["id"],
                    "description": f"{community.name}{code}",
                    "gridId": grid.id,
                    "photos": [f"https://files.example.org/incidents/{len(self.records)}.jpg"],
                    "attributes": attributes,
                    **extra,
                },
                user,
            )
            if payload is None:
                return
            record.id = payload["incident"]["id"]
            run = _Run(self, record, community, grid, category["deadlineHours"], user)
            step.then(step.at + timedelta(hours=rng.uniform(*scale.INCIDENT_CALL_HOURS)), run.call)

        return act

    async def report(self) -> Section:
        try:
            period = self.world.period
            window = {"from": period.begins.isoformat(), "to": period.ends.isoformat()}
            data = await self.world.api.query(STATISTICS, window, user=ADMIN, at=period.ends)
            self.api_total = int(data["incidentStatistics"]["total"])
        except Exception:  # the check is a figure of the report, not a reason to stop it
            self.api_total = None
        return incident_section(self.records, self.world.period, self.factor, self.api_total)


class _Run:
    """A reported incident's way to its callback."""

    def __init__(
        self,
        incidents: Incidents,
        record: IncidentRecord,
        community: Community,
        grid: Grid,
        deadline_hours: int,
        reporter: str,
    ) -> None:
        self.incidents, self.record, self.community, self.grid = incidents, record, community, grid
        self.deadline = timedelta(hours=deadline_hours)
        self.reporter = reporter
        self.departments: list[dict[str, str]] = []
        self.tasks: list[tuple[str, str]] = []  # (task, department code)
        self.done_before = 0  # tasks done in earlier rounds (before a reopening)
        self.waits = 0

    @property
    def secretary(self) -> str:
        return self.community.secretary or ADMIN

    @property
    def leader(self) -> str:
        return self.grid.leader or self.secretary

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        assert self.record.id is not None
        return await self.incidents._send(
            step, self.record, document, {"incidentId": self.record.id, **input}, user
        )

    def _later(self, step: Step, hours: tuple[float, float], action: Action) -> None:
        step.then(step.at + timedelta(hours=step.rng.uniform(*hours)), action)

    async def call(self, step: Step) -> None:
        payload = await self._send(step, CALL, {"note": "社区吹哨"}, self.secretary)
        if payload is None:
            return
        self.departments = [p["department"] for p in payload["incident"]["participants"]]
        outcome = step.rng.choices(
            list(scale.INCIDENT_OUTCOME_SHARES), list(scale.INCIDENT_OUTCOME_SHARES.values())
        )[0]
        if outcome in ("NOT_RESPONSIBLE", "REFERRED"):
            self._later(step, scale.INCIDENT_RESPONSE_HOURS, self.close(outcome))
            return
        escalate = step.rng.random() < scale.SHARE_OF_INCIDENTS_ESCALATED
        if escalate and self.record.tier != "DISTRICT":
            self._later(step, scale.INCIDENT_RESPONSE_HOURS, self.escalate)
            return
        self._later(step, scale.INCIDENT_RESPONSE_HOURS, self.respond)

    def close(self, outcome: str) -> Action:
        async def act(step: Step) -> None:
            why = "非本辖区职责" if outcome == "NOT_RESPONSIBLE" else "转交上级部门办理"
            await self._send(step, CLOSE, {"outcome": outcome, "reason": why}, self.secretary)

        return act

    async def escalate(self, step: Step) -> None:
        payload = await self._send(step, ESCALATE, {"reason": "社区难以解决，提级"}, self.secretary)
        if payload is not None:
            self.record.escalated = True
        self._later(step, scale.INCIDENT_RESPONSE_HOURS, self.respond)

    async def respond(self, step: Step) -> None:
        if not self.departments:
            return
        lead = self.departments[0]
        payload = await self._send(
            step,
            RESPOND,
            {"departmentId": lead["id"], "note": "部门报到"},
            department_username(lead["code"], 1),
        )
        if payload is None:
            return
        step.then(step.at + timedelta(minutes=step.rng.randint(10, 120)), self.assign)

    async def assign(self, step: Step) -> None:
        late = step.rng.random() < scale.SHARE_OF_INCIDENTS_LATE
        fraction = step.rng.uniform(
            *(scale.INCIDENT_LATE_FRACTION if late else scale.INCIDENT_ON_TIME_FRACTION)
        )
        left = max(timedelta(hours=2), self.record.reported_at + self.deadline * fraction - step.at)
        count = step.rng.randint(1, min(3, len(self.departments)))
        for department in self.departments[:count]:
            payload = await self.incidents.world.api.mutate(
                ADD_TASK,
                {
                    "incidentId": self.record.id,
                    "departmentId": department["id"],
                    "title": "现场处置",
                    "assignees": ["承办人"],
                    "dueAt": (step.at + self.deadline * 0.8 + timedelta(hours=1)).isoformat(),
                },
                user=self.secretary,
                at=step.at,
            )
            if payload["userErrors"]:
                self.record.problems.append(payload["userErrors"][0]["code"])
                return
            task = (payload["task"]["id"], department["code"])
            self.tasks.append(task)
            done_at = step.at + left * step.rng.uniform(0.5, 0.95)
            step.then(done_at, self.work(task))
        self.record.status = "IN_DISPOSAL"
        step.then(step.at + left, self.verify)

    def work(self, task: tuple[str, str]) -> Action:
        async def act(step: Step) -> None:
            payload = await self.incidents.world.api.mutate(
                WORK_TASK,
                {"taskId": task[0], "status": "DONE", "resolutionNote": "已处置完毕"},
                user=department_username(task[1], 1),
                at=step.at,
            )
            if payload["userErrors"]:
                self.record.problems.append(payload["userErrors"][0]["code"])
            else:
                self.record.tasks_done += 1

        return act

    async def verify(self, step: Step) -> None:
        if self.record.tasks_done < self.done_before + len(self.tasks) and self.waits < 5:
            # The departments' reports of the same hours may still be on their way.
            self.waits += 1
            step.then(step.at + timedelta(hours=1), self.verify)
            return
        payload = await self._send(
            step, VERIFY, {"resolution": "现场核查，问题已解决"}, self.leader
        )
        if payload is None:
            if self.record.status == "IN_DISPOSAL" and self.waits < VERIFY_VISITS:
                # Refused while a task is still open: the grid leader comes back next day.
                self.waits += 1
                step.then(step.at + timedelta(days=1), self.verify)
            return
        days = step.rng.uniform(*scale.INCIDENT_CALLBACK_DAYS)
        step.then(step.at + timedelta(days=days), self.callback)

    async def callback(self, step: Step) -> None:
        result = step.rng.choices(
            list(scale.INCIDENT_CALLBACK_SHARES), list(scale.INCIDENT_CALLBACK_SHARES.values())
        )[0]
        if self.record.reopened:
            result = "SATISFIED"  # the second round settles it
        reopen = (
            result == "NOT_SATISFIED"
            and step.rng.random() < scale.SHARE_REOPENED_WHEN_NOT_SATISFIED
        )
        # A resident answers the callback themselves half the time; staff record the rest.
        answerer = self.reporter if self.record.channel == "RESIDENT" else self.secretary
        if step.rng.random() < 0.5:
            answerer = self.secretary
        comment = "问题反复，要求重新处理" if result == "NOT_SATISFIED" else "满意"
        payload = await self._send(
            step, CALLBACK, {"result": result, "comment": comment, "reopen": reopen}, answerer
        )
        if payload is None:
            return
        self.record.callbacks.append(result)
        if reopen:
            self.record.reopened = True
            self.record.closed_at = None
            self.done_before, self.tasks, self.waits = self.record.tasks_done, [], 0
            self.departments = self.departments[:1]
            step.then(step.at + timedelta(hours=step.rng.uniform(1, 8)), self.assign)
