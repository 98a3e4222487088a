"""Mutations of assessment: observers and their visits, the four rings, annual reviews,
shortfalls into breakthrough projects, secretaries replaced, capacity, letters, awards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.assessment import awards, capacity, observers, reviews, shortfalls
from resolvers.assessment.awards import AspectScore
from resolvers.assessment.observers import FindingData
from schema.assessment.inputs import (
    ApplyForAwardInput,
    AssignObserverInput,
    AwardScoreInput,
    ConcludeAnnualReviewInput,
    CreateBreakthroughProjectInput,
    FindingInput,
    FirstReviewAwardInput,
    OpenAnnualReviewInput,
    RateAnnualReviewInput,
    RecheckAwardInput,
    RecordCapacityScoreInput,
    RecordObserverVisitInput,
    RecordRingInput,
    RegisterObserverInput,
    ReplaceSecretaryInput,
    SignResponsibilityLetterInput,
)
from schema.assessment.types import (
    AnnualReview,
    AnnualReviewRating,
    AwardApplication,
    CapacityScore,
    Observer,
    ObserverAssignment,
    ObserverVisit,
    ResponsibilityLetter,
    RingRecord,
)
from schema.base import Info
from schema.errors import UserError
from schema.lazy import ProjectT
from schema.mutation import Input, result, run, user_errors

if TYPE_CHECKING:
    pass


def _findings(given: list[FindingInput]) -> list[FindingData]:
    return [FindingData(item.severity, item.text) for item in given]


def _scores(given: list[AwardScoreInput]) -> list[AspectScore]:
    return [AspectScore(item.aspect, item.score) for item in given]


@strawberry.type(description="Result of registerObserver (聘任观察员).")
class ObserverPayload:
    observer: Observer | None = result("The observer (观察员).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of assignObserver (联系社区).")
class ObserverAssignmentPayload:
    assignment: ObserverAssignment | None = result("The assignment (联系社区).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordObserverVisit (观察走访).")
class ObserverVisitPayload:
    visit: ObserverVisit | None = result("The visit with its findings (观察走访).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordRing (一体四环记录).")
class RingRecordPayload:
    record: RingRecord | None = result("The record (记录).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of an annual-review mutation (述职评议).")
class AnnualReviewPayload:
    review: AnnualReview | None = result("The review (述职评议).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of rateAnnualReview (下评上).")
class AnnualReviewRatingPayload:
    rating: AnnualReviewRating | None = result("The rating (评价).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of createBreakthroughProject (转化突破项目).")
class BreakthroughProjectPayload:
    project: ProjectT | None = result("The breakthrough project (突破项目).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordCapacityScore (服务力测评).")
class CapacityScorePayload:
    capacity_score: CapacityScore | None = result("The score (测评).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of signResponsibilityLetter (目标责任书).")
class ResponsibilityLetterPayload:
    letter: ResponsibilityLetter | None = result("The letter (目标责任书).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of an award mutation (评选).")
class AwardApplicationPayload:
    application: AwardApplication | None = result("The application (申报).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class AssessmentMutation:
    @strawberry.mutation(description="Register an OBSERVER account as an observer (聘任观察员).")
    async def register_observer(
        self, info: Info, input: Annotated[RegisterObserverInput, Input]
    ) -> ObserverPayload:
        return await run(
            info,
            ObserverPayload,
            "observer",
            lambda: observers.register_observer(
                info.context,
                user_id=input.user_id,
                name=input.name,
                appointed_on=input.appointed_on,
            ),
        )

    @strawberry.mutation(description="Assign an observer to a community for a year (联系社区).")
    async def assign_observer(
        self, info: Info, input: Annotated[AssignObserverInput, Input]
    ) -> ObserverAssignmentPayload:
        return await run(
            info,
            ObserverAssignmentPayload,
            "assignment",
            lambda: observers.assign_observer(
                info.context,
                observer_id=input.observer_id,
                community_id=input.community_id,
                year=input.year,
            ),
        )

    @strawberry.mutation(
        description="Record a visit to a community you are assigned to (记录观察走访), with"
        " its findings."
    )
    async def record_observer_visit(
        self, info: Info, input: Annotated[RecordObserverVisitInput, Input]
    ) -> ObserverVisitPayload:
        return await run(
            info,
            ObserverVisitPayload,
            "visit",
            lambda: observers.record_visit(
                info.context,
                community_id=input.community_id,
                kind=input.kind,
                visited_on=input.visited_on,
                summary=input.summary,
                findings=_findings(input.findings),
            ),
        )

    @strawberry.mutation(
        description='Record a ring of "one body, four rings" (一体四环): observers LOOK (看)'
        " where assigned, secretaries REPORT (述), admins any ring."
    )
    async def record_ring(
        self, info: Info, input: Annotated[RecordRingInput, Input]
    ) -> RingRecordPayload:
        return await run(
            info,
            RingRecordPayload,
            "record",
            lambda: observers.record_ring(
                info.context,
                community_id=input.community_id,
                ring=input.ring,
                recorded_on=input.recorded_on,
                note=input.note,
                score=input.score,
            ),
        )

    @strawberry.mutation(description="Open a community's annual review (启动述职评议).")
    async def open_annual_review(
        self, info: Info, input: Annotated[OpenAnnualReviewInput, Input]
    ) -> AnnualReviewPayload:
        return await run(
            info,
            AnnualReviewPayload,
            "review",
            lambda: reviews.open_review(
                info.context,
                community_id=input.community_id,
                year=input.year,
                report=input.report,
            ),
        )

    @strawberry.mutation(description="Rate your community's open review from below (下评上), once.")
    async def rate_annual_review(
        self, info: Info, input: Annotated[RateAnnualReviewInput, Input]
    ) -> AnnualReviewRatingPayload:
        return await run(
            info,
            AnnualReviewRatingPayload,
            "rating",
            lambda: reviews.rate_review(
                info.context, review_id=input.review_id, score=input.score, comment=input.comment
            ),
        )

    @strawberry.mutation(
        description="Conclude a review (评定述职评议): score, one-vote commendation (一票肯优)"
        " and its shortfalls (短板)."
    )
    async def conclude_annual_review(
        self, info: Info, input: Annotated[ConcludeAnnualReviewInput, Input]
    ) -> AnnualReviewPayload:
        return await run(
            info,
            AnnualReviewPayload,
            "review",
            lambda: reviews.conclude_review(
                info.context,
                review_id=input.review_id,
                score=input.score,
                commended=input.commended,
                comment=input.comment,
                shortfalls=_findings(input.shortfalls),
            ),
        )

    @strawberry.mutation(
        description="Make a shortfall next year's breakthrough project (转化为突破项目), led by"
        " the organisation's secretary; the project points back to the shortfall."
    )
    async def create_breakthrough_project(
        self, info: Info, input: Annotated[CreateBreakthroughProjectInput, Input]
    ) -> BreakthroughProjectPayload:
        return await run(
            info,
            BreakthroughProjectPayload,
            "project",
            lambda: shortfalls.create_breakthrough_project(
                info.context,
                shortfall_id=input.shortfall_id,
                title=input.title,
                description=input.description,
                year=input.year,
                due_on=input.due_on,
            ),
        )

    @strawberry.mutation(
        description="Replace the secretary after a concluded review (书记调整): the new term"
        " ends the old one, and the review records both and the reason."
    )
    async def replace_secretary(
        self, info: Info, input: Annotated[ReplaceSecretaryInput, Input]
    ) -> AnnualReviewPayload:
        return await run(
            info,
            AnnualReviewPayload,
            "review",
            lambda: reviews.replace_secretary(
                info.context,
                review_id=input.review_id,
                successor_person_id=input.successor_person_id,
                reason=input.reason,
                started_on=input.started_on,
            ),
        )

    @strawberry.mutation(description="Record a capacity score (一居一策服务力测评).")
    async def record_capacity_score(
        self, info: Info, input: Annotated[RecordCapacityScoreInput, Input]
    ) -> CapacityScorePayload:
        return await run(
            info,
            CapacityScorePayload,
            "capacity_score",
            lambda: capacity.record_capacity_score(
                info.context,
                community_id=input.community_id,
                year=input.year,
                team=input.team,
                premises=input.premises,
                role_played=input.role_played,
                brand=input.brand,
                assessed_on=input.assessed_on,
            ),
        )

    @strawberry.mutation(
        description="Sign the year's service-target responsibility letter (签订目标责任书)."
    )
    async def sign_responsibility_letter(
        self, info: Info, input: Annotated[SignResponsibilityLetterInput, Input]
    ) -> ResponsibilityLetterPayload:
        return await run(
            info,
            ResponsibilityLetterPayload,
            "letter",
            lambda: capacity.sign_letter(
                info.context,
                community_id=input.community_id,
                year=input.year,
                targets=input.targets,
                signed_on=input.signed_on,
            ),
        )

    @strawberry.mutation(description="Apply for the best-service-centre award (自主申报).")
    async def apply_for_award(
        self, info: Info, input: Annotated[ApplyForAwardInput, Input]
    ) -> AwardApplicationPayload:
        return await run(
            info,
            AwardApplicationPayload,
            "application",
            lambda: awards.apply(
                info.context,
                community_id=input.community_id,
                year=input.year,
                statement=input.statement,
            ),
        )

    @strawberry.mutation(description="The street's first review of an application (镇街初审).")
    async def first_review_award(
        self, info: Info, input: Annotated[FirstReviewAwardInput, Input]
    ) -> AwardApplicationPayload:
        return await run(
            info,
            AwardApplicationPayload,
            "application",
            lambda: awards.first_review(
                info.context,
                application_id=input.application_id,
                scores=_scores(input.scores),
                recommended=input.recommended,
                comment=input.comment,
            ),
        )

    @strawberry.mutation(description="The district's re-check and outcome (区级复核).")
    async def recheck_award(
        self, info: Info, input: Annotated[RecheckAwardInput, Input]
    ) -> AwardApplicationPayload:
        return await run(
            info,
            AwardApplicationPayload,
            "application",
            lambda: awards.recheck(
                info.context,
                application_id=input.application_id,
                scores=_scores(input.scores),
                outcome=input.outcome,
                comment=input.comment,
            ),
        )
