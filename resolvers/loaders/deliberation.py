"""Loaders for deliberation: the rows under a consultation, a meeting or a problem, in
the order they were written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.base import Base
from db.models import (
    ConsultationEvent,
    ConsultationFeedback,
    ConsultationFollowUp,
    ConsultationParticipant,
    JointMeetingProblem,
    JointMeetingProblemEvent,
)
from resolvers.loaders import Loaders

M = TypeVar("M", bound=Base)


def _children(loaders: Loaders, model: type[M], column: str) -> DataLoader[int, list[M]]:
    """Each parent's rows of `model` whose `column` names it, oldest first."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[M]]:
        found: dict[int, list[M]] = {pk: [] for pk in ids}
        parent: Any = getattr(model, column)
        rows = await session.scalars(
            select(model).where(parent.in_(ids)).order_by(model.id)  # type: ignore[attr-defined]
        )
        for row in rows:
            found[getattr(row, column)].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom(("deliberation", model, column), load)


def participants_of(loaders: Loaders) -> DataLoader[int, list[ConsultationParticipant]]:
    return _children(loaders, ConsultationParticipant, "consultation_id")


def follow_ups_of(loaders: Loaders) -> DataLoader[int, list[ConsultationFollowUp]]:
    return _children(loaders, ConsultationFollowUp, "consultation_id")


def feedback_of(loaders: Loaders) -> DataLoader[int, list[ConsultationFeedback]]:
    return _children(loaders, ConsultationFeedback, "consultation_id")


def consultation_events_of(loaders: Loaders) -> DataLoader[int, list[ConsultationEvent]]:
    return _children(loaders, ConsultationEvent, "consultation_id")


def problems_of(loaders: Loaders) -> DataLoader[int, list[JointMeetingProblem]]:
    return _children(loaders, JointMeetingProblem, "meeting_id")


def passed_to(loaders: Loaders) -> DataLoader[int, list[JointMeetingProblem]]:
    """The problem each one was passed on as (at most one)."""
    return _children(loaders, JointMeetingProblem, "passed_from_id")


def problem_events_of(loaders: Loaders) -> DataLoader[int, list[JointMeetingProblemEvent]]:
    return _children(loaders, JointMeetingProblemEvent, "problem_id")
