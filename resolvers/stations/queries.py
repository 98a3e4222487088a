"""Finding stations: the nearest ones by travel time, open now, offering a service; and
the coverage of the 15-minute circle over grids and buildings (服务圈覆盖)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.models import (
    Building,
    Community,
    Grid,
    RedWarmStation,
    StationHours,
    StationOffer,
    StationService,
    StationVisit,
    Street,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer
from resolvers.context import Context
from resolvers.rules import STAFF
from resolvers.stations.geo import (
    TravelMode,
    box_around,
    haversine_m,
    metres_per_minute,
    minutes,
)
from resolvers.stations.hours import Span, is_open
from resolvers.stations.nearest import NearestStations

S = RedWarmStation


@dataclass(frozen=True)
class NearStation:
    station: RedWarmStation
    metres: float
    minutes: float


def spans_of(rows: Sequence[StationHours]) -> list[Span]:
    return [Span(row.weekday, row.opens_minute, row.closes_minute) for row in rows]


async def hours_by_station(session: AsyncSession, keys: Sequence[int]) -> list[list[StationHours]]:
    rows = (
        await session.scalars(
            select(StationHours)
            .where(StationHours.station_id.in_(keys))
            .order_by(StationHours.station_id, StationHours.weekday)
        )
    ).all()
    found: dict[int, list[StationHours]] = {key: [] for key in keys}
    for row in rows:
        found[row.station_id].append(row)
    return [found[key] for key in keys]


def hours_loader(ctx: Context) -> DataLoader[int, list[StationHours]]:
    """Each station's weekly hours, batched per request."""
    return ctx.loaders.custom(("station_hours",), hours_by_station)


async def stations_near(
    ctx: Context,
    *,
    latitude: float,
    longitude: float,
    within_minutes: float,
    mode: TravelMode,
    service_code: str | None,
    open_at: datetime | None,
    limit: int,
) -> list[NearStation]:
    """Stations within reach, nearest first: one statement for the candidates in the box
    around the circle (those offering the service), one for their hours when only the
    open ones are wanted."""
    radius = within_minutes * metres_per_minute(mode)
    box = box_around(latitude, longitude, radius)
    query = select(S).where(S.latitude.between(box.south, box.north))
    query = query.where(S.longitude.between(box.west, box.east))
    if service_code is not None:
        query = query.where(
            S.id.in_(
                select(StationOffer.station_id)
                .join(StationService, StationService.id == StationOffer.service_id)
                .where(StationService.code == service_code)
            )
        )
    candidates = (await ctx.loaders.run(lambda session: session.scalars(query))).all()
    found = []
    for station in candidates:
        metres = haversine_m(latitude, longitude, station.latitude, station.longitude)
        if metres <= radius:
            found.append(NearStation(station, metres, minutes(metres, mode)))
    found.sort(key=lambda near: (near.metres, near.station.id))
    if open_at is not None and found:
        loader = hours_loader(ctx)
        hours = await loader.load_many([near.station.id for near in found])
        found = [
            near
            for near, rows in zip(found, hours, strict=True)
            if is_open(spans_of(rows), open_at)
        ]
    return found[:limit]


# --- coverage ------------------------------------------------------------------------


@dataclass
class Uncovered:
    """A grid or building outside the circle, with the nearest station and its distance."""

    key: int
    name: str
    community_id: int
    street_id: int
    latitude: float
    longitude: float
    metres: float | None  # None when no station has coordinates at all
    nearest_station_id: int | None

    def minutes(self, mode: TravelMode) -> float | None:
        return None if self.metres is None else minutes(self.metres, mode)


@dataclass
class AreaCounts:
    key: int
    name: str
    grids: int = 0
    uncovered_grids: int = 0
    buildings: int = 0
    uncovered_buildings: int = 0


@dataclass
class Coverage:
    mode: TravelMode
    within_minutes: float
    radius_m: float
    stations: int
    grids: int = 0
    buildings: int = 0
    unmapped_grids: int = 0
    unmapped_buildings: int = 0
    uncovered_grids: list[Uncovered] = field(default_factory=list)
    uncovered_buildings: list[Uncovered] = field(default_factory=list)
    communities: dict[int, AreaCounts] = field(default_factory=dict)
    streets: dict[int, AreaCounts] = field(default_factory=dict)


async def coverage(
    session: AsyncSession,
    *,
    mode: TravelMode,
    within_minutes: float,
    street_id: int | None = None,
    community_id: int | None = None,
) -> Coverage:
    """Which live grids and buildings have no station within reach, with counts per
    community and street. Three statements: stations, grids, buildings."""
    radius = within_minutes * metres_per_minute(mode)
    stations = [
        (key, lat, lon)
        for key, lat, lon in (
            await session.execute(select(S.id, S.latitude, S.longitude).order_by(S.id))
        ).all()
    ]
    result = Coverage(mode, within_minutes, radius, len(stations))
    nearest_of = NearestStations(stations)
    area = (
        select(Community.id, Community.name, Street.id, Street.name)
        .join(Street, Street.id == Community.street_id)
        .where(Community.archived_at.is_(None))
    )
    if street_id is not None:
        area = area.where(Street.id == street_id)
    if community_id is not None:
        area = area.where(Community.id == community_id)
    areas = area.subquery()
    c_id, c_name, s_id, s_name = areas.c
    grids = select(Grid.id, Grid.name, Grid.latitude, Grid.longitude, c_id, c_name, s_id, s_name)
    grids = grids.join(areas, c_id == Grid.community_id).where(Grid.archived_at.is_(None))
    buildings = (
        select(
            Building.id,
            Grid.name + Building.name,
            Building.latitude,
            Building.longitude,
            c_id,
            c_name,
            s_id,
            s_name,
        )
        .join(Grid, Grid.id == Building.grid_id)
        .join(areas, c_id == Grid.community_id)
        .where(Building.archived_at.is_(None), Grid.archived_at.is_(None))
    )
    places = [
        ((await session.execute(query)).all(), is_grid)
        for query, is_grid in (
            (grids.order_by(Grid.id), True),
            (buildings.order_by(Building.id), False),
        )
    ]
    # Measuring every place against the stations is pure CPU (about half a second at ten
    # times the district): on a thread, so that the worker's event loop keeps answering its
    # other requests meanwhile instead of stopping for it.
    await asyncio.to_thread(_measure, result, places, nearest_of, radius)
    return result


def _measure(
    result: Coverage,
    places: Sequence[tuple[Sequence[Sequence[Any]], bool]],
    nearest_of: NearestStations,
    radius: float,
) -> None:
    """Count the grids and buildings into `result`, and list those beyond `radius` of
    every station, farthest first."""
    for rows, is_grid in places:
        for key, name, lat, lon, community, community_name, street, street_name in rows:
            counts = [
                result.communities.setdefault(community, AreaCounts(community, community_name)),
                result.streets.setdefault(street, AreaCounts(street, street_name)),
            ]
            for counted in counts:
                if is_grid:
                    counted.grids += 1
                else:
                    counted.buildings += 1
            if is_grid:
                result.grids += 1
            else:
                result.buildings += 1
            if lat is None or lon is None:
                if is_grid:
                    result.unmapped_grids += 1
                else:
                    result.unmapped_buildings += 1
                continue
            nearest, metres = nearest_of.nearest(lat, lon)
            if metres is not None and metres <= radius:
                continue
            place = Uncovered(key, name, community, street, lat, lon, metres, nearest)
            for counted in counts:
                if is_grid:
                    counted.uncovered_grids += 1
                else:
                    counted.uncovered_buildings += 1
            (result.uncovered_grids if is_grid else result.uncovered_buildings).append(place)
    for uncovered in (result.uncovered_grids, result.uncovered_buildings):
        uncovered.sort(key=lambda p: (-(p.metres if p.metres is not None else float("inf")), p.key))


@dataclass(frozen=True)
class StationFilter:
    """The station list: by community or street, and those offering a service."""

    community_id: int | None = None
    street_id: int | None = None
    service_code: str | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.community_id is not None:
            clauses.append(S.community_id == self.community_id)
        if self.street_id is not None:
            clauses.append(
                S.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.service_code is not None:
            clauses.append(
                S.id.in_(
                    select(StationOffer.station_id)
                    .join(StationService, StationService.id == StationOffer.service_id)
                    .where(StationService.code == self.service_code)
                )
            )
        return clauses


def visits_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff see the visits at the stations of their area; anyone the visits they made or
    recorded."""
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants_of(STAFF):
        if grant.level is ScopeLevel.DISTRICT:
            return true()
        if grant.level is ScopeLevel.STREET:
            area = select(S.id).join(Community, Community.id == S.community_id)
            seen.append(
                StationVisit.station_id.in_(area.where(Community.street_id == grant.scope_id))
            )
        elif grant.level is ScopeLevel.COMMUNITY:
            seen.append(
                StationVisit.station_id.in_(select(S.id).where(S.community_id == grant.scope_id))
            )
        elif grant.level is ScopeLevel.GRID:
            seen.append(
                StationVisit.station_id.in_(select(S.id).where(S.grid_id == grant.scope_id))
            )
    if viewer.person_id is not None:
        seen.append(StationVisit.person_id == viewer.person_id)
    if viewer.user_id is not None:
        seen.append(StationVisit.recorded_by_user_id == viewer.user_id)
    return or_(*seen) if seen else false()
