"""Mutation inputs for people and roles."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers.people.queries import RoleFilter
from schema.people.enums import Gender, RoleKind


@strawberry.input(description="Register a person (登记人员).")
class CreatePersonInput:
    name: str = strawberry.field(description="Name (姓名).")
    gender: Gender = strawberry.field(description="Gender (性别).")
    phone: str | None = strawberry.field(
        default=None, description="Mobile (11 digits) or landline number (联系电话)."
    )
    id_number: str | None = strawberry.field(
        default=None, description="18-character resident ID number (身份证号), checked."
    )
    building_id: strawberry.ID | None = strawberry.field(
        default=None, description="The building the person lives in (居住楼栋)."
    )


@strawberry.input(description="Give a person a role (赋予身份). Secretaries: appointSecretary.")
class AssignRoleInput:
    person_id: strawberry.ID = strawberry.field(description="The person (人员).")
    kind: RoleKind = strawberry.field(description="Kind of role (身份).")
    scope_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "What the role is bound to: a community for workers, part-time community"
            " members and district leaders; a street for part-time street members; a grid"
            " for sunk cadres; optionally a party organisation for a party member (身份所属范围)."
        ),
    )
    work_unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The unit a part-time member or sunk cadre comes from (所在单位).",
    )
    post: str | None = strawberry.field(default=None, description="A sunk cadre's post (岗位).")
    duty: str | None = strawberry.field(default=None, description="A sunk cadre's duty (职责).")
    started_on: date | None = strawberry.field(
        default=None, description="First day in the role (开始日期); default today."
    )


@strawberry.input(description="End a role (结束身份).")
class EndRoleInput:
    id: strawberry.ID = strawberry.field(description="The role (身份).")
    ended_on: date | None = strawberry.field(
        default=None, description="Day it ends (结束日期); default today."
    )


@strawberry.input(description="Which roles (身份) to list.")
class RoleFilterInput:
    kind: RoleKind | None = strawberry.field(default=None, description="Only this kind (类型).")
    include_ended: bool = strawberry.field(
        default=False, description="Also list roles that have ended (含已结束)."
    )


def role_filter(given: RoleFilterInput | None) -> RoleFilter:
    if given is None:
        return RoleFilter()
    return RoleFilter(kind=given.kind, include_ended=given.include_ended)
