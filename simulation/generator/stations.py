"""The map and the new-employment work of the generated district: coordinates for every
grid and building around Shizhong's centre, 16 red-warm stations (红·暖之家) at grid red
stations spread to cover the district, with hours, services and a contact; the
food-delivery industry's party committee (外卖送餐行业综合党委) with its rider members and
the 15 measures' progress; the 6 party-building commissioners with their checklists.

Every draw comes from random streams of this module's own (and its own name generator),
so the domains before draw the same district with or without it."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker
from sqlalchemy import select

from db.models import (
    AccountRole,
    ChecklistItem,
    CommissionerSector,
    DeliveryPlatform,
    Gender,
    IndustryMeasure,
    ProgressAction,
    ProgressStatus,
    StationService,
    WorkUnitKind,
)
from simulation import scale as figures
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, apportion
from simulation.generator.providers import ShizhongProvider

KM_PER_DEGREE_LAT = 111.195
SECTOR_SPREAD = 0.8  # how far a subdistrict's centre strays from its sector's middle, in radians


def offset(centre: tuple[float, float], km_north: float, km_east: float) -> tuple[float, float]:
    """A point `km_north` and `km_east` of `centre`, to 6 decimals."""
    lat, lon = centre
    dlat = km_north / KM_PER_DEGREE_LAT
    dlon = km_east / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular kilometres: exact enough to spread stations over a district."""
    x = (b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(b[0] - a[0], x) * KM_PER_DEGREE_LAT


@dataclass
class GridPoint:
    grid: int
    community: int
    street: int
    position: tuple[float, float]
    estate: str


class StationGenerator:
    """Coordinates while the tree is written; stations and the industry at the end."""

    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.map_rng = random.Random(f"map-{generator.seed}")
        self.rng = random.Random(f"stations-{generator.seed}")
        faker = Faker("zh_CN")
        faker.seed_instance(f"stations-{generator.seed}")
        self.names = ShizhongProvider(faker)
        self.street_centres: dict[int, tuple[float, float]] = {}
        self.community_centre: tuple[float, float] = figures.MAP_CENTRE
        self.grid_centre: tuple[float, float] = figures.MAP_CENTRE
        self.street = 0
        self.community_key = 0
        self.grids: list[GridPoint] = []
        self.buildings: dict[int, list[int]] = {}  # grid → buildings
        self.secretaries: dict[int, tuple[int, str]] = {}  # community → (person, name)

    # --- the map -------------------------------------------------------------------------

    def _scatter(self, centre: tuple[float, float], km: float) -> tuple[float, float]:
        """A point within `km` of `centre`, evenly over the disc."""
        r = km * math.sqrt(self.map_rng.random())
        angle = self.map_rng.uniform(0, 2 * math.tau)
        return offset(centre, r * math.cos(angle), r * math.sin(angle))

    def enter_community(self, community: int, street: int) -> None:
        if street not in self.street_centres:
            index = len(self.street_centres)
            subdistricts = max(1, len(self.g.plan.subdistricts))
            angle = math.tau * index / subdistricts + self.map_rng.uniform(
                -SECTOR_SPREAD / 2, SECTOR_SPREAD / 2
            )
            low, high = figures.STREET_RING_KM
            # The first subdistrict is the centre's own (中心街), the others ring it.
            r = 0.5 if index == 0 else self.map_rng.uniform(low, high)
            self.street_centres[street] = offset(
                figures.MAP_CENTRE, r * math.cos(angle), r * math.sin(angle)
            )
        self.street = street
        self.community_key = community
        self.community_centre = self._scatter(
            self.street_centres[street], figures.COMMUNITY_SPREAD_KM
        )

    def grid_point(self) -> dict[str, float]:
        """The next grid's centre, within its community's area."""
        self.grid_centre = self._scatter(self.community_centre, figures.GRID_SPREAD_KM)
        return {"latitude": self.grid_centre[0], "longitude": self.grid_centre[1]}

    def placed_grid(self, grid: int, estate: str) -> None:
        self.grids.append(
            GridPoint(grid, self.community_key, self.street, self.grid_centre, estate)
        )

    def building_point(self) -> dict[str, float]:
        """The next building's place, within its grid's."""
        lat, lon = self._scatter(self.grid_centre, figures.BUILDING_SPREAD_KM)
        return {"latitude": lat, "longitude": lon}

    def placed_building(self, grid: int, building: int) -> None:
        self.buildings.setdefault(grid, []).append(building)

    def community_secretary(self, community: int, person: int, name: str) -> None:
        self.secretaries[community] = (person, name)

    # --- at the end ----------------------------------------------------------------------

    async def finish(self, district: int) -> None:
        await self.stations()
        await self.industry(district)

    def _spread(self, count: int) -> list[GridPoint]:
        """`count` grids to host stations, per subdistrict by its grids: drawn where the
        grids are (dense estates first), each at least STATION_SPACING_KM from those
        chosen, so that the outskirts are left with gaps as real maps have them."""
        by_street: dict[int, list[GridPoint]] = {}
        for point in self.grids:
            by_street.setdefault(point.street, []).append(point)
        streets = list(by_street)
        shares = apportion(count, [len(by_street[s]) for s in streets])
        chosen: list[GridPoint] = []
        for street, share in zip(streets, shares, strict=True):
            pool = list(by_street[street])
            self.rng.shuffle(pool)
            picked: list[GridPoint] = []
            for point in pool:
                if len(picked) == share:
                    break
                if all(
                    km_between(point.position, q.position) >= figures.STATION_SPACING_KM
                    for q in picked
                ):
                    picked.append(point)
            rest = [point for point in pool if point not in picked]
            picked += rest[: share - len(picked)]
            chosen += picked
        return chosen

    async def stations(self) -> None:
        await self.w.written()  # the connection is free of the writer's batches
        connection = self.w.connection
        services = [
            key
            for (key,) in await connection.execute(
                select(StationService.id).order_by(StationService.position)
            )
        ]
        count = self.g.scale.of(figures.RED_WARM_STATIONS)
        kinds = list(figures.STATION_HOURS_SHARES)
        for number, point in enumerate(self._spread(count), start=1):
            secretary = self.secretaries.get(point.community)
            position = self._scatter(point.position, 0.05)
            opened = figures.REPORTING_SINCE + timedelta(
                days=self.rng.randrange((figures.REPORT_DAY - figures.REPORTING_SINCE).days)
            )
            station = await self.w.add(
                "red_warm_stations",
                {
                    "grid_id": point.grid,
                    "community_id": point.community,
                    "name": f"红·暖之家{number}号（{point.estate}）",
                    "address": f"{point.estate}网格红色驿站",
                    "latitude": position[0],
                    "longitude": position[1],
                    "contact_person_id": secretary[0] if secretary else None,
                    "contact_name": secretary[1] if secretary else "",
                    "contact_phone": self.names.mobile(),
                    "opened_on": opened,
                    **self.g.stamps(),
                },
            )
            kind = self.rng.choices(kinds, list(figures.STATION_HOURS_SHARES.values()))[0]
            span = {"DAY": (8 * 60, 20 * 60), "ALL_DAY": (0, 1440), "LATE": (10 * 60, 2 * 60)}
            opens, closes = span[kind]
            for weekday in range(1, 8):
                await self.w.add(
                    "red_warm_station_hours",
                    {
                        "station_id": station,
                        "weekday": weekday,
                        "opens_minute": opens,
                        "closes_minute": closes,
                    },
                )
            offered = sorted(
                self.rng.sample(services, self.rng.randint(*figures.STANDARD_SERVICES_OFFERED))
            )
            for service in offered:
                await self.w.add(
                    "red_warm_station_offers", {"station_id": station, "service_id": service}
                )
            extras = self.rng.sample(
                figures.LOCAL_SERVICES, self.rng.randint(*figures.LOCAL_SERVICES_OFFERED)
            )
            for name in extras:
                await self.w.add(
                    "red_warm_station_offers", {"station_id": station, "local_name": name}
                )

    def _when(self, since: date) -> datetime:
        """A moment from `since` to the report's day, in UTC."""
        days = max(1, (figures.REPORT_DAY - since).days)
        day = since + timedelta(days=self.rng.randrange(days))
        local = datetime.combine(day, time(9), DISTRICT_TZ) + timedelta(
            minutes=self.rng.randrange(8 * 60)
        )
        return local.astimezone(UTC)

    async def _progress(self, table: str, row: dict[str, object], since: date) -> None:
        """A tracked item as it stands, with the event that brought it there."""
        draw = self.rng.random()
        if draw < figures.SHARE_ITEMS_DONE:
            status, progress = ProgressStatus.DONE, 100
        elif draw < figures.SHARE_ITEMS_DONE + figures.SHARE_ITEMS_UNDER_WAY:
            status, progress = ProgressStatus.IN_PROGRESS, self.rng.randrange(20, 91, 10)
        else:
            status, progress = ProgressStatus.PLANNED, 0
        at = self._when(since)
        changed = at if status is not ProgressStatus.PLANNED else self.g.stamps()["created_at"]
        key = await self.w.add(
            table,
            {
                **row,
                "status": status,
                "status_changed_at": changed,
                "progress": progress,
                "note": "" if status is ProgressStatus.PLANNED else "按计划推进",
                "done_at": at if status is ProgressStatus.DONE else None,
            },
        )
        if status is ProgressStatus.PLANNED:
            return
        column = (
            "measure_progress_id"
            if table == "industry_measure_progress"
            else "checklist_progress_id"
        )
        await self.w.add(
            "industry_progress_events",
            {
                column: key,
                "action": ProgressAction.REPORT,
                "from_status": ProgressStatus.PLANNED,
                "to_status": status,
                "progress": progress,
                "note": "按计划推进",
                "at": at,
            },
        )

    async def _person(self, building: int | None) -> tuple[int, str]:
        female = self.rng.random() < 0.15  # riders are mostly men
        name = self.names.person_name(female)
        key = await self.w.add(
            "people",
            {
                "name": name,
                "gender": Gender.FEMALE if female else Gender.MALE,
                "phone": self.names.mobile(),
                "id_number": None,
                "building_id": building,
                **self.g.stamps(),
            },
        )
        return key, name

    async def industry(self, district: int) -> None:
        connection = self.w.connection
        since = date(2021, 3, 1)
        committee = await self.w.add(
            "industry_party_committees",
            {
                "district_id": district,
                "name": "市中区外卖送餐行业综合党委",
                "secretary_person_id": None,
                "established_on": since,
                **self.g.stamps(),
            },
        )
        platforms = list(figures.PLATFORM_SHARES)
        counts = apportion(
            self.g.scale.of(figures.INDUSTRY_PARTY_MEMBERS), list(figures.PLATFORM_SHARES.values())
        )
        grid_keys = [point for point in self.grids if self.buildings.get(point.grid)]
        for platform, count in zip(platforms, counts, strict=True):
            for _ in range(count):
                home = self.rng.choice(grid_keys)
                person, name = await self._person(self.rng.choice(self.buildings[home.grid]))
                await self.w.add(
                    "industry_party_members",
                    {
                        "committee_id": committee,
                        "person_id": person,
                        "platform": DeliveryPlatform[platform],
                        "delivery_station": f"{home.estate[:2]}{self.names.road()[:2]}配送站",
                        "joined_on": since + timedelta(days=self.rng.randrange(400)),
                        **self.g.stamps(),
                    },
                )
                if self.g.accounts is not None:
                    await self.g.accounts.person(
                        person, name, [(AccountRole.PARTY_MEMBER, "community_id", home.community)]
                    )
        await self.w.written()  # the connection is free of the writer's batches
        measures = [key for (key,) in await connection.execute(select(IndustryMeasure.id))]
        for measure in sorted(measures):
            await self._progress(
                "industry_measure_progress",
                {"committee_id": committee, "measure_id": measure, "owner": "区委组织部"},
                since,
            )
        await self.w.written()  # the connection is free of the writer's batches
        items = [
            key
            for (key,) in await connection.execute(
                select(ChecklistItem.id).order_by(ChecklistItem.id)
            )
        ]
        sectors = list(CommissionerSector)
        units = sorted(
            unit.id
            for unit in self.g.plan.units
            if unit.kind in (WorkUnitKind.TWO_NEW_ORGANIZATION, WorkUnitKind.ENTERPRISE)
        )
        appointed = date(2021, 9, 1)
        for number in range(self.g.scale.of(figures.PARTY_COMMISSIONERS)):
            person, _ = await self._person(None)
            commissioner = await self.w.add(
                "party_commissioners",
                {
                    "district_id": district,
                    "person_id": person,
                    "sector": sectors[number % len(sectors)],
                    "work_unit_id": self.rng.choice(units) if units else None,
                    "appointed_on": appointed,
                    **self.g.stamps(),
                },
            )
            for item in items:
                await self._progress(
                    "commissioner_checklist_progress",
                    {"commissioner_id": commissioner, "item_id": item},
                    appointed,
                )
