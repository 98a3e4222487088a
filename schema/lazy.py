"""Lazy references to types that other domains' modules point at (a community, a person,
a project, …), and the loads behind them. Strawberry resolves a lazy reference when the
schema is built, so a domain's types can return a community or a person without importing
the module that defines it (which may import the domain back)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from schema.base import Info

if TYPE_CHECKING:
    from schema.organization.types import (
        Building,
        Community,
        District,
        Grid,
        PartyOrganization,
        Street,
    )
    from schema.people.types import Person, PersonRole
    from schema.projects.types import Project
    from schema.units.types import WorkUnit
    from schema.volunteering.plans import PlannedService

TREE = "schema.organization.types"
DistrictT = Annotated["District", strawberry.lazy(TREE)]
StreetT = Annotated["Street", strawberry.lazy(TREE)]
CommunityT = Annotated["Community", strawberry.lazy(TREE)]
GridT = Annotated["Grid", strawberry.lazy(TREE)]
BuildingT = Annotated["Building", strawberry.lazy(TREE)]
OrganizationT = Annotated["PartyOrganization", strawberry.lazy(TREE)]
PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]
PersonRoleT = Annotated["PersonRole", strawberry.lazy("schema.people.types")]
ProjectT = Annotated["Project", strawberry.lazy("schema.projects.types")]
WorkUnitT = Annotated["WorkUnit", strawberry.lazy("schema.units.types")]
PlannedServiceT = Annotated["PlannedService", strawberry.lazy("schema.volunteering.plans")]


async def person_of(info: Info, key: int | None) -> PersonT | None:
    """The person with `key` (None without one), through the request's batched loaders."""
    return cast("Person | None", await info.context.loaders.optional(models.Person, key))


async def community_of(info: Info, key: int) -> CommunityT:
    """The community with `key`, which a foreign key guarantees."""
    return cast("Community", await info.context.loaders.optional(models.Community, key))


async def organization_of(info: Info, key: int) -> OrganizationT:
    """The party organisation with `key`, which a foreign key guarantees."""
    return cast(
        "PartyOrganization", await info.context.loaders.optional(models.PartyOrganization, key)
    )
