"""Training, study sessions and party life through the year (培训、学习研讨、组织生活):
the district admin runs the rotation courses for the communities' committees with their
"five ones", the secretaries on them; secretaries record their communities' study
sessions with the problems found and correct them before they fall due (most of them);
each community party committee schedules its themed party day a week before the 28th and
holds it with its members' attendance, and its committee meeting every month. The report
sets the year's figures beside the report's (108 sessions, 250+ problems) and the API's
own `trainingFigures`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.loop import Action, Step, World
from simulation.year.minimum_periods import YEAR, judged
from simulation.year.report import Kpi, Section
from simulation.year.roster import ADMIN, Community

ERRORS = "userErrors { code message }"
CREATE = mutation("createTrainingCourse", "CreateTrainingCourseInput", f"course {{ id }} {ERRORS}")
FIVE = mutation(
    "recordCourseFiveOnes", "RecordCourseFiveOnesInput", f"course {{ fiveOnesComplete }} {ERRORS}"
)
ENROL = mutation("enrolInCourse", "EnrolInCourseInput", f"course {{ id }} {ERRORS}")
RESULT = mutation(
    "recordCourseResult", "RecordCourseResultInput", f"enrolment {{ completed }} {ERRORS}"
)
SESSION = mutation(
    "recordStudySession",
    "RecordStudySessionInput",
    f"session {{ id problems {{ id dueOn }} }} {ERRORS}",
)
CORRECT = mutation(
    "correctStudyProblem", "CorrectStudyProblemInput", f"problem {{ status }} {ERRORS}"
)
SCHEDULE = mutation(
    "schedulePartyMeeting",
    "SchedulePartyMeetingInput",
    f"meeting {{ id members {{ id }} }} {ERRORS}",
)
HOLD = mutation(
    "holdPartyMeeting", "HoldPartyMeetingInput", f"meeting {{ present absent excused }} {ERRORS}"
)
COMMITTEE = """query TrainingCommunityCommittee($id: ID!) { node(id: $id) {
  ... on Community { partyOrganization { id } } } }"""
FIGURES = """query TrainingYearFigures($year: Int!) { trainingFigures(year: $year) {
  studySessions studyProblems correctedProblems partyDays completeCourses } }"""
FIVE_ONES = ("COMMITMENT_LETTER", "ATTENDANCE_SHEET", "INSPECTION", "BULLETIN", "EXAM")
SOURCES = ("RESIDENTS", "SUPERIORS", "PEERS", "SELF")
COMMITTEE_COURSE_MONTHS = (2, 5, 8, 11)


@dataclass
class _Tally:
    courses: int = 0
    complete: int = 0
    trainees: int = 0
    completed: int = 0
    sessions: int = 0
    problems: int = 0
    corrected: int = 0
    party_days: int = 0
    committee_meetings: int = 0
    present: int = 0
    counted: int = 0
    refused: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)


@activity
class Training:
    name: ClassVar[str] = "training"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.tally = _Tally()
        self.committees: dict[str, str | None] = {}

    @property
    def factor(self) -> float:
        return len(self.world.roster.communities) / scale.COMMUNITIES

    def start(self) -> None:
        period = self.world.period
        communities = [c for c in self.world.roster.communities.values() if c.secretary]
        if not communities:
            return
        share = period.days / 365
        sessions = round(scale.STUDY_SESSIONS * self.factor * share)
        problems = round(scale.STUDY_PROBLEMS * self.factor * share)
        for n in range(sessions):
            found = problems // sessions + (1 if n < problems % sessions else 0)
            day = period.start + timedelta(days=self.rng.randrange(period.days))
            at = period.moment(day, self.rng.uniform(14, 17))
            self.world.schedule(at, self._session(self.rng.choice(communities), found))
        for year, month in period.months():
            for community in communities:
                for kind, on_day, hour in (
                    ("PARTY_DAY", 28, 9.0),
                    ("COMMITTEE_MEETING", 10, 15.0),
                ):
                    held = date(year, month, on_day)
                    ahead = held - timedelta(days=7)
                    if ahead >= period.start and held < period.end:
                        at = period.moment(ahead, self.rng.uniform(9, 11))
                        meeting = period.moment(held, hour)
                        self.world.schedule(at, self._meeting(community, kind, meeting))
            if month in COMMITTEE_COURSE_MONTHS:
                starts = period.moment(date(year, month, 15), 9)
                if period.begins < starts - timedelta(days=7) and starts < period.ends:
                    self.world.schedule(starts - timedelta(days=7), self._course(starts))

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            error = payload["userErrors"][0]
            self.tally.refused.append(f"{error['code']}: {error['message']}")
            return None
        result: dict[str, Any] = payload
        return result

    # --- courses ------------------------------------------------------------------------

    def _course(self, starts: Any) -> Action:
        async def act(step: Step) -> None:
            online = step.rng.random() < scale.SHARE_COURSES_ONLINE
            created = await self._send(
                step,
                CREATE,
                {
                    "title": f"{starts:%Y年%m月}社区两委干部轮训",
                    "audience": "COMMUNITY_COMMITTEE",
                    "mode": "ONLINE" if online else "IN_PERSON",
                    "startsAt": starts.isoformat(),
                    "endsAt": (starts + timedelta(hours=3)).isoformat(),
                    "passScore": scale.COURSE_PASS_SCORE,
                },
                ADMIN,
            )
            if created is None:
                return
            course = created["course"]["id"]
            self.tally.courses += 1
            people = [
                c.secretary_id for c in self.world.roster.communities.values() if c.secretary_id
            ]
            for start in range(0, len(people), 100):
                await self._send(
                    step,
                    ENROL,
                    {"courseId": course, "personIds": people[start : start + 100]},
                    ADMIN,
                )
            step.then(starts + timedelta(hours=4), self._course_done(course, people))

        return act

    def _course_done(self, course: str, people: list[str]) -> Action:
        async def act(step: Step) -> None:
            rng = step.rng
            for person in people:
                attendance = rng.choices(
                    list(scale.TRAINEE_ATTENDANCE_SHARES),
                    list(scale.TRAINEE_ATTENDANCE_SHARES.values()),
                )[0]
                result = await self._send(
                    step,
                    RESULT,
                    {
                        "courseId": course,
                        "personId": person,
                        "signedCommitment": rng.random() < scale.SHARE_TRAINEES_SIGNED,
                        "attendance": attendance,
                        **(
                            {"examScore": rng.randint(*scale.EXAM_SCORES)}
                            if attendance == "PRESENT"
                            else {}
                        ),
                    },
                    ADMIN,
                )
                if result is not None:
                    self.tally.trainees += 1
                    self.tally.completed += bool(result["enrolment"]["completed"])
            complete = False
            for item in FIVE_ONES:
                kept = await self._send(step, FIVE, {"courseId": course, "item": item}, ADMIN)
                if kept is not None:
                    complete = kept["course"]["fiveOnesComplete"]
            self.tally.complete += complete

        return act

    # --- study sessions -----------------------------------------------------------------

    def _session(self, community: Community, found: int) -> Action:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            rng = step.rng
            held = step.at.date()
            problems = [
                {
                    "source": rng.choice(SOURCES),
                    "description": "为民服务中查找的问题",
                    "dueOn": (
                        held + timedelta(days=rng.randint(*scale.PROBLEM_DUE_DAYS))
                    ).isoformat(),
                    **({"ownerPersonId": community.secretary_id} if community.secretary_id else {}),
                }
                for _ in range(found)
            ]
            recorded = await self._send(
                step,
                SESSION,
                {
                    "communityId": community.id,
                    "heldOn": held.isoformat(),
                    "topic": "对标对表找差距、务求实效搞服务",
                    "participants": 8,
                    "problems": problems,
                },
                community.secretary,
            )
            if recorded is None:
                return
            self.tally.sessions += 1
            self.tally.years.add(held.year)
            for problem in recorded["session"]["problems"]:
                self.tally.problems += 1
                if rng.random() >= scale.SHARE_PROBLEMS_CORRECTED:
                    continue
                due = date.fromisoformat(problem["dueOn"])
                span = max(1, (due - held).days - 3)
                day = held + timedelta(days=3 + rng.randrange(span))
                at = self.world.period.moment(day, rng.uniform(9, 17))
                step.then(at, self._correct(community, problem["id"]))

        return act

    def _correct(self, community: Community, problem: str) -> Action:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            corrected = await self._send(
                step,
                CORRECT,
                {"problemId": problem, "correction": "已制定措施并落实"},
                community.secretary,
            )
            self.tally.corrected += corrected is not None

        return act

    # --- party meetings -----------------------------------------------------------------

    async def _committee(self, step: Step, community: Community) -> str | None:
        if community.id not in self.committees:
            data = await self.world.api.query(
                COMMITTEE, {"id": community.id}, user=ADMIN, at=step.at
            )
            organization = (data["node"] or {}).get("partyOrganization")
            self.committees[community.id] = organization["id"] if organization else None
        return self.committees[community.id]

    def _meeting(self, community: Community, kind: str, at: Any) -> Action:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            committee = await self._committee(step, community)
            if committee is None:
                return
            scheduled = await self._send(
                step,
                SCHEDULE,
                {
                    "partyOrganizationId": committee,
                    "kind": kind,
                    "theme": "主题党日" if kind == "PARTY_DAY" else "支部委员会",
                    "scheduledAt": at.isoformat(),
                    "agenda": ["集中学习", "研究工作"],
                },
                community.secretary,
            )
            if scheduled is not None:
                meeting = scheduled["meeting"]
                step.then(at + timedelta(hours=2), self._hold(community, kind, meeting))

        return act

    def _hold(self, community: Community, kind: str, meeting: dict[str, Any]) -> Action:
        async def act(step: Step) -> None:
            assert community.secretary is not None
            rng = step.rng
            shares = scale.MEETING_ATTENDANCE_SHARES
            attendance = [
                {
                    "personId": member["id"],
                    "status": rng.choices(list(shares), list(shares.values()))[0],
                }
                for member in meeting["members"]
            ]
            held = await self._send(
                step,
                HOLD,
                {"meetingId": meeting["id"], "minutes": "会议记录", "attendance": attendance},
                community.secretary,
            )
            if held is None:
                return
            counts = held["meeting"]
            self.tally.present += counts["present"]
            self.tally.counted += counts["present"] + counts["absent"] + counts["excused"]
            if kind == "PARTY_DAY":
                self.tally.party_days += 1
            else:
                self.tally.committee_meetings += 1

        return act

    # --- the report ---------------------------------------------------------------------

    async def report(self) -> Section:
        period, tally = self.world.period, self.tally
        api = {"studySessions": 0, "studyProblems": 0, "correctedProblems": 0, "partyDays": 0}
        for year in sorted({y for y, _ in period.months()}):
            data = await self.world.api.query(FIGURES, {"year": year}, user=ADMIN, at=period.ends)
            for key in api:
                api[key] += data["trainingFigures"][key]
        sessions = round(scale.STUDY_SESSIONS * self.factor)
        problems = round(scale.STUDY_PROBLEMS * self.factor)
        communities = sum(1 for c in self.world.roster.communities.values() if c.secretary)
        rate = tally.present / tally.counted if tally.counted else None
        ours = (tally.sessions, tally.problems, tally.corrected, tally.party_days)
        theirs = tuple(api.values())
        return Section(
            "Training, study sessions and party life (培训、学习研讨与组织生活)",
            [
                judged(
                    "study sessions held (学习研讨)",
                    tally.sessions,
                    "sessions",
                    f"≥ {sessions} a year ({scale.STUDY_SESSIONS} in the real district)",
                    tally.sessions >= sessions,
                    needs=YEAR,
                    period=period,
                ),
                judged(
                    "problems found (查找问题)",
                    tally.problems,
                    "problems",
                    f"≥ {problems} a year (250+ in the real district)",
                    tally.problems >= problems,
                    needs=YEAR,
                    period=period,
                ),
                Kpi("problems corrected (已整改)", tally.corrected, "problems"),
                judged(
                    "themed party days held (28日主题党日)",
                    tally.party_days,
                    "meetings",
                    f"one a month in each of {communities} communities",
                    tally.party_days >= communities * 12,
                    needs=YEAR,
                    period=period,
                ),
                Kpi("committee meetings held (支委会)", tally.committee_meetings, "meetings"),
                Kpi("attendance at held meetings (出勤率)", rate, "share"),
                Kpi("committee courses run, complete on the five ones", tally.complete, "courses"),
                Kpi("secretaries trained / completed", f"{tally.trainees} / {tally.completed}", ""),
                Kpi(
                    "sessions, problems, corrected, party days: the API's figures",
                    " / ".join(str(n) for n in theirs),
                    "",
                ),
                Kpi("API agrees with the tally", "yes" if ours == theirs else "no", ""),
                Kpi("refused steps (userErrors)", len(tally.refused), "steps"),
            ],
        )
