"""Mutations of grid incidents."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers.incidents import mutations
from schema.base import Info
from schema.errors import UserError
from schema.incidents.inputs import (
    AddIncidentTaskInput,
    CallIncidentInput,
    CloseIncidentInput,
    EscalateIncidentInput,
    MergeIncidentInput,
    RecordIncidentCallbackInput,
    ReportIncidentInput,
    RespondToIncidentInput,
    UpdateIncidentTaskInput,
    VerifyIncidentInput,
)
from schema.incidents.types import Incident, IncidentTask
from schema.mutation import Input, result, run, user_errors


@strawberry.type(description="Result of an incident mutation (事件操作结果).")
class IncidentPayload:
    incident: Incident | None = result("The incident (事件).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of a task mutation (任务操作结果).")
class IncidentTaskPayload:
    task: IncidentTask | None = result("The task (处置任务).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class IncidentsMutation:
    @strawberry.mutation(description="Report an incident (上报网格事件).")
    async def report_incident(
        self, info: Info, input: Annotated[ReportIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.report_incident(
                info.context,
                category_id=input.category_id,
                description=input.description,
                grid_id=input.grid_id,
                building_id=input.building_id,
                address=input.address,
                latitude=input.latitude,
                longitude=input.longitude,
                photos=input.photos,
                attributes=[(a.code, a.value) for a in input.attributes],
                reporter_person_id=input.reporter_person_id,
            ),
        )

    @strawberry.mutation(description="The community's call to the departments (社区吹哨).")
    async def call_incident(
        self, info: Info, input: Annotated[CallIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.call_incident(
                info.context,
                incident_id=input.incident_id,
                tier=input.tier,
                department_ids=input.department_ids,
                note=input.note,
            ),
        )

    @strawberry.mutation(description="A department answers the call (部门报到响应).")
    async def respond_to_incident(
        self, info: Info, input: Annotated[RespondToIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.respond_to_incident(
                info.context,
                incident_id=input.incident_id,
                department_id=input.department_id,
                note=input.note,
            ),
        )

    @strawberry.mutation(description="Give a department a dated task (派发处置任务).")
    async def add_incident_task(
        self, info: Info, input: Annotated[AddIncidentTaskInput, Input]
    ) -> IncidentTaskPayload:
        return await run(
            info,
            IncidentTaskPayload,
            "task",
            lambda: mutations.add_task(
                info.context,
                incident_id=input.incident_id,
                department_id=input.department_id,
                title=input.title,
                assignees=input.assignees,
                due_at=input.due_at,
                owner_user_id=input.owner_user_id,
            ),
        )

    @strawberry.mutation(description="Work a task: in progress, done or cancelled (办理任务).")
    async def update_incident_task(
        self, info: Info, input: Annotated[UpdateIncidentTaskInput, Input]
    ) -> IncidentTaskPayload:
        return await run(
            info,
            IncidentTaskPayload,
            "task",
            lambda: mutations.update_task(
                info.context,
                task_id=input.task_id,
                status=input.status,
                resolution_note=input.resolution_note,
            ),
        )

    @strawberry.mutation(description="Escalate one tier up (提级响应).")
    async def escalate_incident(
        self, info: Info, input: Annotated[EscalateIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.escalate_incident(
                info.context,
                incident_id=input.incident_id,
                reason=input.reason,
                department_ids=input.department_ids,
            ),
        )

    @strawberry.mutation(description="Verify on the spot and resolve (网格员核查办结).")
    async def verify_incident(
        self, info: Info, input: Annotated[VerifyIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.verify_incident(
                info.context,
                incident_id=input.incident_id,
                resolution=input.resolution,
                photos=input.photos,
            ),
        )

    @strawberry.mutation(description="Close as not responsible or referred (关闭事件).")
    async def close_incident(
        self, info: Info, input: Annotated[CloseIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.close_incident(
                info.context,
                incident_id=input.incident_id,
                outcome=models.IncidentStatus(input.outcome.value),
                reason=input.reason,
            ),
        )

    @strawberry.mutation(
        description=(
            "Merge a duplicate into the incident it repeats (合并重复事件); returns the original."
        )
    )
    async def merge_incident(
        self, info: Info, input: Annotated[MergeIncidentInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.merge_incident(
                info.context,
                incident_id=input.incident_id,
                into_id=input.into_id,
                reason=input.reason,
            ),
        )

    @strawberry.mutation(description="Record the callback to the reporter (事件回访).")
    async def record_incident_callback(
        self, info: Info, input: Annotated[RecordIncidentCallbackInput, Input]
    ) -> IncidentPayload:
        return await run(
            info,
            IncidentPayload,
            "incident",
            lambda: mutations.record_callback(
                info.context,
                incident_id=input.incident_id,
                result=input.result,
                comment=input.comment,
                reopen=input.reopen,
            ),
        )
