"""Looking rows up by global ID: the `node`/`nodes` fields and every ID in an input."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import (
    AuditEntry,
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
from resolvers import global_ids
from resolvers.context import Context
from resolvers.errors import NotFoundError, shown
from resolvers.permissions import can_read, owns, require_read

M = TypeVar("M", bound=Base)

# GraphQL type name → model, for every type that implements Node.
NODE_MODELS: dict[str, type[Base]] = {
    "District": District,
    "Street": Street,
    "Community": Community,
    "Grid": Grid,
    "Building": Building,
    "PartyOrganization": PartyOrganization,
    "Person": Person,
    "PersonRole": PersonRole,
    "WorkUnit": WorkUnit,
    "MemberReport": MemberReport,
    "User": User,
    "AuditEntry": AuditEntry,
    "PropertyCompany": PropertyCompany,
    "LocalServiceItem": LocalServiceItem,
    "VolunteerTeam": VolunteerTeam,
    "Volunteer": Volunteer,
    "TeamMembership": TeamMembership,
    "KeyRecipient": KeyRecipient,
    "ServiceOrder": ServiceOrder,
    "ServiceOrderEvent": OrderEvent,
    "HoursEntry": HoursEntry,
    "ServicePlan": ServicePlan,
    "PlannedService": PlannedService,
    "MonthlyPublication": MonthlyPublication,
    "Project": Project,
    "ProjectMilestone": ProjectMilestone,
    "ProjectUpdate": ProjectUpdate,
    "ProjectCheckpoint": ProjectCheckpoint,
    "ProjectEvent": ProjectEvent,
    "NegativeListViolation": NegativeListViolation,
}
TYPE_NAMES: dict[type[Base], str] = {model: name for name, model in NODE_MODELS.items()}


async def load_node(ctx: Context, global_id: str) -> Base:
    """The row behind any global ID, batched with the other lookups of the request."""
    type_name, pk = global_ids.decode(global_id)
    model = NODE_MODELS.get(type_name)
    if model is None:
        raise NotFoundError(f"no object has the ID {shown(global_id)}")
    row = await ctx.loaders.by_id(model).load(pk)
    # Checked before "not found", so that IDs cannot be probed for existence.
    if not can_read(ctx.viewer, type_name) and not owns(ctx.viewer, row):
        require_read(ctx.viewer, type_name)
    if row is None:
        raise NotFoundError(f"no {type_name} has the ID {shown(global_id)}")
    return row


async def load_as(ctx: Context, global_id: str, *models: type[M]) -> M:
    """The row behind an ID that must name one of `models` (BAD_USER_INPUT otherwise)."""
    names = [TYPE_NAMES[model] for model in models]
    type_name, pk = global_ids.decode_as(global_id, *names)
    row = await ctx.loaders.by_id(NODE_MODELS[type_name]).load(pk)
    if row is None:
        raise NotFoundError(f"no {type_name} has the ID {shown(global_id)}")
    return row  # type: ignore[return-value]


async def get(session: AsyncSession, model: type[M], pk: int) -> M:
    row = await session.get(model, pk)
    if row is None:
        raise NotFoundError(f"no {TYPE_NAMES[model]} with key {pk}")
    return row
