"""Enums of assessment, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.VisitKind,
    description=(
        "How an observer looks (观察方式): ON_SITE_INSPECTION (实地察看), RESIDENT_POLL"
        " (随机听取民意), INTERVIEW (个别谈话), RECORD_REVIEW (查阅资料)."
    ),
)
strawberry.enum(
    models.Severity,
    description=(
        "How serious a shortfall is (问题程度): MINOR (一般), MODERATE (较重), SERIOUS (严重)."
    ),
)
strawberry.enum(
    models.ShortfallSource,
    description=(
        "Where a shortfall (短板) was found: VISIT_FINDING (观察员发现), REVIEW_ITEM (述职评议)."
    ),
)
strawberry.enum(
    models.Ring,
    description=(
        'A ring of "one body, four rings" (一体四环): LOOK (看), REPORT (述), EVALUATE (评),'
        " SUPERVISE (督)."
    ),
)
strawberry.enum(
    models.ReviewStatus,
    description="Where an annual review stands (述职评议状态): OPEN (评议中), CONCLUDED (已评定).",
)
strawberry.enum(
    models.ReviewAction,
    description="A step of an annual review (评议操作): OPEN (启动), CONCLUDE (评定).",
)
strawberry.enum(
    models.RaterRole,
    description="Who rated from below (下评上评价人): RESIDENT (居民), PARTY_MEMBER (党员).",
)
strawberry.enum(
    models.AwardStatus,
    description=(
        "Where an award application stands (评选状态): APPLIED (自主申报), RECOMMENDED"
        " (镇街初审通过), NOT_RECOMMENDED (初审未通过), DECIDED (区级复核完成)."
    ),
)
strawberry.enum(
    models.AwardAction,
    description=(
        "A step of the award (评选操作): APPLY (申报), FIRST_REVIEW (镇街初审), RECHECK (区级复核)."
    ),
)
strawberry.enum(
    models.AwardOutcome,
    description=(
        "The award's outcome (评选结果): BEST (最佳社区党群服务中心), MOST_DISTINCTIVE"
        " (最具特色社区党群服务中心), NOT_AWARDED (未获评)."
    ),
)
strawberry.enum(
    models.AwardAspect,
    description=(
        "The 5 aspects of the award (评比方面): CENTRE_BUILDING (党群服务中心建设),"
        " SERVICE_METHOD (为民服务工作法), SERVICE_ACTIVITIES (服务活动开展),"
        " RESIDENT_SATISFACTION (群众满意度), BRAND_INFLUENCE (品牌影响力)."
    ),
)
strawberry.enum(
    models.AwardStage,
    description="Who scored (评分环节): STREET (镇街初审), DISTRICT (区级复核).",
)

VisitKind = models.VisitKind
Severity = models.Severity
ShortfallSource = models.ShortfallSource
Ring = models.Ring
ReviewStatus = models.ReviewStatus
ReviewAction = models.ReviewAction
RaterRole = models.RaterRole
AwardStatus = models.AwardStatus
AwardAction = models.AwardAction
AwardOutcome = models.AwardOutcome
AwardAspect = models.AwardAspect
AwardStage = models.AwardStage
