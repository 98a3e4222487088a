"""Projects of the generated district (docs/domain.md): co-building projects of
units and members, breakthrough projects and service items of secretaries, property
companies' projects, and a few breaches of the negative list, as the project workflow
would leave them on the as-of day. Their dates are written on the report's calendar and
moved onto the history's year (simulation/generator/timeline.py)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from db.models import (
    AccountRole,
    CoBuildingLink,
    OwnerKind,
    ProjectAction,
    ProjectCategory,
    ProjectKind,
    ProjectStatus,
)
from resolvers.projects.workflow import PROJECTS
from simulation import scale as figures
from simulation.account_names import company_username
from simulation.district_time import local
from simulation.generator.plan import District, Resident, apportion
from simulation.generator.service_providers import MILESTONES, ServiceProvider
from simulation.generator.timeline import REPORT_YEAR

LINKS = list(CoBuildingLink)
# The way a project goes, as far as its status: the generated history has no cancellations.
PATH = (ProjectAction.PROPOSE, ProjectAction.START, ProjectAction.COMPLETE, ProjectAction.EVALUATE)
# The projects of the year were proposed before it began (20 December of the year before).
PROPOSED_ON = (12, 20)


class ProjectGenerator:
    """The property companies, then the projects of one community at a time."""

    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng: random.Random = generator.rng
        self.text = ServiceProvider(generator.faker)
        self.per_community: dict[str, list[int]] = {}
        self.companies: dict[int, list[int]] = defaultdict(list)  # community index → companies
        self.company_projects: dict[int, int] = {}

    async def prepare(self) -> None:
        """The projects' share of each community, and the property companies (drawn after
        the wider volunteer teams)."""
        scale, plan = self.g.scale, self.g.plan
        weights = [float(grids) for grids in plan.grids]
        expected = scale.expected()
        self.per_community = {
            "co_building": apportion(expected["co_building_projects"], weights),
            "breakthrough": apportion(expected["breakthrough_projects"], weights),
            "service_items": apportion(expected["service_items"], weights),
        }
        companies = expected["property_companies"]
        projects = apportion(expected["property_service_projects"], [1.0] * companies, minimum=1)
        for n in range(companies):
            index = self.rng.randrange(len(plan.communities))
            community = plan.communities[index][0]
            company = await self.w.add(
                "property_companies",
                {
                    "name": self.text.company_name(n + 1),
                    "community_id": community,
                    "party_organization_name": f"物业党支部{n + 1:03d}",
                    "agreement_signed_on": self.g.day(date(2020, 1, 1)),
                    "archived_at": None,
                    **self.g.stamps(),
                },
            )
            self.companies[index].append(company)
            self.company_projects[company] = projects[n]
            if self.g.accounts is not None:
                await self.g.accounts.add(
                    company_username(company),
                    f"物业企业{n + 1:03d}",
                    [(AccountRole.PROPERTY_COMPANY, "property_company_id", company)],
                )

    async def community(
        self,
        index: int,
        community: int,
        name: str,
        secretary: Resident,
        residents: Sequence[Resident],
    ) -> None:
        units = self.g.plan.units_by_community.get(community, [])
        members = [r for r in residents if r.member]
        for _ in range(self.per_community["co_building"][index]):
            category = self.rng.choice(list(ProjectCategory))
            if units and self.rng.random() >= figures.SHARE_OF_PROJECTS_BY_MEMBERS:
                owner = {
                    "owner_kind": OwnerKind.WORK_UNIT,
                    "owner_work_unit_id": self.rng.choice(units).id,
                }
            else:
                owner = {
                    "owner_kind": OwnerKind.PARTY_MEMBER,
                    "owner_person_id": self.rng.choice(members or [secretary]).person,
                }
            await self.project(
                ProjectKind.CO_BUILDING, category, community, name, owner, secretary.person
            )
        led = {"owner_kind": OwnerKind.SECRETARY, "owner_person_id": secretary.person}
        for _ in range(self.per_community["breakthrough"][index]):
            await self.project(
                ProjectKind.BREAKTHROUGH, None, community, name, led, secretary.person
            )
        for _ in range(self.per_community["service_items"][index]):
            await self.project(
                ProjectKind.SERVICE_ITEM, None, community, name, led, secretary.person
            )
        for company in self.companies.get(index, []):
            owner = {"owner_kind": OwnerKind.PROPERTY_COMPANY, "owner_property_company_id": company}
            for _ in range(self.company_projects[company]):
                await self.project(
                    ProjectKind.PROPERTY_SERVICE, None, community, name, owner, secretary.person
                )
        for _ in range(self.rng.randint(*figures.VIOLATIONS_PER_COMMUNITY)):
            subject = (
                {"work_unit_id": self.rng.choice(units).id, "person_id": None}
                if units and self.rng.random() < 0.3
                else {
                    "person_id": self.rng.choice(members or [secretary]).person,
                    "work_unit_id": None,
                }
            )
            await self.w.add(
                "negative_list_violations",
                {
                    "item_number": self.rng.randint(1, 20),
                    "community_id": community,
                    "project_id": None,
                    "occurred_on": self.g.timeline.moved(
                        self.g.report_day(date(REPORT_YEAR, 1, 1))
                    ),
                    "description": self.text.violation(),
                    "recorded_at": local(self.g.timeline.on(6, 30), 9),
                    "recorded_by_user_id": None,
                    **subject,
                },
            )

    async def project(
        self,
        kind: ProjectKind,
        category: ProjectCategory | None,
        community: int,
        place: str,
        owner: dict[str, Any],
        secretary: int,
    ) -> None:
        """A project as the workflow leaves it on the as-of day: milestones whose weighted
        progress is the project's, checkpoints a prefix of the ten links, an evaluation
        once completed, and the history of its status (the community's secretary proposes,
        completes and evaluates; the owner starts the work)."""
        rng, timeline = self.rng, self.g.timeline
        status = ProjectStatus(
            rng.choices(
                list(figures.PROJECT_STATUS_SHARES), list(figures.PROJECT_STATUS_SHARES.values())
            )[0]
        )
        title, source = self.text.project_title(kind, category, place)
        key = self.w.new_id("projects")
        count = rng.randint(*figures.MILESTONES_PER_PROJECT)
        weights = [rng.randint(1, 5) for _ in range(count)]
        if status is ProjectStatus.PROPOSED:
            progress = [0] * count
        elif status is ProjectStatus.IN_PROGRESS:
            reached = rng.randrange(count)
            progress = (
                [100] * reached + [rng.choice((20, 40, 60, 80))] + [0] * (count - reached - 1)
            )
        else:
            progress = [100] * count
        total = round(sum(w * p for w, p in zip(weights, progress, strict=True)) / sum(weights))
        started = timeline.on(rng.randint(1, 3), rng.randint(1, 28))
        completed = (
            timeline.on(rng.randint(5, 6), rng.randint(1, 28))
            if status in (ProjectStatus.COMPLETED, ProjectStatus.EVALUATED)
            else None
        )
        evaluated = status is ProjectStatus.EVALUATED
        await self.w.add(
            "projects",
            {
                "id": key,
                "kind": kind,
                "category": category,
                "title": title,
                "description": "",
                "source": source,
                "community_id": community,
                "year": timeline.year,
                "owner_work_unit_id": None,
                "owner_person_id": None,
                "owner_property_company_id": None,
                **owner,
                "status": status,
                "progress": total,
                "started_on": None if status is ProjectStatus.PROPOSED else started,
                "due_on": timeline.on(12, 31),
                "completed_on": completed,
                "evaluation_score": rng.randint(80, 100) if evaluated else None,
                "evaluation_comment": "群众满意，成效明显" if evaluated else None,
                "evaluated_at": local(timeline.on(6, 30), 15) if evaluated else None,
                "evaluated_by_user_id": None,
                "cancel_reason": None,
                **self.g.stamps(),
            },
        )
        await self.project_events(key, status, started, completed, owner, secretary)
        for position, (weight, done) in enumerate(zip(weights, progress, strict=True), start=1):
            milestone = await self.w.add(
                "project_milestones",
                {
                    "project_id": key,
                    "position": position,
                    "title": MILESTONES[(position - 1) % len(MILESTONES)],
                    "weight": weight,
                    "due_on": timeline.on(min(12, 2 + 2 * position), 28),
                    "progress": done,
                    "completed_on": completed or timeline.on(6, 1) if done == 100 else None,
                    **self.g.stamps(),
                },
            )
            if done:
                await self.w.add(
                    "project_updates",
                    {
                        "project_id": key,
                        "milestone_id": milestone,
                        "progress": done,
                        "note": f"{MILESTONES[(position - 1) % len(MILESTONES)]}进展{done}%",
                        "evidence": [
                            {
                                "title": "现场照片",
                                "url": f"https://files.example.cn/p{key}/{position}.jpg",
                            }
                        ],
                        "reported_at": local(timeline.on(min(6, position + 1), 15), 10),
                        "reported_by_user_id": None,
                        "reported_by_person_id": owner.get("owner_person_id"),
                    },
                )
        if kind is not ProjectKind.CO_BUILDING:
            return
        links = {
            ProjectStatus.PROPOSED: rng.randint(0, 5),
            ProjectStatus.IN_PROGRESS: rng.randint(5, 8),
            ProjectStatus.COMPLETED: rng.randint(8, 9),
            ProjectStatus.EVALUATED: 10,
        }[status]
        for n, link in enumerate(LINKS[:links]):
            await self.w.add(
                "project_checkpoints",
                {
                    "project_id": key,
                    "link": link,
                    "note": "",
                    "recorded_at": local(
                        timeline.moved(date(REPORT_YEAR, 1, 10) + timedelta(days=15 * n)), 10
                    ),
                    "recorded_by_user_id": None,
                    "recorded_by_person_id": owner.get("owner_person_id"),
                },
            )

    async def project_events(
        self,
        key: int,
        status: ProjectStatus,
        started: date,
        completed: date | None,
        owner: dict[str, Any],
        secretary: int,
    ) -> None:
        """The project's events up to `status`, moving as the project machine moves it."""
        timeline = self.g.timeline
        proposed = date(timeline.year - 1, *PROPOSED_ON)
        times = {
            ProjectAction.PROPOSE: (local(proposed, 9), secretary),
            ProjectAction.START: (local(started, 9), owner.get("owner_person_id") or secretary),
            ProjectAction.COMPLETE: (local(completed or started, 17), secretary),
            ProjectAction.EVALUATE: (local(timeline.on(6, 30), 15), secretary),
        }
        before: ProjectStatus | None = None
        for action in PATH:
            transition = PROJECTS.transition(action)
            assert before in transition.sources
            at, actor = times[action]
            await self.w.add(
                "project_events",
                {
                    "project_id": key,
                    "action": action,
                    "from_status": before,
                    "to_status": transition.target,
                    "at": at,
                    "actor_user_id": None,
                    "actor_person_id": actor,
                    "reason": None,
                },
            )
            before = transition.target
            if before is status:
                return
