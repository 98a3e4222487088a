"""Mutations for work units and dual reports."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.units import mutations
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.units.inputs import RegisterMemberReportInput, RegisterWorkUnitInput
from schema.units.types import MemberReport, WorkUnit


@strawberry.type(description="Result of registerWorkUnit (单位报到).")
class RegisterWorkUnitPayload:
    work_unit: WorkUnit | None = result("The unit (单位).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of registerMemberReport (在职党员报到).")
class RegisterMemberReportPayload:
    member_report: MemberReport | None = result("The report (报到记录).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class UnitsMutation:
    @strawberry.mutation(description="Register a work unit with its community (单位双报到).")
    async def register_work_unit(
        self, info: Info, input: Annotated[RegisterWorkUnitInput, Input]
    ) -> RegisterWorkUnitPayload:
        return await run(
            info,
            RegisterWorkUnitPayload,
            "work_unit",
            lambda: mutations.register_work_unit(
                info.context,
                name=input.name,
                kind=input.kind,
                community_id=input.community_id,
                address=input.address,
                reported_on=input.reported_on,
            ),
        )

    @strawberry.mutation(
        description="Register an in-service party member's dual report (在职党员双报到)."
    )
    async def register_member_report(
        self, info: Info, input: Annotated[RegisterMemberReportInput, Input]
    ) -> RegisterMemberReportPayload:
        return await run(
            info,
            RegisterMemberReportPayload,
            "member_report",
            lambda: mutations.register_member_report(
                info.context,
                person_id=input.person_id,
                work_unit_id=input.work_unit_id,
                home_community_id=input.home_community_id,
                reported_on=input.reported_on,
            ),
        )
