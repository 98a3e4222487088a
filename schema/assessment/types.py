"""Types of assessment (考核): observers, visits, shortfalls, the four rings, annual
reviews with their ratings, capacity scores, responsibility letters and awards."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.loaders.assessment import (
    award_events_of,
    award_scores_of,
    findings_of_visit,
    project_of_shortfall,
    ratings_of_review,
    review_events_of,
    shortfalls_of_review,
)
from schema.assessment.enums import (
    AwardAction,
    AwardAspect,
    AwardOutcome,
    AwardStage,
    AwardStatus,
    RaterRole,
    ReviewAction,
    ReviewStatus,
    Ring,
    Severity,
    ShortfallSource,
    VisitKind,
)
from schema.base import Info, Node, is_model
from schema.lazy import (
    CommunityT,
    OrganizationT,
    PersonRoleT,
    PersonT,
    ProjectT,
    community_of,
    organization_of,
    person_of,
)

if TYPE_CHECKING:
    from schema.people.types import PersonRole
    from schema.projects.types import Project


async def _observer(info: Info, key: int) -> Observer:
    return cast(Observer, await info.context.loaders.optional(models.Observer, key))


@strawberry.type(
    description="Observer (基层党建观察员): a deputy appointed to inspect, poll, interview"
    " and read records; signs in with an OBSERVER account."
)
class Observer(Node):
    is_type_of = is_model(models.Observer)

    name: str = strawberry.field(description="Name (姓名).")
    appointed_on: date = strawberry.field(description="Appointed (聘任日期).")


@strawberry.type(description="Observer assignment (联系社区): a community followed in a year.")
class ObserverAssignment(Node):
    is_type_of = is_model(models.ObserverAssignment)

    year: int = strawberry.field(description="Year (年度).")

    @strawberry.field(description="The observer (观察员).")
    async def observer(
        self, root: strawberry.Parent[models.ObserverAssignment], info: Info
    ) -> Observer:
        return await _observer(info, root.observer_id)

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.ObserverAssignment], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)


@strawberry.type(
    description="Shortfall (短板): an observer's finding or an annual review's item; it may"
    " become next year's breakthrough project (突破项目)."
)
class Shortfall(Node):
    is_type_of = is_model(models.Shortfall)

    source: ShortfallSource = strawberry.field(description="Where it was found (来源).")
    year: int = strawberry.field(description="Year it was found (年度).")
    severity: Severity = strawberry.field(description="How serious (程度).")
    text: str = strawberry.field(description="What falls short (问题描述).")
    created_at: datetime = strawberry.field(description="Recorded (记录时间).")

    @strawberry.field(description="The community (社区).")
    async def community(self, root: strawberry.Parent[models.Shortfall], info: Info) -> CommunityT:
        return await community_of(info, root.community_id)

    @strawberry.field(description="The party organisation concerned (党组织).")
    async def party_organization(
        self, root: strawberry.Parent[models.Shortfall], info: Info
    ) -> OrganizationT:
        return await organization_of(info, root.party_organization_id)

    @strawberry.field(description="The visit that found it (观察走访), for a finding.")
    async def visit(
        self, root: strawberry.Parent[models.Shortfall], info: Info
    ) -> ObserverVisit | None:
        row = await info.context.loaders.optional(models.ObserverVisit, root.visit_id)
        return cast(ObserverVisit | None, row)

    @strawberry.field(description="The review that listed it (述职评议), for a review item.")
    async def review(
        self, root: strawberry.Parent[models.Shortfall], info: Info
    ) -> AnnualReview | None:
        row = await info.context.loaders.optional(models.AnnualReview, root.review_id)
        return cast(AnnualReview | None, row)

    @strawberry.field(
        description="The breakthrough project made from it (突破项目), once there is one."
    )
    async def project(
        self, root: strawberry.Parent[models.Shortfall], info: Info
    ) -> ProjectT | None:
        return cast(
            "Project | None", await project_of_shortfall(info.context.loaders).load(root.id)
        )


@strawberry.type(description="Observer visit (观察走访) with its findings (发现问题).")
class ObserverVisit(Node):
    is_type_of = is_model(models.ObserverVisit)

    kind: VisitKind = strawberry.field(description="How (方式).")
    visited_on: date = strawberry.field(description="Day of the visit (走访日期).")
    summary: str = strawberry.field(description="What was seen (情况记录).")
    recorded_at: datetime = strawberry.field(description="Recorded (记录时间).")

    @strawberry.field(description="The observer (观察员).")
    async def observer(self, root: strawberry.Parent[models.ObserverVisit], info: Info) -> Observer:
        return await _observer(info, root.observer_id)

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.ObserverVisit], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)

    @strawberry.field(description="The party organisation concerned (党组织).")
    async def party_organization(
        self, root: strawberry.Parent[models.ObserverVisit], info: Info
    ) -> OrganizationT:
        return await organization_of(info, root.party_organization_id)

    @strawberry.field(description="Its findings (发现问题), each a shortfall.")
    async def findings(
        self, root: strawberry.Parent[models.ObserverVisit], info: Info
    ) -> list[Shortfall]:
        return cast(list[Shortfall], await findings_of_visit(info.context.loaders).load(root.id))


@strawberry.type(
    description="Four-ring record (一体四环记录): look, report, evaluate or supervise."
)
class RingRecord(Node):
    is_type_of = is_model(models.RingRecord)

    year: int = strawberry.field(description="Year (年度).")
    ring: Ring = strawberry.field(description="The ring (环节).")
    recorded_on: date = strawberry.field(description="Day (日期).")
    note: str = strawberry.field(description="What was done (记录内容).")
    score: int | None = strawberry.field(description="Score 0–100 (得分), if scored.")

    @strawberry.field(description="The community (社区).")
    async def community(self, root: strawberry.Parent[models.RingRecord], info: Info) -> CommunityT:
        return await community_of(info, root.community_id)


@strawberry.type(description="Annual review event (述职评议流转记录).")
class AnnualReviewEvent(Node):
    is_type_of = is_model(models.ReviewEvent)

    action: ReviewAction = strawberry.field(description="What was done (操作).")
    from_status: ReviewStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: ReviewStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")


@strawberry.type(description='"Bottom rates top" rating (下评上评价): 1 (不满意) to 5 (非常满意).')
class AnnualReviewRating(Node):
    is_type_of = is_model(models.ReviewRating)

    rater_role: RaterRole = strawberry.field(description="Rated as (评价人身份).")
    score: int = strawberry.field(description="Score 1–5 (满意度).")
    comment: str = strawberry.field(description="Comment (意见).")
    rated_at: datetime = strawberry.field(description="When (时间).")


@strawberry.type(
    description='Figures of "bottom rates top" (下评上统计), computed from the ratings.'
)
class RatingSummary:
    count: int = strawberry.field(description="Ratings (评价数).")
    average: float | None = strawberry.field(description="Average 1–5 (平均分); null if none.")
    residents: int = strawberry.field(description="Ratings by residents (居民评价数).")
    members: int = strawberry.field(description="Ratings by party members (党员评价数).")


@strawberry.type(
    description="Annual review (述职评议) of a community's party organisation: scored by the"
    " district, rated from below (下评上), commended by one vote (一票肯优); its shortfalls"
    " become next year's breakthrough projects; a secretary replaced after it is recorded on it."
)
class AnnualReview(Node):
    is_type_of = is_model(models.AnnualReview)

    year: int = strawberry.field(description="Year reviewed (年度).")
    status: ReviewStatus = strawberry.field(description="Where it stands (状态).")
    report: str = strawberry.field(description="The secretary's report (述职报告).")
    score: int | None = strawberry.field(description="Score 0–100 (评议得分), once concluded.")
    commended: bool = strawberry.field(description="Commended by one vote (一票肯优).")
    comment: str = strawberry.field(description="The district's comment (评议意见).")
    opened_at: datetime | None = strawberry.field(description="Opened (启动时间).")
    concluded_at: datetime | None = strawberry.field(description="Concluded (评定时间).")
    replacement_reason: str | None = strawberry.field(
        description="Why the secretary was replaced after it (调整原因), if they were."
    )

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)

    @strawberry.field(description="The party organisation reviewed (党组织).")
    async def party_organization(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> OrganizationT:
        return await organization_of(info, root.party_organization_id)

    @strawberry.field(description="The secretary who reported (述职书记).")
    async def secretary(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.secretary_person_id)

    @strawberry.field(description='"Bottom rates top" figures (下评上), computed.')
    async def ratings(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> RatingSummary:
        figures = await ratings_of_review(info.context.loaders).load(root.id)
        return RatingSummary(
            count=figures.count,
            average=figures.average,
            residents=figures.residents,
            members=figures.members,
        )

    @strawberry.field(description="Its shortfalls (短板).")
    async def shortfalls(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> list[Shortfall]:
        return cast(list[Shortfall], await shortfalls_of_review(info.context.loaders).load(root.id))

    @strawberry.field(description="The secretary's role ended after it (被调整书记任职).")
    async def replaced_role(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> PersonRoleT | None:
        row = await info.context.loaders.optional(models.PersonRole, root.replaced_role_id)
        return cast("PersonRole | None", row)

    @strawberry.field(description="The successor's role (新任书记任职).")
    async def successor_role(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> PersonRoleT | None:
        row = await info.context.loaders.optional(models.PersonRole, root.successor_role_id)
        return cast("PersonRole | None", row)

    @strawberry.field(description="Its history (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.AnnualReview], info: Info
    ) -> list[AnnualReviewEvent]:
        return cast(
            list[AnnualReviewEvent], await review_events_of(info.context.loaders).load(root.id)
        )


@strawberry.type(
    description="Capacity score (一居一策服务力测评) of a community in a year: 4 aspects,"
    " each 0–25."
)
class CapacityScore(Node):
    is_type_of = is_model(models.CapacityScore)

    year: int = strawberry.field(description="Year (年度).")
    team: int = strawberry.field(description="Team building (队伍建设), 0–25.")
    premises: int = strawberry.field(description="Premises (阵地建设), 0–25.")
    role_played: int = strawberry.field(description="Role played (作用发挥), 0–25.")
    brand: int = strawberry.field(description="Brand building (品牌建设), 0–25.")
    assessed_on: date = strawberry.field(description="Assessed (测评日期).")

    @strawberry.field(description="Total 0–100 (总分).")
    def total(self, root: strawberry.Parent[models.CapacityScore]) -> int:
        return root.team + root.premises + root.role_played + root.brand

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.CapacityScore], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)


@strawberry.type(
    description="Service-target responsibility letter (社区为民服务目标责任书) signed by the"
    " community's secretary for a year."
)
class ResponsibilityLetter(Node):
    is_type_of = is_model(models.ResponsibilityLetter)

    year: int = strawberry.field(description="Year (年度).")
    targets: list[str] = strawberry.field(description="The targets (服务目标).")
    signed_on: date = strawberry.field(description="Signed (签订日期).")

    @strawberry.field(description="The secretary who signed (签订书记).")
    async def secretary(
        self, root: strawberry.Parent[models.ResponsibilityLetter], info: Info
    ) -> PersonT | None:
        return await person_of(info, root.secretary_person_id)

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.ResponsibilityLetter], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)


@strawberry.type(description="An aspect's score in the award (评比得分), 0–20.")
class AwardScore(Node):
    is_type_of = is_model(models.AwardScore)

    stage: AwardStage = strawberry.field(description="Who scored (评分环节).")
    aspect: AwardAspect = strawberry.field(description="The aspect (评比方面).")
    score: int = strawberry.field(description="Score 0–20 (得分).")


@strawberry.type(description="Award application event (评选流转记录).")
class AwardEvent(Node):
    is_type_of = is_model(models.AwardEvent)

    action: AwardAction = strawberry.field(description="What was done (操作).")
    from_status: AwardStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: AwardStatus = strawberry.field(description="Status after (新状态).")
    at: datetime = strawberry.field(description="When (时间).")
    reason: str | None = strawberry.field(description="Comment of the step (意见).")


@strawberry.type(
    description="Best-service-centre application (最佳社区党群服务中心评选): self-application"
    " (自主申报) → street first review (镇街初审) → district re-check (区级复核)."
)
class AwardApplication(Node):
    is_type_of = is_model(models.AwardApplication)

    year: int = strawberry.field(description="Year (年度).")
    status: AwardStatus = strawberry.field(description="Where it stands (状态).")
    outcome: AwardOutcome | None = strawberry.field(description="Outcome (评选结果), once decided.")
    statement: str = strawberry.field(description="The community's statement (申报材料).")
    street_comment: str | None = strawberry.field(description="The street's comment (初审意见).")
    district_comment: str | None = strawberry.field(
        description="The district's comment (复核意见)."
    )
    applied_at: datetime | None = strawberry.field(description="Applied (申报时间).")
    first_reviewed_at: datetime | None = strawberry.field(description="First reviewed (初审时间).")
    rechecked_at: datetime | None = strawberry.field(description="Re-checked (复核时间).")

    @strawberry.field(description="The community (社区).")
    async def community(
        self, root: strawberry.Parent[models.AwardApplication], info: Info
    ) -> CommunityT:
        return await community_of(info, root.community_id)

    @strawberry.field(description="The aspects' scores (评比得分), street's then district's.")
    async def scores(
        self, root: strawberry.Parent[models.AwardApplication], info: Info
    ) -> list[AwardScore]:
        return cast(list[AwardScore], await award_scores_of(info.context.loaders).load(root.id))

    @strawberry.field(
        description="Total of a stage's scores (阶段总分), 0–100; null if not scored."
    )
    async def total(
        self,
        root: strawberry.Parent[models.AwardApplication],
        info: Info,
        stage: Annotated[
            AwardStage,
            strawberry.argument(
                description="Whose scores (评审阶段): the street's or the district's."
            ),
        ],
    ) -> int | None:
        rows = await award_scores_of(info.context.loaders).load(root.id)
        scored = [row.score for row in rows if row.stage is stage]
        return sum(scored) if scored else None

    @strawberry.field(description="Its history (流转记录), oldest first.")
    async def events(
        self, root: strawberry.Parent[models.AwardApplication], info: Info
    ) -> list[AwardEvent]:
        return cast(list[AwardEvent], await award_events_of(info.context.loaders).load(root.id))


@strawberry.type(
    description="A year's assessment in figures (年度考核统计), computed from the rows you may see."
)
class AssessmentYear:
    year: int = strawberry.field(description="Year (年度).")
    observers_visiting: int = strawberry.field(description="Observers who visited (走访观察员数).")
    observer_visits: int = strawberry.field(description="Observer visits (观察走访次数).")
    findings: int = strawberry.field(description="Observers' findings (发现问题数).")
    reviews: int = strawberry.field(description="Annual reviews (述职评议数).")
    reviews_concluded: int = strawberry.field(description="Reviews concluded (已评定数).")
    commended: int = strawberry.field(description="Commended by one vote (一票肯优数).")
    capacity_scores: int = strawberry.field(description="Communities scored (服务力测评数).")
    awards_best: int = strawberry.field(description='"Best" centres (最佳).')
    awards_most_distinctive: int = strawberry.field(description='"Most distinctive" (最具特色).')
    secretaries_replaced: int = strawberry.field(description="Secretaries replaced (书记调整数).")
    shortfalls: int = strawberry.field(description="Shortfalls found (短板数).")
    shortfall_projects: int = strawberry.field(
        description="Shortfalls that became breakthrough projects (转化突破项目数)."
    )
