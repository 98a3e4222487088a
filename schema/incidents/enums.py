"""Enums of grid incidents, shared with the models."""

from __future__ import annotations

import enum

import strawberry

from db import models

strawberry.enum(
    models.ResponseTier,
    description=(
        "Response tier (响应层级), lowest first: COMMUNITY (社区响应), STREET (街道响应),"
        " DISTRICT (区级响应)."
    ),
)
strawberry.enum(
    models.IncidentStatus,
    description=(
        "Where a grid incident stands (事件状态). Open: REPORTED (已上报), CALLED (已吹哨),"
        " RESPONDING (部门响应中), IN_DISPOSAL (联合处置中); closed: RESOLVED (已办结),"
        " NOT_RESPONSIBLE (非职责范围), DUPLICATE (重复事件), REFERRED (已转办)."
    ),
)
strawberry.enum(
    models.IncidentAction,
    description=(
        "A step of an incident's history (事件操作): REPORT (上报), CALL (吹哨), RESPOND"
        " (部门响应), DISPOSE (派发任务), ESCALATE (提级), VERIFY (核查办结), CLOSE (关闭),"
        " MERGE (合并重复), CALLBACK (回访)."
    ),
)
strawberry.enum(
    models.IncidentChannel,
    description=(
        "How an incident came in (来源渠道): GRID_LEADER (网格巡查发现, a grid leader or"
        " community staff on patrol), RESIDENT (居民上报), STAFF (工作人员代居民登记)."
    ),
)
strawberry.enum(
    models.CallbackResult,
    description=(
        "The reporter's answer to the callback (回访结果): SATISFIED (满意), NOT_SATISFIED"
        " (不满意), UNREACHABLE (无法联系)."
    ),
)
strawberry.enum(
    models.TaskStatus,
    description=(
        "A department's task (处置任务状态): OPEN (待办), IN_PROGRESS (办理中), DONE (已完成),"
        " CANCELLED (已取消)."
    ),
)


@strawberry.enum(description="How an incident is closed without a resolution (关闭方式).")
class CloseOutcome(enum.Enum):
    NOT_RESPONSIBLE = "NOT_RESPONSIBLE"  # 非职责范围
    REFERRED = "REFERRED"  # 已转办


# The models' enums, registered above with their GraphQL descriptions.
ResponseTier = models.ResponseTier
IncidentStatus = models.IncidentStatus
IncidentAction = models.IncidentAction
IncidentChannel = models.IncidentChannel
CallbackResult = models.CallbackResult
TaskStatus = models.TaskStatus
