"""Enums of the delivery industry's party work, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.DeliveryPlatform,
    description="A rider's platform (配送平台): MEITUAN (美团), ELEME (饿了么), OTHER.",
)
strawberry.enum(
    models.CommissionerSector,
    description=(
        "Where a commissioner is placed (驻点行业): COURIER (快递物流), INTERNET (互联网),"
        " USED_CAR (二手车)."
    ),
)
strawberry.enum(
    models.ChecklistKind,
    description=(
        "A commissioner's checklist (专员清单): HANDBOOK (指导手册, 5 aspects, 31 items),"
        " GOAL (目标任务, 4), DUTY (具体职责, 10)."
    ),
)
strawberry.enum(
    models.ProgressStatus,
    description=(
        "How far an item stands (进展): PLANNED (未开始), IN_PROGRESS (推进中), DONE (已完成)."
    ),
)
strawberry.enum(
    models.ProgressAction,
    description="A progress step (进展操作): REPORT (报告进展), REOPEN (重新打开).",
)

DeliveryPlatform = models.DeliveryPlatform
CommissionerSector = models.CommissionerSector
ChecklistKind = models.ChecklistKind
ProgressStatus = models.ProgressStatus
ProgressAction = models.ProgressAction
