"""Assessment (考核) of the generated district's last programme year: the 23 observers
with their communities and quarterly visits (half of them with findings), the four rings
recorded each quarter, every community's annual review (述职评议) with ratings from below
and its shortfalls, the award round (5 best, 3 most distinctive), the capacity scores of
the report's year, the 4 secretaries replaced, and this year's breakthrough projects
linked to the shortfalls they answer.

The domain draws from its own random stream and writes only its own tables while the
communities are walked, so every earlier domain draws, and keys, the same rows; the
links and the replacements, which touch projects and person_roles, are made once the
walk is over (`finish`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, delete, insert, select, update

from db.models import (
    AccountRole,
    AnnualReview,
    AwardAction,
    AwardAspect,
    AwardOutcome,
    AwardStage,
    AwardStatus,
    PersonRole,
    Project,
    ProjectKind,
    RaterRole,
    ReviewAction,
    ReviewStatus,
    Ring,
    RoleKind,
    Severity,
    ShortfallSource,
    User,
    UserGrant,
    VisitKind,
)
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, Resident

SUMMARIES = {
    VisitKind.ON_SITE_INSPECTION: "实地察看党群服务中心运行情况",
    VisitKind.RESIDENT_POLL: "随机走访居民听取意见",
    VisitKind.INTERVIEW: "与社区干部个别谈话",
    VisitKind.RECORD_REVIEW: "查阅三会一课等台账资料",
}
FINDINGS = (
    "党群服务中心周末不开放",
    "三会一课记录不完整",
    "居民对物业问题反映集中",
    "网格员入户走访不到位",
    "志愿服务活动形式单一",
    "在职党员报到后作用发挥不充分",
    "为民服务事项公示不及时",
    "社区品牌特色不鲜明",
)
RING_NOTES = {
    Ring.LOOK: "观察员现场查看",
    Ring.REPORT: "书记季度述职",
    Ring.EVALUATE: "镇街季度评估",
    Ring.SUPERVISE: "区级督导整改",
}
TARGETS = ("党群服务中心每周开放不少于6天", "重点服务对象每月走访一次", "为民服务事项按期办结")


@dataclass
class Reviewed:
    review: int
    community: int
    organization: int
    score: int
    shortfalls: list[int] = field(default_factory=list)
    breakthrough: int = 0  # this year's breakthrough projects of the community
    members: list[Resident] = field(default_factory=list)  # successors to choose from
    secretary: int = 0


class AssessmentGenerator:
    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng = random.Random(f"assessment-{generator.seed}")
        self.observers: list[int] = []
        self.reviews: list[Reviewed] = []
        self.applicants: list[int] = []  # communities applying for the award
        self.index = 0

    @property
    def year(self) -> int:
        """The assessed year: the one before the programme year the history reports on."""
        return self.g.timeline.year - 1

    def at(self, day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour), DISTRICT_TZ)

    async def prepare(self, district: int) -> None:
        accounts = self.g.accounts.observers if self.g.accounts is not None else []
        for number in range(1, figures.OBSERVERS + 1):
            user = accounts[number - 1] if accounts else None
            self.observers.append(
                await self.w.add(
                    "observers",
                    {
                        "user_id": user,
                        "district_id": district,
                        "name": f"基层党建观察员{number:02d}",
                        "appointed_on": date(self.year, 1, 1),
                        **self.g.stamps(),
                    },
                )
            )

    async def community(
        self,
        community: int,
        organization: int,
        secretary: Resident,
        residents: Sequence[Resident],
        breakthrough: int,
    ) -> None:
        rng, year = self.rng, self.year
        observer = self.observers[self.index % len(self.observers)]
        self.index += 1
        for assessed in (year, year + 1):
            await self.w.add(
                "observer_assignments",
                {
                    "observer_id": observer,
                    "community_id": community,
                    "year": assessed,
                    **self.g.stamps(),
                },
            )
        for quarter in range(figures.VISITS_PER_ASSIGNMENT_YEAR):
            day = date(year, 3 * quarter + 1, 1) + timedelta(days=rng.randrange(85))
            kind = rng.choice(list(VisitKind))
            visit = await self.w.add(
                "observer_visits",
                {
                    "observer_id": observer,
                    "community_id": community,
                    "party_organization_id": organization,
                    "kind": kind,
                    "visited_on": day,
                    "summary": SUMMARIES[kind],
                    "recorded_at": self.at(day, 17),
                    "recorded_by_user_id": None,
                },
            )
            if rng.random() < figures.SHARE_OF_VISITS_WITH_FINDINGS:
                for text in rng.sample(FINDINGS, rng.randint(1, 2)):
                    await self.shortfall(
                        ShortfallSource.VISIT_FINDING, community, organization, text, visit=visit
                    )
            for ring in Ring:
                await self.w.add(
                    "ring_records",
                    {
                        "community_id": community,
                        "party_organization_id": organization,
                        "year": year,
                        "ring": ring,
                        "recorded_on": day,
                        "note": RING_NOTES[ring],
                        "score": rng.randint(70, 100) if ring is Ring.EVALUATE else None,
                        "recorded_at": self.at(day, 16),
                        "recorded_by_user_id": None,
                    },
                )
        await self.review(community, organization, secretary, residents, breakthrough)
        low, high = figures.CAPACITY_ASPECT_RANGE
        await self.w.add(
            "capacity_scores",
            {
                "community_id": community,
                "year": year + 1,
                "team": rng.randint(low, high),
                "premises": rng.randint(low, high),
                "role_played": rng.randint(low, high),
                "brand": rng.randint(low, high),
                "assessed_on": date(year + 1, 3, 15),
                "recorded_by_user_id": None,
                **self.g.stamps(),
            },
        )
        await self.w.add(
            "responsibility_letters",
            {
                "community_id": community,
                "year": year + 1,
                "secretary_person_id": secretary.person,
                "targets": list(TARGETS),
                "signed_on": date(year + 1, 3, 20),
                **self.g.stamps(),
            },
        )
        if rng.random() < figures.SHARE_APPLYING_FOR_AWARD:
            self.applicants.append(community)

    async def shortfall(
        self,
        source: ShortfallSource,
        community: int,
        organization: int,
        text: str,
        *,
        visit: int | None = None,
        review: int | None = None,
    ) -> int:
        return await self.w.add(
            "shortfalls",
            {
                "source": source,
                "visit_id": visit,
                "review_id": review,
                "community_id": community,
                "party_organization_id": organization,
                "year": self.year,
                "severity": self.rng.choice(list(Severity)),
                "text": text,
                "recorded_by_user_id": None,
                **self.g.stamps(),
            },
        )

    async def review(
        self,
        community: int,
        organization: int,
        secretary: Resident,
        residents: Sequence[Resident],
        breakthrough: int,
    ) -> None:
        rng, year = self.rng, self.year
        opened, concluded = self.at(date(year, 12, 10)), self.at(date(year, 12, 28))
        score = rng.randint(*figures.REVIEW_SCORES)
        review = await self.w.add(
            "annual_reviews",
            {
                "community_id": community,
                "party_organization_id": organization,
                "year": year,
                "secretary_person_id": secretary.person,
                "status": ReviewStatus.CONCLUDED,
                "report": "年度抓党建工作述职报告",
                "score": score,
                "commended": rng.random() < figures.SHARE_COMMENDED,
                "comment": "",
                "opened_at": opened,
                "concluded_at": concluded,
                "status_changed_at": concluded,
                "replaced_role_id": None,
                "successor_role_id": None,
                "replacement_reason": None,
                **self.g.stamps(),
            },
        )
        for action, source, target, at in (
            (ReviewAction.OPEN, None, ReviewStatus.OPEN, opened),
            (ReviewAction.CONCLUDE, ReviewStatus.OPEN, ReviewStatus.CONCLUDED, concluded),
        ):
            await self.w.add(
                "annual_review_events",
                {
                    "review_id": review,
                    "action": action,
                    "from_status": source,
                    "to_status": target,
                    "at": at,
                    "actor_user_id": None,
                    "actor_person_id": None,
                    "reason": None,
                },
            )
        raters = rng.sample(list(residents), min(len(residents), 5))
        for rater in raters:
            await self.w.add(
                "annual_review_ratings",
                {
                    "review_id": review,
                    "person_id": rater.person,
                    "rater_role": RaterRole.PARTY_MEMBER if rater.member else RaterRole.RESIDENT,
                    "score": rng.randint(3, 5),
                    "comment": "",
                    "rated_at": self.at(date(year, 12, 15)),
                },
            )
        reviewed = Reviewed(review, community, organization, score, breakthrough=breakthrough)
        for text in rng.sample(FINDINGS, min(len(FINDINGS), breakthrough + 1)):
            reviewed.shortfalls.append(
                await self.shortfall(
                    ShortfallSource.REVIEW_ITEM, community, organization, text, review=review
                )
            )
        reviewed.secretary = secretary.person
        reviewed.members = [r for r in residents if r.member and r != secretary][:5]
        self.reviews.append(reviewed)

    async def awards(self) -> None:
        """The year's applications as the round left them: the streets pass on 3 in 5 (at
        least the winners), the district names the best and the most distinctive."""
        rng, year, scale = self.rng, self.year, self.g.scale
        best = scale.of(figures.BEST_CENTRES)
        distinctive = scale.of(figures.MOST_DISTINCTIVE_CENTRES)
        applied = list(self.applicants)
        rng.shuffle(applied)
        passed = max(best + distinctive, round(len(applied) * figures.SHARE_RECOMMENDED))
        applied_at = self.at(date(year, 10, 10))
        first, second = self.at(date(year, 11, 5)), self.at(date(year, 12, 1))
        for rank, community in enumerate(applied):
            recommended = rank < passed
            outcome = None
            if recommended:
                outcome = (
                    AwardOutcome.BEST
                    if rank < best
                    else AwardOutcome.MOST_DISTINCTIVE
                    if rank < best + distinctive
                    else AwardOutcome.NOT_AWARDED
                )
            status = AwardStatus.DECIDED if recommended else AwardStatus.NOT_RECOMMENDED
            application = await self.w.add(
                "award_applications",
                {
                    "community_id": community,
                    "year": year,
                    "status": status,
                    "outcome": outcome,
                    "statement": "社区党群服务中心建设情况",
                    "street_comment": None,
                    "district_comment": None,
                    "applied_at": applied_at,
                    "first_reviewed_at": first,
                    "rechecked_at": second if recommended else None,
                    "status_changed_at": second if recommended else first,
                    **self.g.stamps(),
                },
            )
            await self.event(application, AwardAction.APPLY, None, AwardStatus.APPLIED, applied_at)
            street = AwardStatus.RECOMMENDED if recommended else AwardStatus.NOT_RECOMMENDED
            await self.event(
                application, AwardAction.FIRST_REVIEW, AwardStatus.APPLIED, street, first
            )
            stages = [AwardStage.STREET]
            if recommended:
                await self.event(application, AwardAction.RECHECK, street, status, second)
                stages.append(AwardStage.DISTRICT)
            top = 20 - rank // 3
            for stage in stages:
                for aspect in AwardAspect:
                    await self.w.add(
                        "award_scores",
                        {
                            "application_id": application,
                            "stage": stage,
                            "aspect": aspect,
                            "score": max(8, min(20, rng.randint(top - 3, top))),
                        },
                    )

    async def event(
        self,
        application: int,
        action: AwardAction,
        source: AwardStatus | None,
        target: AwardStatus,
        at: datetime,
    ) -> None:
        await self.w.add(
            "award_events",
            {
                "application_id": application,
                "action": action,
                "from_status": source,
                "to_status": target,
                "at": at,
                "actor_user_id": None,
                "actor_person_id": None,
                "reason": None,
            },
        )

    async def finish(self) -> None:
        """The award round; then, on the written rows, this year's breakthrough projects
        linked to the shortfalls they answer and the secretaries replaced."""
        await self.awards()
        await self.w.flush()
        await self.w.written()
        connection = self.w.connection
        # Updates keep the history's own stamp, not the time of the run.
        stamp = self.g.stamps()["updated_at"]
        projects: dict[int, list[int]] = {}
        for key, community in await connection.execute(
            select(Project.id, Project.community_id)
            .where(Project.kind == ProjectKind.BREAKTHROUGH)
            .order_by(Project.id)
        ):
            projects.setdefault(community, []).append(key)
        links = [
            {"key": project, "shortfall": shortfall}
            for reviewed in self.reviews
            for project, shortfall in zip(
                projects.get(reviewed.community, []), reviewed.shortfalls, strict=False
            )
        ]
        if links:
            await connection.execute(
                update(Project)
                .where(Project.id == bindparam("key"))
                .values(source_shortfall_id=bindparam("shortfall"), updated_at=stamp),
                links,
            )
        lowest = sorted((r for r in self.reviews if r.members), key=lambda r: (r.score, r.review))[
            : self.g.scale.of(figures.SECRETARIES_REPLACED)
        ]
        replaced_on = date(self.year + 1, 1, 15)
        for reviewed in lowest:
            ended, started, former = (
                await connection.execute(
                    select(PersonRole.id, PersonRole.started_on, PersonRole.person_id).where(
                        PersonRole.kind == RoleKind.SECRETARY,
                        PersonRole.party_organization_id == reviewed.organization,
                        PersonRole.ended_on.is_(None),
                    )
                )
            ).one()
            day = max(replaced_on, started)
            await connection.execute(
                update(PersonRole)
                .where(PersonRole.id == ended)
                .values(ended_on=day, updated_at=stamp)
            )
            chosen = self.rng.choice(reviewed.members)
            # The community secretary's grant moves with the post, as replaceSecretary moves it.
            gone = await connection.execute(
                delete(UserGrant).where(
                    UserGrant.role == AccountRole.COMMUNITY_SECRETARY,
                    UserGrant.community_id == reviewed.community,
                    UserGrant.user_id.in_(select(User.id).where(User.person_id == former)),
                )
            )
            self.w.counts["user_grants"] -= gone.rowcount
            successor = await connection.scalar(
                insert(PersonRole)
                .values(
                    id=self.w.new_id("person_roles"),
                    person_id=chosen.person,
                    kind=RoleKind.SECRETARY,
                    party_organization_id=reviewed.organization,
                    started_on=day,
                    **self.g.stamps(),
                )
                .returning(PersonRole.id)
            )
            self.w.counts["person_roles"] += 1
            if chosen.user is not None:
                # The new secretary's account acts for the community.
                await connection.execute(
                    insert(UserGrant).values(
                        id=self.w.new_id("user_grants"),
                        user_id=chosen.user,
                        role=AccountRole.COMMUNITY_SECRETARY,
                        community_id=reviewed.community,
                        **self.g.stamps(),
                    )
                )
                self.w.counts["user_grants"] += 1
            await connection.execute(
                update(AnnualReview)
                .where(AnnualReview.id == reviewed.review)
                .values(
                    replaced_role_id=ended,
                    successor_role_id=successor,
                    replacement_reason="述职评议排名靠后，按规定调整",
                    updated_at=stamp,
                )
            )
