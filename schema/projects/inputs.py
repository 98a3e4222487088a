"""Inputs of the project, property-company and negative-list mutations, and filters."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.projects.enums import CoBuildingLink, ProjectCategory, ProjectKind, ProjectStatus

PROJECT = "The project (项目)."


@strawberry.input(description="Start a project (立项); exactly one owner.")
class CreateProjectInput:
    kind: ProjectKind = strawberry.field(description="Kind (项目类型).")
    category: ProjectCategory | None = strawberry.field(
        default=None, description="For co-building projects only (项目类别)."
    )
    title: str = strawberry.field(description="Title (项目名称).")
    description: str | None = strawberry.field(default=None, description="What it does (项目内容).")
    source: str | None = strawberry.field(
        default=None, description="What it answers (项目来源): a shortfall, a surveyed need."
    )
    community_id: strawberry.ID = strawberry.field(description="The community (所属社区).")
    year: int | None = strawberry.field(default=None, description="Year (年度); this year.")
    owner_work_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owner: a dual-reporting unit (认领单位), co-building."
    )
    owner_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Owner: a party member (党员) or a secretary (书记) for breakthroughs, items.",
    )
    owner_property_company_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owner: a property company (物业企业)."
    )
    due_on: date | None = strawberry.field(default=None, description="Due day (计划完成日期).")


@strawberry.input(description="Add a milestone (添加里程碑).")
class AddProjectMilestoneInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)
    title: str = strawberry.field(description="What it is (名称).")
    weight: int = strawberry.field(default=1, description="Weight 1–100 (权重).")
    due_on: date | None = strawberry.field(default=None, description="Due day (计划完成日期).")


@strawberry.input(description="Evidence (佐证材料).")
class EvidenceInput:
    title: str = strawberry.field(description="What it shows (名称).")
    url: str = strawberry.field(description="An http(s) link (链接).")


@strawberry.input(description="Report progress (报告进展).")
class ReportProjectProgressInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)
    milestone_id: strawberry.ID | None = strawberry.field(
        default=None, description="The milestone whose progress moves (里程碑)."
    )
    progress: int | None = strawberry.field(
        default=None, description="The milestone's progress (进度) 0–100; never lower than before."
    )
    note: str | None = strawberry.field(default=None, description="What was done (进展说明).")
    evidence: list[EvidenceInput] = strawberry.field(
        default_factory=list, description="Up to 10 links (佐证材料)."
    )


@strawberry.input(description='Record a link of "four steps, ten links" (记录四步十环环节).')
class RecordProjectCheckpointInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)
    link: CoBuildingLink = strawberry.field(description="The link (环节), after all earlier ones.")
    note: str | None = strawberry.field(default=None, description="A note (说明).")


@strawberry.input(description="A project (项目).")
class ProjectInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)


@strawberry.input(description="The closing evaluation (结项评价).")
class EvaluateProjectInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)
    score: int = strawberry.field(description="Score 0–100 (得分).")
    comment: str = strawberry.field(description="Comment (评价意见).")


@strawberry.input(description="Cancel a project, saying why (撤项).")
class CancelProjectInput:
    project_id: strawberry.ID = strawberry.field(description=PROJECT)
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Record a breach of the negative list (记录违反负面清单).")
class RecordNegativeListViolationInput:
    item_number: int = strawberry.field(description="The item 1–20 (条目序号).")
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="A party member (党员)."
    )
    work_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Or a work unit (单位)."
    )
    community_id: strawberry.ID = strawberry.field(description="Where (所在社区).")
    occurred_on: date = strawberry.field(description="When (发生日期).")
    description: str = strawberry.field(description="What happened (情况说明).")
    project_id: strawberry.ID | None = strawberry.field(
        default=None, description="The project concerned (相关项目)."
    )


@strawberry.input(description="Which projects (项目) to list.")
class ProjectFilterInput:
    kind: ProjectKind | None = strawberry.field(default=None, description="Only this kind (类型).")
    category: ProjectCategory | None = strawberry.field(
        default=None, description="Only this category (类别)."
    )
    status: ProjectStatus | None = strawberry.field(
        default=None, description="Only this status (状态)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community (社区)."
    )
    street_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this street (街道)."
    )
    year: int | None = strawberry.field(default=None, description="Only this year (年度).")
    owner_work_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this unit (单位)."
    )
    owner_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this person (责任人)."
    )
    owner_property_company_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this company (物业企业)."
    )
    title_contains: str | None = strawberry.field(
        default=None, description="Part of the name (名称包含)."
    )


@strawberry.input(description="Which property companies (物业企业) to list.")
class PropertyCompanyFilterInput:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community (社区)."
    )
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (名称包含)."
    )


@strawberry.input(description="Which breaches of the negative list (违反负面清单记录) to list.")
class ViolationFilterInput:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community (社区)."
    )
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this member (党员)."
    )
    work_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this unit (单位)."
    )
    item_number: int | None = strawberry.field(default=None, description="Only this item (条目).")
