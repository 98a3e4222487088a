"""The volunteer-service reports (志愿服务统计): a month's figures per community, the
communities short of one service a week, the hours ledger with its totals, and the
volunteers at risk of not turning up. Each report is one SQL statement
(resolvers/volunteering/reports.py); its rows' objects come through batch loaders.

Report rows are not Nodes, so the schema's type guard does not see them: the fields that
reveal non-public data check the reader's roles themselves (`require_read`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers import clock, global_ids
from resolvers.errors import BadUserInputError
from resolvers.paging import MAX_PAGE_SIZE, NEWEST_FIRST
from resolvers.permissions import require_read
from resolvers.volunteering import reports
from schema.base import Info
from schema.pagination import Connection, list_field
from schema.volunteering.ledger import HoursEntry, TeamHours, VolunteerHours

if TYPE_CHECKING:
    from schema.organization.types import Community
    from schema.volunteering.teams import Volunteer

CommunityT = Annotated["Community", strawberry.lazy("schema.organization.types")]
VolunteerT = Annotated["Volunteer", strawberry.lazy("schema.volunteering.teams")]


@strawberry.type(
    description=(
        "A community's volunteer-service figures for a month (月度服务统计), computed now:"
        " the same figures a monthly publication freezes."
    )
)
class MonthlyServiceFigures:
    figures: strawberry.Private[reports.MonthFigures]

    @strawberry.field(description="The community (社区).")
    async def community(self, info: Info) -> CommunityT:
        return cast(
            "Community",
            await info.context.loaders.required(models.Community, self.figures.community_id),
        )

    @strawberry.field(description="Year (年).")
    def year(self) -> int:
        return self.figures.year

    @strawberry.field(description="Month (月) 1–12.")
    def month(self) -> int:
        return self.figures.month

    @strawberry.field(description="Services done (完成服务次数): orders COMPLETED or RATED.")
    def services(self) -> int:
        return self.figures.services

    @strawberry.field(description="Minutes of service (服务时长, 分钟).")
    def minutes(self) -> int:
        return self.figures.minutes

    @strawberry.field(description="Distinct volunteers who served (参与志愿者).")
    def volunteers(self) -> int:
        return self.figures.volunteers

    @strawberry.field(description="Distinct people served (服务对象).")
    def recipients_served(self) -> int:
        return self.figures.recipients_served

    @strawberry.field(description="Of them, key recipients (其中重点服务对象).")
    def key_recipients_served(self) -> int:
        return self.figures.key_recipients_served

    @strawberry.field(description="Services rated (评价数).")
    def ratings(self) -> int:
        return self.figures.ratings

    @strawberry.field(description="Average rating 1–5 (平均评分); null without ratings.")
    def average_rating(self) -> float | None:
        return self.figures.average_rating


@strawberry.type(
    description=(
        "A community short of one volunteer service a week (每周至少一次志愿服务未达标)"
        " in a period."
    )
)
class WeeklyServiceShortfall:
    shortfall: strawberry.Private[reports.WeeklyShortfall]

    @strawberry.field(description="The community (社区).")
    async def community(self, info: Info) -> CommunityT:
        return cast(
            "Community",
            await info.context.loaders.required(models.Community, self.shortfall.community_id),
        )

    @strawberry.field(description="Whole weeks (Monday–Sunday) in the period (统计周数).")
    def weeks_counted(self) -> int:
        return self.shortfall.weeks_counted

    @strawberry.field(description="Weeks with at least one service done (达标周数).")
    def weeks_with_service(self) -> int:
        return self.shortfall.weeks_with_service

    @strawberry.field(description="Mondays of the weeks without a service (未达标周的周一).")
    def short_weeks(self) -> list[date]:
        return self.shortfall.short_weeks


@strawberry.type(
    description="A volunteer at risk of not turning up (爽约风险志愿者): no-shows, overdue claims."
)
class AtRiskVolunteer:
    risk: strawberry.Private[reports.AtRisk]

    @strawberry.field(description="The volunteer (志愿者).")
    async def volunteer(self, info: Info) -> VolunteerT:
        return cast(
            "Volunteer",
            await info.context.loaders.required(models.Volunteer, self.risk.volunteer_id),
        )

    @strawberry.field(description="Recorded no-shows (爽约次数).")
    def no_shows(self) -> int:
        return self.risk.no_shows

    @strawberry.field(
        description="Claimed orders more than 2 h past their start and not started (超时未服务)."
    )
    def overdue_claims(self) -> int:
        return self.risk.overdue_claims


@strawberry.input(description="Which entries of the hours ledger (服务时长台账) to list or total.")
class HoursFilter:
    volunteer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this volunteer's (志愿者)."
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only services for this team (服务队伍)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only services in this community (服务社区)."
    )
    served_from: date | None = strawberry.field(
        default=None, name="from", description="First day served (起始日期), inclusive."
    )
    served_to: date | None = strawberry.field(
        default=None, name="to", description="Last day served (截止日期), inclusive."
    )


def hours_filter(given: HoursFilter | None) -> reports.HoursFilter:
    if given is None:
        return reports.HoursFilter()
    return reports.HoursFilter(
        volunteer_id=global_ids.key_of(given.volunteer_id, "Volunteer"),
        team_id=global_ids.key_of(given.team_id, "VolunteerTeam"),
        community_id=global_ids.key_of(given.community_id, "Community"),
        served_from=given.served_from,
        served_to=given.served_to,
    )


@strawberry.input(description="Which volunteers at risk (爽约风险) to list.")
class AtRiskVolunteerFilter:
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only live members of this team (队伍成员)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only volunteers living in this community (居住社区)."
    )
    min_no_shows: int = strawberry.field(
        default=1, description="Least no-shows that put a volunteer on the list (最少爽约次数)."
    )


StreetArg = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="Only the communities of this street (街道)."),
]
FirstArg = Annotated[int, strawberry.argument(description="How many rows (条数): 1–100.")]
OffsetArg = Annotated[
    int, strawberry.argument(description="Rows to skip (跳过条数), for the next page.")
]
HoursFilterArg = Annotated[
    HoursFilter | None, strawberry.argument(description="Which entries (筛选条件).")
]


def _page(first: int, offset: int) -> None:
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise BadUserInputError(f"`first` must be between 1 and {MAX_PAGE_SIZE}, got {first}")
    if offset < 0:
        raise BadUserInputError("`offset` must not be negative")


@strawberry.type
class ServiceReportsQuery:
    @strawberry.field(
        description=(
            "Each live community's volunteer-service figures for a month (月度服务统计),"
            " computed now; public like the monthly publication."
        )
    )
    async def monthly_service_summary(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="Year (年).")],
        month: Annotated[int, strawberry.argument(description="Month (月) 1–12.")],
        street_id: StreetArg = None,
    ) -> list[MonthlyServiceFigures]:
        street = global_ids.key_of(street_id, "Street")
        rows = await info.context.loaders.run(
            lambda session: reports.month_figures(session, year, month, street_id=street)
        )
        return [MonthlyServiceFigures(figures=row) for row in rows]

    @strawberry.field(
        description=(
            "Live communities without a service done in some whole week (Monday–Sunday,"
            " district calendar) of a period of at most 366 days (每周至少一次志愿服务)."
        )
    )
    async def communities_below_weekly_service(
        self,
        info: Info,
        from_: Annotated[
            date, strawberry.argument(name="from", description="First day (起始日期).")
        ],
        to: Annotated[date, strawberry.argument(description="Last day (截止日期), inclusive.")],
        street_id: StreetArg = None,
    ) -> list[WeeklyServiceShortfall]:
        street = global_ids.key_of(street_id, "Street")
        rows = await info.context.loaders.run(
            lambda session: reports.weekly_shortfalls(session, from_, to, street_id=street)
        )
        return [WeeklyServiceShortfall(shortfall=row) for row in rows]

    hours_ledger: Connection[HoursEntry] = list_field(
        models.HoursEntry,
        description="The hours ledger (服务时长台账), newest entries first.",
        filter_input=HoursFilter,
        make_filter=hours_filter,
        fixed_order=NEWEST_FIRST,
    )

    @strawberry.field(
        description="Volunteers' totals in the hours ledger (志愿者服务时长), most minutes first."
    )
    async def volunteer_hours(
        self,
        info: Info,
        filter: HoursFilterArg = None,
        first: FirstArg = 20,
        offset: OffsetArg = 0,
    ) -> list[VolunteerHours]:
        require_read(info.context.viewer, "HoursEntry")
        _page(first, offset)
        wanted = hours_filter(filter)
        rows = await info.context.loaders.run(
            lambda session: reports.hours_totals(
                session, wanted, by_team=False, limit=first, offset=offset
            )
        )
        return [VolunteerHours(total=row) for row in rows]

    @strawberry.field(
        description="Teams' totals in the hours ledger (队伍服务时长), most minutes first."
    )
    async def team_hours(
        self,
        info: Info,
        filter: HoursFilterArg = None,
        first: FirstArg = 20,
        offset: OffsetArg = 0,
    ) -> list[TeamHours]:
        require_read(info.context.viewer, "HoursEntry")
        _page(first, offset)
        wanted = hours_filter(filter)
        rows = await info.context.loaders.run(
            lambda session: reports.hours_totals(
                session, wanted, by_team=True, limit=first, offset=offset
            )
        )
        return [TeamHours(total=row) for row in rows]

    @strawberry.field(
        description=(
            "Volunteers at risk of not turning up (爽约风险名单): recorded no-shows, or claimed"
            " orders more than 2 h past their start and not started; most at risk first."
        )
    )
    async def at_risk_volunteers(
        self,
        info: Info,
        filter: Annotated[
            AtRiskVolunteerFilter | None, strawberry.argument(description="Which (筛选条件).")
        ] = None,
        first: FirstArg = 20,
    ) -> list[AtRiskVolunteer]:
        require_read(info.context.viewer, "Volunteer")
        _page(first, 0)
        given = filter or AtRiskVolunteerFilter()
        if given.min_no_shows < 1:
            raise BadUserInputError("`minNoShows` must be at least 1")
        team = global_ids.key_of(given.team_id, "VolunteerTeam")
        community = global_ids.key_of(given.community_id, "Community")
        now = clock.now()
        rows = await info.context.loaders.run(
            lambda session: reports.at_risk_volunteers(
                session,
                now,
                team_id=team,
                community_id=community,
                min_no_shows=given.min_no_shows,
                limit=first,
            )
        )
        return [AtRiskVolunteer(risk=row) for row in rows]
