"""Mutations for people and roles."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.people import mutations
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.people.inputs import AssignRoleInput, CreatePersonInput, EndRoleInput
from schema.people.types import Person, PersonRole


@strawberry.type(description="Result of createPerson (登记人员).")
class CreatePersonPayload:
    person: Person | None = result("The new person (人员).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of assignRole or endRole (身份变更).")
class RolePayload:
    role: PersonRole | None = result("The role as it now is (身份).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Register a person (登记人员).")
    async def create_person(
        self, info: Info, input: Annotated[CreatePersonInput, Input]
    ) -> CreatePersonPayload:
        return await run(
            info,
            CreatePersonPayload,
            "person",
            lambda: mutations.create_person(
                info.context,
                name=input.name,
                gender=input.gender,
                phone=input.phone,
                id_number=input.id_number,
                building_id=input.building_id,
            ),
        )

    @strawberry.mutation(description="Give a person a role (赋予身份).")
    async def assign_role(
        self, info: Info, input: Annotated[AssignRoleInput, Input]
    ) -> RolePayload:
        return await run(
            info,
            RolePayload,
            "role",
            lambda: mutations.assign_role(
                info.context,
                person_id=input.person_id,
                kind=input.kind,
                scope_id=input.scope_id,
                work_unit_id=input.work_unit_id,
                post=input.post,
                duty=input.duty,
                started_on=input.started_on,
            ),
        )

    @strawberry.mutation(description="End a role (结束身份).")
    async def end_role(self, info: Info, input: Annotated[EndRoleInput, Input]) -> RolePayload:
        return await run(
            info,
            RolePayload,
            "role",
            lambda: mutations.end_role(info.context, role_id=input.id, ended_on=input.ended_on),
        )
