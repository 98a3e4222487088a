"""Creating accounts and finding them: the rules every account obeys, whoever creates it
(the command line today, an admin mutation later)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AccountRole,
    Person,
    User,
    UserGrant,
)
from resolvers.accounts.passwords import hash_password, password_problem
from resolvers.accounts.scope_paths import NamedGrant, named_grants
from resolvers.accounts.viewer import SCOPE_MODELS, Grant, ScopeLevel
from resolvers.errors import UserErrorCode
from resolvers.validation import Checks, clean_text

R = AccountRole
DISTRICT, STREET, COMMUNITY, GRID, WORK_UNIT, TEAM, COMPANY = ScopeLevel
USERNAME = re.compile(r"[A-Za-z0-9._-]{3,50}")
DISPLAY_NAME_LENGTH = 100  # users.display_name

# Where each role may be bound. A role is a job, and its scope is where the job is done:
# admins run the district or a street, a secretary and the workers a community, a grid
# leader a grid; members and residents belong to a community or a grid, and a member may
# act for the work unit whose co-building projects they run; volunteers and team leads
# belong to a volunteer team; a property company acts for itself; an observer inspects at
# any level down to a community; a coordinating department's staff work for the
# district or a street (their department's tasks are theirs wherever they are).
ROLE_LEVELS: dict[AccountRole, tuple[ScopeLevel, ...]] = {
    R.DISTRICT_ADMIN: (DISTRICT,),
    R.STREET_ADMIN: (STREET,),
    R.COMMUNITY_SECRETARY: (COMMUNITY,),
    R.COMMUNITY_WORKER: (COMMUNITY,),
    R.GRID_LEADER: (GRID,),
    R.PARTY_MEMBER: (COMMUNITY, GRID, WORK_UNIT),
    R.VOLUNTEER: (TEAM,),
    R.TEAM_LEAD: (TEAM,),
    R.RESIDENT: (COMMUNITY, GRID),
    R.PROPERTY_COMPANY: (COMPANY,),
    R.OBSERVER: (DISTRICT, STREET, COMMUNITY),
    R.DEPARTMENT_STAFF: (DISTRICT, STREET),
}
LEVEL_NOUNS = {
    DISTRICT: "district",
    STREET: "street",
    COMMUNITY: "community",
    GRID: "grid",
    WORK_UNIT: "work unit",
    TEAM: "volunteer team",
    COMPANY: "property company",
}


def scope_problem(role: AccountRole, level: ScopeLevel) -> str | None:
    """Why `role` cannot be bound at `level`, or None when it can."""
    allowed = ROLE_LEVELS[role]
    if level in allowed:
        return None
    words = [_level_words(each) for each in allowed]
    either = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    return f"{role.value} is granted on {either}, not on {_level_words(level)}"


def _level_words(level: ScopeLevel) -> str:
    return f"{'the' if level is DISTRICT else 'a'} {LEVEL_NOUNS[level]}"


async def user_by_username(session: AsyncSession, username: str) -> User | None:
    return await session.scalar(select(User).where(User.username == username.strip()))


async def _check_grant(session: AsyncSession, check: Checks, grant: Grant) -> None:
    problem = scope_problem(grant.role, grant.level)
    if problem is not None:
        check.fail(problem, UserErrorCode.SCOPE_NOT_ALLOWED, "grants")
        return
    row = await session.get(SCOPE_MODELS[grant.level], grant.scope_id)
    if row is None:
        check.fail(
            f"there is no {LEVEL_NOUNS[grant.level]} with the key {grant.scope_id}",
            UserErrorCode.INVALID,
            "grants",
        )
    elif getattr(row, "archived_at", None) is not None:
        check.fail(f"{getattr(row, 'name', '')!r} is archived", UserErrorCode.ARCHIVED, "grants")


async def _check_person(session: AsyncSession, check: Checks, person_id: int) -> None:
    if await session.get(Person, person_id) is None:
        check.fail(f"there is no person with the key {person_id}", UserErrorCode.INVALID, "person")
        return
    holder = await session.scalar(select(User.username).where(User.person_id == person_id))
    if holder is not None:
        check.fail(
            f"the person already has the account {holder!r}", UserErrorCode.CONFLICT, "person"
        )


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    display_name: str,
    person_id: int | None = None,
    grants: Sequence[Grant],
) -> User:
    """A new active account with `grants`; every problem is reported at once as
    UserErrors, and nothing is written then."""
    check = Checks()
    username = username.strip()
    if not USERNAME.fullmatch(username):
        check.fail(
            "a username has 3 to 50 characters: letters, digits, dots, underscores, hyphens",
            UserErrorCode.INVALID,
            "username",
        )
    elif await user_by_username(session, username) is not None:
        check.fail(f"the username {username!r} is taken", UserErrorCode.NAME_TAKEN, "username")
    problem = password_problem(password)
    if problem is not None:
        check.fail(problem, UserErrorCode.INVALID, "password")
    name = check(clean_text, display_name, "displayName", max_length=DISPLAY_NAME_LENGTH)
    if person_id is not None:
        await _check_person(session, check, person_id)
    if not grants:
        check.fail("an account needs at least one role", UserErrorCode.SCOPE_REQUIRED, "grants")
    if len(set(grants)) < len(grants):
        check.fail("a role is granted twice on one scope", UserErrorCode.INVALID, "grants")
    for grant in grants:
        await _check_grant(session, check, grant)
    check.done()
    assert name is not None
    user = User(
        username=username,
        display_name=name,
        password_hash=hash_password(password),
        person_id=person_id,
        active=True,
    )
    session.add(user)
    await session.flush()
    session.add_all(
        UserGrant(user_id=user.id, role=grant.role, **{grant.level.value: grant.scope_id})
        for grant in grants
    )
    await session.flush()
    return user


async def hand_over_community_grant(
    session: AsyncSession,
    role: AccountRole,
    community_id: int,
    *,
    from_person: int,
    to_person: int,
) -> None:
    """Move a post's grant from one person's account to another's when the post changes
    hands (a secretary replaced): the predecessor's accounts stop acting for the community
    at once, and the successor's account, where they have one, starts to."""
    await session.execute(
        delete(UserGrant).where(
            UserGrant.role == role,
            UserGrant.community_id == community_id,
            UserGrant.user_id.in_(select(User.id).where(User.person_id == from_person)),
        )
    )
    successor = await session.scalar(select(User.id).where(User.person_id == to_person))
    if successor is None:
        return
    held = await session.scalar(
        select(UserGrant.id).where(
            UserGrant.user_id == successor,
            UserGrant.role == role,
            UserGrant.community_id == community_id,
        )
    )
    if held is None:
        session.add(UserGrant(user_id=successor, role=role, community_id=community_id))
        await session.flush()


@dataclass(frozen=True)
class UserListing:
    """A page of accounts (oldest first), each with its grants named, and how many match."""

    users: list[tuple[User, list[NamedGrant]]]
    total: int


async def list_users(
    session: AsyncSession,
    *,
    role: AccountRole | None = None,
    scope: tuple[ScopeLevel, int] | None = None,
    limit: int = 100,
) -> UserListing:
    """The first `limit` accounts, or those holding a grant of `role` and/or bound to
    exactly `scope` (a team's volunteers, say); three statements in all."""
    chosen = select(User.id)
    if role is not None or scope is not None:
        holding = select(UserGrant.user_id)
        if role is not None:
            holding = holding.where(UserGrant.role == role)
        if scope is not None:
            level, key = scope
            holding = holding.where(getattr(UserGrant, level.value) == key)
        chosen = chosen.where(User.id.in_(holding))
    total = await session.scalar(select(func.count()).select_from(chosen.subquery()))
    page = chosen.order_by(User.id).limit(limit)
    users = (await session.scalars(select(User).where(User.id.in_(page)).order_by(User.id))).all()
    grants = await named_grants(session, page)
    return UserListing([(user, grants.get(user.id, [])) for user in users], int(total or 0))
