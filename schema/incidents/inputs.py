"""Inputs of the grid-incident mutations, and the incident filters."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.incidents.enums import (
    CallbackResult,
    CloseOutcome,
    IncidentStatus,
    ResponseTier,
    TaskStatus,
)

INCIDENT = "The incident (事件)."
DEPARTMENTS = "Departments to call (协同部门); the category's usual ones when omitted."


@strawberry.input(description="A value of a category's extra attribute (扩展属性值).")
class IncidentAttributeInput:
    code: str = strawberry.field(description="Attribute code (属性代码).")
    value: str = strawberry.field(
        description=(
            "The value (属性值) as text: a number, true/false, a choice, or choices joined "
            "by commas."
        )
    )


@strawberry.input(
    description=(
        "Report an incident (上报事件): by a grid leader on patrol, a resident, or staff for a"
        " resident; at a building or a grid."
    )
)
class ReportIncidentInput:
    category_id: strawberry.ID = strawberry.field(description="The category (事件分类).")
    description: str = strawberry.field(description="What is wrong (事件描述).")
    building_id: strawberry.ID | None = strawberry.field(
        default=None, description="The building (楼栋); or give the grid."
    )
    grid_id: strawberry.ID | None = strawberry.field(
        default=None, description="The grid (网格), when not at a building."
    )
    address: str | None = strawberry.field(default=None, description="Where, in words (地点).")
    latitude: float | None = strawberry.field(default=None, description="Latitude (纬度).")
    longitude: float | None = strawberry.field(default=None, description="Longitude (经度).")
    photos: list[str] = strawberry.field(
        default_factory=list, description="Up to 9 http(s) photo links (照片)."
    )
    attributes: list[IncidentAttributeInput] = strawberry.field(
        default_factory=list, description="The category's extra attributes (扩展属性)."
    )
    reporter_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Staff only: the resident reported for (代登记居民)."
    )


@strawberry.input(description="The community's call (社区吹哨).")
class CallIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    tier: ResponseTier | None = strawberry.field(
        default=None, description="The tier that answers (响应层级); the category's default."
    )
    department_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=DEPARTMENTS
    )
    note: str | None = strawberry.field(default=None, description="A note (说明).")


@strawberry.input(description="A department answers the call (部门响应).")
class RespondToIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    department_id: strawberry.ID = strawberry.field(description="The department (部门).")
    note: str | None = strawberry.field(default=None, description="A note (说明).")


@strawberry.input(description="A dated task for a department (派发处置任务).")
class AddIncidentTaskInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    department_id: strawberry.ID = strawberry.field(description="The department (承办部门).")
    title: str = strawberry.field(description="What to do (任务内容).")
    due_at: datetime = strawberry.field(description="Due (期限).")
    assignees: list[str] = strawberry.field(
        default_factory=list, description="Who does it (承办人), up to 10 names."
    )
    owner_user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The owner's account (负责人)."
    )


@strawberry.input(description="Work a task (办理任务).")
class UpdateIncidentTaskInput:
    task_id: strawberry.ID = strawberry.field(description="The task (任务).")
    status: TaskStatus = strawberry.field(description="New status (新状态).")
    resolution_note: str | None = strawberry.field(
        default=None, description="How it was resolved, or why cancelled (处置结果)."
    )


@strawberry.input(description="Escalate one tier up (提级响应).")
class EscalateIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    reason: str = strawberry.field(description="Why (原因).")
    department_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=DEPARTMENTS
    )


@strawberry.input(description="Verify on the spot and resolve (核查办结).")
class VerifyIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    resolution: str = strawberry.field(description="What was done (办理结果).")
    photos: list[str] = strawberry.field(
        default_factory=list, description="Photos after (处置后照片)."
    )


@strawberry.input(description="Close without a resolution (关闭事件).")
class CloseIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    outcome: CloseOutcome = strawberry.field(description="How (关闭方式).")
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Merge a duplicate into the incident it repeats (合并重复事件).")
class MergeIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description="The duplicate (重复事件).")
    into_id: strawberry.ID = strawberry.field(description="The incident it repeats (原事件).")
    reason: str | None = strawberry.field(default=None, description="A note (说明).")


@strawberry.input(description="The callback to the reporter (回访).")
class RecordIncidentCallbackInput:
    incident_id: strawberry.ID = strawberry.field(description=INCIDENT)
    result: CallbackResult = strawberry.field(description="The answer (回访结果).")
    comment: str | None = strawberry.field(
        default=None, description="The reporter's words (回访意见); required when not satisfied."
    )
    reopen: bool = strawberry.field(
        default=False, description="Not satisfied: send it back to disposal (重新办理)."
    )


@strawberry.input(description="Which incidents (事件筛选).")
class IncidentFilterInput:
    statuses: list[IncidentStatus] | None = strawberry.field(
        default=None, description="In these states (状态)."
    )
    open_only: bool = strawberry.field(default=False, description="Only open ones (未办结).")
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Category (事件分类)."
    )
    tier: ResponseTier | None = strawberry.field(default=None, description="Tier (响应层级).")
    street_id: strawberry.ID | None = strawberry.field(default=None, description="Street (街道).")
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )
    grid_id: strawberry.ID | None = strawberry.field(default=None, description="Grid (网格).")
    reported_from: datetime | None = strawberry.field(
        default=None, description="Reported at or after (上报起)."
    )
    reported_to: datetime | None = strawberry.field(
        default=None, description="Reported before (上报止)."
    )


@strawberry.input(description="Which tasks (任务筛选).")
class IncidentTaskFilterInput:
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Department (部门)."
    )
    incident_id: strawberry.ID | None = strawberry.field(default=None, description=INCIDENT)
    statuses: list[TaskStatus] | None = strawberry.field(
        default=None, description="Task status (任务状态)."
    )
