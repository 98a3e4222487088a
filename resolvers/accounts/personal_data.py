"""Personal data (个人信息): shown inside the viewer's scope, masked outside it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from db.models import Building, Community, Person
from resolvers.accounts.places import building_place, place_of
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context
from resolvers.permissions import require_personal_scope, shows_personal_data
from resolvers.rules import PERSONAL_DATA

T = TypeVar("T")


def decided(ctx: Context, person: Person) -> bool | None:
    """Whether the viewer sees `person`'s personal data, when that is known without the
    database (their own record, no staff grant, a district-wide grant); else None."""
    viewer = ctx.viewer
    if viewer.person_id == person.id:
        return True
    grants = viewer.grants_of(PERSONAL_DATA)
    if not grants:
        return False
    return True if district_wide(ctx) else None


def district_wide(ctx: Context) -> bool:
    """Whether a district grant shows the viewer everyone's personal data."""
    grants = ctx.viewer.grants_of(PERSONAL_DATA)
    return any(grant.level is ScopeLevel.DISTRICT for grant in grants)


async def sees_personal_data_of(ctx: Context, person: Person) -> bool:
    """Whether the viewer may see `person`'s phone, ID number and home building."""
    known = decided(ctx, person)
    if known is not None:
        return known
    return shows_personal_data(ctx.viewer, await building_place(ctx, person.building_id))


def personal_value(
    ctx: Context, person: Person, value: str | None, masked: Callable[[str], str | None]
) -> str | Awaitable[str | None] | None:
    """`value`, or `masked(value)` outside the viewer's scope.

    Answered synchronously whenever it can be: a page of 100 people read by a district
    admin then costs no awaitable per field. graphql-core awaits the awaitable otherwise.
    """
    if value is None:
        return None
    known = decided(ctx, person)
    if known is not None:
        return value if known else masked(value)

    async def later(value: str) -> str | None:
        return value if await sees_personal_data_of(ctx, person) else masked(value)

    return later(value)


def mask(value: str, *, keep_start: int, keep_end: int) -> str:
    """`value` with all but its first `keep_start` and last `keep_end` characters starred."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


def masked_phone(value: str) -> str:
    """138****5678: the first 3 and the last 4 digits."""
    return mask(value, keep_start=3, keep_end=4)


def masked_id_number(value: str) -> str:
    """Only the last 4 characters of a resident ID number."""
    return mask(value, keep_start=0, keep_end=4)


def phone_of(ctx: Context, person: Person) -> str | Awaitable[str | None] | None:
    """`person`'s phone as the viewer may see it (an awaitable when the database decides)."""
    return personal_value(ctx, person, person.phone, masked_phone)


def id_number_of(ctx: Context, person: Person) -> str | Awaitable[str | None] | None:
    """`person`'s ID number as the viewer may see it (an awaitable when the database decides)."""
    return personal_value(ctx, person, person.id_number, masked_id_number)


async def home_of(ctx: Context, person: Person) -> Building | None:
    """The building `person` lives in, if known and the viewer may see it."""
    if person.building_id is None or not await sees_personal_data_of(ctx, person):
        return None
    return await ctx.loaders.by_id(Building).load(person.building_id)


async def in_scope(ctx: Context, person: Person, value: T) -> T | None:
    """`value` (personal data about `person`), or None outside the viewer's scope."""
    return value if await sees_personal_data_of(ctx, person) else None


async def require_home_scope(
    ctx: Context, *, building_id: int | None = None, community_id: int | None = None
) -> None:
    """FORBIDDEN unless the viewer may see where people live in this building or community."""
    if district_wide(ctx):
        return
    places = []
    if building_id is not None:
        places.append(await building_place(ctx, building_id))
    if community_id is not None:
        community = await ctx.loaders.by_id(Community).load(community_id)
        places.append(await place_of(ctx, community))
    for place in places:
        require_personal_scope(ctx.viewer, place)
