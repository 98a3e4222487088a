"""Loaders for projects: their milestones, the links of the loop recorded so far and
their history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import ProjectCheckpoint, ProjectEvent, ProjectMilestone
from resolvers.loaders import Loaders

C = TypeVar("C", ProjectMilestone, ProjectCheckpoint, ProjectEvent)


def _children(loaders: Loaders, key: str, model: type[C], order: Any) -> DataLoader[int, list[C]]:
    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[C]]:
        found: dict[int, list[C]] = {pk: [] for pk in ids}
        # by key within `order`, so that equal positions keep one order
        stmt = select(model).where(model.project_id.in_(ids)).order_by(order, model.id)
        rows = await session.scalars(stmt)
        for row in rows:
            found[row.project_id].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom(key, load)


def milestones_of(loaders: Loaders) -> DataLoader[int, list[ProjectMilestone]]:
    """Each project's milestones, in order."""
    return _children(loaders, "project_milestones", ProjectMilestone, ProjectMilestone.position)


def checkpoints_of(loaders: Loaders) -> DataLoader[int, list[ProjectCheckpoint]]:
    """Each project's recorded links of the loop, oldest first."""
    return _children(loaders, "project_checkpoints", ProjectCheckpoint, ProjectCheckpoint.id)


def events_of(loaders: Loaders) -> DataLoader[int, list[ProjectEvent]]:
    """Each project's status changes, oldest first."""
    return _children(loaders, "project_events", ProjectEvent, ProjectEvent.id)
