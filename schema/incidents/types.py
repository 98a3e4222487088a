"""Grid incidents (网格事件), their categories, departments, tasks and history."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry

from db import models
from resolvers import clock
from resolvers.accounts.personal_data import mask, sees_personal_data_of
from resolvers.incidents.workflow import INCIDENTS, OPEN_STATUSES
from resolvers.loaders.incidents import (
    departments_by_code,
    events_of,
    participants_of,
    tasks_of,
)
from schema.base import Info, Node, is_model
from schema.incidents.enums import (
    CallbackResult,
    IncidentAction,
    IncidentChannel,
    IncidentStatus,
    ResponseTier,
    TaskStatus,
)

if TYPE_CHECKING:
    from schema.organization.types import Building, Community, Grid

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
GridT = Annotated["Grid", strawberry.lazy("schema.organization.types")]
BuildingT = Annotated["Building", strawberry.lazy("schema.organization.types")]


@strawberry.type(
    description=(
        "A typed extra attribute of a category (扩展属性), as Open311 services declare them:"
        " datatype STRING, NUMBER, BOOLEAN, SINGLE_CHOICE or MULTI_CHOICE."
    )
)
class IncidentAttributeSpec:
    code: str = strawberry.field(description="Code, as given in reportIncident (属性代码).")
    name: str = strawberry.field(description="Name (属性名称).")
    datatype: str = strawberry.field(description="Datatype (数据类型).")
    required: bool = strawberry.field(description="Whether a report must give it (必填).")
    values: list[str] = strawberry.field(description="Allowed values of a choice (可选值).")


@strawberry.type(description="A value of an extra attribute on an incident (扩展属性值).")
class IncidentAttributeValue:
    code: str = strawberry.field(description="Attribute code (属性代码).")
    value: str = strawberry.field(description="The value as text (属性值).")


@strawberry.type(description="A coordinating department of the district (协同部门).")
class Department(Node):
    is_type_of = is_model(models.Department)

    code: str = strawberry.field(description="Code (部门代码).")
    name: str = strawberry.field(description="Name (部门名称).")
    english_name: str = strawberry.field(description="Name in English (英文名称).")
    tier: ResponseTier = strawberry.field(description="Where it usually answers (响应层级).")


@strawberry.type(
    description=(
        "A category of grid incident (事件分类): its group, keywords, default tier and"
        " deadline, usual departments and typed extra attributes."
    )
)
class IncidentCategory(Node):
    is_type_of = is_model(models.IncidentCategory)

    code: str = strawberry.field(description="Code (分类代码).")
    name: str = strawberry.field(description="Name (分类名称).")
    english_name: str = strawberry.field(description="Name in English (英文名称).")
    group: str = strawberry.field(description="Group (大类).")
    keywords: list[str] = strawberry.field(description="Keywords for search and intake (关键词).")
    default_tier: ResponseTier = strawberry.field(description="Default tier (默认响应层级).")
    deadline_hours: int = strawberry.field(description="Hours to close it (办结时限, 小时).")

    @strawberry.field(description="Its extra attributes (扩展属性).")
    def attributes(
        self, root: strawberry.Parent[models.IncidentCategory]
    ) -> list[IncidentAttributeSpec]:
        return [
            IncidentAttributeSpec(
                code=a["code"],
                name=a["name"],
                datatype=a["datatype"],
                required=bool(a["required"]),
                values=list(a.get("values") or []),
            )
            for a in root.attributes
        ]

    @strawberry.field(description="The departments that usually take part (常规协同部门).")
    async def departments(
        self, root: strawberry.Parent[models.IncidentCategory], info: Info
    ) -> list[Department]:
        rows = await departments_by_code(info.context.loaders).load_many(root.department_codes)
        return cast(list[Department], [row for row in rows if row is not None])


@strawberry.type(description="A department taking part in an incident (参与部门).")
class IncidentParticipant(Node):
    is_type_of = is_model(models.IncidentParticipant)

    joined_at: datetime = strawberry.field(description="Called or joined (加入时间).")
    responded_at: datetime | None = strawberry.field(description="Answered (响应时间).")

    @strawberry.field(description="The department (部门).")
    async def department(
        self, root: strawberry.Parent[models.IncidentParticipant], info: Info
    ) -> Department:
        return cast(
            Department, await info.context.loaders.optional(models.Department, root.department_id)
        )


@strawberry.type(
    description=(
        "A dated task of a department on an incident (处置任务): owner, assignees, due"
        " time, status and resolution note."
    )
)
class IncidentTask(Node):
    is_type_of = is_model(models.IncidentTask)

    title: str = strawberry.field(description="What to do (任务内容).")
    assignees: list[str] = strawberry.field(description="Who does it (承办人).")
    due_at: datetime = strawberry.field(description="Due (期限).")
    status: TaskStatus = strawberry.field(description="Status (状态).")
    resolution_note: str | None = strawberry.field(description="How it was resolved (处置结果).")
    done_at: datetime | None = strawberry.field(description="Done or cancelled (完成时间).")
    created_at: datetime = strawberry.field(description="Assigned (派发时间).")

    @strawberry.field(description="Open and past its due time (已超期).")
    def overdue(self, root: strawberry.Parent[models.IncidentTask]) -> bool:
        open_ = root.status in (models.TaskStatus.OPEN, models.TaskStatus.IN_PROGRESS)
        return open_ and root.due_at < clock.now()

    @strawberry.field(description="The department (承办部门).")
    async def department(
        self, root: strawberry.Parent[models.IncidentTask], info: Info
    ) -> Department:
        return cast(
            Department, await info.context.loaders.optional(models.Department, root.department_id)
        )

    @strawberry.field(description="The owner's name (负责人), if one is named.")
    async def owner_name(
        self, root: strawberry.Parent[models.IncidentTask], info: Info
    ) -> str | None:
        user = await info.context.loaders.optional(models.User, root.owner_user_id)
        return user.display_name if user else None

    @strawberry.field(description="The incident (所属事件).")
    async def incident(self, root: strawberry.Parent[models.IncidentTask], info: Info) -> Incident:
        return cast(
            Incident, await info.context.loaders.optional(models.Incident, root.incident_id)
        )


@strawberry.type(
    description="Incident event (事件流转记录): one step of an incident's history, who and why."
)
class IncidentEvent(Node):
    is_type_of = is_model(models.IncidentEvent)

    action: IncidentAction = strawberry.field(description="What was done (操作).")
    from_status: IncidentStatus | None = strawberry.field(
        description="Status before (原状态); null when reported."
    )
    to_status: IncidentStatus = strawberry.field(description="Status after (新状态).")
    tier: ResponseTier = strawberry.field(description="The tier after the step (响应层级).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Why, or what was said (原因/说明).")

    @strawberry.field(description="Who did it (操作人): the person's name, if known.")
    async def actor_name(
        self, root: strawberry.Parent[models.IncidentEvent], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.actor_person_id)
        return person.name if person else None


@strawberry.type(
    description=(
        "A grid incident (网格事件): a problem seen in a grid, called in by the community,"
        " answered at a tier by the departments with dated tasks, verified, closed and"
        " called back."
    )
)
class Incident(Node):
    is_type_of = is_model(models.Incident)

    description: str = strawberry.field(description="What is wrong (事件描述).")
    address: str = strawberry.field(description="Where, in words (地点描述).")
    latitude: float | None = strawberry.field(description="Latitude (纬度), WGS 84.")
    longitude: float | None = strawberry.field(description="Longitude (经度), WGS 84.")
    photos: list[str] = strawberry.field(description="Photo links (照片).")
    channel: IncidentChannel = strawberry.field(description="How it came in (来源渠道).")
    reported_at: datetime = strawberry.field(description="Reported (上报时间).")
    status: IncidentStatus = strawberry.field(description="Where it stands (事件状态).")
    status_changed_at: datetime = strawberry.field(description="Last status change (状态时间).")
    tier: ResponseTier = strawberry.field(description="The tier answering it (响应层级).")
    escalations: int = strawberry.field(description="Times escalated (提级次数).")
    due_at: datetime = strawberry.field(description="Deadline from its category (办结时限).")
    called_at: datetime | None = strawberry.field(description="Called (吹哨时间).")
    responded_at: datetime | None = strawberry.field(description="First answered (响应时间).")
    disposal_started_at: datetime | None = strawberry.field(
        description="Joint disposal started (处置开始)."
    )
    closed_at: datetime | None = strawberry.field(description="Closed (办结/关闭时间).")
    resolution: str | None = strawberry.field(
        description="Resolution or closing reason (办理结果)."
    )
    verified_at: datetime | None = strawberry.field(description="Verified on the spot (核查时间).")
    callback_result: CallbackResult | None = strawberry.field(description="Callback (回访结果).")
    callback_comment: str | None = strawberry.field(description="The reporter's words (回访意见).")
    callback_at: datetime | None = strawberry.field(description="Called back (回访时间).")
    reopen_count: int = strawberry.field(description="Times reopened after a callback (重办次数).")

    @strawberry.field(description="Open (未办结).")
    def open(self, root: strawberry.Parent[models.Incident]) -> bool:
        return root.status in OPEN_STATUSES

    @strawberry.field(
        description=(
            "Overdue (超时): open past its deadline, or waiting longer than its step allows."
        )
    )
    def overdue(self, root: strawberry.Parent[models.Incident]) -> bool:
        now = clock.now()
        if root.status not in OPEN_STATUSES:
            return False
        waiting = INCIDENTS.waiting_since(root)
        late_step = waiting is not None and waiting[1] < now - waiting[0].allowed
        return root.due_at < now or late_step

    @strawberry.field(description="Extra attributes of its category (扩展属性).")
    def attributes(self, root: strawberry.Parent[models.Incident]) -> list[IncidentAttributeValue]:
        def text(value: Any) -> str:
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, list):
                return ",".join(str(v) for v in value)
            return str(value)

        return [IncidentAttributeValue(code=k, value=text(v)) for k, v in root.attributes.items()]

    @strawberry.field(description="The category (事件分类).")
    async def category(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> IncidentCategory:
        return cast(
            IncidentCategory,
            await info.context.loaders.optional(models.IncidentCategory, root.category_id),
        )

    @strawberry.field(description="The community (所属社区).")
    async def community(self, root: strawberry.Parent[models.Incident], info: Info) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.optional(models.Community, root.community_id)
        )

    @strawberry.field(description="The grid (所属网格).")
    async def grid(self, root: strawberry.Parent[models.Incident], info: Info) -> GridT:
        return cast("Grid", await info.context.loaders.optional(models.Grid, root.grid_id))

    @strawberry.field(description="The building (楼栋), if it is at one.")
    async def building(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> BuildingT | None:
        return cast(
            "Building", await info.context.loaders.optional(models.Building, root.building_id)
        )

    @strawberry.field(
        description=(
            "The reporter's name (上报人), masked (张**) outside the scope that shows"
            " personal data; null for an anonymous report."
        )
    )
    async def reporter_name(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> str | None:
        person = await info.context.loaders.optional(models.Person, root.reporter_person_id)
        if person is None:
            return None
        if await sees_personal_data_of(info.context, person):
            return person.name
        return mask(person.name, keep_start=1, keep_end=0)

    @strawberry.field(description="The incident this one repeats (重复于), if merged.")
    async def duplicate_of(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> Incident | None:
        return cast(
            "Incident | None",
            await info.context.loaders.optional(models.Incident, root.duplicate_of_id),
        )

    @strawberry.field(
        description="The departments taking part (参与部门), in the order they joined."
    )
    async def participants(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> list[IncidentParticipant]:
        return cast(
            list[IncidentParticipant], await participants_of(info.context.loaders).load(root.id)
        )

    @strawberry.field(description="Its tasks (处置任务), oldest first.")
    async def tasks(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> list[IncidentTask]:
        return cast(list[IncidentTask], await tasks_of(info.context.loaders).load(root.id))

    @strawberry.field(description="Its history (事件流转记录): every step, oldest first.")
    async def events(
        self, root: strawberry.Parent[models.Incident], info: Info
    ) -> list[IncidentEvent]:
        return cast(list[IncidentEvent], await events_of(info.context.loaders).load(root.id))


@strawberry.type(description="One group of the incident statistics (统计分组).")
class IncidentBucket:
    key: str = strawberry.field(
        description="The group's key (分组键): a code, status, YYYY-MM or grid."
    )
    name: str = strawberry.field(description="Its name (名称).")
    count: int = strawberry.field(description="Incidents (事件数).")
    open: int = strawberry.field(description="Still open (未办结).")
    overdue: int = strawberry.field(description="Open past their deadline (超期未办结).")
    resolved: int = strawberry.field(description="Resolved (已办结).")
    called_back: int = strawberry.field(description="Called back (已回访).")
    satisfied: int = strawberry.field(description="Satisfied at the callback (满意).")
    mean_hours_to_close: float | None = strawberry.field(
        description="Mean hours from report to resolution (平均办结时长, 小时)."
    )


@strawberry.type(
    description="Incident statistics (事件统计) by category, state, month, grid and tier."
)
class IncidentStatistics:
    total: int = strawberry.field(description="Incidents counted (事件总数).")
    by_category: list[IncidentBucket] = strawberry.field(description="By category (按分类).")
    by_status: list[IncidentBucket] = strawberry.field(description="By state (按状态).")
    by_month: list[IncidentBucket] = strawberry.field(
        description="By month reported, district time (按月份)."
    )
    by_grid: list[IncidentBucket] = strawberry.field(description="By grid (按网格).")
    by_tier: list[IncidentBucket] = strawberry.field(description="By tier (按响应层级).")
