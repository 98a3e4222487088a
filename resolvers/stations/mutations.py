"""Running the stations: admins of the street or district open one at a grid's red
station; the community's secretary and workers keep its hours and services; a visit is
recorded by the rider or by the staff of the station's area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from db.models import (
    Grid,
    Person,
    RedWarmStation,
    StationHours,
    StationOffer,
    StationService,
    StationVisit,
)
from resolvers import clock
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.stations.geo import round_position
from resolvers.stations.hours import parse_hhmm
from resolvers.validation import Checks, clean_phone, clean_text
from resolvers.workflow import locked

MAX_LOCAL_SERVICES = 10


@dataclass(frozen=True)
class HoursIn:
    weekday: int
    opens: str
    closes: str


def _position(check: Checks, latitude: float, longitude: float) -> tuple[float, float]:
    if not -90 <= latitude <= 90:
        check.fail("latitude is -90 to 90 degrees", UserErrorCode.OUT_OF_RANGE, "latitude")
    if not -180 <= longitude <= 180:
        check.fail("longitude is -180 to 180 degrees", UserErrorCode.OUT_OF_RANGE, "longitude")
    return round_position(latitude), round_position(longitude)


def _hours(check: Checks, hours: Sequence[HoursIn]) -> list[tuple[int, int, int]]:
    """One span per weekday; "24:00" closes at midnight, a close before the opening runs
    overnight into the next day."""
    spans: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    for index, given in enumerate(hours):
        where = f"hours.{index}"
        opens, closes = parse_hhmm(given.opens), parse_hhmm(given.closes)
        if not 1 <= given.weekday <= 7:
            check.fail("a weekday is 1 (Monday) to 7 (Sunday)", UserErrorCode.OUT_OF_RANGE, where)
        elif given.weekday in seen:
            check.fail("one span per weekday", UserErrorCode.CONFLICT, where)
        elif opens is None or closes is None or opens == 1440 or closes == 0 or opens == closes:
            check.fail(
                'hours are "HH:MM" from 00:00 to 24:00, opening before 24:00 and not at the'
                " closing time",
                UserErrorCode.INVALID,
                where,
            )
        else:
            seen.add(given.weekday)
            spans.append((given.weekday, opens, closes))
    return spans


async def _services(
    ctx: Context, check: Checks, codes: Sequence[str], local: Sequence[str]
) -> tuple[list[int], list[str]]:
    catalogue = dict(
        (await ctx.session.execute(select(StationService.code, StationService.id))).all()
    )
    service_ids: list[int] = []
    for code in dict.fromkeys(codes):
        service_ids.append(catalogue[code])  # the enum admits only catalogue codes
    names: list[str] = []
    if len(local) > MAX_LOCAL_SERVICES:
        check.fail(
            f"at most {MAX_LOCAL_SERVICES} local services",
            UserErrorCode.OUT_OF_RANGE,
            "localServices",
        )
    for index, name in enumerate(local):
        cleaned = check(clean_text, name, f"localServices.{index}", max_length=60)
        if cleaned and cleaned not in names:
            names.append(cleaned)
    return service_ids, names


def _write_hours(ctx: Context, station: RedWarmStation, spans: list[tuple[int, int, int]]) -> None:
    for weekday, opens, closes in spans:
        ctx.session.add(
            StationHours(
                station_id=station.id, weekday=weekday, opens_minute=opens, closes_minute=closes
            )
        )


def _write_offers(
    ctx: Context, station: RedWarmStation, service_ids: list[int], names: list[str]
) -> None:
    for service_id in service_ids:
        ctx.session.add(StationOffer(station_id=station.id, service_id=service_id))
    for name in names:
        ctx.session.add(StationOffer(station_id=station.id, local_name=name))


async def create_station(
    ctx: Context,
    *,
    grid_id: str,
    name: str,
    address: str,
    latitude: float,
    longitude: float,
    contact_person_id: str | None,
    contact_name: str | None,
    contact_phone: str | None,
    opened_on: date | None,
    hours: Sequence[HoursIn],
    services: Sequence[str],
    local_services: Sequence[str],
) -> RedWarmStation:
    """Open a red-warm station at a grid's red station (建设红·暖之家)."""
    grid = await load_as(ctx, grid_id, Grid)
    station = RedWarmStation(grid_id=grid.id, community_id=grid.community_id)
    await authorize(ctx, station)
    if grid.archived_at is not None:
        raise UserErrors.single("the grid is archived", UserErrorCode.ARCHIVED, "gridId")
    check = Checks()
    station.name = check(clean_text, name, "name", max_length=100) or ""
    station.address = check(clean_text, address, "address", max_length=200, required=False) or ""
    station.latitude, station.longitude = _position(check, latitude, longitude)
    if contact_person_id is not None:
        person = await load_as(ctx, contact_person_id, Person)
        station.contact_person_id = person.id
        station.contact_name = person.name
        station.contact_phone = person.phone or ""
    if contact_name is not None:
        station.contact_name = check(clean_text, contact_name, "contactName", max_length=50) or ""
    if contact_phone is not None:
        station.contact_phone = check(clean_phone, contact_phone, "contactPhone") or ""
    station.opened_on = opened_on or clock.today()
    spans = _hours(check, hours)
    service_ids, names = await _services(ctx, check, services, local_services)
    check.done()
    taken = await ctx.session.scalar(
        select(RedWarmStation.id).where(
            RedWarmStation.community_id == grid.community_id, RedWarmStation.name == station.name
        )
    )
    if taken is not None:
        raise UserErrors.single(
            "a station of this community has that name", UserErrorCode.NAME_TAKEN, "name"
        )
    ctx.session.add(station)
    await ctx.session.flush()
    _write_hours(ctx, station, spans)
    _write_offers(ctx, station, service_ids, names)
    await ctx.session.flush()
    return station


async def set_station_hours(
    ctx: Context, *, station_id: str, hours: Sequence[HoursIn]
) -> RedWarmStation:
    """Replace the week's opening hours (调整开放时间); a weekday left out is closed."""
    station = await locked(ctx, RedWarmStation, station_id)
    await authorize(ctx, station)
    check = Checks()
    spans = _hours(check, hours)
    check.done()
    await ctx.session.execute(delete(StationHours).where(StationHours.station_id == station.id))
    _write_hours(ctx, station, spans)
    station.updated_at = clock.now()
    await ctx.session.flush()
    return station


async def set_station_services(
    ctx: Context, *, station_id: str, services: Sequence[str], local_services: Sequence[str]
) -> RedWarmStation:
    """Replace the services offered (调整服务项目): standard ones and local extras."""
    station = await locked(ctx, RedWarmStation, station_id)
    await authorize(ctx, station)
    check = Checks()
    service_ids, names = await _services(ctx, check, services, local_services)
    check.done()
    await ctx.session.execute(delete(StationOffer).where(StationOffer.station_id == station.id))
    _write_offers(ctx, station, service_ids, names)
    station.updated_at = clock.now()
    await ctx.session.flush()
    return station


async def record_visit(
    ctx: Context,
    *,
    station_id: str,
    service: str | None,
    local_service: str | None,
    person_id: str | None,
) -> StationVisit:
    """A rider used a service at a station (驿站服务记录): riders record their own visits
    anywhere; staff record a rider's visit at a station of their area."""
    station = await load_as(ctx, station_id, RedWarmStation)
    person = await load_as(ctx, person_id, Person) if person_id is not None else None
    own = person is None or person.id == ctx.viewer.person_id
    await authorize(ctx, station, own=own)
    visit = StationVisit(
        station_id=station.id,
        person_id=person.id if person is not None else ctx.viewer.person_id,
        recorded_by_user_id=ctx.viewer.user_id,
        visited_at=clock.now(),
    )
    if (service is None) == (local_service is None):
        raise UserErrors.single(
            "name either a standard service or a local one", UserErrorCode.INVALID, "service"
        )
    offers = (
        await ctx.session.execute(
            select(StationOffer.service_id, StationService.code, StationOffer.local_name)
            .outerjoin(StationService, StationService.id == StationOffer.service_id)
            .where(StationOffer.station_id == station.id)
        )
    ).all()
    if service is not None:
        match = [service_key for service_key, code, _ in offers if code == service]
        if not match:
            raise UserErrors.single(
                "the station does not offer that service", UserErrorCode.INVALID, "service"
            )
        visit.service_id = match[0]
    else:
        wanted = (local_service or "").strip()
        if not any(local == wanted for _, _, local in offers if local is not None):
            raise UserErrors.single(
                "the station does not offer that service", UserErrorCode.INVALID, "localService"
            )
        visit.local_name = wanted
    ctx.session.add(visit)
    await ctx.session.flush()
    return visit
