"""Shortfalls (短板) → next year's breakthrough projects (突破项目): the project is made by
the projects domain's own creation path, led by the organisation's secretary, and points
back to the shortfall it answers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Project, ProjectKind, Shortfall
from resolvers import global_ids
from resolvers.assessment.rules import secretary_role
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.permissions import authorize
from resolvers.projects.mutations import create_project
from resolvers.workflow import locked


async def create_breakthrough_project(
    ctx: Context,
    *,
    shortfall_id: str,
    title: str,
    description: str | None,
    year: int,
    due_on: date | None,
) -> Project:
    shortfall = await locked(ctx, Shortfall, shortfall_id)
    await authorize(ctx, shortfall)
    if year != shortfall.year + 1:
        raise UserErrors.single(
            f"a shortfall of {shortfall.year} becomes a project of {shortfall.year + 1}",
            UserErrorCode.OUT_OF_RANGE,
            "year",
        )
    taken = await ctx.session.scalar(
        select(Project.id).where(Project.source_shortfall_id == shortfall.id)
    )
    if taken is not None:
        raise UserErrors.single(
            "this shortfall already became a breakthrough project",
            UserErrorCode.ALREADY_RECORDED,
            "shortfallId",
        )
    secretary = await secretary_role(ctx, shortfall.party_organization_id)
    if secretary is None:
        raise UserErrors.single(
            "the organisation has no secretary to lead the project",
            UserErrorCode.INVALID,
            "shortfallId",
        )
    project = await create_project(
        ctx,
        kind=ProjectKind.BREAKTHROUGH,
        category=None,
        title=title,
        description=description,
        source=shortfall.text[:300],
        community_id=global_ids.encode("Community", shortfall.community_id),
        year=year,
        owner_work_unit_id=None,
        owner_person_id=global_ids.encode("Person", secretary.person_id),
        owner_property_company_id=None,
        due_on=due_on,
    )
    project.source_shortfall_id = shortfall.id
    await ctx.session.flush()
    return project
