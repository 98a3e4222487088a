"""Accounts for the generated district, so that QA can log in as anyone the API serves:
`admin`, the observers, and one account per person whose roles give them something to do
there. All share one public development password, which is why `grassroots seed` refuses
to create them in production."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from argon2 import PasswordHasher

from db.models import AccountRole
from simulation import scale as figures
from simulation.account_names import (
    ADMIN_USERNAME,
    DEVELOPMENT_PASSWORD,
    observer_username,
    person_username,
)
from simulation.generator.writer import BulkWriter

# A role and the grant's scope: the user_grants column that is set, and its key.
GrantRow = tuple[AccountRole, str, int]


def development_password_hash(seed: int) -> str:
    """The Argon2id hash every generated account shares, computed once a run: one hash
    takes about 50 ms and scale 100 has nearly a million accounts. Its salt comes from the
    seed so that a seed always writes the same tables; the password is public, so a
    shared salt gives nothing away."""
    salt = hashlib.sha256(f"grassroots development accounts, seed {seed}".encode()).digest()
    return PasswordHasher().hash(DEVELOPMENT_PASSWORD, salt=salt[:16])


class AccountWriter:
    """Queues users and their grants on the district's BulkWriter (keys assigned there)."""

    def __init__(self, writer: BulkWriter, seed: int, stamps: dict[str, object]) -> None:
        self.w = writer
        self.password_hash = development_password_hash(seed)
        self.stamps = stamps  # the district's creation time
        self.observers: list[int] = []  # the observers' accounts, in number order

    async def add(
        self,
        username: str,
        display_name: str,
        grants: Sequence[GrantRow],
        person_id: int | None = None,
    ) -> int:
        user = await self.w.add(
            "users",
            {
                "username": username,
                "display_name": display_name,
                "password_hash": self.password_hash,
                "person_id": person_id,
                "active": True,
                "last_login_at": None,
                **self.stamps,
            },
        )
        await self.grant(user, grants)
        return user

    async def grant(self, user: int, grants: Sequence[GrantRow]) -> None:
        """More grants for a queued account (a volunteer's teams are known later)."""
        for role, column, scope in grants:
            await self.w.add(
                "user_grants", {"user_id": user, "role": role, column: scope, **self.stamps}
            )

    async def person(self, person_id: int, name: str, grants: Sequence[GrantRow]) -> int:
        return await self.add(person_username(person_id), name, grants, person_id)

    async def district_staff(self, district: int) -> None:
        """The district admin and the observers, first in the users table."""
        await self.add(
            ADMIN_USERNAME,
            f"{figures.DISTRICT_NAME}管理员",
            [(AccountRole.DISTRICT_ADMIN, "district_id", district)],
        )
        for number in range(1, figures.OBSERVERS + 1):
            observer = await self.add(
                observer_username(number),
                f"基层党建观察员{number:02d}",
                [(AccountRole.OBSERVER, "district_id", district)],
            )
            self.observers.append(observer)
