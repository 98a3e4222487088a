"""Work units (单位) and in-service party members' dual reports (双报到)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from resolvers.paging import Ordering, SortField
from resolvers.units.queries import ReportFilter
from schema.base import Info, Node, is_model
from schema.organization.types import Community
from schema.pagination import Connection, list_field
from schema.people.types import Person

if TYPE_CHECKING:
    from schema.projects.types import NegativeListViolation, Project

ViolationT = Annotated["NegativeListViolation", strawberry.lazy("schema.projects.types")]
ProjectT = Annotated["Project", strawberry.lazy("schema.projects.types")]

strawberry.enum(
    models.WorkUnitKind,
    description=(
        "Kind of work unit (单位类型): AGENCY (机关), ENTERPRISE (企业), INSTITUTION"
        " (事业单位), TWO_NEW_ORGANIZATION (“两新”组织)."
    ),
)
WorkUnitKind = models.WorkUnitKind


@strawberry.input(description="Which dual reports (双报到记录) to list.")
class MemberReportFilter:
    include_ended: bool = strawberry.field(
        default=False, description="Also list reports that have ended (含已结束)."
    )


@strawberry.type(
    description="A work unit (单位) reporting to the community where it sits (双报到)."
)
class WorkUnit(Node):
    is_type_of = is_model(models.WorkUnit)

    name: str = strawberry.field(description="Name (单位名称).")
    kind: WorkUnitKind = strawberry.field(description="Kind (单位类型).")
    address: str = strawberry.field(description="Address (地址).")
    reported_on: date = strawberry.field(description="Day it reported (报到日期).")
    created_at: datetime = strawberry.field(description="When it was registered (登记时间).")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived (归档时间); null while live."
    )

    @strawberry.field(description="The community it sits in and reports to (驻地社区).")
    async def community(self, root: strawberry.Parent[models.WorkUnit], info: Info) -> Community:
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        assert row is not None
        return row  # type: ignore[return-value]

    member_reports: Connection[MemberReport] = list_field(
        models.MemberReport,
        description="Its in-service party members' dual reports (在职党员报到).",
        parent="work_unit_id",
        filter_input=MemberReportFilter,
        make_filter=lambda given: ReportFilter(include_ended=bool(given and given.include_ended)),
        fixed_order=Ordering(SortField.ID),
    )
    negative_list_violations: Connection[ViolationT] = list_field(
        models.NegativeListViolation,
        description="Breaches of the negative list on its record (负面清单记录), oldest first.",
        parent="work_unit_id",
        fixed_order=Ordering(SortField.ID),
    )
    projects: Connection[ProjectT] = list_field(
        models.Project,
        description="Co-building projects it adopted (认领的共驻共建项目), oldest first.",
        parent="owner_work_unit_id",
        fixed_order=Ordering(SortField.ID),
    )


@strawberry.type(
    description=(
        "An in-service party member's dual report (在职党员双报到): to the unit's community"
        " and to the home community (居住地社区)."
    )
)
class MemberReport(Node):
    is_type_of = is_model(models.MemberReport)

    reported_on: date = strawberry.field(description="Day of reporting (报到日期).")
    ended_on: date | None = strawberry.field(
        description="Day the report ended (结束日期); null while live."
    )

    @strawberry.field(description="The party member (党员).")
    async def person(self, root: strawberry.Parent[models.MemberReport], info: Info) -> Person:
        row = await info.context.loaders.by_id(models.Person).load(root.person_id)
        assert row is not None
        return row  # type: ignore[return-value]

    @strawberry.field(description="The member's unit (工作单位).")
    async def work_unit(self, root: strawberry.Parent[models.MemberReport], info: Info) -> WorkUnit:
        row = await info.context.loaders.by_id(models.WorkUnit).load(root.work_unit_id)
        assert row is not None
        return row  # type: ignore[return-value]

    @strawberry.field(description="The community where the member lives (居住地社区).")
    async def home_community(
        self, root: strawberry.Parent[models.MemberReport], info: Info
    ) -> Community:
        row = await info.context.loaders.by_id(models.Community).load(root.home_community_id)
        assert row is not None
        return row  # type: ignore[return-value]
