"""Mutations of projects and the negative list."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.projects import mutations
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.projects.inputs import (
    AddProjectMilestoneInput,
    CancelProjectInput,
    CreateProjectInput,
    EvaluateProjectInput,
    ProjectInput,
    RecordNegativeListViolationInput,
    RecordProjectCheckpointInput,
    ReportProjectProgressInput,
)
from schema.projects.types import NegativeListViolation, Project


@strawberry.type(description="Result of a project mutation (项目操作结果).")
class ProjectPayload:
    project: Project | None = result("The project (项目).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordNegativeListViolation (负面清单记录).")
class NegativeListViolationPayload:
    violation: NegativeListViolation | None = result("The record (记录).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class ProjectsMutation:
    @strawberry.mutation(description="Start a project (立项).")
    async def create_project(
        self, info: Info, input: Annotated[CreateProjectInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.create_project(
                info.context,
                kind=input.kind,
                category=input.category,
                title=input.title,
                description=input.description,
                source=input.source,
                community_id=input.community_id,
                year=input.year,
                owner_work_unit_id=input.owner_work_unit_id,
                owner_person_id=input.owner_person_id,
                owner_property_company_id=input.owner_property_company_id,
                due_on=input.due_on,
            ),
        )

    @strawberry.mutation(description="Add a milestone (添加里程碑).")
    async def add_project_milestone(
        self, info: Info, input: Annotated[AddProjectMilestoneInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.add_milestone(
                info.context,
                project_id=input.project_id,
                title=input.title,
                weight=input.weight,
                due_on=input.due_on,
            ),
        )

    @strawberry.mutation(description="Report progress with evidence (报告进展).")
    async def report_project_progress(
        self, info: Info, input: Annotated[ReportProjectProgressInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.report_progress(
                info.context,
                project_id=input.project_id,
                milestone_id=input.milestone_id,
                progress=input.progress,
                note=input.note,
                evidence=[(item.title, item.url) for item in input.evidence],
            ),
        )

    @strawberry.mutation(description='Record a link of "four steps, ten links" (四步十环).')
    async def record_project_checkpoint(
        self, info: Info, input: Annotated[RecordProjectCheckpointInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.record_checkpoint(
                info.context, project_id=input.project_id, link=input.link, note=input.note
            ),
        )

    @strawberry.mutation(description="Complete a project (完成项目).")
    async def complete_project(
        self, info: Info, input: Annotated[ProjectInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.complete(info.context, project_id=input.project_id),
        )

    @strawberry.mutation(description="The closing evaluation (结项评价).")
    async def evaluate_project(
        self, info: Info, input: Annotated[EvaluateProjectInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.evaluate(
                info.context, project_id=input.project_id, score=input.score, comment=input.comment
            ),
        )

    @strawberry.mutation(description="Cancel a project (撤项).")
    async def cancel_project(
        self, info: Info, input: Annotated[CancelProjectInput, Input]
    ) -> ProjectPayload:
        return await run(
            info,
            ProjectPayload,
            "project",
            lambda: mutations.cancel(
                info.context, project_id=input.project_id, reason=input.reason
            ),
        )

    @strawberry.mutation(description="Record a breach of the negative list (记录负面清单).")
    async def record_negative_list_violation(
        self, info: Info, input: Annotated[RecordNegativeListViolationInput, Input]
    ) -> NegativeListViolationPayload:
        return await run(
            info,
            NegativeListViolationPayload,
            "violation",
            lambda: mutations.record_violation(
                info.context,
                item_number=input.item_number,
                person_id=input.person_id,
                work_unit_id=input.work_unit_id,
                community_id=input.community_id,
                occurred_on=input.occurred_on,
                description=input.description,
                project_id=input.project_id,
            ),
        )
