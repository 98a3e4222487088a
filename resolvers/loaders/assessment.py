"""Loaders for assessment: a shortfall's project, a visit's findings, a review's
shortfalls, ratings figures and an application's scores and history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from db.models import AwardEvent, AwardScore, Project, ReviewEvent, Shortfall
from resolvers.assessment.queries import RatingFigures, rating_figures
from resolvers.loaders import Loaders


def _children(
    loaders: Loaders, name: str, model: Any, column: InstrumentedAttribute[Any]
) -> DataLoader[int, list[Any]]:
    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[Any]]:
        found: dict[int, list[Any]] = {pk: [] for pk in ids}
        rows = await session.scalars(select(model).where(column.in_(ids)).order_by(model.id))
        for row in rows:
            found[getattr(row, column.key)].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom(name, load)


def project_of_shortfall(loaders: Loaders) -> DataLoader[int, Project | None]:
    """The breakthrough project made from each shortfall, if any."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[Project | None]:
        rows = await session.scalars(select(Project).where(Project.source_shortfall_id.in_(ids)))
        found = {row.source_shortfall_id: row for row in rows}
        return [found.get(pk) for pk in ids]

    return loaders.custom("assessment_shortfall_project", load)


def findings_of_visit(loaders: Loaders) -> DataLoader[int, list[Shortfall]]:
    return _children(loaders, "assessment_visit_findings", Shortfall, Shortfall.visit_id)


def shortfalls_of_review(loaders: Loaders) -> DataLoader[int, list[Shortfall]]:
    return _children(loaders, "assessment_review_shortfalls", Shortfall, Shortfall.review_id)


def review_events_of(loaders: Loaders) -> DataLoader[int, list[ReviewEvent]]:
    return _children(loaders, "assessment_review_events", ReviewEvent, ReviewEvent.review_id)


def award_scores_of(loaders: Loaders) -> DataLoader[int, list[AwardScore]]:
    return _children(loaders, "assessment_award_scores", AwardScore, AwardScore.application_id)


def award_events_of(loaders: Loaders) -> DataLoader[int, list[AwardEvent]]:
    return _children(loaders, "assessment_award_events", AwardEvent, AwardEvent.application_id)


def ratings_of_review(loaders: Loaders) -> DataLoader[int, RatingFigures]:
    """Each review's bottom-rates-top figures."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[RatingFigures]:
        return await rating_figures(session, ids)

    return loaders.custom("assessment_review_ratings", load)
