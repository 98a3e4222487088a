"""Loaders for volunteer services: each team's lead and each order's history."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import OrderEvent, TeamMembership, Volunteer
from resolvers.loaders import Loaders


def lead_of(loaders: Loaders) -> DataLoader[int, Volunteer | None]:
    """Each team's live lead, if it has one."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[Volunteer | None]:
        rows = await session.execute(
            select(TeamMembership.team_id, Volunteer)
            .join(Volunteer, Volunteer.id == TeamMembership.volunteer_id)
            .where(
                TeamMembership.team_id.in_(ids),
                TeamMembership.is_lead.is_(True),
                TeamMembership.left_on.is_(None),
            )
        )
        found = {team: volunteer for team, volunteer in rows}
        return [found.get(pk) for pk in ids]

    return loaders.custom("team_lead", load)


def events_of(loaders: Loaders) -> DataLoader[int, list[OrderEvent]]:
    """Each order's history, oldest first."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[OrderEvent]]:
        found: dict[int, list[OrderEvent]] = {pk: [] for pk in ids}
        rows = await session.scalars(
            select(OrderEvent)
            .where(OrderEvent.order_id.in_(ids))
            .order_by(OrderEvent.at, OrderEvent.id)
        )
        for event in rows:
            found[event.order_id].append(event)
        return [found[pk] for pk in ids]

    return loaders.custom("order_events", load)
