"""Loaders for people: their roles and their live dual report."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import MemberReport, PersonRole
from resolvers.loaders import Loaders


def roles_of(loaders: Loaders, *, include_ended: bool) -> DataLoader[int, list[PersonRole]]:
    """Each person's roles, oldest first."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[PersonRole]]:
        stmt = select(PersonRole).where(PersonRole.person_id.in_(ids))
        if not include_ended:
            stmt = stmt.where(PersonRole.ended_on.is_(None))
        found: dict[int, list[PersonRole]] = {pk: [] for pk in ids}
        for role in (await session.scalars(stmt.order_by(PersonRole.id))).all():
            found[role.person_id].append(role)
        return [found[pk] for pk in ids]

    return loaders.custom(("roles_of", include_ended), load)


def live_report_of(loaders: Loaders) -> DataLoader[int, MemberReport | None]:
    """Each person's live dual report, if they have one."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[MemberReport | None]:
        stmt = select(MemberReport).where(
            MemberReport.person_id.in_(ids), MemberReport.ended_on.is_(None)
        )
        found = {report.person_id: report for report in (await session.scalars(stmt)).all()}
        return [found.get(pk) for pk in ids]

    return loaders.custom("live_report_of", load)
