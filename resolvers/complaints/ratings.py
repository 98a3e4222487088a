"""Quarterly ratings of property companies (物业企业季度评价) and the red/black list
(红黑榜) computed from them and from the companies' complaints by the stated rule
(red_black_rule.py), published frozen once per quarter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    CompanyRating,
    District,
    PropertyCompany,
    RedBlackList,
    RedBlackListEntry,
    Standing,
)
from resolvers import clock
from resolvers.complaints import red_black_rule
from resolvers.complaints.queries import RateGroup, on_time_rows, quarter_bounds
from resolvers.complaints.red_black_rule import NEGATIVE_ITEMS, POSITIVE_ITEMS, RULE
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_text

MAX_EVIDENCE = 10


def _items(numbers: Sequence[int], size: int, field: str) -> list[int]:
    items = sorted(set(numbers))
    if len(items) != len(numbers) or any(not 1 <= n <= size for n in items):
        raise UserErrors.single(
            f"name items 1 to {size}, each once", UserErrorCode.OUT_OF_RANGE, field
        )
    return items


def _evidence(items: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    if len(items) > MAX_EVIDENCE:
        raise UserErrors.single(
            f"at most {MAX_EVIDENCE} pieces of evidence", UserErrorCode.TOO_LONG, "evidence"
        )
    cleaned = []
    for title, url in items:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise UserErrors.single(
                "evidence links are http(s) URLs of at most 500 characters",
                UserErrorCode.INVALID,
                "evidence",
            )
        cleaned.append({"title": clean_text(title, "evidence", max_length=100), "url": url.strip()})
    return cleaned


def _quarter(year: int, quarter: int) -> None:
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise UserErrors.single(
            "a quarter is 1 to 4 of a year", UserErrorCode.OUT_OF_RANGE, "quarter"
        )


async def record_rating(
    ctx: Context,
    *,
    property_company_id: str,
    year: int,
    quarter: int,
    positive_items: Sequence[int],
    negative_items: Sequence[int],
    note: str | None,
    evidence: Sequence[tuple[str, str]],
) -> CompanyRating:
    """A quarter's rating of a company by the community it serves: one per quarter."""
    company = await load_as(ctx, property_company_id, PropertyCompany)
    await authorize(ctx, company)
    check = Checks()
    check(_quarter, year, quarter)
    positive = check(_items, positive_items, POSITIVE_ITEMS, "positiveItems") or []
    negative = check(_items, negative_items, NEGATIVE_ITEMS, "negativeItems") or []
    text = check(clean_text, note or "", "note", max_length=500, required=False) or ""
    proofs = check(_evidence, evidence) or []
    check.done()
    taken = await ctx.session.scalar(
        select(CompanyRating.id).where(
            CompanyRating.property_company_id == company.id,
            CompanyRating.year == year,
            CompanyRating.quarter == quarter,
        )
    )
    if taken is not None:
        raise UserErrors.single(
            f"{company.name} is rated for {year} Q{quarter} already",
            UserErrorCode.ALREADY_RECORDED,
            "quarter",
        )
    if await _published(ctx.session, year, quarter):
        raise UserErrors.single(
            f"the list of {year} Q{quarter} is published",
            UserErrorCode.ALREADY_PUBLISHED,
            "quarter",
        )
    rating = CompanyRating(
        property_company_id=company.id,
        year=year,
        quarter=quarter,
        positive_items=positive,
        negative_items=negative,
        score=red_black_rule.rating_score(len(positive), len(negative)),
        note=text,
        evidence=proofs,
        rated_at=clock.now(),
        rated_by_user_id=ctx.viewer.user_id,
        rated_by_person_id=ctx.viewer.person_id,
    )
    ctx.session.add(rating)
    await ctx.session.flush()
    return rating


async def _published(session: AsyncSession, year: int, quarter: int) -> int | None:
    found: int | None = await session.scalar(
        select(RedBlackList.id).where(RedBlackList.year == year, RedBlackList.quarter == quarter)
    )
    return found


@dataclass(frozen=True)
class CompanyStanding:
    """A rated company's place in a quarter's list, with its figures."""

    property_company_id: int
    standing: Standing
    score: int
    negative_count: int
    complaints: int
    on_time: int
    late: int
    on_time_rate: float
    reasons: tuple[str, ...]


async def compute(
    session: AsyncSession, year: int, quarter: int, now: datetime
) -> list[CompanyStanding]:
    """The list the rule gives for the quarter's ratings and complaints as they stand at
    `now` (complaints still open past their due time count as late)."""
    start, end = quarter_bounds(year, quarter)
    ratings = (
        await session.scalars(
            select(CompanyRating)
            .where(CompanyRating.year == year, CompanyRating.quarter == quarter)
            .order_by(CompanyRating.property_company_id)
        )
    ).all()
    rows = {
        row.key: row
        for row in await on_time_rows(
            session, RateGroup.COMPANY, now=now, filed_from=start, filed_before=end
        )
    }
    found = []
    for rating in ratings:
        row = rows.get(rating.property_company_id)
        on_time, late, filed = (row.on_time, row.late, row.filed) if row else (0, 0, 0)
        negative = len(rating.negative_items)
        place, reasons = red_black_rule.standing(rating.score, negative, on_time, late)
        found.append(
            CompanyStanding(
                rating.property_company_id,
                place,
                rating.score,
                negative,
                filed,
                on_time,
                late,
                red_black_rule.on_time_rate(on_time, late),
                tuple(reasons),
            )
        )
    return found


async def publish(ctx: Context, *, year: int, quarter: int) -> RedBlackList:
    """Publish the quarter's list (发布红黑榜) once the quarter is over: frozen with its
    figures and the rule that made it."""
    district = await ctx.session.scalar(select(District).order_by(District.id))
    if district is None:
        raise UserErrors.single("no district", UserErrorCode.INVALID, "year")
    await authorize(ctx, district)
    _quarter(year, quarter)
    now = clock.now()
    if now < quarter_bounds(year, quarter)[1]:
        raise UserErrors.single(
            f"{year} Q{quarter} is not over yet", UserErrorCode.DATE_ORDER, "quarter"
        )
    if await _published(ctx.session, year, quarter):
        raise UserErrors.single(
            f"the list of {year} Q{quarter} is published",
            UserErrorCode.ALREADY_PUBLISHED,
            "quarter",
        )
    standings = await compute(ctx.session, year, quarter, now)
    if not standings:
        raise UserErrors.single(
            f"no company is rated for {year} Q{quarter}", UserErrorCode.INVALID, "quarter"
        )
    published = RedBlackList(
        district_id=district.id,
        year=year,
        quarter=quarter,
        rule=RULE.as_data(),
        published_at=now,
        published_by_user_id=ctx.viewer.user_id,
    )
    ctx.session.add(published)
    await ctx.session.flush()
    ctx.session.add_all(
        RedBlackListEntry(
            list_id=published.id,
            property_company_id=each.property_company_id,
            standing=each.standing,
            score=each.score,
            negative_count=each.negative_count,
            complaints=each.complaints,
            on_time=each.on_time,
            late=each.late,
            on_time_rate=each.on_time_rate,
            reasons=list(each.reasons),
        )
        for each in standings
    )
    await ctx.session.flush()
    return published
