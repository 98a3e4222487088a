"""How to reach an order's recipient (联系方式), and who may: the recipient and whoever
placed the order, the claimer and the lead of the team serving it, and staff whose scope
covers the home. Everyone else gets the name and a masked phone."""

from __future__ import annotations

from dataclasses import dataclass

from db.models import AccountRole, Building, Person, ServiceOrder, Volunteer
from resolvers.accounts.personal_data import masked_phone, sees_personal_data_of
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None
    address: str | None
    masked: bool


async def sees_contact(ctx: Context, order: ServiceOrder, recipient: Person) -> bool:
    """Whether the viewer may reach the recipient of `order` (see the module)."""
    viewer = ctx.viewer
    if viewer.user_id is not None and viewer.user_id == order.placed_by_user_id:
        return True
    if order.team_id is not None and any(
        grant.level is ScopeLevel.TEAM and grant.scope_id == order.team_id
        for grant in viewer.grants_of(frozenset({AccountRole.TEAM_LEAD}))
    ):
        return True
    claimer = await ctx.loaders.optional(Volunteer, order.claimer_id)
    if claimer is not None and claimer.person_id == viewer.person_id:
        return True
    return await sees_personal_data_of(ctx, recipient)


async def contact_of(ctx: Context, order: ServiceOrder) -> Contact:
    """The recipient's contact as the viewer may see it."""
    person = await ctx.loaders.optional(Person, order.recipient_id)
    assert person is not None
    if not await sees_contact(ctx, order, person):
        phone = masked_phone(person.phone) if person.phone else None
        return Contact(name=person.name, phone=phone, address=None, masked=True)
    building = await ctx.loaders.optional(Building, person.building_id)
    return Contact(
        name=person.name,
        phone=person.phone,
        address=building.address if building else None,
        masked=False,
    )
