"""Observers and the yearly assessment (观察员与年度考核): each community's observer visits
it once a quarter where assigned (the district assigns one where the year has none) and
records what falls short; the four rings are recorded every quarter (look by the
observer, report by the secretary, evaluate and supervise by the district); at the year's
end the district reviews every community's party organisation, rated from below by its
members and residents (下评上), and concludes it with its shortfalls, which the secretary
turns into next year's breakthrough projects; the award round goes from the communities'
applications through the streets' first review to the district's re-check; and the
secretaries of the lowest reviews are replaced."""

from __future__ import annotations

import asyncio
import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.account_names import observer_username
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.assessment_kpis import AssessmentTally, assessment_section
from simulation.year.loop import Action, Step, World
from simulation.year.report import Section
from simulation.year.roster import ADMIN, Community, pages, username_of

ERRORS = "userErrors { code message }"
ASSIGN = mutation("assignObserver", "AssignObserverInput", f"assignment {{ id }} {ERRORS}")
VISIT = mutation(
    "recordObserverVisit",
    "RecordObserverVisitInput",
    f"visit {{ id findings {{ id severity }} }} {ERRORS}",
)
RING = mutation("recordRing", "RecordRingInput", f"record {{ id ring }} {ERRORS}")
OPEN = mutation("openAnnualReview", "OpenAnnualReviewInput", f"review {{ id status }} {ERRORS}")
RATE = mutation("rateAnnualReview", "RateAnnualReviewInput", f"rating {{ id }} {ERRORS}")
CONCLUDE = mutation(
    "concludeAnnualReview",
    "ConcludeAnnualReviewInput",
    f"review {{ id status score commended shortfalls {{ id text }} }} {ERRORS}",
)
PROJECT = mutation(
    "createBreakthroughProject",
    "CreateBreakthroughProjectInput",
    f"project {{ id year sourceShortfall {{ id }} }} {ERRORS}",
)
REPLACE = mutation(
    "replaceSecretary",
    "ReplaceSecretaryInput",
    f"review {{ id successorRole {{ id }} }} {ERRORS}",
)
APPLY = mutation("applyForAward", "ApplyForAwardInput", f"application {{ id status }} {ERRORS}")
FIRST = mutation(
    "firstReviewAward", "FirstReviewAwardInput", f"application {{ id status }} {ERRORS}"
)
RECHECK = mutation(
    "recheckAward", "RecheckAwardInput", f"application {{ id status outcome }} {ERRORS}"
)
OBSERVERS = """
query SimulationObservers($after: String) {
  observers(first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name }
  }
}"""
ASSIGNMENTS = """
query SimulationObserverAssignments($year: Int!, $after: String) {
  observerAssignments(first: 100, after: $after, filter: {year: $year}) {
    pageInfo { hasNextPage endCursor }
    nodes { observer { id name } community { id } }
  }
}"""
STREETS = """
query SimulationStreetAdmins($after: String) {
  streets(first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id partyOrganization { secretary { id } } }
  }
}"""
FIGURES = """
query AssessmentYearCheck($year: Int!) {
  assessmentYear(year: $year) {
    observerVisits findings reviews reviewsConcluded commended capacityScores awardsBest
    awardsMostDistinctive secretariesReplaced shortfallProjects
  }
}"""
KINDS = ("ON_SITE_INSPECTION", "RESIDENT_POLL", "INTERVIEW", "RECORD_REVIEW")
FINDINGS = (
    "党群服务中心开放时间不足",
    "居民议事会议记录不全",
    "党员联系群众台账未及时更新",
    "为民办实事项目进度滞后",
    "网格员入户走访频次不够",
    "志愿服务队伍活跃度不高",
)
ASPECTS = (
    "CENTRE_BUILDING",
    "SERVICE_METHOD",
    "SERVICE_ACTIVITIES",
    "RESIDENT_SATISFACTION",
    "BRAND_INFLUENCE",
)
# Raters of one review: up to this many of the community's members and residents.
RATERS = 8
NUMBER = re.compile(r"(\d+)$")


@dataclass
class Reviewed:
    community: Community
    id: str
    score: int = 0
    shortfalls: list[str] = field(default_factory=list)


@dataclass
class Application:
    community: Community
    id: str
    total: int = 0


@activity
class Assessment:
    name: ClassVar[str] = "assessment"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.year = world.period.start.year
        self.tally = AssessmentTally(self.year, len(world.roster.communities))
        self.observers: dict[str, str] = {}  # community → the observer's username
        self.observer_ids: dict[str, str] = {}  # community → the observer's ID
        self.street_admins: dict[str, str] = {}
        self.reviews: list[Reviewed] = []
        self.applications: list[Application] = []
        self.recommended: list[Application] = []
        self.loaded = asyncio.Lock()
        self.ready = False
        self.api: dict[str, Any] | None = None

    @property
    def factor(self) -> float:
        return len(self.world.roster.communities) / scale.COMMUNITIES

    def start(self) -> None:
        period, rng = self.world.period, self.rng
        communities = sorted(self.world.roster.communities.values(), key=lambda c: c.id)
        for community in communities:
            for quarter in range(4):
                first = date(self.year, 3 * quarter + 1, 1)
                day = first + timedelta(days=rng.randrange(85))
                if period.start <= day < period.end:
                    self.world.schedule(
                        period.moment(day, rng.uniform(9, 16)), self._visit(community)
                    )
                rings = date(self.year, 3 * quarter + 3, 25)
                if period.start <= rings < period.end:
                    self.world.schedule(
                        period.moment(rings, rng.uniform(9, 16)), self._rings(community)
                    )
        year_end = date(self.year, 12, 31)
        self.tally.reaches_year_end = (
            period.start <= date(self.year, 12, 10) and year_end < period.end
        )
        if not self.tally.reaches_year_end:
            return
        for community in communities:
            self.world.schedule(
                period.moment(date(self.year, 12, 10), rng.uniform(9, 16)), self._review(community)
            )
        self.world.schedule(period.moment(date(self.year, 12, 12), 10), self._apply)
        self.world.schedule(period.moment(date(self.year, 12, 16), 10), self._first_review)
        self.world.schedule(period.moment(date(self.year, 12, 22), 10), self._recheck)
        # The hand-over runs alone: no request of the community's desk races the grant
        # moving from the former secretary's account to the successor's.
        self.world.schedule(
            period.moment(date(self.year, 12, 28), 10), self._replace, exclusive=True
        )

    # --- who is who ------------------------------------------------------------------

    async def _load(self, step: Step) -> None:
        """The year's observer assignments and the streets' admins, read once; a community
        without an observer this year gets one from the district, in turn."""
        async with self.loaded:
            if self.ready:
                return
            api = self.world.api
            observers = [node async for node in pages(api, OBSERVERS)]
            async for node in pages(api, ASSIGNMENTS, {"year": self.year}):
                community = node["community"]["id"]
                self.observers[community] = _username(node["observer"]["name"])
                self.observer_ids[community] = node["observer"]["id"]
            async for node in pages(api, STREETS):
                secretary = (node["partyOrganization"] or {}).get("secretary")
                if secretary:
                    self.street_admins[node["id"]] = username_of(secretary["id"])
            missing = sorted(c for c in self.world.roster.communities if c not in self.observers)
            for n, community in enumerate(missing):
                if not observers:
                    break
                observer = observers[n % len(observers)]
                input = {"observerId": observer["id"], "communityId": community, "year": self.year}
                if await self._send(step, ASSIGN, input, ADMIN) is not None:
                    self.observers[community] = _username(observer["name"])
                    self.observer_ids[community] = observer["id"]
            self.ready = True

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            error = payload["userErrors"][0]
            self.tally.problems[f"{error['code']}: {error['message']}"] += 1
            return None
        result: dict[str, Any] = payload
        return result

    # --- through the year ------------------------------------------------------------

    def _visit(self, community: Community) -> Action:
        async def act(step: Step) -> None:
            await self._load(step)
            observer = self.observers.get(community.id)
            if observer is None:
                return
            rng = step.rng
            findings = []
            if rng.random() < scale.SHARE_OF_VISITS_WITH_FINDINGS:
                findings = [
                    {"severity": rng.choice(("MINOR", "MINOR", "MODERATE", "SERIOUS")), "text": t}
                    for t in rng.sample(FINDINGS, rng.randint(1, 2))
                ]
            kind = rng.choice(KINDS)
            payload = await self._send(
                step,
                VISIT,
                {
                    "communityId": community.id,
                    "kind": kind,
                    "summary": f"{community.name}季度观察",
                    "visitedOn": step.at.date().isoformat(),
                    "findings": findings,
                },
                observer,
            )
            if payload is None:
                return
            self.tally.observers_visiting.add(observer)
            self.tally.visits += 1
            self.tally.findings += len(payload["visit"]["findings"])
            await self._ring(step, community, "LOOK", "观察员现场查看", observer)

        return act

    async def _ring(
        self, step: Step, community: Community, ring: str, note: str, user: str
    ) -> None:
        input: dict[str, Any] = {"communityId": community.id, "ring": ring, "note": note}
        if ring == "EVALUATE":
            input["score"] = step.rng.randint(70, 100)
        if await self._send(step, RING, input, user) is not None:
            self.tally.rings[ring] += 1

    def _rings(self, community: Community) -> Action:
        async def act(step: Step) -> None:
            await self._ring(
                step, community, "REPORT", "书记季度述职", community.secretary or ADMIN
            )
            await self._ring(step, community, "EVALUATE", "季度评估", ADMIN)
            await self._ring(step, community, "SUPERVISE", "区级督导整改", ADMIN)

        return act

    # --- the year's end --------------------------------------------------------------

    def _review(self, community: Community) -> Action:
        async def act(step: Step) -> None:
            input = {"communityId": community.id, "year": self.year, "report": "年度述职报告"}
            payload = await self._send(step, OPEN, input, ADMIN)
            if payload is None:
                return
            self.tally.reviews_opened += 1
            reviewed = Reviewed(community, payload["review"]["id"])
            self.reviews.append(reviewed)
            raters = list(
                dict.fromkeys(
                    r.username
                    for r in (*community.residents, *community.key_recipients)
                    if r.person_id != community.secretary_id
                )
            )
            for n, rater in enumerate(step.rng.sample(raters, min(RATERS, len(raters)))):
                at = step.at + timedelta(hours=2 + n)
                step.then(at, self._rate(reviewed, rater))
            step.then(step.at + timedelta(days=8), self._conclude(reviewed))

        return act

    def _rate(self, reviewed: Reviewed, rater: str) -> Action:
        async def act(step: Step) -> None:
            score = step.rng.choices((5, 4, 3, 2), (5, 3, 1, 0.5))[0]
            input = {"reviewId": reviewed.id, "score": score, "comment": "评价"}
            if await self._send(step, RATE, input, rater) is not None:
                self.tally.ratings += 1

        return act

    def _conclude(self, reviewed: Reviewed) -> Action:
        async def act(step: Step) -> None:
            rng = step.rng
            score = min(
                scale.REVIEW_SCORES[1], max(scale.REVIEW_SCORES[0], round(rng.gauss(85, 8)))
            )
            commended = rng.random() < scale.SHARE_COMMENDED
            # One shortfall a review, two for one in ten: about 65 projects across the district.
            count = 2 if rng.random() < 0.1 else 1
            shortfalls = [
                {"severity": "MODERATE", "text": text} for text in rng.sample(FINDINGS, count)
            ]
            payload = await self._send(
                step,
                CONCLUDE,
                {
                    "reviewId": reviewed.id,
                    "score": score,
                    "commended": commended,
                    "comment": "年度述职评议",
                    "shortfalls": shortfalls,
                },
                ADMIN,
            )
            if payload is None:
                return
            reviewed.score = score
            reviewed.shortfalls = [s["id"] for s in payload["review"]["shortfalls"]]
            self.tally.reviews_concluded += 1
            self.tally.commended += commended
            self.tally.review_items += len(reviewed.shortfalls)
            for n, shortfall in enumerate(reviewed.shortfalls):
                step.then(step.at + timedelta(days=1, hours=n), self._project(reviewed, shortfall))

        return act

    def _project(self, reviewed: Reviewed, shortfall: str) -> Action:
        async def act(step: Step) -> None:
            input = {
                "shortfallId": shortfall,
                "title": f"{reviewed.community.name}{self.year + 1}年突破项目",
                "year": self.year + 1,
                "description": "针对述职评议指出的短板",
                "dueOn": date(self.year + 1, 12, 31).isoformat(),
            }
            user = reviewed.community.secretary or ADMIN
            if await self._send(step, PROJECT, input, user) is not None:
                self.tally.projects += 1

        return act

    def _wanted(self) -> tuple[int, int]:
        best = max(1, round(scale.BEST_CENTRES * self.factor))
        return best, max(1, round(scale.MOST_DISTINCTIVE_CENTRES * self.factor))

    async def _apply(self, step: Step) -> None:
        communities = sorted(
            (c for c in self.world.roster.communities.values() if c.secretary),
            key=lambda c: c.id,
        )
        wanted = sum(self._wanted())
        count = min(
            len(communities),
            max(wanted, math.ceil(len(communities) * scale.SHARE_APPLYING_FOR_AWARD)),
        )
        for community in step.rng.sample(communities, count):
            assert community.secretary is not None
            input = {"communityId": community.id, "year": self.year, "statement": "申报材料"}
            payload = await self._send(step, APPLY, input, community.secretary)
            if payload is not None:
                self.applications.append(Application(community, payload["application"]["id"]))
                self.tally.applications += 1

    async def _first_review(self, step: Step) -> None:
        await self._load(step)
        rng = step.rng
        for application in self.applications:
            application.total = rng.randint(60, 100)
        ranked = sorted(self.applications, key=lambda a: (-a.total, a.id))
        keep = max(sum(self._wanted()), math.ceil(len(ranked) * scale.SHARE_RECOMMENDED))
        for n, application in enumerate(ranked):
            user = self.street_admins.get(application.community.street_id, ADMIN)
            input = {
                "applicationId": application.id,
                "scores": _scores(application.total),
                "recommended": n < keep,
                "comment": "街道初审",
            }
            if await self._send(step, FIRST, input, user) is not None and n < keep:
                self.recommended.append(application)
                self.tally.recommended += 1

    async def _recheck(self, step: Step) -> None:
        best, distinctive = self._wanted()
        rng = step.rng
        for application in self.recommended:
            application.total = rng.randint(60, 100)
        ranked = sorted(self.recommended, key=lambda a: (-a.total, a.id))
        for n, application in enumerate(ranked):
            outcome = (
                "BEST"
                if n < best
                else "MOST_DISTINCTIVE"
                if n < best + distinctive
                else "NOT_AWARDED"
            )
            input = {
                "applicationId": application.id,
                "scores": _scores(application.total),
                "outcome": outcome,
                "comment": "区级复核",
            }
            if await self._send(step, RECHECK, input, ADMIN) is not None:
                self.tally.outcomes[outcome] += 1

    async def _replace(self, step: Step) -> None:
        wanted = max(1, round(scale.SECRETARIES_REPLACED * self.factor))
        concluded = [
            r
            for r in self.reviews
            if r.score
            and any(p.person_id != r.community.secretary_id for p in r.community.residents)
        ]
        for reviewed in sorted(concluded, key=lambda r: (r.score, r.id))[:wanted]:
            community = reviewed.community
            successor = step.rng.choice(
                [p for p in community.residents if p.person_id != community.secretary_id]
            )
            input = {
                "reviewId": reviewed.id,
                "successorPersonId": successor.person_id,
                "reason": "述职评议排名靠后，按规定调整",
            }
            if await self._send(step, REPLACE, input, ADMIN) is not None:
                self.tally.replaced += 1
                # The community secretary's grant moved to the successor's account: from
                # now on the community's desk work is theirs.
                community.secretary = successor.username
                community.secretary_id = successor.person_id

    async def report(self) -> Section:
        try:
            data = await self.world.api.query(
                FIGURES, {"year": self.year}, user=ADMIN, at=self.world.period.ends
            )
            self.api = dict(data["assessmentYear"])
        except Exception:  # the check is a figure of the report, not a reason to stop it
            self.api = None
        return assessment_section(self.tally, self.world.period, self.factor, self.api)


def _username(name: str) -> str:
    """A generated observer's account, from the number its name ends in (观察员07 →
    observer07)."""
    found = NUMBER.search(name)
    return observer_username(int(found.group(1))) if found else ADMIN


def _scores(total: int) -> list[dict[str, Any]]:
    """The five aspects' scores (0–20 each) adding up to about `total` of 100."""
    each = min(20, max(0, round(total / 5)))
    return [{"aspect": aspect, "score": each} for aspect in ASPECTS]
