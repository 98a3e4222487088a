"""Deliberation in the generated district's last year: "Let's talk it over" consultations
(好商量) in the communities and the three levels' quarterly joint meetings (联席会议) with
the problems on their agendas.

Consultations are raised over the year before the as-of day, across the 15 categories
(every category among the resolved ones); each goes as far along its machine as its
outcome and the as-of day allow, with its parties, record, follow-up items and feedback.
Joint meetings are held once a quarter by the district, each urban subdistrict and each
community for the four whole quarters before the as-of day; the solved problems are
spread by level (the district and streets hold the money), some of a community's go up to
its street's meeting and are solved there, and a few stay open. Histories follow the
API's machines (resolvers/deliberation/workflow.py); figures and reasons are in
simulation/scale.py. The domain draws from its own random stream.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import select

from db.models import (
    ConsultationAction,
    ConsultationCategory,
    ConsultationStatus,
    JointProblemAction,
    JointProblemStatus,
    MeetingLevel,
    ParticipantRole,
)
from resolvers.deliberation.workflow import CONSULTATIONS, PROBLEMS
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, Resident, apportion

A, S = ConsultationAction, ConsultationStatus
PA, P = JointProblemAction, JointProblemStatus
L = MeetingLevel

TOPICS = {
    "CITY_MANAGEMENT": ("占道经营整治", "共享单车乱停放"),
    "SANITATION": ("垃圾分类投放点设置", "楼道卫生轮值"),
    "LIVELIHOOD": ("老年助餐点选址", "低保户冬季取暖"),
    "PROPERTY": ("物业费调整", "物业服务质量"),
    "OLD_ESTATE_RENOVATION": ("老旧小区改造方案", "加装电梯费用分摊"),
    "PRIVATE_CONSTRUCTION": ("小区内私搭乱建", "楼顶违建拆除"),
    "PARKING": ("小区停车位划线", "电动车充电桩"),
    "NEIGHBOUR_DISPUTES": ("楼上漏水纠纷", "噪音扰民"),
    "PUBLIC_FACILITIES": ("健身器材维修", "路灯增设"),
    "SAFETY": ("消防通道堵塞", "高空抛物"),
    "ELDERLY_CARE": ("日间照料中心", "残疾人无障碍通道"),
    "GREENING": ("绿地改停车位", "树木修剪"),
    "PUBLIC_ORDER": ("小区门禁管理", "监控探头增设"),
    "CIVILITY": ("文明养犬公约", "楼道广告清理"),
    "CONVENIENCE_SERVICES": ("便民理发点", "快递柜设置"),
}
COORDINATORS = ("社区居委会", "物业服务企业", "城管执法队", "街道办事处", "业主委员会")
VENUES = ("社区议事厅", "小区凉亭", "社区党群服务中心", "楼栋议事角")
PROBLEMS_TEXT = (
    "老旧小区改造资金缺口",
    "社区用房产权移交",
    "背街小巷道路维修",
    "雨污分流改造",
    "社区工作者待遇保障",
    "无物业小区托管经费",
    "党群服务中心场地扩建",
    "停车场建设用地",
    "供暖管网改造",
    "社区公益岗位经费",
)
RAISERS = ("社区党组织兼职委员", "街道党工委兼职委员", "驻区单位代表", "社区党组织书记")
OWNERS = ("区住建局", "区财政局", "区城管局", "街道办事处", "区民政局", "区自然资源局")


@dataclass
class History:
    """A row moved through its machine: the status it reaches and its event rows."""

    machine: Any  # CONSULTATIONS or PROBLEMS
    status: Enum | None = None
    events: list[dict[str, Any]] = field(default_factory=list)

    def move(self, action: Enum, target: Enum, at: datetime, reason: str | None = None) -> None:
        transition = self.machine.transition(action)
        assert self.status in transition.sources, (action, self.status)
        assert target in transition.targets, (action, target)
        self.events.append(
            {
                "action": action,
                "from_status": self.status,
                "to_status": target,
                "at": at,
                "actor_user_id": None,
                "actor_person_id": None,
                "reason": reason,
            }
        )
        self.status = target

    @property
    def last(self) -> datetime:
        at = self.events[-1]["at"]
        assert isinstance(at, datetime)
        return at


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    start: date
    end: date  # the next quarter's first day


class DeliberationGenerator:
    """Consultations and joint meetings; the district's and streets' meetings first."""

    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng = random.Random(f"deliberation-{generator.seed}")
        self.as_of = generator.timeline.as_of
        self.end = datetime.combine(self.as_of, time(0), DISTRICT_TZ)
        self.categories: dict[str, int] = {}
        self.consultations: list[list[tuple[str, str]]] = []  # per community: (outcome, code)
        self.quarters: list[Quarter] = []
        self.district = 0
        self.street_meetings: dict[tuple[int, int], int] = {}  # (street, quarter) → meeting
        self.solved: dict[tuple[L, int, int], int] = {}  # (level, body or index, quarter)
        self.open: dict[tuple[L, int, int], int] = {}
        self.meetings_held: dict[int, datetime] = {}
        self.street_of: dict[int, int] = {}  # community index → street
        # Problems a community's meeting passes up to its street's: (index, quarter) → n.
        self.passed: dict[tuple[int, int], int] = defaultdict(int)

    # --- the plan --------------------------------------------------------------------

    def _quarters(self) -> list[Quarter]:
        year, quarter = self.as_of.year, (self.as_of.month - 1) // 3 + 1
        found = []
        for _ in range(figures.MEETING_QUARTERS):
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
            start = date(year, 3 * quarter - 2, 1)
            end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
            found.append(Quarter(year, quarter, start, end))
        return sorted(found, key=lambda q: q.start)

    async def prepare(
        self, district: int, streets: Sequence[int], community_streets: Sequence[int]
    ) -> None:
        """Read the categories; plan each community's consultations and every meeting's
        problems (some of a street's come up from its communities); write the district's
        and the streets' meetings with their own problems."""
        rng, scale = self.rng, self.g.scale
        self.district = district
        await self.w.written()  # the connection is free of the writer's batches
        rows = await self.w.connection.execute(
            select(ConsultationCategory.code, ConsultationCategory.id).order_by(
                ConsultationCategory.id
            )
        )
        self.categories = {code: key for code, key in rows.all()}
        codes = list(self.categories)
        weights = [figures.CONSULTATION_CATEGORY_WEIGHTS.get(code, 1.0) for code in codes]
        resolved = scale.of(figures.CONSULTATIONS_RESOLVED)
        # Every category among the resolved ones, the rest by weight.
        topics = codes[:resolved] + rng.choices(codes, weights, k=max(0, resolved - len(codes)))
        rng.shuffle(topics)
        plan = [("RESOLVED", code) for code in topics]
        for outcome, figure in (
            ("NOT_RESOLVED", figures.CONSULTATIONS_NOT_RESOLVED),
            ("UNDER_WAY", figures.CONSULTATIONS_UNDER_WAY),
        ):
            plan += [(outcome, rng.choices(codes, weights)[0]) for _ in range(scale.of(figure))]
        rng.shuffle(plan)
        communities = len(self.g.plan.communities)
        counts = apportion(len(plan), [1.0] * communities)
        at = 0
        for count in counts:
            self.consultations.append(plan[at : at + count])
            at += count

        self.quarters = self._quarters()
        bodies = [(L.DISTRICT, district)] + [(L.STREET, street) for street in streets]
        bodies += [(L.COMMUNITY, index) for index in range(communities)]
        meetings = [(level, body, q) for q in range(len(self.quarters)) for level, body in bodies]
        weight = [figures.PROBLEM_WEIGHT_BY_LEVEL[level.value] for level, _, _ in meetings]
        solved = apportion(scale.of(figures.JOINT_MEETING_PROBLEMS_SOLVED), weight)
        self.solved = dict(zip(meetings, solved, strict=True))
        recent = [m for m in meetings if m[2] >= len(self.quarters) - 2]
        still_open = apportion(
            scale.of(figures.JOINT_MEETING_PROBLEMS_OPEN),
            [figures.PROBLEM_WEIGHT_BY_LEVEL[level.value] for level, _, _ in recent],
        )
        self.open = dict(zip(recent, still_open, strict=True))
        self.street_of = dict(enumerate(community_streets))
        for street in streets:
            below = [i for i, s in enumerate(community_streets) if s == street]
            for q in range(len(self.quarters)):
                for _ in range(self.solved[(L.STREET, street, q)]):
                    if below and rng.random() < figures.SHARE_PASSED_UP:
                        self.solved[(L.STREET, street, q)] -= 1
                        self.passed[(rng.choice(below), q)] += 1
        for q, quarter in enumerate(self.quarters):
            meeting = await self.meeting(L.DISTRICT, district, quarter, district_id=district)
            await self.problems(meeting, L.DISTRICT, district, q)
            for street in streets:
                meeting = await self.meeting(
                    L.STREET, street, quarter, district_id=district, street_id=street
                )
                self.street_meetings[(street, q)] = meeting
                await self.problems(meeting, L.STREET, street, q)

    # --- joint meetings --------------------------------------------------------------

    async def meeting(
        self,
        level: L,
        body: int,
        quarter: Quarter,
        *,
        district_id: int,
        street_id: int | None = None,
        community_id: int | None = None,
    ) -> int:
        rng = self.rng
        day = quarter.start + timedelta(days=rng.randrange(15, 75))
        held = datetime.combine(day, time(9), DISTRICT_TZ) + timedelta(hours=2)
        low, high = figures.MEETING_ATTENDEES[level.value]
        names = {L.DISTRICT: "区", L.STREET: "街道", L.COMMUNITY: "社区"}
        key = await self.w.add(
            "joint_meetings",
            {
                "level": level,
                "body_id": body if level is not L.COMMUNITY else community_id,
                "district_id": district_id,
                "street_id": street_id,
                "community_id": community_id,
                "year": quarter.year,
                "quarter": quarter.quarter,
                "title": f"{names[level]}{quarter.year}年第{quarter.quarter}季度联席会议",
                "scheduled_on": day,
                "convened_by_user_id": None,
                "held_at": held,
                "minutes": f"研究解决涉及动体制、动资金问题({names[level]}级)",
                "attendees_count": rng.randint(low, high),
                **self.g.stamps(),
            },
        )
        self.meetings_held[key] = held
        return key

    async def problems(self, meeting: int, level: L, body: int, q: int) -> None:
        """The meeting's own problems: those solved there and those still open."""
        for _ in range(self.solved[(level, body, q)]):
            await self.problem(meeting, "SOLVED")
        if level is L.COMMUNITY:
            for _ in range(self.passed[(body, q)]):
                await self.passed_up(meeting, body, q)
        for _ in range(self.open.get((level, body, q), 0)):
            decided = self.rng.random() < figures.SHARE_OPEN_DECIDED
            await self.problem(meeting, "DECIDED" if decided else "RAISED")

    def _decide(self, history: History, raised: datetime, row: dict[str, Any]) -> date:
        rng = self.rng
        decided = raised + timedelta(hours=rng.uniform(0.5, 72))
        due = decided.date() + timedelta(days=rng.randint(*figures.PROBLEM_DUE_DAYS))
        owner = rng.choice(OWNERS)
        history.move(PA.DECIDE, P.DECIDED, decided, f"{owner}, due {due.isoformat()}")
        row.update(
            decision="明确责任单位,列入专项资金计划",
            owner_name=owner,
            due_on=due,
            decided_at=decided,
        )
        return due

    async def problem(
        self,
        meeting: int,
        outcome: str,
        *,
        passed_from: int | None = None,
        origin: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> int:
        rng = self.rng
        raised = at or self.meetings_held[meeting] + timedelta(minutes=rng.randrange(0, 90))
        history = History(PROBLEMS)
        row: dict[str, Any] = {
            "id": self.w.new_id("joint_meeting_problems"),
            "meeting_id": meeting,
            "title": origin["title"] if origin else rng.choice(PROBLEMS_TEXT),
            "description": "",
            "raised_by_person_id": None,
            "raised_by_name": origin["raised_by_name"] if origin else rng.choice(RAISERS),
            "decision": None,
            "owner_person_id": None,
            "owner_name": None,
            "due_on": None,
            "decided_at": None,
            "solved_at": None,
            "resolution": None,
            "passed_from_id": passed_from,
            "passed_at": None,
        }
        if passed_from is not None:
            history.move(PA.RECEIVE, P.RAISED, raised, "社区联席会议报请街道统筹")
        else:
            history.move(PA.RAISE, P.RAISED, raised)
        if outcome != "RAISED":
            due = self._decide(history, raised, row)
            if outcome == "SOLVED":
                span = datetime.combine(due, time(17), DISTRICT_TZ) - history.last
                solved = history.last + span * rng.uniform(0.3, 0.95)
                solved = min(solved, self.end - timedelta(hours=rng.uniform(1, 48)))
                solved = max(solved, history.last + timedelta(hours=1))
                history.move(PA.SOLVE, P.SOLVED, solved, "已解决")
                row.update(solved_at=solved, resolution="资金到位,已按期完成")
        await self.write_problem(row, history, raised)
        return int(row["id"])

    async def write_problem(self, row: dict[str, Any], history: History, raised: datetime) -> None:
        assert history.status is not None
        row.update(
            status=history.status,
            status_changed_at=history.last,
            raised_at=raised,
            **self.g.stamps(),
        )
        await self.w.add("joint_meeting_problems", row)
        for event in history.events:
            await self.w.add(
                "joint_meeting_problem_events",
                {"problem_id": row["id"], "meeting_id": row["meeting_id"], **event},
            )

    async def passed_up(self, meeting: int, index: int, q: int) -> None:
        """Raised at the community's meeting, passed up to its street's and solved there."""
        rng = self.rng
        street_meeting = self.street_meetings[(self.street_of[index], q)]
        raised = self.meetings_held[meeting] + timedelta(minutes=rng.randrange(0, 90))
        history = History(PROBLEMS)
        history.move(PA.RAISE, P.RAISED, raised)
        # Up to the street's meeting of the quarter, or the next one's if it has met.
        passed = max(raised, self.meetings_held[street_meeting]) + timedelta(hours=2)
        history.move(PA.PASS_UP, P.PASSED, passed, "需街道统筹资金")
        origin: dict[str, Any] = {
            "id": self.w.new_id("joint_meeting_problems"),
            "meeting_id": meeting,
            "title": rng.choice(PROBLEMS_TEXT),
            "description": "",
            "raised_by_person_id": None,
            "raised_by_name": rng.choice(RAISERS),
            "decision": None,
            "owner_person_id": None,
            "owner_name": None,
            "due_on": None,
            "decided_at": None,
            "solved_at": None,
            "resolution": None,
            "passed_from_id": None,
            "passed_at": passed,
        }
        await self.write_problem(origin, history, raised)
        await self.problem(
            street_meeting, "SOLVED", passed_from=origin["id"], origin=origin, at=passed
        )

    # --- each community --------------------------------------------------------------

    async def community(
        self,
        index: int,
        community: int,
        street: int,
        residents: Sequence[Resident],
        secretary: Resident,
    ) -> None:
        """The community's consultations and its four joint meetings."""
        for outcome, code in self.consultations[index]:
            await self.consultation(community, outcome, code, residents, secretary)
        for q, quarter in enumerate(self.quarters):
            meeting = await self.meeting(
                L.COMMUNITY,
                index,
                quarter,
                district_id=self.district,
                street_id=street,
                community_id=community,
            )
            await self.problems(meeting, L.COMMUNITY, index, q)

    async def consultation(
        self,
        community: int,
        outcome: str,
        code: str,
        residents: Sequence[Resident],
        secretary: Resident,
    ) -> None:
        rng = self.rng
        key = self.w.new_id("consultations")
        lead = timedelta(days=rng.randint(*figures.CONSULTATION_LEAD_DAYS))
        last_start = self.end - lead - timedelta(days=60)
        if outcome == "UNDER_WAY":  # raised lately: still on its way on the as-of day
            proposed = self.end - timedelta(days=rng.uniform(3, 50))
        else:
            proposed = last_start - timedelta(days=rng.uniform(0, 300))
        proposed = proposed.replace(hour=rng.randint(8, 18), minute=rng.randrange(60))
        people = rng.sample(list(residents), min(len(residents), 4))
        convener = people[0] if people else None
        history = History(CONSULTATIONS)
        history.move(A.PROPOSE, S.PROPOSED, proposed)
        row: dict[str, Any] = {
            "id": key,
            "community_id": community,
            "grid_id": None,
            "building_id": None,
            "category_id": self.categories[code],
            "topic": rng.choice(TOPICS.get(code, ("社区议题",))),
            "description": "",
            "venue": "",
            "proposed_at": proposed,
            "proposed_by_user_id": convener.user if convener else None,
            "proposed_by_person_id": convener.person if convener else None,
            "scheduled_for": None,
            "sign_posted": False,
            "held_at": None,
            "minutes": None,
            "attendees_count": 0,
            "decisions": None,
            "outcome": None,
            "closed_at": None,
        }
        parties: list[dict[str, Any]] = []
        if convener is not None:
            parties.append({"role": ParticipantRole.CONVENER, "person_id": convener.person})
        for other in people[1:]:
            parties.append({"role": ParticipantRole.STAKEHOLDER, "person_id": other.person})
        parties.append(
            {"role": ParticipantRole.COORDINATOR, "party_name": rng.choice(COORDINATORS)}
        )
        scheduled = proposed + timedelta(days=rng.uniform(1, 3))
        held = proposed + lead
        follow_ups: list[dict[str, Any]] = []
        feedback: list[dict[str, Any]] = []
        if scheduled < self.end:
            history.move(A.SCHEDULE, S.SCHEDULED, scheduled, rng.choice(VENUES))
            row.update(
                venue=history.events[-1]["reason"],
                scheduled_for=held,
                sign_posted=rng.random() < 0.95,
            )
        if history.status is S.SCHEDULED and held < self.end:
            history.move(A.HOLD, S.HELD, held)
            row.update(
                held_at=held,
                minutes="三方到场协商,形成一致意见"
                if outcome != "NOT_RESOLVED"
                else "各方意见分歧",
                attendees_count=rng.randint(*figures.CONSULTATION_ATTENDEES),
                decisions="明确整改事项和责任方" if outcome != "NOT_RESOLVED" else None,
            )
            for party in parties:
                party["attended"] = rng.random() < 0.9
            if outcome != "NOT_RESOLVED" and held + timedelta(minutes=5) < self.end:
                items = rng.randint(*figures.CONSULTATION_FOLLOW_UPS)
                history.move(
                    A.FOLLOW_UP, S.FOLLOWING_UP, held + timedelta(minutes=5), f"{items} items"
                )
                last_done = held
                for _ in range(items):
                    due = held.date() + timedelta(days=rng.randint(*figures.FOLLOW_UP_DAYS))
                    done: datetime | None = held + (
                        datetime.combine(due, time(17), DISTRICT_TZ) - held
                    ) * rng.uniform(0.3, 1.0)
                    if outcome == "UNDER_WAY" and done is not None and done >= self.end:
                        done = None
                    follow_ups.append(
                        {
                            "decision": "落实协商决定",
                            "owner_person_id": None,
                            "owner_name": parties[-1]["party_name"],
                            "due_on": due,
                            "done_at": done,
                            "done_note": "已落实" if done else None,
                            **self.g.stamps(),
                        }
                    )
                    if done is not None:
                        last_done = max(last_done, done)
                closing = last_done + timedelta(days=rng.uniform(1, 5))
                if outcome == "RESOLVED":
                    closing = min(closing, self.end - timedelta(hours=1))
                    history.move(A.RESOLVE, S.RESOLVED, closing, "协商事项全部落实")
                    row.update(outcome="协商事项全部落实,矛盾化解", closed_at=closing)
            else:
                closing = held + timedelta(days=rng.uniform(1, 7))
                if closing < self.end:
                    history.move(A.FAIL, S.NOT_RESOLVED, closing, "各方未达成一致,转调解")
                    row.update(outcome="各方未达成一致,转调解", closed_at=closing)
            voices = [p for p in parties if p.get("person_id") is not None]
            for party in rng.sample(
                voices, min(len(voices), rng.randint(*figures.CONSULTATION_FEEDBACK))
            ):
                at = history.last + timedelta(hours=rng.uniform(2, 72))
                if at >= self.end:
                    continue
                feedback.append(
                    {
                        "person_id": party["person_id"],
                        "satisfaction": rng.choice((4, 5, 5, 5))
                        if outcome == "RESOLVED"
                        else rng.choice((2, 3)),
                        "comment": "",
                        "at": at,
                        "recorded_by_user_id": secretary.user,
                    }
                )
        assert history.status is not None
        row.update(status=history.status, status_changed_at=history.last, **self.g.stamps())
        await self.w.add("consultations", row)
        for party in parties:
            await self.w.add(
                "consultation_participants",
                {
                    "consultation_id": key,
                    "person_id": None,
                    "party_name": None,
                    "attended": None,
                    **party,
                },
            )
        for item in follow_ups:
            await self.w.add("consultation_follow_ups", {"consultation_id": key, **item})
        for item in feedback:
            await self.w.add("consultation_feedback", {"consultation_id": key, **item})
        for event in history.events:
            await self.w.add("consultation_events", {"consultation_id": key, **event})
