"""Deliberation through the year: "Let's talk it over" consultations (好商量) and the
three levels' quarterly joint meetings (联席会议).

A resident (or the community secretary for them) raises a topic; the secretary adds the
coordinating party, schedules it with a venue and a sign, records the meeting with its
decisions as follow-up items, marks each done before its due day, the resident gives
feedback and the secretary closes it — resolved, or not when the parties disagree.
Each quarter the district, each subdistrict and each community convene their meeting;
problems are raised, decided with an owner and a due day, and solved before it; some of
a community's go up to its street's meeting and are solved there. The report sets the
year's resolved consultations and solved problems beside the seed's figures (74, 120+)
and beside the API's own roll-ups."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.loop import Step, World
from simulation.year.minimum_periods import YEAR, judged
from simulation.year.report import Kpi, Section
from simulation.year.roster import ADMIN, Community, Recipient, username_of

CONSULTATION = """
  consultation { id status followUps { id } fiveHaves { missing } }
  userErrors { code message }"""
PROPOSE = mutation("proposeConsultation", "ProposeConsultationInput", CONSULTATION)
ADD_PARTY = mutation("addConsultationParticipant", "AddConsultationParticipantInput", CONSULTATION)
SCHEDULE = mutation("scheduleConsultation", "ScheduleConsultationInput", CONSULTATION)
RECORD = mutation("recordConsultation", "RecordConsultationInput", CONSULTATION)
COMPLETE = mutation(
    "completeConsultationFollowUp", "CompleteConsultationFollowUpInput", CONSULTATION
)
FEEDBACK = mutation("giveConsultationFeedback", "GiveConsultationFeedbackInput", CONSULTATION)
CLOSE = mutation("closeConsultation", "CloseConsultationInput", CONSULTATION)
MEETING = "meeting { id } userErrors { code message }"
PROBLEM = "problem { id status } userErrors { code message }"
CONVENE = mutation("conveneJointMeeting", "ConveneJointMeetingInput", MEETING)
RECORD_MEETING = mutation("recordJointMeeting", "RecordJointMeetingInput", MEETING)
RAISE = mutation("raiseJointMeetingProblem", "RaiseJointMeetingProblemInput", PROBLEM)
DECIDE = mutation("decideJointMeetingProblem", "DecideJointMeetingProblemInput", PROBLEM)
SOLVE = mutation("solveJointMeetingProblem", "SolveJointMeetingProblemInput", PROBLEM)
PASS = mutation("passJointMeetingProblem", "PassJointMeetingProblemInput", PROBLEM)
CATEGORIES = "query DeliberationCategories { consultationCategories { id code } }"
BODIES = """query DeliberationBodies { district { id streets(first: 100) { nodes {
  id kind partyOrganization { secretary { id } } } } } }"""
ROLLUPS = """query DeliberationRollups($year: Int!) { jointMeetingRollups(year: $year) {
  level quarter meetings raised solved open overdue passed } }"""
RESOLVED = """query DeliberationResolved($after: String) {
  consultations(first: 100, after: $after, filter: {status: RESOLVED}) {
    pageInfo { hasNextPage endCursor } nodes { id } } }"""
OWNERS = ("区住建局", "区财政局", "街道办事处", "区城管局")


@dataclass
class _Topic:
    community: Community
    resident: Recipient
    category: str
    agree: bool
    self_raised: bool
    id: str | None = None
    follow_ups: list[str] = field(default_factory=list)
    status: str = ""


@dataclass
class _Meeting:
    level: str
    body: str
    chair: str
    year: int
    quarter: int
    street: str | None = None  # the street of a community's meeting
    id: str | None = None


def quarter_of(moment: datetime) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


@activity
class Deliberation:
    name: ClassVar[str] = "deliberation"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.topics: list[_Topic] = []
        self.meetings: dict[tuple[str, str, int, int], _Meeting] = {}
        self.problems: list[str] = []  # refused steps
        self.solved = 0
        self.passed = 0
        self.categories: list[str] = []

    def start(self) -> None:
        communities = [c for c in self.world.roster.communities.values() if c.secretary]
        pairs = [(c, r) for c in communities for r in c.residents]
        if not pairs:
            return
        period = self.world.period
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        yearly = scale.CONSULTATIONS_RESOLVED + scale.CONSULTATIONS_NOT_RESOLVED
        # At the seed's rate, and at least one topic per community so that a short run
        # plays the chain too (a year's rate is above that at every scale).
        count = max(round(yearly * factor * period.days / 365), len(communities))
        agree = scale.CONSULTATIONS_RESOLVED / yearly
        # Raised early enough to be resolved in the period (held in 1–3 weeks, followed up
        # in 2–6), or spread over a short period.
        span = max(1, period.days - 75) if period.days > 120 else period.days
        for _ in range(count):
            community, resident = self.rng.choice(pairs)
            topic = _Topic(
                community,
                resident,
                "",
                self.rng.random() < agree,
                self.rng.random() < 0.5,
            )
            day = period.start + timedelta(days=self.rng.randrange(span))
            self.world.schedule(period.moment(day, self.rng.uniform(8, 18)), self._propose(topic))
        day = period.start
        while day < period.end:
            year, quarter = quarter_of(period.moment(day, 12))
            nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
            # Meetings in the quarter's first week (or on the period's first day).
            first = max(day, date(year, 3 * quarter - 2, 1) + timedelta(days=3))
            if first < period.end:
                self.world.schedule(period.moment(first, 9), self._quarter(year, quarter, nxt))
            day = nxt

    # --- consultations ---------------------------------------------------------------

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str, key: str
    ) -> dict[str, Any] | None:
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            self.problems.append(payload["userErrors"][0]["code"])
            return None
        found: dict[str, Any] = payload[key]
        return found

    async def _category(self, step: Step) -> str:
        if not self.categories:
            data = await self.world.api.query(CATEGORIES, user=ADMIN, at=step.at)
            self.categories = [row["id"] for row in data["consultationCategories"]]
        return step.rng.choice(self.categories)

    def _propose(self, topic: _Topic) -> Any:
        async def act(step: Step) -> None:
            secretary = topic.community.secretary
            assert secretary is not None
            topic.category = await self._category(step)
            input = {
                "communityId": topic.community.id,
                "categoryId": topic.category,
                "topic": "居民议事协商议题",
            }
            if topic.self_raised:
                user = topic.resident.username
            else:
                user = secretary
                input["convenerPersonId"] = topic.resident.person_id
            found = await self._send(step, PROPOSE, input, user, "consultation")
            if found is None:
                return
            topic.id = found["id"]
            self.topics.append(topic)
            await self._send(
                step,
                ADD_PARTY,
                {"consultationId": topic.id, "role": "COORDINATOR", "partyName": "社区居委会"},
                secretary,
                "consultation",
            )
            held = step.at + timedelta(days=step.rng.randint(*scale.CONSULTATION_LEAD_DAYS))
            step.then(
                step.at + timedelta(hours=step.rng.uniform(2, 48)), self._schedule(topic, held)
            )

        return act

    def _schedule(self, topic: _Topic, held: datetime) -> Any:
        async def act(step: Step) -> None:
            secretary = topic.community.secretary
            assert secretary is not None
            assert topic.id is not None
            done = await self._send(
                step,
                SCHEDULE,
                {
                    "consultationId": topic.id,
                    "scheduledFor": held.isoformat(),
                    "venue": "社区议事厅",
                    "signPosted": True,
                },
                secretary,
                "consultation",
            )
            if done is not None:
                step.then(held, self._record(topic))

        return act

    def _record(self, topic: _Topic) -> Any:
        async def act(step: Step) -> None:
            secretary = topic.community.secretary
            assert secretary is not None
            assert topic.id is not None
            items = []
            if topic.agree:
                for _ in range(step.rng.randint(*scale.CONSULTATION_FOLLOW_UPS)):
                    due = step.at + timedelta(days=step.rng.randint(*scale.FOLLOW_UP_DAYS))
                    items.append(
                        {
                            "decision": "落实协商决定",
                            "ownerName": "社区居委会",
                            "dueOn": due.date().isoformat(),
                        }
                    )
            done = await self._send(
                step,
                RECORD,
                {
                    "consultationId": topic.id,
                    "minutes": "三方协商" if topic.agree else "各方意见分歧",
                    "attendeesCount": step.rng.randint(*scale.CONSULTATION_ATTENDEES),
                    "decisions": "明确整改事项" if topic.agree else None,
                    "followUps": items,
                },
                secretary,
                "consultation",
            )
            if done is None:
                return
            topic.follow_ups = [item["id"] for item in done["followUps"]]
            topic.status = done["status"]
            last = step.at
            for item, spec in zip(topic.follow_ups, items, strict=True):
                due = datetime.fromisoformat(spec["dueOn"]).replace(hour=12, tzinfo=step.at.tzinfo)
                at = step.at + (due - step.at) * step.rng.uniform(0.3, 0.9)
                last = max(last, at)
                step.then(at, self._complete(topic, item))
            step.then(last + timedelta(hours=step.rng.uniform(6, 48)), self._feedback(topic))
            step.then(last + timedelta(days=step.rng.uniform(3, 5)), self._close(topic))

        return act

    def _complete(self, topic: _Topic, item: str) -> Any:
        async def act(step: Step) -> None:
            secretary = topic.community.secretary
            assert secretary is not None
            await self._send(
                step,
                COMPLETE,
                {"followUpId": item, "note": "已落实"},
                secretary,
                "consultation",
            )

        return act

    def _feedback(self, topic: _Topic) -> Any:
        async def act(step: Step) -> None:
            satisfaction = step.rng.choice((4, 5, 5)) if topic.agree else step.rng.choice((2, 3))
            await self._send(
                step,
                FEEDBACK,
                {"consultationId": topic.id, "satisfaction": satisfaction},
                topic.resident.username,
                "consultation",
            )

        return act

    def _close(self, topic: _Topic) -> Any:
        async def act(step: Step) -> None:
            secretary = topic.community.secretary
            assert secretary is not None
            done = await self._send(
                step,
                CLOSE,
                {
                    "consultationId": topic.id,
                    "resolved": topic.agree,
                    "outcome": "协商事项全部落实" if topic.agree else "各方未达成一致,转调解",
                },
                secretary,
                "consultation",
            )
            if done is not None:
                topic.status = done["status"]

        return act

    # --- joint meetings --------------------------------------------------------------

    async def _bodies(self, step: Step, year: int, quarter: int) -> list[_Meeting]:
        data = await self.world.api.query(BODIES, user=ADMIN, at=step.at)
        district = data["district"]
        bodies = [_Meeting("DISTRICT", district["id"], ADMIN, year, quarter)]
        for street in district["streets"]["nodes"]:
            secretary = (street.get("partyOrganization") or {}).get("secretary")
            if street["kind"] == "SUBDISTRICT" and secretary:
                bodies.append(
                    _Meeting("STREET", street["id"], username_of(secretary["id"]), year, quarter)
                )
        for community in self.world.roster.communities.values():
            if community.secretary:
                bodies.append(
                    _Meeting(
                        "COMMUNITY",
                        community.id,
                        community.secretary,
                        year,
                        quarter,
                        street=community.street_id,
                    )
                )
        return bodies

    def _quarter(self, year: int, quarter: int, ends: date) -> Any:
        async def act(step: Step) -> None:
            bodies = await self._bodies(step, year, quarter)
            for meeting in bodies:
                found = await self._send(
                    step,
                    CONVENE,
                    {
                        "level": meeting.level,
                        "bodyId": meeting.body,
                        "year": year,
                        "quarter": quarter,
                        "scheduledOn": step.at.date().isoformat(),
                    },
                    meeting.chair,
                    "meeting",
                )
                if found is None:
                    continue
                meeting.id = found["id"]
                self.meetings[(meeting.level, meeting.body, year, quarter)] = meeting
                await self._send(
                    step,
                    RECORD_MEETING,
                    {
                        "meetingId": meeting.id,
                        "minutes": "研究动体制、动资金问题",
                        "attendeesCount": 20,
                    },
                    meeting.chair,
                    "meeting",
                )
            # The year's solved problems, spread by level as the seed's are.
            factor = len(self.world.roster.communities) / scale.COMMUNITIES
            per_quarter = scale.JOINT_MEETING_PROBLEMS_SOLVED * factor / 4
            held = [m for m in bodies if m.id is not None]
            weights = [scale.PROBLEM_WEIGHT_BY_LEVEL[m.level] for m in held]
            count = round(per_quarter) if held else 0
            for meeting in step.rng.choices(held, weights, k=count) if held else ():
                await self._problem(step, meeting, ends)

        return act

    async def _problem(self, step: Step, meeting: _Meeting, ends: date) -> None:
        assert meeting.id is not None
        found = await self._send(
            step,
            RAISE,
            {"meetingId": meeting.id, "title": "涉及动资金问题", "raisedByName": "兼职委员"},
            meeting.chair,
            "problem",
        )
        if found is None:
            return
        problem, chair = found["id"], meeting.chair
        if meeting.level == "COMMUNITY" and step.rng.random() < scale.SHARE_PASSED_UP:
            above = self.meetings.get(
                ("STREET", meeting.street or "", meeting.year, meeting.quarter)
            )
            if above is not None and above.id is not None:
                passed = await self._send(
                    step,
                    PASS,
                    {"problemId": problem, "toMeetingId": above.id, "reason": "需街道统筹资金"},
                    chair,
                    "problem",
                )
                if passed is not None:
                    self.passed += 1
                    problem, chair = passed["id"], above.chair
        # Due before the quarter ends; solved well before the due day.
        days = max(2, (ends - step.at.date()).days - 1)
        due = step.at.date() + timedelta(days=step.rng.randint(max(1, days // 2), days))
        decided = await self._send(
            step,
            DECIDE,
            {
                "problemId": problem,
                "decision": "列入专项资金计划",
                "ownerName": step.rng.choice(OWNERS),
                "dueOn": due.isoformat(),
            },
            chair,
            "problem",
        )
        if decided is None:
            return
        span = datetime.combine(due, step.at.timetz()) - step.at
        step.then(step.at + span * step.rng.uniform(0.3, 0.9), self._solve(problem, chair))

    def _solve(self, problem: str, chair: str) -> Any:
        async def act(step: Step) -> None:
            solved = await self._send(
                step,
                SOLVE,
                {"problemId": problem, "resolution": "资金到位,已完成"},
                chair,
                "problem",
            )
            if solved is not None:
                self.solved += 1

        return act

    # --- the report ------------------------------------------------------------------

    async def report(self) -> Section:
        period = self.world.period
        ends = period.ends
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        resolved = [t for t in self.topics if t.status == "RESOLVED"]
        not_resolved = [t for t in self.topics if t.status == "NOT_RESOLVED"]
        api_resolved = set()
        after: str | None = None
        while True:
            data = await self.world.api.query(RESOLVED, {"after": after}, user=ADMIN, at=ends)
            connection = data["consultations"]
            api_resolved |= {node["id"] for node in connection["nodes"]}
            if not connection["pageInfo"]["hasNextPage"]:
                break
            after = connection["pageInfo"]["endCursor"]
        mine = {t.id for t in resolved}
        years = sorted({m.year for m in self.meetings.values()})
        levels: dict[str, int] = {"DISTRICT": 0, "STREET": 0, "COMMUNITY": 0}
        api_solved = 0
        for year in years:
            data = await self.world.api.query(ROLLUPS, {"year": year}, user=ADMIN, at=ends)
            quarters = {(m.year, m.quarter) for m in self.meetings.values()}
            for row in data["jointMeetingRollups"]:
                if (year, row["quarter"]) in quarters:
                    levels[row["level"]] += row["meetings"]
                    api_solved += row["solved"]
        consultations_target = round(scale.CONSULTATIONS_RESOLVED * factor)
        solved_target = round(scale.JOINT_MEETING_PROBLEMS_SOLVED * factor)
        return Section(
            "Deliberation (好商量议事协商、联席会议)",
            [
                judged(
                    "consultations resolved",
                    len(resolved),
                    "consultations",
                    f"≥ {consultations_target:,} a year ({scale.CONSULTATIONS_RESOLVED} in the"
                    " real district)",
                    len(resolved) >= consultations_target,
                    needs=YEAR,
                    period=period,
                ),
                Kpi("not resolved (parties disagreed)", len(not_resolved), "consultations"),
                Kpi("topics raised", len(self.topics), "consultations"),
                Kpi(
                    "resolved, API agrees with the tally",
                    "yes" if mine <= api_resolved else "no",
                    "",
                ),
                Kpi(
                    "joint meetings district / street / community",
                    f"{levels['DISTRICT']} / {levels['STREET']} / {levels['COMMUNITY']}",
                    "",
                ),
                judged(
                    "joint-meeting problems solved",
                    self.solved,
                    "problems",
                    f"≥ {solved_target:,} a year (120+ in the real district)",
                    self.solved >= solved_target,
                    needs=YEAR,
                    period=period,
                ),
                Kpi("passed up from a community to its street", self.passed, "problems"),
                Kpi("solved, the API's roll-ups", api_solved, "problems"),
                Kpi(
                    "API agrees with the tally",
                    "yes" if api_solved == self.solved else "no",
                    "",
                ),
                Kpi("refused steps (userErrors)", len(self.problems), "steps"),
            ],
        )
