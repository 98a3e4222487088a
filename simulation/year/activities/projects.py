"""Projects through the year (项目): units and in-service members run co-building projects
through the "four steps, ten links" (四步十环), secretaries run breakthrough projects and
service items, property companies their adopted projects; each reports progress on its
milestones, the community completes it and the district evaluates it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.loop import Action, Step, World
from simulation.year.project_kpis import ProjectRecord, project_section
from simulation.year.report import Section
from simulation.year.roster import ADMIN, Community

PROJECT_FIELDS = """
  project { id status progress completedOn milestones { id progress } nextLink }
  userErrors { code message }"""


def _mutation(name: str, input_type: str) -> str:
    return mutation(name, input_type, PROJECT_FIELDS)


CREATE = _mutation("createProject", "CreateProjectInput")
MILESTONE = _mutation("addProjectMilestone", "AddProjectMilestoneInput")
PROGRESS = _mutation("reportProjectProgress", "ReportProjectProgressInput")
CHECKPOINT = _mutation("recordProjectCheckpoint", "RecordProjectCheckpointInput")
COMPLETE = _mutation("completeProject", "ProjectInput")
EVALUATE = _mutation("evaluateProject", "EvaluateProjectInput")
CANCEL = _mutation("cancelProject", "CancelProjectInput")
CATEGORIES = (
    "PARTY_BUILDING_ALLIANCE",
    "GRASSROOTS_GOVERNANCE",
    "LIFE_SERVICES",
    "CULTURE_AND_SPORTS",
    "EDUCATION_AND_TRAINING",
    "HEALTH_CARE",
    "ELDERLY_AND_CHILDREN",
    "ENVIRONMENT",
    "SAFETY",
    "EMPLOYMENT",
)
# The loop's links before the work starts, with it, and after completion (workflow order).
OPENING = ("UNIT_REPORTS", "MEMBERS_REPORT", "NEEDS_COLLECTED", "LIST_PUBLISHED", "PROJECT_ADOPTED")
CLOSING = ("RESIDENTS_EVALUATE", "FEEDBACK_FILED")


@dataclass
class _Plan:
    """One project to run: who creates it, who acts for its owner, what it is."""

    kind: str
    community: Community
    creator: str
    owner: str
    title: str
    category: str | None = None
    owner_input: dict[str, str] = field(default_factory=dict)
    group_service: bool = False


@activity
class Projects:
    name: ClassVar[str] = "projects"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.records: list[ProjectRecord] = []

    def start(self) -> None:
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        plans = [
            *self._co_building(
                round(scale.CO_BUILDING_PROJECTS * factor), round(scale.GROUP_SERVICES * factor)
            ),
            *self._secretaries(
                "BREAKTHROUGH", round(scale.BREAKTHROUGH_PROJECTS * factor), "突破项目"
            ),
            *self._secretaries("SERVICE_ITEM", round(scale.SERVICE_ITEMS * factor), "为民服务事项"),
            *self._companies(round(scale.PROPERTY_SERVICE_PROJECTS * factor)),
        ]
        period = self.world.period
        first_weeks = min(20, period.days)
        for plan in plans:
            day = period.start + timedelta(days=self.rng.randrange(first_weeks))
            self.world.schedule(period.moment(day, self.rng.uniform(9, 17)), self._run(plan))

    def _communities(self) -> list[Community]:
        return [c for c in self.world.roster.communities.values() if c.secretary]

    def _co_building(self, count: int, group_services: int) -> list[_Plan]:
        units = [(c, u) for c in self._communities() for u in c.units if u.liaison]
        members = [(c, m) for c in self._communities() for m in c.residents]
        plans: list[_Plan] = []
        for n in range(count):
            by_member = self.rng.random() < scale.SHARE_OF_PROJECTS_BY_MEMBERS or not units
            category = CATEGORIES[n % len(CATEGORIES)]
            if by_member and members:
                community, member = self.rng.choice(members)
                plans.append(
                    _Plan(
                        "CO_BUILDING",
                        community,
                        community.secretary or ADMIN,
                        member.username,
                        f"党员认领·{category.lower()}",
                        category,
                        {"ownerPersonId": member.person_id},
                    )
                )
                continue
            community, unit = units[n % len(units)]
            group = len([p for p in plans if p.group_service]) < group_services
            plans.append(
                _Plan(
                    "CO_BUILDING",
                    community,
                    community.secretary or ADMIN,
                    unit.liaison or ADMIN,
                    f"{unit.name}{'集体服务' if group else '共建项目'}",
                    "LIFE_SERVICES" if group else category,
                    {"ownerWorkUnitId": unit.id},
                    group,
                )
            )
        return plans

    def _secretaries(self, kind: str, count: int, label: str) -> list[_Plan]:
        communities = [c for c in self._communities() if c.secretary_id]
        plans = []
        for n in range(count):
            community = communities[n % len(communities)]
            assert community.secretary
            assert community.secretary_id
            plans.append(
                _Plan(
                    kind,
                    community,
                    community.secretary,
                    community.secretary,
                    f"{community.name}{label}{n // len(communities) + 1}",
                    owner_input={"ownerPersonId": community.secretary_id},
                )
            )
        return plans

    def _companies(self, count: int) -> list[_Plan]:
        companies = [(c, co) for c in self._communities() for co in c.companies]
        plans = []
        for n in range(count if companies else 0):
            community, company = companies[n % len(companies)]
            plans.append(
                _Plan(
                    "PROPERTY_SERVICE",
                    community,
                    company.username,
                    company.username,
                    f"{company.name}认领项目{n // len(companies) + 1}",
                    owner_input={"ownerPropertyCompanyId": company.id},
                )
            )
        return plans

    def _run(self, plan: _Plan) -> Action:
        async def act(step: Step) -> None:
            period = self.world.period
            late = step.rng.random() < scale.PROJECT_SHARE_LATE
            months = step.rng.randint(4, 11)
            due = min(period.end - timedelta(days=14), step.at.date() + timedelta(days=30 * months))
            if late:
                due = period.end + timedelta(days=step.rng.randint(15, 90))
            record = ProjectRecord(plan.kind, plan.community.id, plan.group_service, late)
            self.records.append(record)
            payload = await self._send(
                step,
                record,
                CREATE,
                {
                    "kind": plan.kind,
                    "category": plan.category,
                    "title": plan.title,
                    "communityId": plan.community.id,
                    "year": step.at.year,
                    "dueOn": due.isoformat(),
                    **plan.owner_input,
                },
                plan.creator,
            )
            if payload is None:
                return
            run = _Run(self, plan, record, due, step.rng.random() < scale.PROJECT_SHARE_CANCELLED)
            step.then(step.at + timedelta(days=step.rng.uniform(1, 10)), run.set_up)

        return act

    async def _send(
        self, step: Step, record: ProjectRecord, document: str, input: dict[str, Any], user: str
    ) -> dict[str, Any] | None:
        if record.id is not None and "projectId" not in input:
            input = {"projectId": record.id, **input}
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            record.problems.append(payload["userErrors"][0]["code"])
            return None
        project: dict[str, Any] = payload["project"]
        record.id, record.status, record.progress = (
            project["id"],
            project["status"],
            project["progress"],
        )
        if project["completedOn"]:
            record.completed_on = date.fromisoformat(project["completedOn"])
        return project

    async def report(self) -> Section:
        factor = len(self.world.roster.communities) / scale.COMMUNITIES
        return project_section(self.records, self.world.period, factor)


class _Run:
    """A created project's remaining year."""

    def __init__(
        self, projects: Projects, plan: _Plan, record: ProjectRecord, due: date, cancel: bool
    ) -> None:
        self.projects, self.plan, self.record, self.due, self.cancel = (
            projects,
            plan,
            record,
            due,
            cancel,
        )
        self.milestones: list[tuple[str, date]] = []

    @property
    def co_building(self) -> bool:
        return self.plan.kind == "CO_BUILDING"

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str | None = None
    ) -> dict[str, Any] | None:
        return await self.projects._send(
            step, self.record, document, input, user or self.plan.owner
        )

    async def _links(self, step: Step, links: tuple[str, ...], note: str) -> None:
        for link in links:
            if await self._send(step, CHECKPOINT, {"link": link, "note": note}) is None:
                return
            self.record.links += 1

    async def set_up(self, step: Step) -> None:
        """Report and adopt (报到, 认领), then split the work into weighted milestones."""
        if self.co_building:
            await self._links(step, OPENING, "按四步十环推进")
        count = step.rng.randint(*scale.MILESTONES_PER_PROJECT)
        span = max(7, (self.due - step.at.date()).days)
        for n in range(count):
            due = step.at.date() + timedelta(days=span * (n + 1) // count)
            project = await self._send(
                step,
                MILESTONE,
                {
                    "title": f"第{n + 1}阶段",
                    "weight": step.rng.randint(1, 3),
                    "dueOn": due.isoformat(),
                },
            )
            if project is None:
                return
            self.milestones.append((project["milestones"][-1]["id"], due))
        if self.co_building:
            await self._links(step, ("PLAN_MADE",), "方案已制定")
        if self.cancel:
            middle = step.at + timedelta(days=span / 2)
            step.then(middle, self.cancelled)
            return
        for index, (milestone, due) in enumerate(self.milestones):
            halfway = self.projects.world.period.moment(due, 10) - timedelta(days=span / count / 2)
            if step.rng.random() < scale.SHARE_REPORTED_HALFWAY:
                step.then(max(step.at, halfway), self.progress(milestone, 50))
            step.then(
                self.projects.world.period.moment(due, 15), self.progress(milestone, 100, index)
            )

    def progress(self, milestone: str, percent: int, index: int | None = None) -> Action:
        async def act(step: Step) -> None:
            if self.record.status not in ("PROPOSED", "IN_PROGRESS"):
                return
            evidence = [
                {"title": "活动照片", "url": f"https://files.example.org/{milestone}/{percent}"}
            ]
            project = await self._send(
                step,
                PROGRESS,
                {
                    "milestoneId": milestone,
                    "progress": percent,
                    "note": f"完成{percent}%",
                    "evidence": evidence,
                },
            )
            self.record.reports += project is not None
            if project is None or index is None:
                return
            if self.co_building and index == 0:
                await self._links(step, ("CARRIED_OUT",), "组织实施")
            if all(m["progress"] == 100 for m in project["milestones"]):
                if self.co_building:
                    await self._links(step, ("PROCESS_RECORDED",), "过程纪实完整")
                step.then(step.at + timedelta(days=step.rng.uniform(1, 7)), self.complete)

        return act

    async def complete(self, step: Step) -> None:
        community = self.plan.community
        if await self._send(step, COMPLETE, {}, community.secretary) is None:
            return
        if self.co_building:
            await self._links(step, CLOSING, "群众评议满意")
        step.then(step.at + timedelta(days=step.rng.uniform(7, 21)), self.evaluate)

    async def evaluate(self, step: Step) -> None:
        score = step.rng.randint(*scale.EVALUATION_SCORES)
        if await self._send(step, EVALUATE, {"score": score, "comment": "年度评估"}, ADMIN):
            self.record.score = score

    async def cancelled(self, step: Step) -> None:
        await self._send(step, CANCEL, {"reason": "需求变化，项目终止"}, ADMIN)
