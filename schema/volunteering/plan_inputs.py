"""Filters and mutation inputs for service plans and the monthly publication."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import global_ids
from resolvers.volunteering.plans import PlanFilter, PublicationFilter
from schema.volunteering.enums import PartyTieIn, PlanKind, ServiceCategory


@strawberry.input(description="Which service plans (服务计划) to list.")
class ServicePlanFilter:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community's plans (所属社区)."
    )
    kind: PlanKind | None = strawberry.field(
        default=None, description="Only monthly schedules or yearly plans (计划类型)."
    )
    year: int | None = strawberry.field(default=None, description="Only this year (年度).")
    month: int | None = strawberry.field(
        default=None, description="Only this month's schedules (月份 1–12)."
    )


def plan_filter(given: ServicePlanFilter | None) -> PlanFilter:
    if given is None:
        return PlanFilter()
    return PlanFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        kind=given.kind,
        year=given.year,
        month=given.month,
    )


@strawberry.input(description="Which monthly publications (按月公示) to list.")
class MonthlyPublicationFilter:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community's (社区)."
    )
    street_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the communities of this street (街道)."
    )
    year: int | None = strawberry.field(default=None, description="Only this year (年).")
    month: int | None = strawberry.field(default=None, description="Only this month (月 1–12).")


def publication_filter(given: MonthlyPublicationFilter | None) -> PublicationFilter:
    if given is None:
        return PublicationFilter()
    return PublicationFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        street_id=global_ids.key_of(given.street_id, "Street"),
        year=given.year,
        month=given.month,
    )


@strawberry.input(description="Make a monthly schedule or yearly plan (制定服务计划).")
class CreateServicePlanInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    kind: PlanKind = strawberry.field(description="Monthly schedule or yearly plan (计划类型).")
    year: int = strawberry.field(description="Year (年度), 2000–2100.")
    month: int | None = strawberry.field(
        default=None, description="Month 1–12 (月份): required for MONTHLY, absent for YEARLY."
    )
    title: str = strawberry.field(description="Title (标题).")
    notes: str | None = strawberry.field(default=None, description="Notes (说明).")


@strawberry.input(description="Put a service on a plan (添加计划服务).")
class AddPlannedServiceInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan (服务计划).")
    scheduled_on: date = strawberry.field(
        description="Day of the service (服务日期), inside the plan's month or year."
    )
    category: ServiceCategory = strawberry.field(description='The "6+N" item (服务项目).')
    local_item_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The community's own item (自定项目): required for LOCAL, else absent.",
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="A live team that will run it (服务队伍)."
    )
    title: str = strawberry.field(description="Title (服务标题).")
    tie_in: PartyTieIn = strawberry.field(
        default=PartyTieIn.NONE,
        description="The party routine it is tied to (结合党内活动); PARTY_DAY falls on the 28th.",
    )


@strawberry.input(description="Publish a finished month's figures (志愿服务按月公示).")
class PublishMonthlyReportInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    year: int = strawberry.field(description="Year (年).")
    month: int = strawberry.field(description="Month 1–12 (月); it must have ended.")
