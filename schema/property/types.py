"""Property companies (物业服务企业) in co-building with communities."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.paging import NEWEST_FIRST, Ordering, SortField
from schema.base import Info, Node, is_model
from schema.pagination import Connection, list_field

if TYPE_CHECKING:
    from schema.complaints.types import CompanyRating, RedBlackListEntry
    from schema.organization.types import Community
    from schema.projects.types import Project

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
ProjectT = Annotated["Project", strawberry.lazy("schema.projects.types")]
RatingT = Annotated["CompanyRating", strawberry.lazy("schema.complaints.types")]
EntryT = Annotated["RedBlackListEntry", strawberry.lazy("schema.complaints.types")]


@strawberry.type(
    description=(
        "A property company (物业服务企业) whose party organisation signed a co-building"
        " agreement (党建联建协议) with a community and adopts its service projects."
    )
)
class PropertyCompany(Node):
    is_type_of = is_model(models.PropertyCompany)

    name: str = strawberry.field(description="Name (企业名称).")
    party_organization_name: str = strawberry.field(description="Its party organisation (党组织).")
    agreement_signed_on: date | None = strawberry.field(description="Agreement signed (签约日期).")
    created_at: datetime = strawberry.field(description="Registered (登记时间).")

    @strawberry.field(description="The community it signed with (联建社区).")
    async def community(
        self, root: strawberry.Parent[models.PropertyCompany], info: Info
    ) -> CommunityT:
        row = await info.context.loaders.by_id(models.Community).load(root.community_id)
        return cast("Community", row)

    projects: Connection[ProjectT] = list_field(
        models.Project,
        description="Community service projects it adopted (认领项目), oldest first.",
        parent="owner_property_company_id",
        fixed_order=Ordering(SortField.ID),
    )
    ratings: Connection[RatingT] = list_field(
        models.CompanyRating,
        description="Its record: quarterly ratings (季度评价), newest first.",
        parent="property_company_id",
        fixed_order=NEWEST_FIRST,
    )
    red_black_list_entries: Connection[EntryT] = list_field(
        models.RedBlackListEntry,
        description="Its record: places in the published red/black lists (红黑榜), newest first.",
        parent="property_company_id",
        fixed_order=NEWEST_FIRST,
    )
