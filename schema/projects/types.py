"""Projects (项目), their milestones, progress reports and the ten links of the loop;
the negative list and its breaches."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.loaders.projects import checkpoints_of, events_of, milestones_of
from resolvers.paging import NEWEST_FIRST
from resolvers.projects import workflow
from resolvers.projects.negative_list import NEGATIVE_LIST
from schema.base import Info, Node, is_model
from schema.pagination import Connection, list_field
from schema.projects.enums import (
    CoBuildingLink,
    OwnerKind,
    ProjectAction,
    ProjectCategory,
    ProjectKind,
    ProjectStatus,
)

if TYPE_CHECKING:
    from schema.assessment.types import Shortfall
    from schema.organization.types import Community
    from schema.people.types import Person
    from schema.property.types import PropertyCompany
    from schema.units.types import WorkUnit

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
WorkUnitT = Annotated["WorkUnit", strawberry.lazy("schema.units.types")]
CompanyT = Annotated["PropertyCompany", strawberry.lazy("schema.property.types")]
ShortfallT = Annotated["Shortfall", strawberry.lazy("schema.assessment.types")]


@strawberry.type(description="A milestone (里程碑) with its weight in the project's progress.")
class ProjectMilestone(Node):
    is_type_of = is_model(models.ProjectMilestone)

    position: int = strawberry.field(description="Order in the project (序号).")
    title: str = strawberry.field(description="What it is (名称).")
    weight: int = strawberry.field(description="Weight in the project's progress (权重), 1–100.")
    due_on: date | None = strawberry.field(description="Due (计划完成日期).")
    progress: int = strawberry.field(description="Progress 0–100 (进度).")
    completed_on: date | None = strawberry.field(description="Reached 100 % (完成日期).")


@strawberry.type(description="A piece of evidence (佐证材料): a title and a link.")
class Evidence:
    title: str = strawberry.field(description="What it shows (名称).")
    url: str = strawberry.field(description="Where it is (链接).")


@strawberry.type(description="A progress report (进展报告) with its evidence.")
class ProjectUpdate(Node):
    is_type_of = is_model(models.ProjectUpdate)

    progress: int | None = strawberry.field(description="The milestone's progress reported (进度).")
    note: str = strawberry.field(description="What was done (进展说明).")
    reported_at: datetime = strawberry.field(description="When (报告时间).")

    @strawberry.field(description="Evidence (佐证材料).")
    def evidence(self, root: strawberry.Parent[models.ProjectUpdate]) -> list[Evidence]:
        return [Evidence(title=item["title"], url=item["url"]) for item in root.evidence]

    @strawberry.field(description="The milestone it reports on (里程碑), if any.")
    async def milestone(
        self, root: strawberry.Parent[models.ProjectUpdate], info: Info
    ) -> ProjectMilestone | None:
        return cast(
            ProjectMilestone | None,
            await info.context.loaders.optional(models.ProjectMilestone, root.milestone_id),
        )

    @strawberry.field(description="Who reported (报告人): the person's name, if known.")
    async def reported_by_name(
        self, root: strawberry.Parent[models.ProjectUpdate], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.reported_by_person_id)
        return person.name if person else None


@strawberry.type(description='A recorded link of the "four steps, ten links" loop (四步十环).')
class ProjectCheckpoint(Node):
    is_type_of = is_model(models.ProjectCheckpoint)

    link: CoBuildingLink = strawberry.field(description="The link (环节).")
    note: str = strawberry.field(description="Note (说明).")
    recorded_at: datetime = strawberry.field(description="When (记录时间).")

    @strawberry.field(description="The step it belongs to (步骤): REPORT, ADOPT, SERVE, EVALUATE.")
    def step(self, root: strawberry.Parent[models.ProjectCheckpoint]) -> str:
        return workflow.STEP_OF[root.link].name

    @strawberry.field(description="Who recorded it (记录人): the person's name, if known.")
    async def recorded_by_name(
        self, root: strawberry.Parent[models.ProjectCheckpoint], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.recorded_by_person_id)
        return person.name if person else None


@strawberry.type(
    description="Project event (项目流转记录): one step of a project's history, who and why."
)
class ProjectEvent(Node):
    is_type_of = is_model(models.ProjectEvent)

    action: ProjectAction = strawberry.field(description="What was done (操作).")
    from_status: ProjectStatus | None = strawberry.field(
        description="Status before (原状态); null when the project was proposed."
    )
    to_status: ProjectStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, where a reason is asked (原因).")

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.ProjectEvent], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.actor_person_id)
        return person.name if person else None


@strawberry.type(description="One of the ten links with whether it is recorded (闭环环节).")
class LoopLink:
    link: CoBuildingLink = strawberry.field(description="The link (环节).")
    name: str = strawberry.field(description="Its Chinese name (环节名称).")
    step: str = strawberry.field(description="The step (步骤): REPORT, ADOPT, SERVE, EVALUATE.")
    recorded_at: datetime | None = strawberry.field(
        description="When recorded (记录时间); null if not yet."
    )


@strawberry.type(
    description=(
        "A project (项目): co-building (共驻共建), breakthrough (突破项目), yearly service item"
        " (为民服务事项) or a property company's community service project; its progress is"
        " the weighted progress of its milestones."
    )
)
class Project(Node):
    is_type_of = is_model(models.Project)

    kind: ProjectKind = strawberry.field(description="Kind (项目类型).")
    category: ProjectCategory | None = strawberry.field(
        description="Category of a co-building project (项目类别)."
    )
    title: str = strawberry.field(description="Title (项目名称).")
    description: str = strawberry.field(description="Description (项目内容).")
    source: str = strawberry.field(description="What it answers (项目来源): shortfall or need.")
    year: int = strawberry.field(description="Year (年度).")
    owner_kind: OwnerKind = strawberry.field(description="Kind of owner (责任方类型).")
    status: ProjectStatus = strawberry.field(description="Where it stands (项目状态).")
    progress: int = strawberry.field(description="Weighted progress 0–100 (总进度).")
    started_on: date | None = strawberry.field(description="Started (开始日期).")
    due_on: date | None = strawberry.field(description="Due (计划完成日期).")
    completed_on: date | None = strawberry.field(description="Completed (完成日期).")
    evaluation_score: int | None = strawberry.field(description="Closing score 0–100 (评价得分).")
    evaluation_comment: str | None = strawberry.field(description="Closing comment (评价意见).")
    evaluated_at: datetime | None = strawberry.field(description="Evaluated (评价时间).")
    cancel_reason: str | None = strawberry.field(description="Why cancelled (取消原因).")
    created_at: datetime = strawberry.field(description="Created (立项时间).")

    @strawberry.field(
        description="The shortfall (短板) a breakthrough project was made from, if it was:"
        " an observer's finding or an annual review's item."
    )
    async def source_shortfall(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> ShortfallT | None:
        row = await info.context.loaders.optional(models.Shortfall, root.source_shortfall_id)
        return cast("Shortfall | None", row)

    @strawberry.field(description="The community (所属社区).")
    async def community(self, root: strawberry.Parent[models.Project], info: Info) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.optional(models.Community, root.community_id)
        )

    @strawberry.field(description="The owning work unit (认领单位), if a unit owns it.")
    async def owner_work_unit(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> WorkUnitT | None:
        return cast(
            "WorkUnit",
            await info.context.loaders.optional(models.WorkUnit, root.owner_work_unit_id),
        )

    @strawberry.field(description="The owning company (认领物业企业), if a company owns it.")
    async def owner_property_company(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> CompanyT | None:
        row = await info.context.loaders.optional(
            models.PropertyCompany, root.owner_property_company_id
        )
        return cast("PropertyCompany", row)

    @strawberry.field(description="The owning member or secretary (责任人): staff read it.")
    async def owner_person(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> PersonT | None:
        return cast(
            "Person", await info.context.loaders.optional(models.Person, root.owner_person_id)
        )

    @strawberry.field(description="The owner's name (责任方名称), for everyone who reads it.")
    async def owner_name(self, root: strawberry.Parent[models.Project], info: Info) -> str:
        loaders = info.context.loaders
        owner: models.WorkUnit | models.PropertyCompany | models.Person | None = (
            await loaders.optional(models.WorkUnit, root.owner_work_unit_id)
            or await loaders.optional(models.PropertyCompany, root.owner_property_company_id)
            or await loaders.optional(models.Person, root.owner_person_id)
        )
        return owner.name if owner is not None else ""

    @strawberry.field(description="Milestones (里程碑), in order.")
    async def milestones(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> list[ProjectMilestone]:
        rows = await milestones_of(info.context.loaders).load(root.id)
        return cast(list[ProjectMilestone], rows)

    @strawberry.field(description="Links of the loop recorded so far (已记录环节), in order.")
    async def checkpoints(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> list[ProjectCheckpoint]:
        rows = await checkpoints_of(info.context.loaders).load(root.id)
        return cast(list[ProjectCheckpoint], rows)

    @strawberry.field(description="Its history (项目流转记录): every status change, oldest first.")
    async def events(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> list[ProjectEvent]:
        rows = await events_of(info.context.loaders).load(root.id)
        return cast(list[ProjectEvent], rows)

    @strawberry.field(
        description='All ten links of "four steps, ten links" (四步十环) and which are recorded.'
    )
    async def loop(self, root: strawberry.Parent[models.Project], info: Info) -> list[LoopLink]:
        rows = await checkpoints_of(info.context.loaders).load(root.id)
        recorded = {row.link: row.recorded_at for row in rows}
        return [
            LoopLink(
                link=link,
                name=workflow.LINK_NAMES[link],
                step=workflow.STEP_OF[link].name,
                recorded_at=recorded.get(link),
            )
            for link in workflow.LINKS
        ]

    @strawberry.field(description="The next link to record (下一环节); null when all are.")
    async def next_link(
        self, root: strawberry.Parent[models.Project], info: Info
    ) -> CoBuildingLink | None:
        if root.kind is not models.ProjectKind.CO_BUILDING:
            return None
        rows = await checkpoints_of(info.context.loaders).load(root.id)
        done = {row.link for row in rows}
        return next((link for link in workflow.LINKS if link not in done), None)

    updates: Connection[ProjectUpdate] = list_field(
        models.ProjectUpdate,
        description="Progress reports (进展报告), newest first.",
        parent="project_id",
        fixed_order=NEWEST_FIRST,
    )


@strawberry.type(
    description="An item of the negative list (负面清单) of words (言) and deeds (行)."
)
class NegativeListItem:
    number: int = strawberry.field(description="Item number 1–20 (序号).")
    kind: str = strawberry.field(description="WORDS (言) or DEEDS (行).")
    text: str = strawberry.field(description="The item (内容).")
    gloss: str = strawberry.field(description="In English (英文释义).")


def negative_list() -> list[NegativeListItem]:
    return [
        NegativeListItem(number=i.number, kind=i.kind, text=i.text, gloss=i.gloss)
        for i in NEGATIVE_LIST
    ]


@strawberry.type(
    description="A breach of the negative list (违反负面清单) on a member's or unit's record."
)
class NegativeListViolation(Node):
    is_type_of = is_model(models.NegativeListViolation)

    occurred_on: date = strawberry.field(description="When it happened (发生日期).")
    description: str = strawberry.field(description="What happened (情况说明).")
    recorded_at: datetime = strawberry.field(description="Recorded (记录时间).")

    @strawberry.field(description="The item breached (违反条目).")
    def item(self, root: strawberry.Parent[models.NegativeListViolation]) -> NegativeListItem:
        found = NEGATIVE_LIST[root.item_number - 1]
        return NegativeListItem(
            number=found.number, kind=found.kind, text=found.text, gloss=found.gloss
        )

    @strawberry.field(description="The member concerned (党员), if a member.")
    async def person(
        self, root: strawberry.Parent[models.NegativeListViolation], info: Info
    ) -> PersonT | None:
        return cast("Person", await info.context.loaders.optional(models.Person, root.person_id))

    @strawberry.field(description="The unit concerned (单位), if a unit.")
    async def work_unit(
        self, root: strawberry.Parent[models.NegativeListViolation], info: Info
    ) -> WorkUnitT | None:
        return cast(
            "WorkUnit", await info.context.loaders.optional(models.WorkUnit, root.work_unit_id)
        )

    @strawberry.field(description="Where (所在社区).")
    async def community(
        self, root: strawberry.Parent[models.NegativeListViolation], info: Info
    ) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.optional(models.Community, root.community_id)
        )
