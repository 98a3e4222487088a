"""Root fields of volunteer teams, volunteers and service orders."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers import clock, global_ids
from resolvers.paging import NEWEST_FIRST, Ordering, SortField
from resolvers.volunteering.order_queries import (
    OrderFilter,
    TeamFilter,
    VolunteerFilter,
)
from resolvers.volunteering.visibility import Visibility
from schema.base import Info
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    connection,
    list_field,
)
from schema.volunteering.inputs import ServiceOrderFilter, VolunteerFilterInput, VolunteerTeamFilter
from schema.volunteering.orders import ServiceOrder
from schema.volunteering.teams import Volunteer, VolunteerTeam


def team_filter(given: VolunteerTeamFilter | None) -> TeamFilter:
    if given is None:
        return TeamFilter()
    return TeamFilter(
        level=given.level,
        community_id=global_ids.key_of(given.community_id, "Community"),
        street_id=global_ids.key_of(given.street_id, "Street"),
        name_contains=given.name_contains,
        include_archived=given.include_archived,
    )


def volunteer_filter(given: VolunteerFilterInput | None) -> VolunteerFilter:
    if given is None:
        return VolunteerFilter()
    return VolunteerFilter(
        team_id=global_ids.key_of(given.team_id, "VolunteerTeam"),
        skill=given.skill,
        name_contains=given.name_contains,
        include_inactive=given.include_inactive,
    )


def order_filter(info: Info, given: ServiceOrderFilter | None, **extra: object) -> OrderFilter:
    visibility = Visibility.of(info.context.viewer)
    if given is None:
        return OrderFilter(visibility, **extra)  # type: ignore[arg-type]
    return OrderFilter(
        visibility,
        statuses=tuple(given.statuses or ()),
        community_id=global_ids.key_of(given.community_id, "Community"),
        team_id=global_ids.key_of(given.team_id, "VolunteerTeam"),
        category=given.category,
        scheduled_from=given.scheduled_from,
        scheduled_to=given.scheduled_to,
        **extra,  # type: ignore[arg-type]
    )


@strawberry.type
class VolunteeringQuery:
    volunteer_teams: Connection[VolunteerTeam] = list_field(
        models.VolunteerTeam,
        description="Volunteer teams (志愿服务队伍).",
        filter_input=VolunteerTeamFilter,
        make_filter=team_filter,
    )

    volunteers: Connection[Volunteer] = list_field(
        models.Volunteer,
        description="Volunteers (志愿者), oldest registration first.",
        filter_input=VolunteerFilterInput,
        make_filter=volunteer_filter,
        fixed_order=Ordering(SortField.ID),
    )

    @strawberry.field(
        description=(
            "Service orders (服务订单) you take part in, newest first: staff see their area's,"
            " teams their own, residents those they placed or receive, volunteers those"
            " they claimed."
        )
    )
    def service_orders(
        self,
        info: Info,
        filter: Annotated[ServiceOrderFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ServiceOrder]:
        return connection(
            info,
            models.ServiceOrder,
            filter=order_filter(info, filter),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "The overdue view (超时订单): orders you take part in that have waited longer than"
            " their step allows (see `waiting`), newest first."
        )
    )
    def overdue_service_orders(
        self,
        info: Info,
        filter: Annotated[ServiceOrderFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ServiceOrder]:
        # Minute precision keeps the filter (and its batched loaders) stable in a request.
        now = clock.now().replace(second=0, microsecond=0)
        return connection(
            info,
            models.ServiceOrder,
            filter=order_filter(info, filter, overdue_at=now),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )
