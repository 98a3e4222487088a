"""Loaders for complaints and the red/black list: a complaint's history, a list's entries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import ComplaintEvent, RedBlackListEntry
from resolvers.loaders import Loaders


def complaint_events_of(loaders: Loaders) -> DataLoader[int, list[ComplaintEvent]]:
    """Each complaint's events, oldest first."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[ComplaintEvent]]:
        found: dict[int, list[ComplaintEvent]] = {pk: [] for pk in ids}
        rows = await session.scalars(
            select(ComplaintEvent)
            .where(ComplaintEvent.complaint_id.in_(ids))
            .order_by(ComplaintEvent.id)
        )
        for row in rows:
            found[row.complaint_id].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom("complaint_events", load)


def list_entries_of(loaders: Loaders) -> DataLoader[int, list[RedBlackListEntry]]:
    """Each published list's entries: red first, then black, then the rest, by score."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[RedBlackListEntry]]:
        found: dict[int, list[RedBlackListEntry]] = {pk: [] for pk in ids}
        rows = await session.scalars(
            select(RedBlackListEntry)
            .where(RedBlackListEntry.list_id.in_(ids))
            .order_by(RedBlackListEntry.id)
        )
        for row in rows:
            found[row.list_id].append(row)
        order = {"RED": 0, "BLACK": 1, "NEUTRAL": 2}
        return [
            sorted(found[pk], key=lambda e: (order[e.standing.value], -e.score, e.id)) for pk in ids
        ]

    return loaders.custom("red_black_entries", load)
