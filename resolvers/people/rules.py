"""Checks on people shared by several domains."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Person, PersonRole, RoleKind
from resolvers.errors import UserErrorCode, UserErrors


async def holds_role(session: AsyncSession, person_id: int, kind: RoleKind) -> bool:
    """Whether the person holds a live role of `kind`."""
    role = await session.scalar(
        select(PersonRole.id).where(
            PersonRole.person_id == person_id,
            PersonRole.kind == kind,
            PersonRole.ended_on.is_(None),
        )
    )
    return role is not None


async def is_party_member(session: AsyncSession, person_id: int) -> bool:
    return await holds_role(session, person_id, RoleKind.PARTY_MEMBER)


async def ensure_party_member(session: AsyncSession, person: Person, field: str) -> None:
    if not await is_party_member(session, person.id):
        raise UserErrors.single(
            f"{person.name} is not a party member", UserErrorCode.NOT_A_PARTY_MEMBER, field
        )
