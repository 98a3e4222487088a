"""Test accounts: users with grants written directly, and tokens for them."""

from __future__ import annotations

from sqlalchemy import insert

from db.base import utcnow
from db.models import AccountRole, User, UserGrant
from resolvers.accounts.passwords import hash_password
from resolvers.accounts.tokens import issue_access_token
from server.settings import Settings
from tests.support.database import Database

TEST_PASSWORD = "test-password-1"
_TEST_HASH: list[str] = []
# The district admin every GraphQLClient acts as unless told otherwise.
ADMIN = "test-admin"


def password_hash() -> str:
    """One Argon2 hash of TEST_PASSWORD for every test user (hashing is slow on purpose)."""
    if not _TEST_HASH:
        _TEST_HASH.append(hash_password(TEST_PASSWORD))
    return _TEST_HASH[0]


GrantSpec = tuple[AccountRole, str, int]  # role, scope column (e.g. "community_id"), key


async def make_user(
    db: Database, username: str, *grants: GrantSpec, person_id: int | None = None
) -> int:
    """A user with `grants`, written directly; returns its key."""
    async with db.engine.begin() as connection:
        user_id = (
            await connection.execute(
                insert(User)
                .values(
                    username=username,
                    display_name=username,
                    password_hash=password_hash(),
                    person_id=person_id,
                    active=True,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                )
                .returning(User.id)
            )
        ).scalar_one()
        for role, column, key in grants:
            await connection.execute(
                insert(UserGrant).values(
                    user_id=user_id,
                    role=role,
                    created_at=utcnow(),
                    updated_at=utcnow(),
                    **{column: key},
                )
            )
    return int(user_id)


def token_for(user_id: int) -> str:
    return issue_access_token(user_id, Settings().secret_key, 15).token
