"""Property complaints (物业投诉) of the generated district's last year on the "2310"
clock, the companies' quarterly ratings and the four published red/black lists.

Complaints are filed evenly over the year before the as-of day against the companies of
each community, about its buildings, by its residents; each goes as far along the
complaint workflow as the as-of day allows (most settled in time, some paused, breached
and escalated, reopened; shares and hours in simulation/scale.py). The clock and the
transitions are the API's (resolvers/complaints/sla.py and workflow.py), and the lists
follow the stated rule (red_black_rule.py). The domain draws from its own random stream,
so that adding it leaves every earlier domain's draws, and rows, as they were.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from db.models import ComplaintAction, ComplaintLevel, ComplaintStatus, EscalationLevel
from resolvers.complaints import red_black_rule, sla
from resolvers.complaints.workflow import COMPLAINTS
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, Resident, apportion

A, S, E = ComplaintAction, ComplaintStatus, EscalationLevel
TITLES = {
    ComplaintLevel.GENERAL: (
        "楼道灯不亮",
        "垃圾清运不及时",
        "绿化带无人修剪",
        "楼道堆放杂物",
        "门禁损坏",
    ),
    ComplaintLevel.IMPORTANT: ("电梯频繁停运", "消防通道被占用", "二次供水水质差", "监控设备损坏"),
    ComplaintLevel.MAJOR: ("外墙大面积渗水", "电梯困人多次", "地下车库积水严重"),
}
PAUSE_REASONS = ("等待配件到货", "业主外出无法入户", "需专项维修资金表决", "雨天无法施工")
RESOLUTIONS = ("已维修完毕", "已清理完毕", "已协调处理", "已更换设备")


@dataclass
class Story:
    """A complaint as the workflow leaves it, and its history."""

    company: int
    level: ComplaintLevel
    filed: datetime
    due: datetime
    status: ComplaintStatus = S.FILED
    escalation: EscalationLevel = E.NONE
    events: list[dict[str, object]] = field(default_factory=list)
    columns: dict[str, object] = field(default_factory=dict)

    def move(
        self, action: ComplaintAction, target: ComplaintStatus, at: datetime, **why: str
    ) -> None:
        transition = COMPLAINTS.transition(action)
        source = None if not self.events else self.status
        assert source in transition.sources, (action, source)
        assert target in transition.targets, (action, target)
        self.status = target
        self.events.append(
            {
                "action": action,
                "from_status": source,
                "to_status": target,
                "at": at,
                "actor_user_id": None,
                "actor_person_id": None,
                "reason": why.get("reason"),
                "level": self.level,
                "property_company_id": self.company,
                "due_at": self.due,
                "escalation": self.escalation,
            }
        )


class Filed(NamedTuple):
    """What the lists' tally needs of a written complaint; its history is not kept (at
    scale 100 the stories with their events were a third of the generator's memory)."""

    company: int
    filed: datetime
    due: datetime
    resolved: object


class ComplaintGenerator:
    """The companies' complaints, community by community, then the ratings and lists."""

    def __init__(self, generator: District, companies: dict[int, list[int]]) -> None:
        self.g = generator
        self.w = generator.w
        self.rng = random.Random(f"complaints-{generator.seed}")
        self.companies = companies  # community index → its companies
        self.per_company: dict[int, int] = {}
        self.district = 0
        self.filed: list[Filed] = []
        self.end = datetime.combine(generator.timeline.as_of, time(0), DISTRICT_TZ)

    def prepare(self, district: int) -> None:
        """Each company's share of the year's complaints (after the companies exist)."""
        self.district = district
        keys = sorted(key for companies in self.companies.values() for key in companies)
        counts = apportion(self.g.scale.expected()["property_complaints"], [1.0] * len(keys))
        self.per_company = dict(zip(keys, counts, strict=True))

    def hours(self, span: tuple[float, float]) -> timedelta:
        return timedelta(hours=self.rng.uniform(*span))

    async def community(
        self, index: int, community: int, buildings: Sequence[int], residents: Sequence[Resident]
    ) -> None:
        for company in self.companies.get(index, []):
            for _ in range(self.per_company[company]):
                await self.complaint(company, community, buildings, residents)

    async def complaint(
        self,
        company: int,
        community: int,
        buildings: Sequence[int],
        residents: Sequence[Resident],
    ) -> None:
        rng = self.rng
        level = ComplaintLevel(
            rng.choices(
                list(figures.COMPLAINT_LEVEL_SHARES), list(figures.COMPLAINT_LEVEL_SHARES.values())
            )[0]
        )
        day = self.end - timedelta(days=rng.randrange(1, 366))
        filed = day + timedelta(hours=rng.uniform(8, 20))
        story = Story(company, level, filed, sla.due_at(level, filed, 0))
        self.play(story)
        complainant = rng.choice(residents) if residents else None
        key = self.w.new_id("property_complaints")
        await self.w.add(
            "property_complaints",
            {
                "id": key,
                "property_company_id": company,
                "community_id": community,
                "building_id": complainant.building if complainant else rng.choice(buildings),
                "complainant_person_id": complainant.person if complainant else None,
                "filed_by_user_id": complainant.user if complainant else None,
                "level": level,
                "title": rng.choice(TITLES[level]),
                "description": "",
                "status": story.status,
                "status_changed_at": story.events[-1]["at"],
                "filed_at": filed,
                "clock_started_at": filed,
                "due_at": story.due,
                "paused_seconds": 0,
                "paused_at": None,
                "paused_from": None,
                "pause_reason": None,
                "acknowledged_at": None,
                "resolved_at": None,
                "resolution": None,
                "confirmed_at": None,
                "satisfied": None,
                "escalation": story.escalation,
                "escalated_at": None,
                "reopen_count": 0,
                **story.columns,
                **self.g.stamps(),
            },
        )
        for event in story.events:
            await self.w.add("property_complaint_events", {"complaint_id": key, **event})
        resolved = story.columns.get("resolved_at")
        self.filed.append(Filed(story.company, story.filed, story.due, resolved))

    def play(self, story: Story) -> None:
        """Move the complaint as far as the as-of day allows."""
        rng, end, c = self.rng, self.end, story.columns
        story.move(A.FILE, S.FILED, story.filed)
        ack = story.filed + self.hours(figures.ACKNOWLEDGE_HOURS)
        if ack >= end:
            return
        story.move(A.ACKNOWLEDGE, S.ACKNOWLEDGED, ack)
        c["acknowledged_at"] = ack
        handle = ack + self.hours((0.5, 2.0))
        if handle >= end:
            return
        story.move(A.HANDLE, S.IN_HANDLING, handle, reason="已安排人员处理")
        if rng.random() < figures.SHARE_COMPLAINTS_PAUSED:
            paused = handle + (story.due - handle) * rng.uniform(0.1, 0.3)
            resumed = paused + self.hours(figures.PAUSE_HOURS)
            if paused >= end:
                return
            reason = rng.choice(PAUSE_REASONS)
            story.move(A.PAUSE, S.PAUSED, paused, reason=reason)
            c.update(paused_at=paused, paused_from=S.IN_HANDLING, pause_reason=reason)
            if resumed >= end:
                return
            seconds = int((resumed - paused).total_seconds())
            story.due = sla.due_at(story.level, story.filed, seconds)
            c.update(paused_at=None, paused_from=None, paused_seconds=seconds)
            story.move(A.RESUME, S.IN_HANDLING, resumed, reason="恢复计时")
        days = timedelta(days=sla.deadline_days(story.level))
        if rng.random() < figures.SHARE_COMPLAINTS_BREACHED:
            late = self.hours(figures.LATE_HOURS)
            street = rng.random() < figures.SHARE_BREACHED_TO_STREET
            resolve = story.due + (days + late if street else late)
        else:
            start = story.events[-1]["at"]
            assert isinstance(start, datetime)
            resolve = start + (story.due - start) * rng.uniform(0.2, 0.9)
        for level, at in (
            (E.COMMUNITY, story.due + timedelta(hours=1)),
            (E.STREET, story.due + days + timedelta(hours=1)),
        ):
            if at < min(resolve, end):
                story.escalation = level
                c["escalated_at"] = at
                story.move(A.ESCALATE, story.status, at, reason="overdue (超时督办)")
        if resolve >= end:
            return
        story.move(A.RESOLVE, S.RESOLVED, resolve)
        c.update(resolved_at=resolve, resolution=rng.choice(RESOLUTIONS))
        if rng.random() < figures.SHARE_COMPLAINTS_REOPENED:
            reopened = resolve + self.hours(figures.REOPEN_HOURS)
            if reopened >= end:
                return
            story.move(A.REOPEN, S.IN_HANDLING, reopened, reason="问题未彻底解决")
            c.update(resolved_at=None, satisfied=False, reopen_count=1)
            resolve = reopened + self.hours(figures.REOPEN_HOURS)
            if resolve >= end:
                return
            story.move(A.RESOLVE, S.RESOLVED, resolve)
            c["resolved_at"] = resolve
        confirmed = resolve + self.hours(figures.CONFIRM_HOURS)
        if confirmed < end:
            story.move(A.CONFIRM, S.CONFIRMED, confirmed)
            c.update(confirmed_at=confirmed, satisfied=True)

    def quarters(self) -> list[tuple[int, int, datetime]]:
        """The four whole quarters before the as-of day, with the end of each."""
        as_of = self.g.timeline.as_of
        year, quarter = as_of.year, (as_of.month - 1) // 3 + 1
        found = []
        for _ in range(figures.RATED_QUARTERS):
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
            end_year, end_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
            ends = datetime.combine(date(end_year, 3 * end_quarter - 2, 1), time(), DISTRICT_TZ)
            found.append((year, quarter, ends))
        return sorted(found)

    def tally(self, ends: datetime, start: datetime) -> dict[int, tuple[int, int, int]]:
        """Per company: complaints filed in the quarter, on time, late — as they stood
        when the list was published (open ones past due are late)."""
        found: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for complaint in self.filed:
            if not start <= complaint.filed < ends:
                continue
            counts = found[complaint.company]
            counts[0] += 1
            resolved = complaint.resolved
            if isinstance(resolved, datetime) and resolved <= ends:
                counts[1 if resolved <= complaint.due else 2] += 1
            elif complaint.due < ends:
                counts[2] += 1
        return {key: (a, b, c) for key, (a, b, c) in found.items()}

    async def finish(self) -> None:
        """Every company's ratings for the four quarters and the lists they made."""
        rng = self.rng
        companies = sorted(self.per_company)
        for year, quarter, ends in self.quarters():
            start_year, start_month = (year, 3 * quarter - 2)
            start = datetime.combine(date(start_year, start_month, 1), time(), DISTRICT_TZ)
            published = ends + timedelta(hours=1)
            key = await self.w.add(
                "red_black_lists",
                {
                    "district_id": self.district,
                    "year": year,
                    "quarter": quarter,
                    "rule": red_black_rule.RULE.as_data(),
                    "published_at": published,
                    "published_by_user_id": None,
                },
            )
            tallies = self.tally(ends, start)
            for company in companies:
                positive = sorted(
                    rng.sample(range(1, 16), rng.randint(*figures.POSITIVE_ITEMS_MET))
                )
                draw = rng.random()
                negatives = (
                    2
                    if draw < figures.SHARE_TWO_NEGATIVES
                    else 1
                    if draw < figures.SHARE_TWO_NEGATIVES + figures.SHARE_ONE_NEGATIVE
                    else 0
                )
                negative = sorted(rng.sample(range(1, 7), negatives))
                score = red_black_rule.rating_score(len(positive), len(negative))
                await self.w.add(
                    "company_ratings",
                    {
                        "property_company_id": company,
                        "year": year,
                        "quarter": quarter,
                        "positive_items": positive,
                        "negative_items": negative,
                        "score": score,
                        "note": "",
                        "evidence": [
                            {
                                "title": "季度考评表",
                                "url": f"https://files.example.cn/ratings/{year}q{quarter}/{company}.pdf",
                            }
                        ],
                        "rated_at": ends - timedelta(days=2, hours=-10),
                        "rated_by_user_id": None,
                        "rated_by_person_id": None,
                    },
                )
                filed, on_time, late = tallies.get(company, (0, 0, 0))
                standing, reasons = red_black_rule.standing(score, len(negative), on_time, late)
                await self.w.add(
                    "red_black_list_entries",
                    {
                        "list_id": key,
                        "property_company_id": company,
                        "standing": standing,
                        "score": score,
                        "negative_count": len(negative),
                        "complaints": filed,
                        "on_time": on_time,
                        "late": late,
                        "on_time_rate": red_black_rule.on_time_rate(on_time, late),
                        "reasons": reasons,
                    },
                )
