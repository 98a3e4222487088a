"""Inputs of the assessment mutations and its list filters."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.assessment.enums import (
    AwardAspect,
    AwardOutcome,
    AwardStatus,
    ReviewStatus,
    Ring,
    Severity,
    ShortfallSource,
    VisitKind,
)

COMMUNITY = "The community (社区)."
YEAR = "Year (年度)."


@strawberry.input(description="Register an OBSERVER account as an observer (聘任观察员).")
class RegisterObserverInput:
    user_id: strawberry.ID = strawberry.field(description="The account (账号).")
    name: str = strawberry.field(description="Name (姓名).")
    appointed_on: date | None = strawberry.field(default=None, description="Appointed (聘任日期).")


@strawberry.input(description="Assign an observer to a community for a year (联系社区).")
class AssignObserverInput:
    observer_id: strawberry.ID = strawberry.field(description="The observer (观察员).")
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    year: int = strawberry.field(description=YEAR)


@strawberry.input(description="A finding or shortfall (问题/短板).")
class FindingInput:
    severity: Severity = strawberry.field(description="How serious (程度).")
    text: str = strawberry.field(description="What falls short (问题描述).")


@strawberry.input(description="Record an observer's visit (记录观察走访) with its findings.")
class RecordObserverVisitInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    kind: VisitKind = strawberry.field(description="How (方式).")
    summary: str = strawberry.field(description="What was seen (情况记录).")
    visited_on: date | None = strawberry.field(default=None, description="Day (走访日期); today.")
    findings: list[FindingInput] = strawberry.field(
        default_factory=list, description="Findings (发现问题), at most 10."
    )


@strawberry.input(description='Record a ring of "one body, four rings" (一体四环).')
class RecordRingInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    ring: Ring = strawberry.field(description="The ring (环节).")
    note: str = strawberry.field(description="What was done (记录内容).")
    score: int | None = strawberry.field(default=None, description="Score 0–100 (得分).")
    recorded_on: date | None = strawberry.field(default=None, description="Day (日期); today.")


@strawberry.input(description="Open a community's annual review (启动述职评议).")
class OpenAnnualReviewInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    year: int = strawberry.field(description="Year reviewed (评议年度).")
    report: str | None = strawberry.field(default=None, description="The report (述职报告).")


@strawberry.input(description="Rate a review from below (下评上).")
class RateAnnualReviewInput:
    review_id: strawberry.ID = strawberry.field(description="The review (述职评议).")
    score: int = strawberry.field(description="1 (不满意) to 5 (非常满意).")
    comment: str | None = strawberry.field(default=None, description="Comment (意见).")


@strawberry.input(description="Conclude a review (评定述职评议).")
class ConcludeAnnualReviewInput:
    review_id: strawberry.ID = strawberry.field(description="The review (述职评议).")
    score: int = strawberry.field(description="Score 0–100 (评议得分).")
    commended: bool = strawberry.field(
        default=False, description="One-vote commendation (一票肯优)."
    )
    comment: str | None = strawberry.field(default=None, description="Comment (评议意见).")
    shortfalls: list[FindingInput] = strawberry.field(
        default_factory=list, description="Its shortfalls (短板), at most 10."
    )


@strawberry.input(description="Make a shortfall next year's breakthrough project (转化突破项目).")
class CreateBreakthroughProjectInput:
    shortfall_id: strawberry.ID = strawberry.field(description="The shortfall (短板).")
    title: str = strawberry.field(description="Title (项目名称).")
    year: int = strawberry.field(description="The year after the shortfall's (项目年度).")
    description: str | None = strawberry.field(default=None, description="Description (项目内容).")
    due_on: date | None = strawberry.field(default=None, description="Due (计划完成日期).")


@strawberry.input(description="Replace a secretary after a review (调整书记).")
class ReplaceSecretaryInput:
    review_id: strawberry.ID = strawberry.field(description="The concluded review (述职评议).")
    successor_person_id: strawberry.ID = strawberry.field(
        description="The new secretary, a party member (新任书记)."
    )
    reason: str = strawberry.field(description="Why (调整原因).")
    started_on: date | None = strawberry.field(default=None, description="From (任职日期); today.")


@strawberry.input(description="Record a capacity score (一居一策服务力测评).")
class RecordCapacityScoreInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    year: int = strawberry.field(description=YEAR)
    team: int = strawberry.field(description="Team building (队伍建设), 0–25.")
    premises: int = strawberry.field(description="Premises (阵地建设), 0–25.")
    role_played: int = strawberry.field(description="Role played (作用发挥), 0–25.")
    brand: int = strawberry.field(description="Brand building (品牌建设), 0–25.")
    assessed_on: date | None = strawberry.field(default=None, description="Day (测评日期); today.")


@strawberry.input(description="Sign the service-target responsibility letter (签订目标责任书).")
class SignResponsibilityLetterInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    year: int = strawberry.field(description=YEAR)
    targets: list[str] = strawberry.field(description="The targets (服务目标), 1–40.")
    signed_on: date | None = strawberry.field(default=None, description="Day (签订日期); today.")


@strawberry.input(description="Apply for the best-service-centre award (自主申报).")
class ApplyForAwardInput:
    community_id: strawberry.ID = strawberry.field(description=COMMUNITY)
    year: int = strawberry.field(description=YEAR)
    statement: str = strawberry.field(description="The statement (申报材料).")


@strawberry.input(description="An aspect's score (评比得分), 0–20.")
class AwardScoreInput:
    aspect: AwardAspect = strawberry.field(description="The aspect (评比方面).")
    score: int = strawberry.field(description="Score (得分), 0–20.")


@strawberry.input(description="The street's first review (镇街初审).")
class FirstReviewAwardInput:
    application_id: strawberry.ID = strawberry.field(description="The application (申报).")
    scores: list[AwardScoreInput] = strawberry.field(
        description="Each of the 5 aspects (五个方面) once."
    )
    recommended: bool = strawberry.field(description="Passed on to the district (推荐).")
    comment: str | None = strawberry.field(default=None, description="Comment (初审意见).")


@strawberry.input(description="The district's re-check (区级复核).")
class RecheckAwardInput:
    application_id: strawberry.ID = strawberry.field(description="The application (申报).")
    scores: list[AwardScoreInput] = strawberry.field(
        description="Each of the 5 aspects (五个方面) once."
    )
    outcome: AwardOutcome = strawberry.field(description="The outcome (评选结果).")
    comment: str | None = strawberry.field(default=None, description="Comment (复核意见).")


@strawberry.input(description="Narrow an assessment list (筛选).")
class AssessmentFilterInput:
    community_id: strawberry.ID | None = strawberry.field(default=None, description=COMMUNITY)
    street_id: strawberry.ID | None = strawberry.field(default=None, description="Street (街道).")
    year: int | None = strawberry.field(default=None, description=YEAR)


@strawberry.input(description="Narrow the observers' visits (筛选).")
class ObserverVisitFilterInput(AssessmentFilterInput):
    observer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Observer (观察员)."
    )
    kind: VisitKind | None = strawberry.field(default=None, description="How (方式).")


@strawberry.input(description="Narrow the assignments (筛选).")
class ObserverAssignmentFilterInput(AssessmentFilterInput):
    observer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Observer (观察员)."
    )


@strawberry.input(description="Narrow the shortfalls (筛选).")
class ShortfallFilterInput(AssessmentFilterInput):
    source: ShortfallSource | None = strawberry.field(default=None, description="Source (来源).")
    severity: Severity | None = strawberry.field(default=None, description="Severity (程度).")
    has_project: bool | None = strawberry.field(
        default=None, description="Whether it became a project (已转化)."
    )


@strawberry.input(description="Narrow the four-ring records (筛选).")
class RingRecordFilterInput(AssessmentFilterInput):
    ring: Ring | None = strawberry.field(default=None, description="The ring (环节).")


@strawberry.input(description="Narrow the annual reviews (筛选).")
class AnnualReviewFilterInput(AssessmentFilterInput):
    status: ReviewStatus | None = strawberry.field(default=None, description="Status (状态).")
    commended: bool | None = strawberry.field(default=None, description="Commended (一票肯优).")


@strawberry.input(description="Narrow the award applications (筛选).")
class AwardApplicationFilterInput(AssessmentFilterInput):
    status: AwardStatus | None = strawberry.field(default=None, description="Status (状态).")
    outcome: AwardOutcome | None = strawberry.field(default=None, description="Outcome (结果).")
