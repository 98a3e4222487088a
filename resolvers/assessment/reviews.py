"""The annual review (述职评议) of a community's party organisation: opened by the
district, rated from below by residents and members (下评上), concluded with a score,
the one-vote commendation (一票肯优) and its shortfalls; a secretary replaced after it
(书记调整) is recorded on it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import (
    AccountRole,
    AnnualReview,
    Community,
    Person,
    RaterRole,
    ReviewAction,
    ReviewRating,
    ReviewStatus,
    Shortfall,
    ShortfallSource,
)
from resolvers import clock, global_ids
from resolvers.accounts.places import covers, place_of
from resolvers.accounts.users import hand_over_community_grant
from resolvers.assessment.observers import MAX_FINDINGS, FindingData
from resolvers.assessment.rules import check_year, organization_of, secretary_role
from resolvers.assessment.workflow import REVIEWS
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.mutations import appoint_secretary
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked


async def open_review(
    ctx: Context, *, community_id: str, year: int, report: str | None
) -> AnnualReview:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    ensure_live(community, "communityId")
    check_year(year)
    organization = await organization_of(ctx, community, "communityId")
    duplicate = await ctx.session.scalar(
        select(AnnualReview.id).where(
            AnnualReview.party_organization_id == organization.id, AnnualReview.year == year
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{community.name} already has its {year} review",
            UserErrorCode.ALREADY_RECORDED,
            "year",
        )
    secretary = await secretary_role(ctx, organization.id)
    review = AnnualReview(
        community_id=community.id,
        party_organization_id=organization.id,
        year=year,
        secretary_person_id=secretary.person_id if secretary else None,
        report=clean_text(report or "", "report", max_length=2000, required=False),
        commended=False,
        comment="",
    )
    await REVIEWS.advance(ctx, review, ReviewAction.OPEN)
    await ctx.session.flush()
    return review


async def rate_review(
    ctx: Context, *, review_id: str, score: int, comment: str | None
) -> ReviewRating:
    """A resident or member rates their own community's review while it is open."""
    review = await load_as(ctx, review_id, AnnualReview)
    await authorize(ctx, review)
    person_id = ctx.viewer.person_id
    if person_id is None:
        raise UserErrors.single(
            "only a resident of the district rates", UserErrorCode.INVALID, "reviewId"
        )
    if review.status is not ReviewStatus.OPEN:
        raise UserErrors.single(
            "the review is concluded: ratings are closed",
            UserErrorCode.INVALID_TRANSITION,
            "reviewId",
        )
    place = await place_of(ctx, review)
    member = any(
        grant.role is AccountRole.PARTY_MEMBER and covers(grant, place)
        for grant in ctx.viewer.grants
    )
    check = Checks()
    if not 1 <= score <= 5:
        check.fail("a score from 1 to 5", UserErrorCode.OUT_OF_RANGE, "score")
    text = check(clean_text, comment or "", "comment", max_length=500, required=False) or ""
    check.done()
    duplicate = await ctx.session.scalar(
        select(ReviewRating.id).where(
            ReviewRating.review_id == review.id, ReviewRating.person_id == person_id
        )
    )
    if duplicate is not None:
        raise UserErrors.single(
            "you have already rated this review", UserErrorCode.ALREADY_RECORDED, "reviewId"
        )
    rating = ReviewRating(
        review_id=review.id,
        person_id=person_id,
        rater_role=RaterRole.PARTY_MEMBER if member else RaterRole.RESIDENT,
        score=score,
        comment=text,
        rated_at=clock.now(),
    )
    ctx.session.add(rating)
    await ctx.session.flush()
    return rating


async def conclude_review(
    ctx: Context,
    *,
    review_id: str,
    score: int,
    commended: bool,
    comment: str | None,
    shortfalls: list[FindingData],
) -> AnnualReview:
    """Score the review, commend by one vote or not, and list its shortfalls (短板)."""
    review = await locked(ctx, AnnualReview, review_id)
    await authorize(ctx, review)
    pending = await REVIEWS.begin(ctx, review, ReviewAction.CONCLUDE)
    check = Checks()
    if not 0 <= score <= 100:
        check.fail("a score from 0 to 100", UserErrorCode.OUT_OF_RANGE, "score")
    text = check(clean_text, comment or "", "comment", max_length=1000, required=False) or ""
    if len(shortfalls) > MAX_FINDINGS:
        check.fail(f"at most {MAX_FINDINGS} shortfalls", UserErrorCode.OUT_OF_RANGE, "shortfalls")
    texts = [
        check(clean_text, item.text, "shortfalls", max_length=500) or "" for item in shortfalls
    ]
    check.done()
    review.score = score
    review.commended = commended
    review.comment = text
    await pending.finish()
    for item, item_text in zip(shortfalls, texts, strict=True):
        ctx.session.add(
            Shortfall(
                source=ShortfallSource.REVIEW_ITEM,
                review_id=review.id,
                community_id=review.community_id,
                party_organization_id=review.party_organization_id,
                year=review.year,
                severity=item.severity,
                text=item_text,
                recorded_by_user_id=ctx.viewer.user_id,
            )
        )
    await ctx.session.flush()
    return review


async def replace_secretary(
    ctx: Context,
    *,
    review_id: str,
    successor_person_id: str,
    reason: str | None,
    started_on: date | None,
) -> AnnualReview:
    """Replace the secretary after a concluded review (书记调整): the appointment ends the
    current term as appointSecretary does, the community secretary's grant moves to the
    successor's account, and the review keeps both roles and why."""
    review = await locked(ctx, AnnualReview, review_id)
    await authorize(ctx, review)
    if review.status is not ReviewStatus.CONCLUDED:
        raise UserErrors.single(
            "a secretary is replaced after the review is concluded",
            UserErrorCode.INVALID_TRANSITION,
            "reviewId",
        )
    if review.successor_role_id is not None:
        raise UserErrors.single(
            "the secretary was already replaced after this review",
            UserErrorCode.ALREADY_RECORDED,
            "reviewId",
        )
    why = clean_text(reason or "", "reason", max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, "reason")
    successor = await load_as(ctx, successor_person_id, Person)
    current = await secretary_role(ctx, review.party_organization_id)
    if current is None:
        raise UserErrors.single(
            "the organisation has no secretary to replace", UserErrorCode.INVALID, "reviewId"
        )
    await appoint_secretary(
        ctx,
        organization_id=global_ids.encode("PartyOrganization", review.party_organization_id),
        person_id=global_ids.encode("Person", successor.id),
        started_on=started_on,
    )
    new = await secretary_role(ctx, review.party_organization_id)
    assert new is not None
    await hand_over_community_grant(
        ctx.session,
        AccountRole.COMMUNITY_SECRETARY,
        review.community_id,
        from_person=current.person_id,
        to_person=successor.id,
    )
    review.replaced_role_id = current.id
    review.successor_role_id = new.id
    review.replacement_reason = why
    await ctx.session.flush()
    return review
