"""Personal data (个人信息): shown inside the viewer's scope, masked outside it."""

from __future__ import annotations

from db.models import Person
from resolvers.accounts.places import building_place
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context
from resolvers.permissions import PERSONAL_DATA, sees_personal_data


async def sees_personal_data_of(ctx: Context, person: Person) -> bool:
    """Whether the viewer may see `person`'s phone, ID number and home building."""
    viewer = ctx.viewer
    if viewer.person_id == person.id:
        return True
    grants = viewer.grants_of(PERSONAL_DATA)
    if not grants:
        return False
    if any(grant.level is ScopeLevel.DISTRICT for grant in grants):
        return True  # no need to look up where the person lives
    return sees_personal_data(viewer, person.id, await building_place(ctx, person.building_id))


def mask(value: str, *, keep_start: int, keep_end: int) -> str:
    """`value` with all but its first `keep_start` and last `keep_end` characters starred."""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]
