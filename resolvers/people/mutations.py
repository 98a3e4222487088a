"""Register people and give or end their roles."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import (
    Building,
    Community,
    Gender,
    Grid,
    PartyOrganization,
    Person,
    PersonRole,
    RoleKind,
    Street,
    WorkUnit,
)
from db.models.people import ROLE_SCOPES, ROLES_WITH_POST, ROLES_WITH_UNIT
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.permissions import authorize
from resolvers.validation import Checks, clean_id_number, clean_phone, clean_text

SCOPE_MODELS: dict[str, type[Street] | type[Community] | type[Grid] | type[PartyOrganization]] = {
    "street_id": Street,
    "community_id": Community,
    "grid_id": Grid,
    "party_organization_id": PartyOrganization,
}


async def create_person(
    ctx: Context,
    *,
    name: str,
    gender: Gender,
    phone: str | None,
    id_number: str | None,
    building_id: str | None,
) -> Person:
    building = None if building_id is None else await load_as(ctx, building_id, Building)
    await authorize(ctx, building)
    check = Checks()
    person = Person(
        name=check(clean_text, name, "name", max_length=50),
        gender=gender,
        phone=check(clean_phone, phone),
        id_number=check(clean_id_number, id_number),
    )
    check.done()
    if building is not None:
        ensure_live(building, "buildingId")
        person.building_id = building.id
    ctx.session.add(person)
    await ctx.session.flush()
    return person


async def assign_role(
    ctx: Context,
    *,
    person_id: str,
    kind: RoleKind,
    scope_id: str | None,
    work_unit_id: str | None,
    post: str | None,
    duty: str | None,
    started_on: date | None,
) -> PersonRole:
    person = await load_as(ctx, person_id, Person)
    column, required = ROLE_SCOPES[kind]
    scope = None if scope_id is None else await load_as(ctx, scope_id, SCOPE_MODELS[column])
    await authorize(ctx, scope or person)  # scope first: faults of the input come after
    if kind is RoleKind.SECRETARY:
        raise UserErrors.single(
            "secretaries are appointed with appointSecretary, which ends the previous term",
            UserErrorCode.INVALID,
            "kind",
        )
    role = PersonRole(person_id=person.id, kind=kind, started_on=started_on or clock.today())
    check = Checks()
    if scope is None:
        if required:
            check.fail(
                f"a {kind.value} role needs a scope", UserErrorCode.SCOPE_REQUIRED, "scopeId"
            )
    else:
        ensure_live(scope, "scopeId")
        setattr(role, column, scope.id)
    if kind in ROLES_WITH_UNIT:
        if work_unit_id is None:
            check.fail(
                "this role names the unit the person comes from",
                UserErrorCode.SCOPE_REQUIRED,
                "workUnitId",
            )
        else:
            unit = await load_as(ctx, work_unit_id, WorkUnit)
            if unit.archived_at is not None:
                check.fail(
                    f"work unit {unit.name!r} is archived", UserErrorCode.ARCHIVED, "workUnitId"
                )
            role.work_unit_id = unit.id
    elif work_unit_id is not None:
        check.fail(
            f"a {kind.value} role has no work unit", UserErrorCode.SCOPE_NOT_ALLOWED, "workUnitId"
        )
    # As long as the person_roles columns they are stored in: post 100, duty 200.
    for field, value, max_length in (("post", post, 100), ("duty", duty, 200)):
        cleaned = clean_text(value or "", field, max_length=max_length, required=False)
        if kind in ROLES_WITH_POST and not cleaned:
            check.fail(f"a sunk cadre has a fixed {field}", UserErrorCode.BLANK, field)
        elif kind not in ROLES_WITH_POST and cleaned:
            check.fail(
                f"a {kind.value} role has no {field}", UserErrorCode.SCOPE_NOT_ALLOWED, field
            )
        setattr(role, field, cleaned or None)
    check.done()
    same = [PersonRole.person_id == person.id, PersonRole.kind == kind]
    if kind is not RoleKind.PARTY_MEMBER:  # one membership, whichever the organisation
        same.append(getattr(PersonRole, column) == getattr(role, column))
    duplicate = await ctx.session.scalar(
        select(PersonRole.id).where(*same, PersonRole.ended_on.is_(None))
    )
    if duplicate is not None:
        raise UserErrors.single(
            f"{person.name} already holds this role", UserErrorCode.ROLE_EXISTS, "kind"
        )
    ctx.session.add(role)
    await ctx.session.flush()
    return role


async def end_role(ctx: Context, *, role_id: str, ended_on: date | None) -> PersonRole:
    role = await load_as(ctx, role_id, PersonRole)
    await authorize(ctx, role)
    if role.ended_on is not None:
        raise UserErrors.single(
            f"the role already ended on {role.ended_on.isoformat()}", UserErrorCode.ROLE_ENDED, "id"
        )
    end = ended_on or clock.today()
    if end < role.started_on:
        raise UserErrors.single(
            "a role cannot end before it started", UserErrorCode.DATE_ORDER, "endedOn"
        )
    if role.kind is RoleKind.PARTY_MEMBER:
        secretary = await ctx.session.scalar(
            select(PersonRole.id).where(
                PersonRole.person_id == role.person_id,
                PersonRole.kind == RoleKind.SECRETARY,
                PersonRole.ended_on.is_(None),
            )
        )
        if secretary is not None:
            raise UserErrors.single(
                "a secretary must be a party member: appoint a successor first",
                UserErrorCode.INVALID,
                "id",
            )
    role.ended_on = end
    await ctx.session.flush()
    return role
