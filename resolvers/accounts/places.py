"""Where an object sits in the tree, so that a grant's scope can be checked against it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import (
    Building,
    Community,
    District,
    Grid,
    HoursEntry,
    KeyRecipient,
    LocalServiceItem,
    MemberReport,
    MonthlyPublication,
    NegativeListViolation,
    OrderEvent,
    PartyOrganization,
    Person,
    PersonRole,
    PlannedService,
    Project,
    ProjectCheckpoint,
    ProjectEvent,
    ProjectMilestone,
    ProjectUpdate,
    PropertyCompany,
    ServiceOrder,
    ServicePlan,
    Street,
    TeamMembership,
    User,
    Volunteer,
    VolunteerTeam,
    WorkUnit,
)
from db.models.people import ROLE_SCOPES
from resolvers.accounts.viewer import Grant, ScopeLevel
from resolvers.context import Context
from resolvers.organization.tree import organization_node_id


@dataclass(frozen=True)
class Place:
    """The nodes above (and including) an object; None where unknown or not applicable."""

    district_id: int | None = None
    street_id: int | None = None
    community_id: int | None = None
    grid_id: int | None = None
    work_unit_id: int | None = None
    team_id: int | None = None
    property_company_id: int | None = None


NOWHERE = Place()


def covers(grant: Grant, place: Place) -> bool:
    """Whether `grant`'s scope contains `place`. The district's grants cover everything
    in it, including objects not yet placed anywhere below it."""
    if grant.level is ScopeLevel.DISTRICT:
        return place.district_id in (None, grant.scope_id)
    scope_id: int | None = getattr(place, grant.level.value)
    return scope_id == grant.scope_id


async def _building_places(session: AsyncSession, ids: Sequence[int]) -> list[Place]:
    rows = (
        await session.execute(
            select(Building.id, Grid.id, Community.id, Street.id, Street.district_id)
            .join(Grid, Grid.id == Building.grid_id)
            .join(Community, Community.id == Grid.community_id)
            .join(Street, Street.id == Community.street_id)
            .where(Building.id.in_(ids))
        )
    ).all()
    found = {row[0]: Place(row[4], row[3], row[2], row[1]) for row in rows}
    return [found.get(pk, NOWHERE) for pk in ids]


async def building_place(ctx: Context, building_id: int | None) -> Place:
    """A building's place: one batched statement for all buildings asked together."""
    if building_id is None:
        return NOWHERE
    return await ctx.loaders.custom("building_places", _building_places).load(building_id)


async def _row(ctx: Context, model: type[Base], pk: int | None) -> Base | None:
    return None if pk is None else await ctx.loaders.by_id(model).load(pk)


async def place_of(ctx: Context, row: Base | None) -> Place:
    """The place of any object the permission table reasons about."""
    if row is None:
        return NOWHERE
    if isinstance(row, District):
        return Place(district_id=row.id)
    if isinstance(row, Street):
        return Place(row.district_id, row.id)
    if isinstance(row, Community):
        street = await _row(ctx, Street, row.street_id)
        assert isinstance(street, Street)
        return Place(street.district_id, street.id, row.id)
    if isinstance(row, Grid):
        above = await place_of(ctx, await _row(ctx, Community, row.community_id))
        return Place(above.district_id, above.street_id, above.community_id, row.id)
    if isinstance(row, Building):
        return await building_place(ctx, row.id)
    if isinstance(row, Person):
        return await building_place(ctx, row.building_id)
    if isinstance(row, User):
        return await place_of(ctx, await _row(ctx, Person, row.person_id))
    if isinstance(row, PartyOrganization):
        level, node_id = organization_node_id(row)
        return await place_of(ctx, await _row(ctx, level.model, node_id))
    if isinstance(row, PersonRole):
        column, _required = ROLE_SCOPES[row.kind]
        if column == "party_organization_id":
            return await place_of(
                ctx, await _row(ctx, PartyOrganization, row.party_organization_id)
            )
        model = {"street_id": Street, "community_id": Community, "grid_id": Grid}[column]
        return await place_of(ctx, await _row(ctx, model, getattr(row, column)))
    if isinstance(row, WorkUnit):
        above = await place_of(ctx, await _row(ctx, Community, row.community_id))
        return Place(above.district_id, above.street_id, above.community_id, None, row.id)
    if isinstance(row, MemberReport):
        return await place_of(ctx, await _row(ctx, Community, row.home_community_id))
    return await _service_place(ctx, row)


async def _community_place(ctx: Context, community_id: int | None, **below: int | None) -> Place:
    return replace(await place_of(ctx, await _row(ctx, Community, community_id)), **below)


async def _service_place(ctx: Context, row: Base) -> Place:
    """Places of volunteer services, projects and property companies: their community's
    (a team's node's), with the team, unit or company that acts there."""
    if isinstance(row, VolunteerTeam):
        if row.community_id is not None:
            return await _community_place(ctx, row.community_id, team_id=row.id)
        if row.street_id is not None:
            street = await place_of(ctx, await _row(ctx, Street, row.street_id))
            return replace(street, team_id=row.id)
        return Place(district_id=row.district_id, team_id=row.id)
    if isinstance(row, TeamMembership):
        return await place_of(ctx, await _row(ctx, VolunteerTeam, row.team_id))
    if isinstance(row, Volunteer | KeyRecipient):
        return await place_of(ctx, await _row(ctx, Person, row.person_id))
    if isinstance(row, ServiceOrder):
        # Where the recipient lives (down to the grid: a grid leader acts for residents
        # there), with the team it is dispatched to.
        home = await place_of(ctx, await _row(ctx, Person, row.recipient_id))
        if home.community_id != row.community_id:  # moved since: the order's community
            home = await _community_place(ctx, row.community_id)
        return replace(home, team_id=row.team_id)
    if isinstance(row, OrderEvent):
        return await place_of(ctx, await _row(ctx, ServiceOrder, row.order_id))
    if isinstance(row, HoursEntry):
        return await _community_place(ctx, row.community_id, team_id=row.team_id)
    if isinstance(row, LocalServiceItem | ServicePlan | MonthlyPublication):
        return await _community_place(ctx, row.community_id)
    if isinstance(row, PlannedService):
        return await place_of(ctx, await _row(ctx, ServicePlan, row.plan_id))
    if isinstance(row, PropertyCompany):
        return await _community_place(ctx, row.community_id, property_company_id=row.id)
    if isinstance(row, Project):
        return await _community_place(
            ctx,
            row.community_id,
            work_unit_id=row.owner_work_unit_id,
            property_company_id=row.owner_property_company_id,
        )
    if isinstance(row, ProjectMilestone | ProjectUpdate | ProjectCheckpoint | ProjectEvent):
        return await place_of(ctx, await _row(ctx, Project, row.project_id))
    if isinstance(row, NegativeListViolation):
        return await _community_place(ctx, row.community_id, work_unit_id=row.work_unit_id)
    raise TypeError(f"no place is known for {type(row).__name__}")
