"""Loaders for grid incidents: their participants, tasks and history; the catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import (
    Department,
    IncidentCategory,
    IncidentEvent,
    IncidentParticipant,
    IncidentTask,
)
from resolvers.loaders import Loaders

C = TypeVar("C", IncidentParticipant, IncidentTask, IncidentEvent)


def _children(loaders: Loaders, key: str, model: type[C], order: Any) -> DataLoader[int, list[C]]:
    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[C]]:
        found: dict[int, list[C]] = {pk: [] for pk in ids}
        rows = await session.scalars(
            select(model).where(model.incident_id.in_(ids)).order_by(order)
        )
        for row in rows:
            found[row.incident_id].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom(key, load)


def participants_of(loaders: Loaders) -> DataLoader[int, list[IncidentParticipant]]:
    """Each incident's departments, in the order they joined."""
    return _children(loaders, "incident_participants", IncidentParticipant, IncidentParticipant.id)


def tasks_of(loaders: Loaders) -> DataLoader[int, list[IncidentTask]]:
    """Each incident's tasks, oldest first."""
    return _children(loaders, "incident_tasks", IncidentTask, IncidentTask.id)


def events_of(loaders: Loaders) -> DataLoader[int, list[IncidentEvent]]:
    """Each incident's status changes, oldest first."""
    return _children(loaders, "incident_events", IncidentEvent, IncidentEvent.id)


def departments_by_code(loaders: Loaders) -> DataLoader[str, Department | None]:
    """Departments by their code (a category names its usual ones by code)."""

    async def load(session: AsyncSession, codes: Sequence[str]) -> list[Department | None]:
        rows = (await session.scalars(select(Department).where(Department.code.in_(codes)))).all()
        found = {row.code: row for row in rows}
        return [found.get(code) for code in codes]

    return loaders.custom("departments_by_code", load)


def catalogue(loaders: Loaders) -> DataLoader[str, list[Any]]:
    """The whole catalogue table by name ("categories" or "departments"), in key order."""
    models: dict[str, Any] = {"categories": IncidentCategory, "departments": Department}

    async def load(session: AsyncSession, names: Sequence[str]) -> list[list[Any]]:
        return [
            list((await session.scalars(select(models[n]).order_by(models[n].id))).all())
            for n in names
        ]

    return loaders.custom("incident_catalogue", load)
