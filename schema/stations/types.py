"""Red-warm stations (红·暖之家), their hours and services, riders' visits, the nearest
stations and the coverage of the 15-minute circle (15分钟服务圈)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db import models
from resolvers import clock, global_ids
from resolvers.stations import geo
from resolvers.stations.hours import hhmm, is_open
from resolvers.stations.queries import (
    AreaCounts,
    Coverage,
    NearStation,
    Uncovered,
    hours_loader,
    spans_of,
)
from schema.base import Info, Node, is_model
from schema.lazy import CommunityT, GridT
from schema.stations.enums import StationServiceCode, TravelMode

if TYPE_CHECKING:
    from schema.organization.types import Community, Grid


@strawberry.type(description="Opening hours on one weekday (开放时间), Asia/Shanghai.")
class StationOpeningHours:
    weekday: int = strawberry.field(description="1 Monday … 7 Sunday (星期).")
    opens: str = strawberry.field(description='Opening time "HH:MM" (开门).')
    closes: str = strawberry.field(description='Closing time "HH:MM" (关门); "24:00" is midnight.')
    overnight: bool = strawberry.field(
        description="Whether it runs past midnight into the next day (跨夜)."
    )


@strawberry.type(description='A standard service of the "10+X" (标准服务).')
class StationServiceItem:
    code: StationServiceCode = strawberry.field(description="Its code (服务代码).")
    name: str = strawberry.field(description="Name (服务名称).")
    english_name: str = strawberry.field(description="Name in English (英文名称).")


async def _offers(
    session: AsyncSession, keys: Sequence[int]
) -> list[list[tuple[str | None, str | None, str | None]]]:
    rows = (
        await session.execute(
            select(
                models.StationOffer.station_id,
                models.StationService.code,
                models.StationService.name,
                models.StationService.english_name,
                models.StationOffer.local_name,
            )
            .outerjoin(
                models.StationService,
                models.StationService.id == models.StationOffer.service_id,
            )
            .where(models.StationOffer.station_id.in_(keys))
            .order_by(
                models.StationOffer.station_id,
                models.StationService.position,
                models.StationOffer.id,
            )
        )
    ).all()
    found: dict[int, list[tuple[str | None, str | None, str | None]]] = {key: [] for key in keys}
    for station, code, name, english, local in rows:
        found[station].append((code, name if code else local, english))
    return [found[key] for key in keys]


async def _offers_of(info: Info, station: int) -> list[tuple[str | None, str | None, str | None]]:
    loader = info.context.loaders.custom(("station_offers",), _offers)
    return await loader.load(station)


@strawberry.type(
    description=(
        "A red-warm station (红·暖之家) for couriers and delivery riders at a grid's red"
        ' station (网格红色驿站), offering the "10+X" services (“10+X”暖心服务).'
    )
)
class RedWarmStation(Node):
    is_type_of = is_model(models.RedWarmStation)

    name: str = strawberry.field(description="Name (名称).")
    address: str = strawberry.field(description="Street address (地址).")
    latitude: float = strawberry.field(description="Latitude (纬度), WGS-84 degrees.")
    longitude: float = strawberry.field(description="Longitude (经度), WGS-84 degrees.")
    contact_name: str = strawberry.field(description="Who runs it (负责人).")
    contact_phone: str = strawberry.field(description="Contact phone (联系电话).")
    opened_on: date = strawberry.field(description="Opening day (启用日期).")
    updated_at: datetime = strawberry.field(description="Last changed (更新时间).")

    @strawberry.field(description="The grid (网格) whose red station hosts it.")
    async def grid(self, root: strawberry.Parent[models.RedWarmStation], info: Info) -> GridT:
        return cast("Grid", await info.context.loaders.required(models.Grid, root.grid_id))

    @strawberry.field(description="The community (社区) that runs it.")
    async def community(
        self, root: strawberry.Parent[models.RedWarmStation], info: Info
    ) -> CommunityT:
        return cast(
            "Community", await info.context.loaders.required(models.Community, root.community_id)
        )

    @strawberry.field(description="Weekly opening hours (开放时间); a weekday missing is closed.")
    async def opening_hours(
        self, root: strawberry.Parent[models.RedWarmStation], info: Info
    ) -> list[StationOpeningHours]:
        rows = await hours_loader(info.context).load(root.id)
        return [
            StationOpeningHours(
                weekday=row.weekday,
                opens=hhmm(row.opens_minute),
                closes=hhmm(row.closes_minute),
                overnight=row.closes_minute <= row.opens_minute,
            )
            for row in rows
        ]

    @strawberry.field(description="Whether it is open at the request's time (正在开放).")
    async def open_now(self, root: strawberry.Parent[models.RedWarmStation], info: Info) -> bool:
        rows = await hours_loader(info.context).load(root.id)
        return is_open(spans_of(rows), clock.now())

    @strawberry.field(description='Standard services it offers ("10"项标准服务).')
    async def services(
        self, root: strawberry.Parent[models.RedWarmStation], info: Info
    ) -> list[StationServiceItem]:
        return [
            StationServiceItem(
                code=StationServiceCode(code), name=name or "", english_name=english or ""
            )
            for code, name, english in await _offers_of(info, root.id)
            if code is not None
        ]

    @strawberry.field(description='Local extras it offers ("X"项特色服务).')
    async def local_services(
        self, root: strawberry.Parent[models.RedWarmStation], info: Info
    ) -> list[str]:
        return [name or "" for code, name, _ in await _offers_of(info, root.id) if code is None]


@strawberry.type(description="A rider's use of a station's service (驿站服务记录).")
class StationVisit(Node):
    is_type_of = is_model(models.StationVisit)

    visited_at: datetime = strawberry.field(description="When (时间).")

    @strawberry.field(description="The local service used (特色服务), if not a standard one.")
    def local_service(self, root: strawberry.Parent[models.StationVisit]) -> str | None:
        return root.local_name

    @strawberry.field(description="The station (红·暖之家).")
    async def station(
        self, root: strawberry.Parent[models.StationVisit], info: Info
    ) -> RedWarmStation:
        return cast(
            RedWarmStation,
            await info.context.loaders.required(models.RedWarmStation, root.station_id),
        )

    @strawberry.field(description="The standard service used, if one (标准服务).")
    async def service(
        self, root: strawberry.Parent[models.StationVisit], info: Info
    ) -> StationServiceCode | None:
        row = await info.context.loaders.optional(models.StationService, root.service_id)
        return None if row is None else StationServiceCode(row.code)


@strawberry.type(description="A station within reach (附近的红·暖之家) and how far it is.")
class NearbyStation:
    station: RedWarmStation = strawberry.field(description="The red-warm station (红·暖之家).")
    distance_metres: float = strawberry.field(
        description="Great-circle distance (直线距离) in metres, to 0.1 m."
    )
    travel_minutes: float = strawberry.field(
        description="Travel time at the mode's speed (用时), in minutes to 0.1."
    )

    @staticmethod
    def of(near: NearStation) -> NearbyStation:
        return NearbyStation(
            station=cast(RedWarmStation, near.station),
            distance_metres=round(near.metres, 1),
            travel_minutes=round(near.minutes, 1),
        )


@strawberry.type(
    description="A grid or building outside the service circle (服务圈外) and its nearest station."
)
class UncoveredPlace:
    id: strawberry.ID = strawberry.field(
        description="The grid's or building's global ID (全局标识)."
    )
    name: str = strawberry.field(description="Name (名称); a building's with its grid's.")
    latitude: float = strawberry.field(description="Latitude (纬度), WGS-84 degrees.")
    longitude: float = strawberry.field(description="Longitude (经度), WGS-84 degrees.")
    community_id: strawberry.ID = strawberry.field(description="Its community (社区).")
    street_id: strawberry.ID = strawberry.field(description="Its street (街道).")
    distance_metres: float | None = strawberry.field(
        description=(
            "Distance (距离) to the nearest station in metres, to 0.1; null when none is mapped."
        )
    )
    travel_minutes: float | None = strawberry.field(
        description="Travel time (用时) to the nearest station in minutes, to 0.1."
    )
    nearest_station_id: strawberry.ID | None = strawberry.field(
        description="The nearest station (最近的红·暖之家)."
    )

    @staticmethod
    def of(place: Uncovered, type_name: str, mode: geo.TravelMode) -> UncoveredPlace:
        travel = place.minutes(mode)
        return UncoveredPlace(
            id=strawberry.ID(global_ids.encode(type_name, place.key)),
            name=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            community_id=strawberry.ID(global_ids.encode("Community", place.community_id)),
            street_id=strawberry.ID(global_ids.encode("Street", place.street_id)),
            distance_metres=None if place.metres is None else round(place.metres, 1),
            travel_minutes=None if travel is None else round(travel, 1),
            nearest_station_id=None
            if place.nearest_station_id is None
            else strawberry.ID(global_ids.encode("RedWarmStation", place.nearest_station_id)),
        )


@strawberry.type(description="Coverage counts of a community or street (服务圈覆盖情况).")
class CoverageArea:
    id: strawberry.ID = strawberry.field(
        description="The community's or street's global ID (全局标识)."
    )
    name: str = strawberry.field(description="Name (名称).")
    grid_count: int = strawberry.field(description="Live grids (网格数).")
    uncovered_grid_count: int = strawberry.field(description="Grids outside the circle (圈外网格).")
    building_count: int = strawberry.field(description="Live buildings (楼栋数).")
    uncovered_building_count: int = strawberry.field(
        description="Buildings outside the circle (圈外楼栋)."
    )


@strawberry.type(
    description=(
        "Coverage of the 15-minute service circle (15分钟服务圈覆盖): the grids and buildings"
        " farther than the circle from every red-warm station, by great-circle distance at"
        " the mode's speed."
    )
)
class StationCoverage:
    data: strawberry.Private[Coverage]
    travel_mode: TravelMode = strawberry.field(
        description="How the circle is travelled (出行方式)."
    )
    within_minutes: float = strawberry.field(description="The circle in minutes (服务圈).")
    speed_kmh: float = strawberry.field(description="The speed (速度) it is counted at, km/h.")
    radius_metres: float = strawberry.field(description="The circle's radius (半径) in metres.")
    station_count: int = strawberry.field(description="Stations counted (红·暖之家数).")
    grid_count: int = strawberry.field(description="Live grids in the area (网格数).")
    uncovered_grid_count: int = strawberry.field(description="Grids outside the circle (圈外网格).")
    unmapped_grid_count: int = strawberry.field(
        description="Grids without coordinates (无坐标网格)."
    )
    building_count: int = strawberry.field(description="Live buildings in the area (楼栋数).")
    uncovered_building_count: int = strawberry.field(
        description="Buildings outside the circle (圈外楼栋)."
    )
    unmapped_building_count: int = strawberry.field(
        description="Buildings without coordinates (无坐标楼栋)."
    )

    @strawberry.field(
        description="Grids outside the circle (圈外网格), farthest first (at most `first`)."
    )
    def uncovered_grids(
        self,
        first: Annotated[
            int, strawberry.argument(description="At most this many (返回条数), up to 1000.")
        ] = 100,
    ) -> list[UncoveredPlace]:
        places = self.data.uncovered_grids[: max(0, min(first, 1000))]
        return [UncoveredPlace.of(place, "Grid", self.data.mode) for place in places]

    @strawberry.field(
        description=(
            "Buildings outside the circle (圈外楼栋), farthest first (at most `first`, ≤ 1000)."
        )
    )
    def uncovered_buildings(
        self,
        first: Annotated[
            int, strawberry.argument(description="At most this many (返回条数), up to 1000.")
        ] = 100,
    ) -> list[UncoveredPlace]:
        places = self.data.uncovered_buildings[: max(0, min(first, 1000))]
        return [UncoveredPlace.of(place, "Building", self.data.mode) for place in places]

    @strawberry.field(description="Counts per community (按社区).")
    def communities(self) -> list[CoverageArea]:
        return _areas(self.data.communities.values(), "Community")

    @strawberry.field(description="Counts per street (按街道).")
    def streets(self) -> list[CoverageArea]:
        return _areas(self.data.streets.values(), "Street")

    @staticmethod
    def of(data: Coverage) -> StationCoverage:
        return StationCoverage(
            data=data,
            travel_mode=data.mode,
            within_minutes=data.within_minutes,
            speed_kmh=geo.SPEED_KMH[data.mode],
            radius_metres=round(data.radius_m, 1),
            station_count=data.stations,
            grid_count=data.grids,
            uncovered_grid_count=len(data.uncovered_grids),
            unmapped_grid_count=data.unmapped_grids,
            building_count=data.buildings,
            uncovered_building_count=len(data.uncovered_buildings),
            unmapped_building_count=data.unmapped_buildings,
        )


def _areas(areas: Iterable[AreaCounts], type_name: str) -> list[CoverageArea]:
    rows = sorted(areas, key=lambda a: a.key)
    return [
        CoverageArea(
            id=strawberry.ID(global_ids.encode(type_name, a.key)),
            name=a.name,
            grid_count=a.grids,
            uncovered_grid_count=a.uncovered_grids,
            building_count=a.buildings,
            uncovered_building_count=a.uncovered_buildings,
        )
        for a in rows
    ]
