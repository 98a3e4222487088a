"""Training, study sessions and party life of the generated district's programme year.

The district's rotation courses for the four audiences and the volunteer training base's
23 courses, each past course with its "five ones" (五个一) and the committee courses with
the community workers' enrolment, attendance and scores; 108 study sessions (学习研讨) with
their 250-odd problems, most corrected; each community party committee's themed party
days on the 28th and its "three meetings and one lesson" (三会一课), held with its members'
attendance, the volunteer services planned with them pointing at them. Shares and counts
are in simulation/scale.py. The domain draws from its own random stream, so that adding it
leaves every earlier domain's draws, and rows, as they were; it writes a community's
meetings before its volunteer plans so that the plans can name them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from db.models import (
    Attendance,
    CourseMode,
    FiveOnesItem,
    MeetingAction,
    MeetingKind,
    MeetingStatus,
    PartyTieIn,
    ProblemAction,
    ProblemSource,
    ProblemStatus,
    TrainingAudience,
)
from db.training_catalogue import BASE_COURSES
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, Resident, apportion

COURSE_TITLES = {
    TrainingAudience.COMMUNITY_COMMITTEE: "社区两委干部轮训",
    TrainingAudience.SUPERVISION_COMMITTEE_HEAD: "居务监督委员会主任培训",
    TrainingAudience.PROPERTY_PARTY_LEAD: "物业服务企业党组织负责人培训",
    TrainingAudience.OWNERS_COMMITTEE: "业主委员会委员培训",
}
# The months each audience's courses fall in, by how many it has in a year.
COURSE_MONTHS = {4: (2, 5, 8, 11), 2: (3, 9)}
TOPICS = (
    "对标对表找差距、务求实效搞服务",
    "学习党的二十大精神",
    "提升社区为民服务力",
    "网格治理经验交流",
    "物业服务问题剖析",
    "志愿服务常态化研讨",
)
PROBLEMS = (
    "为民服务窗口午间无人值守",
    "居民诉求回复不及时",
    "网格员入户走访不到位",
    "工作台账记录不全",
    "志愿服务项目与需求不对接",
    "党员作用发挥不够明显",
    "社区活动阵地利用率低",
    "老旧小区问题跟踪不够",
)
CORRECTIONS = ("已建立轮班制度", "已制定回复时限", "已补齐台账", "已调整服务项目", "已落实责任人")
MEETING_DAYS = {
    MeetingKind.PARTY_DAY: 28,
    MeetingKind.COMMITTEE_MEETING: 10,
    MeetingKind.MEMBERS_MEETING: 20,
    MeetingKind.PARTY_LESSON: 25,
}
THEMES = {
    MeetingKind.PARTY_DAY: "主题党日：重温入党誓词",
    MeetingKind.COMMITTEE_MEETING: "支部委员会",
    MeetingKind.MEMBERS_MEETING: "党员大会",
    MeetingKind.PARTY_LESSON: "党课：践行为民服务宗旨",
}
AGENDAS = {
    MeetingKind.PARTY_DAY: ["重温入党誓词", "集中学习", "开展志愿服务"],
    MeetingKind.COMMITTEE_MEETING: ["通报上月工作", "研究本月重点任务"],
    MeetingKind.MEMBERS_MEETING: ["传达上级精神", "讨论季度工作"],
    MeetingKind.PARTY_LESSON: ["书记讲党课", "交流心得"],
}
THREE_MEETINGS = frozenset(
    {
        MeetingKind.COMMITTEE_MEETING,
        MeetingKind.MEMBERS_MEETING,
        MeetingKind.GROUP_MEETING,
        MeetingKind.PARTY_LESSON,
    }
)


def _at(day: date, hour: float) -> datetime:
    return datetime.combine(day, time(0), DISTRICT_TZ) + timedelta(hours=hour)


class TrainingGenerator:
    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng = random.Random(f"training-{generator.seed}")
        self.as_of = generator.timeline.as_of
        self.year = generator.timeline.year
        self.end = datetime.combine(self.as_of, time(0), DISTRICT_TZ)
        self.last_day = min(date(self.year, 12, 31), self.as_of - timedelta(days=1))
        # The committee courses past their end: (course, pass mark); later ones by key.
        self.committee_courses: list[tuple[int, bool]] = []
        self.sessions: list[int] = []
        self.problems: list[int] = []
        # (community, month, PARTY_DAY or THREE_MEETINGS_ONE_LESSON) → the meeting.
        self.held_with_meeting: dict[tuple[int, int, PartyTieIn], int] = {}
        self.street = 0  # the street of the community being written

    def shares(self, table: dict[str, float]) -> str:
        return self.rng.choices(list(table), list(table.values()))[0]

    async def prepare(self, district: int, communities: int) -> None:
        """The district's courses of the year, and each community's share of sessions."""
        expected = self.g.scale.expected()
        self.sessions = apportion(expected["study_sessions"], [1.0] * communities)
        self.problems = apportion(expected["study_problems"], [float(n) for n in self.sessions])
        for name, count in figures.TRAINING_COURSES_PER_AUDIENCE.items():
            audience = TrainingAudience(name)
            for number, month in enumerate(COURSE_MONTHS[count]):
                online = self.rng.random() < figures.SHARE_COURSES_ONLINE
                course, past = await self.course(
                    district,
                    f"{self.year}年{COURSE_TITLES[audience]}（第{number + 1}期）",
                    audience,
                    CourseMode.ONLINE if online else CourseMode.IN_PERSON,
                    _at(date(self.year, month, 15), 9),
                    base=False,
                )
                if audience is TrainingAudience.COMMUNITY_COMMITTEE:
                    self.committee_courses.append((course, past))
        for number, title in enumerate(BASE_COURSES[: figures.TRAINING_BASE_COURSES]):
            day = date(self.year, number % 12 + 1, 5 + number // 12 * 7)
            await self.course(
                district,
                title,
                TrainingAudience.VOLUNTEER,
                CourseMode.IN_PERSON,
                _at(day, 14),
                base=True,
            )

    async def course(
        self,
        district: int,
        title: str,
        audience: TrainingAudience,
        mode: CourseMode,
        starts: datetime,
        *,
        base: bool,
    ) -> tuple[int, bool]:
        ends = starts + timedelta(hours=3)
        course = await self.w.add(
            "training_courses",
            {
                "district_id": district,
                "street_id": None,
                "title": title,
                "description": "",
                "audience": audience,
                "mode": mode,
                "at_training_base": base,
                "starts_at": starts,
                "ends_at": ends,
                "pass_score": figures.COURSE_PASS_SCORE,
                "created_by_user_id": None,
                **self.g.stamps(),
            },
        )
        past = ends < self.end
        if past:
            missing = self.rng.random() < figures.SHARE_COURSES_WITHOUT_BULLETIN
            for item in FiveOnesItem:
                if missing and item is FiveOnesItem.BULLETIN:
                    continue
                await self.w.add(
                    "training_course_records",
                    {
                        "course_id": course,
                        "item": item,
                        "note": "",
                        "recorded_at": ends + timedelta(days=1),
                        "recorded_by_user_id": None,
                    },
                )
        return course, past

    async def community(
        self,
        index: int,
        community: int,
        street: int,
        committee: int,
        workers: Sequence[Resident],
        secretary: Resident,
    ) -> None:
        self.street = street
        await self.trainees(workers)
        await self.study(index, community, workers, secretary)
        members = [worker.person for worker in workers if worker.member]
        for name, count in figures.COMMITTEE_MEETINGS_PER_YEAR.items():
            kind = MeetingKind(name)
            for month in range(1, 13) if count == 12 else (3, 6, 9, 12):
                await self.meeting(community, committee, kind, month, members, secretary)

    async def trainees(self, workers: Sequence[Resident]) -> None:
        rng = self.rng
        for course, past in self.committee_courses:
            for worker in workers:
                row: dict[str, object] = {
                    "course_id": course,
                    "person_id": worker.person,
                    "signed_commitment": past,
                    "attendance": None,
                    "exam_score": None,
                    "completed": False,
                    **self.g.stamps(),
                }
                if past:
                    signed = rng.random() < figures.SHARE_TRAINEES_SIGNED
                    attendance = Attendance(self.shares(figures.TRAINEE_ATTENDANCE_SHARES))
                    present = attendance is Attendance.PRESENT
                    score = rng.randint(*figures.EXAM_SCORES) if present else None
                    row |= {
                        "signed_commitment": signed,
                        "attendance": attendance,
                        "exam_score": score,
                        "completed": signed
                        and score is not None
                        and score >= figures.COURSE_PASS_SCORE,
                    }
                await self.w.add("training_enrolments", row)

    def day_of_year(self) -> date:
        first = date(self.year, 1, 1)
        return first + timedelta(days=self.rng.randrange((self.last_day - first).days + 1))

    async def study(
        self, index: int, community: int, workers: Sequence[Resident], secretary: Resident
    ) -> None:
        rng = self.rng
        sessions = self.sessions[index]
        counts = apportion(self.problems[index], [1.0] * sessions) if sessions else []
        for found in counts:
            held = self.day_of_year()
            session = await self.w.add(
                "study_sessions",
                {
                    "community_id": community,
                    "held_on": held,
                    "topic": rng.choice(TOPICS),
                    "participants": max(1, len(workers) - rng.randint(0, 1)),
                    "summary": f"查找问题{found}条",
                    "recorded_by_user_id": secretary.user,
                    **self.g.stamps(),
                },
            )
            for _ in range(found):
                await self.problem(session, community, held, workers)

    async def problem(
        self, session: int, community: int, held: date, workers: Sequence[Resident]
    ) -> None:
        rng = self.rng
        found_at = _at(held, 17)
        due = held + timedelta(days=rng.randint(*figures.PROBLEM_DUE_DAYS))
        corrected: date | None = None
        start = held + timedelta(days=3)
        if due < self.as_of and rng.random() < figures.SHARE_PROBLEMS_CORRECTED:
            corrected = start + timedelta(days=rng.randrange(max(1, (due - start).days + 1)))
        elif due >= self.as_of and start < self.as_of and rng.random() < 0.4:
            corrected = start + timedelta(days=rng.randrange((self.as_of - start).days))
        correction = rng.choice(CORRECTIONS) if corrected else None
        changed = _at(corrected, 16) if corrected else found_at
        key = self.w.new_id("study_problems")
        owner = rng.choice(workers).person if workers else None
        await self.w.add(
            "study_problems",
            {
                "id": key,
                "session_id": session,
                "community_id": community,
                "source": rng.choice(list(ProblemSource)),
                "description": rng.choice(PROBLEMS),
                "owner_person_id": owner,
                "due_on": due,
                "status": ProblemStatus.CORRECTED if corrected else ProblemStatus.OPEN,
                "status_changed_at": changed,
                "found_at": found_at,
                "corrected_on": corrected,
                "correction": correction,
                **self.g.stamps(),
            },
        )
        steps: list[tuple[ProblemAction, ProblemStatus | None, ProblemStatus, datetime, str | None]]
        steps = [(ProblemAction.FIND, None, ProblemStatus.OPEN, found_at, None)]
        if corrected:
            steps.append(
                (
                    ProblemAction.CORRECT,
                    ProblemStatus.OPEN,
                    ProblemStatus.CORRECTED,
                    changed,
                    correction,
                )
            )
        for action, source, target, at, reason in steps:
            await self.w.add(
                "study_problem_events",
                {
                    "problem_id": key,
                    "action": action,
                    "from_status": source,
                    "to_status": target,
                    "at": at,
                    "actor_user_id": None,
                    "actor_person_id": None,
                    "reason": reason,
                },
            )

    async def meeting(
        self,
        community: int,
        committee: int,
        kind: MeetingKind,
        month: int,
        members: Sequence[int],
        secretary: Resident,
    ) -> None:
        """A committee meeting of the year: held with attendance when past, scheduled when
        it falls in the as-of day's month, not yet planned after that."""
        day = date(self.year, month, MEETING_DAYS[kind])
        at = _at(day, 9 if kind is MeetingKind.PARTY_DAY else 15)
        past = at + timedelta(hours=2) < self.end
        if not past and (day.year, day.month) != (self.as_of.year, self.as_of.month):
            return
        scheduled_at = at - timedelta(days=7)
        counts = {status: 0 for status in Attendance}
        attendance: list[tuple[int, Attendance]] = []
        if past:
            for member in members:
                status = Attendance(self.shares(figures.MEETING_ATTENDANCE_SHARES))
                counts[status] += 1
                attendance.append((member, status))
        held_at = at + timedelta(hours=2) if past else None
        key = self.w.new_id("party_meetings")
        await self.w.add(
            "party_meetings",
            {
                "id": key,
                "party_organization_id": committee,
                "street_id": self.street,
                "community_id": community,
                "kind": kind,
                "theme": THEMES[kind],
                "agenda": AGENDAS[kind],
                "scheduled_at": at,
                "status": MeetingStatus.HELD if past else MeetingStatus.SCHEDULED,
                "status_changed_at": held_at or scheduled_at,
                "held_at": held_at,
                "cancelled_at": None,
                "minutes": f"应到{len(members)}人，实到{counts[Attendance.PRESENT]}人。"
                if past
                else None,
                "present": counts[Attendance.PRESENT],
                "absent": counts[Attendance.ABSENT],
                "excused": counts[Attendance.EXCUSED],
                "recorded_by_user_id": secretary.user,
                **self.g.stamps(),
            },
        )
        steps: list[tuple[MeetingAction, MeetingStatus | None, MeetingStatus, datetime]]
        steps = [(MeetingAction.SCHEDULE, None, MeetingStatus.SCHEDULED, scheduled_at)]
        if held_at is not None:
            steps.append((MeetingAction.HOLD, MeetingStatus.SCHEDULED, MeetingStatus.HELD, held_at))
        for action, source, target, when in steps:
            await self.w.add(
                "party_meeting_events",
                {
                    "meeting_id": key,
                    "action": action,
                    "from_status": source,
                    "to_status": target,
                    "at": when,
                    "actor_user_id": secretary.user,
                    "actor_person_id": secretary.person,
                    "reason": None,
                },
            )
        for member, status in attendance:
            await self.w.add(
                "party_meeting_attendance",
                {"meeting_id": key, "person_id": member, "status": status},
            )
        tie_in = (
            PartyTieIn.PARTY_DAY
            if kind is MeetingKind.PARTY_DAY
            else PartyTieIn.THREE_MEETINGS_ONE_LESSON
        )
        if kind in (MeetingKind.PARTY_DAY, MeetingKind.COMMITTEE_MEETING):
            self.held_with_meeting[(community, month, tie_in)] = key

    def held_with(self, community: int, year: int, month: int, tie_in: PartyTieIn) -> int | None:
        """The committee meeting a planned service of that month is held with, if any."""
        if year != self.year or tie_in is PartyTieIn.NONE:
            return None
        return self.held_with_meeting.get((community, month, tie_in))
