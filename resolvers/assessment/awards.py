"""The best-service-centre award (最佳社区党群服务中心评选): the community applies (自主
申报), its street reviews first (镇街初审) and the district re-checks (区级复核), each
review scoring the 5 aspects; the district's re-check gives the outcome."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.models import (
    AwardAction,
    AwardApplication,
    AwardAspect,
    AwardOutcome,
    AwardScore,
    AwardStage,
    AwardStatus,
    Community,
)
from resolvers.assessment.rules import check_year
from resolvers.assessment.workflow import AWARDS
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked

ASPECT_MAX = 20


@dataclass(frozen=True)
class AspectScore:
    aspect: AwardAspect
    score: int


def _scores(check: Checks, scores: list[AspectScore]) -> None:
    aspects = [item.aspect for item in scores]
    if sorted(aspects, key=lambda a: a.value) != sorted(AwardAspect, key=lambda a: a.value):
        check.fail("score each of the 5 aspects once", UserErrorCode.INVALID, "scores")
    if any(not 0 <= item.score <= ASPECT_MAX for item in scores):
        check.fail(f"each aspect is scored 0 to {ASPECT_MAX}", UserErrorCode.OUT_OF_RANGE, "scores")


def _add_scores(
    ctx: Context, application: AwardApplication, stage: AwardStage, scores: list[AspectScore]
) -> None:
    for item in scores:
        ctx.session.add(
            AwardScore(
                application_id=application.id, stage=stage, aspect=item.aspect, score=item.score
            )
        )


async def apply(ctx: Context, *, community_id: str, year: int, statement: str) -> AwardApplication:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check_year(year)
    text = clean_text(statement, "statement", max_length=2000)
    duplicate = await ctx.session.scalar(
        select(AwardApplication.id).where(
            AwardApplication.community_id == community.id, AwardApplication.year == year
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{community.name} has already applied for {year}",
            UserErrorCode.ALREADY_RECORDED,
            "year",
        )
    application = AwardApplication(community_id=community.id, year=year, statement=text)
    await AWARDS.advance(ctx, application, AwardAction.APPLY)
    await ctx.session.flush()
    return application


async def first_review(
    ctx: Context,
    *,
    application_id: str,
    scores: list[AspectScore],
    recommended: bool,
    comment: str | None,
) -> AwardApplication:
    application = await locked(ctx, AwardApplication, application_id)
    await authorize(ctx, application)
    pending = await AWARDS.begin(ctx, application, AwardAction.FIRST_REVIEW)
    check = Checks()
    _scores(check, scores)
    text = check(clean_text, comment or "", "comment", max_length=500, required=False)
    check.done()
    application.street_comment = text or None
    await pending.finish(
        to=AwardStatus.RECOMMENDED if recommended else AwardStatus.NOT_RECOMMENDED,
        reason=text or None,
    )
    _add_scores(ctx, application, AwardStage.STREET, scores)
    await ctx.session.flush()
    return application


async def recheck(
    ctx: Context,
    *,
    application_id: str,
    scores: list[AspectScore],
    outcome: AwardOutcome,
    comment: str | None,
) -> AwardApplication:
    application = await locked(ctx, AwardApplication, application_id)
    await authorize(ctx, application)
    pending = await AWARDS.begin(ctx, application, AwardAction.RECHECK)
    check = Checks()
    _scores(check, scores)
    text = check(clean_text, comment or "", "comment", max_length=500, required=False)
    check.done()
    application.district_comment = text or None
    application.outcome = outcome
    await pending.finish(reason=text or None)
    _add_scores(ctx, application, AwardStage.DISTRICT, scores)
    await ctx.session.flush()
    return application
