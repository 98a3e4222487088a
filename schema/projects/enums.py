"""Enums of projects, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.ProjectKind,
    description=(
        "Kind of project (项目类型): CO_BUILDING (共驻共建项目), BREAKTHROUGH (突破项目),"
        " SERVICE_ITEM (为民服务事项), PROPERTY_SERVICE (物业企业认领的社区党建服务项目)."
    ),
)
strawberry.enum(
    models.ProjectCategory,
    description=(
        "Category of a co-building project (共驻共建项目类别): PARTY_BUILDING_ALLIANCE (党建联建),"
        " GRASSROOTS_GOVERNANCE (基层治理), LIFE_SERVICES (生活服务), CULTURE_AND_SPORTS"
        " (文体活动), EDUCATION_AND_TRAINING (教育培训), HEALTH_CARE (医疗健康),"
        " ELDERLY_AND_CHILDREN (一老一小), ENVIRONMENT (环境美化), SAFETY (平安建设),"
        " EMPLOYMENT (就业创业)."
    ),
)
strawberry.enum(
    models.OwnerKind,
    description=(
        "Who owns a project (项目责任方): WORK_UNIT (双报到单位), PARTY_MEMBER (在职党员),"
        " SECRETARY (党组织书记), PROPERTY_COMPANY (物业企业)."
    ),
)
strawberry.enum(
    models.ProjectStatus,
    description=(
        "Where a project stands (项目状态): PROPOSED (已立项), IN_PROGRESS (实施中),"
        " COMPLETED (已完成), EVALUATED (已评价), CANCELLED (已取消)."
    ),
)
strawberry.enum(
    models.ProjectAction,
    description=(
        "A step of a project's life (项目操作): PROPOSE (立项), START (开始实施),"
        " COMPLETE (完成), EVALUATE (结项评价), CANCEL (取消)."
    ),
)
strawberry.enum(
    models.CoBuildingLink,
    description=(
        'A link of the "four steps, ten links" loop (四步十环), in order: UNIT_REPORTS'
        " (单位报到), MEMBERS_REPORT (党员报到), NEEDS_COLLECTED (需求征集), LIST_PUBLISHED"
        " (清单发布), PROJECT_ADOPTED (双向认领), PLAN_MADE (制定方案), CARRIED_OUT"
        " (组织实施), PROCESS_RECORDED (过程纪实), RESIDENTS_EVALUATE (群众评议),"
        " FEEDBACK_FILED (反馈考核)."
    ),
)

# The models' enums, registered above with their GraphQL descriptions.
ProjectKind = models.ProjectKind
ProjectCategory = models.ProjectCategory
OwnerKind = models.OwnerKind
ProjectStatus = models.ProjectStatus
ProjectAction = models.ProjectAction
CoBuildingLink = models.CoBuildingLink
