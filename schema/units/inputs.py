"""Filters and mutation inputs for work units and dual reports."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.units.types import WorkUnitKind


@strawberry.input(description="Which work units (单位) to list.")
class WorkUnitFilter:
    kind: WorkUnitKind | None = strawberry.field(default=None, description="Only this kind (类型).")
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name (名称包含)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only units sitting in this community (驻地社区)."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived units (含已归档)."
    )


@strawberry.input(description="Register a work unit's dual report (单位双报到).")
class RegisterWorkUnitInput:
    name: str = strawberry.field(description="Name (单位名称), unique among live units.")
    kind: WorkUnitKind = strawberry.field(description="Kind (单位类型).")
    community_id: strawberry.ID = strawberry.field(
        description="The community where the unit sits (驻地社区)."
    )
    address: str | None = strawberry.field(default=None, description="Address (地址).")
    reported_on: date | None = strawberry.field(
        default=None, description="Day it reported (报到日期); default today."
    )


@strawberry.input(description="Register an in-service party member's dual report (在职党员双报到).")
class RegisterMemberReportInput:
    person_id: strawberry.ID = strawberry.field(description="The party member (党员).")
    work_unit_id: strawberry.ID = strawberry.field(description="The member's unit (工作单位).")
    home_community_id: strawberry.ID = strawberry.field(
        description="The community where the member lives (居住地社区)."
    )
    reported_on: date | None = strawberry.field(
        default=None, description="Day of reporting (报到日期); default today."
    )
