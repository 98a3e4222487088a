"""Root fields of the stations domain: the station list, the nearest stations and the
coverage of the 15-minute circle."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from resolvers import clock, global_ids
from resolvers.errors import BadUserInputError, ForbiddenError
from resolvers.paging import Ordering, SortField
from resolvers.permissions import require_read
from resolvers.rules import STAFF
from resolvers.stations import geo
from resolvers.stations.queries import StationFilter, coverage, stations_near
from schema.base import Info
from schema.pagination import After, Before, Connection, First, Last, connection
from schema.stations.enums import StationServiceCode, TravelMode
from schema.stations.types import NearbyStation, RedWarmStation, StationCoverage

BY_ID = Ordering(SortField.ID)
MAX_NEARBY = 50
MAX_MINUTES = 120


def _in_range(latitude: float, longitude: float) -> None:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadUserInputError("latitude is -90 to 90 and longitude -180 to 180 degrees")


def _minutes(within: float) -> None:
    if not 0 < within <= MAX_MINUTES:
        raise BadUserInputError(f"withinMinutes is more than 0 and at most {MAX_MINUTES}")


@strawberry.type
class StationsQuery:
    @strawberry.field(
        description=(
            "Red-warm stations (红·暖之家), by community or street, and those offering a"
            " service; signed-in accounts."
        )
    )
    def red_warm_stations(
        self,
        info: Info,
        community_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="In this community (社区), by its ID."),
        ] = None,
        street_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="In this street (街道), by its ID."),
        ] = None,
        service: Annotated[
            StationServiceCode | None,
            strawberry.argument(description="Offering this service (服务项目)."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[RedWarmStation]:
        require_read(info.context.viewer, "RedWarmStation")
        return connection(
            info,
            models.RedWarmStation,
            filter=StationFilter(
                community_id=global_ids.key_of(community_id, "Community"),
                street_id=global_ids.key_of(street_id, "Street"),
                service_code=None if service is None else service.value,
            ),
            fixed_order=BY_ID,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "The red-warm stations within reach of a point (附近的红·暖之家), nearest first:"
            " great-circle distance at the travel mode's speed (an e-bike at 15 km/h by"
            " default, walking 5 km/h); with `service`, only stations offering it; with"
            " `openNow`, only those open at the request's time (Asia/Shanghai)."
        )
    )
    async def stations_near(
        self,
        info: Info,
        latitude: Annotated[
            float, strawberry.argument(description="Latitude (纬度), WGS-84 degrees.")
        ],
        longitude: Annotated[
            float, strawberry.argument(description="Longitude (经度), WGS-84 degrees.")
        ],
        within_minutes: Annotated[
            float,
            strawberry.argument(description="How far in minutes, at most 120 (默认15分钟服务圈)."),
        ] = geo.SERVICE_CIRCLE_MINUTES,
        travel_mode: Annotated[
            TravelMode, strawberry.argument(description="How one travels (出行方式).")
        ] = geo.TravelMode.E_BIKE,
        service: Annotated[
            StationServiceCode | None,
            strawberry.argument(description="Offering this standard service (标准服务)."),
        ] = None,
        open_now: Annotated[
            bool, strawberry.argument(description="Only stations open now (正在开放).")
        ] = False,
        first: Annotated[
            int, strawberry.argument(description="At most this many (返回条数), 1 to 50.")
        ] = 10,
    ) -> list[NearbyStation]:
        require_read(info.context.viewer, "RedWarmStation")
        _in_range(latitude, longitude)
        _minutes(within_minutes)
        if not 1 <= first <= MAX_NEARBY:
            raise BadUserInputError(f"first is 1 to {MAX_NEARBY}")
        found = await stations_near(
            info.context,
            latitude=latitude,
            longitude=longitude,
            within_minutes=within_minutes,
            mode=travel_mode,
            service_code=None if service is None else service.value,
            open_at=clock.now() if open_now else None,
            limit=first,
        )
        return [NearbyStation.of(near) for near in found]

    @strawberry.field(
        description=(
            "Coverage of the 15-minute service circle (15分钟服务圈覆盖): live grids and"
            " buildings with no red-warm station within reach, and counts per community and"
            " street; for staff."
        )
    )
    async def station_coverage(
        self,
        info: Info,
        within_minutes: Annotated[
            float,
            strawberry.argument(description="The service circle (服务圈) in minutes, at most 120."),
        ] = geo.SERVICE_CIRCLE_MINUTES,
        travel_mode: Annotated[
            TravelMode, strawberry.argument(description="How one travels (出行方式).")
        ] = geo.TravelMode.E_BIKE,
        street_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this street (街道).")
        ] = None,
        community_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this community (社区).")
        ] = None,
    ) -> StationCoverage:
        viewer = info.context.viewer
        require_read(viewer, "RedWarmStation")
        if not viewer.grants_of(STAFF):
            raise ForbiddenError("the coverage view is for staff")
        _minutes(within_minutes)
        data = await info.context.loaders.run(
            lambda session: coverage(
                session,
                mode=travel_mode,
                within_minutes=within_minutes,
                street_id=global_ids.key_of(street_id, "Street"),
                community_id=global_ids.key_of(community_id, "Community"),
            )
        )
        return StationCoverage.of(data)
