"""Loaders for accounts: the roles each user is granted."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import UserGrant
from resolvers.accounts.viewer import Grant, grant_of
from resolvers.loaders import Loaders


def grants_of(loaders: Loaders) -> DataLoader[int, list[Grant]]:
    """Each user's grants, oldest first."""

    async def load(session: AsyncSession, user_ids: Sequence[int]) -> list[list[Grant]]:
        rows = (
            await session.scalars(
                select(UserGrant).where(UserGrant.user_id.in_(user_ids)).order_by(UserGrant.id)
            )
        ).all()
        found: dict[int, list[Grant]] = {user_id: [] for user_id in user_ids}
        for row in rows:
            found[row.user_id].append(grant_of(row))
        return [found[user_id] for user_id in user_ids]

    return loaders.custom("user_grants", load)
