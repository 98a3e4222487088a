"""Red-warm stations on a small known layout far from the generated district (around
10°N 20°E): the nearest stations by hand-computed distances, the stations open at a
moment, by service, the coverage of the 15-minute circle, and the mutations' rules.

Points on one meridian make the great-circle distance exact by hand: Δφ in radians
times the Earth's mean radius, 6,371,008.8 m, so 0.01° of latitude is 1,111.951 m, which
an e-bike at 15 km/h (250 m a minute) rides in 4.45 minutes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import (
    AccountRole,
    Building,
    Community,
    District,
    Gender,
    Grid,
    Person,
    RedWarmStation,
    StationHours,
    StationOffer,
    StationService,
    StationVisit,
    Street,
    StreetKind,
)
from resolvers.global_ids import encode
from tests.complaints.scene import Clocked, clocked_client
from tests.support.database import Database
from tests.support.graphql import ADMISSION_STATEMENTS, TRANSACTION_STATEMENTS
from tests.support.users import make_user

R = AccountRole
TZ = ZoneInfo("Asia/Shanghai")
MONDAY_10 = datetime(2031, 1, 13, 10, 0, tzinfo=TZ)
MONDAY_23 = datetime(2031, 1, 13, 23, 0, tzinfo=TZ)
TUESDAY_0130 = datetime(2031, 1, 14, 1, 30, tzinfo=TZ)
TUESDAY_10 = datetime(2031, 1, 14, 10, 0, tzinfo=TZ)
LAT, LON = 10.0, 20.0
METRES_PER_DEGREE = 6_371_008.8 * math.pi / 180  # 111,195.08 m along a meridian

NEAR = """query($lat: Float!, $lon: Float!, $within: Float!, $service: StationServiceCode,
  $open: Boolean!, $mode: TravelMode!) {
  stationsNear(latitude: $lat, longitude: $lon, withinMinutes: $within, service: $service,
    openNow: $open, travelMode: $mode) {
    distanceMetres travelMinutes station { name openNow services { code } localServices }
  } }"""
COVERAGE = """query($community: ID!) {
  stationCoverage(communityId: $community) {
    travelMode withinMinutes speedKmh radiusMetres gridCount uncoveredGridCount
    unmappedGridCount buildingCount uncoveredBuildingCount unmappedBuildingCount
    uncoveredGrids { id name distanceMetres travelMinutes nearestStationId }
    uncoveredBuildings { id distanceMetres nearestStationId }
    communities { id gridCount uncoveredGridCount buildingCount uncoveredBuildingCount }
  } }"""
ERRORS = "userErrors { field code message }"
STATION = "station { id name latitude longitude openingHours { weekday opens closes overnight }"
STATION += " services { code } localServices }"


def doc(name: str, input_type: str, payload: str = STATION) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


CREATE = doc("createRedWarmStation", "CreateRedWarmStationInput")
HOURS = doc("setStationHours", "SetStationHoursInput")
SERVICES = doc("setStationServices", "SetStationServicesInput")
VISIT = doc(
    "recordStationVisit",
    "RecordStationVisitInput",
    "visit { id service localService station { id } }",
)


@dataclass
class Layout:
    community: int
    grids: dict[str, int]
    buildings: dict[str, int]
    stations: dict[str, int]
    admin: int
    worker: int
    rider: int
    rider_person: int
    outsider: int


def hours(station: int, *spans: tuple[int, int, int]) -> list[StationHours]:
    return [
        StationHours(station_id=station, weekday=d, opens_minute=o, closes_minute=c)
        for d, o, c in spans
    ]


async def layout_of(db: Database, tag: str = "") -> Layout:
    """Three stations due north of (10°N, 20°E) and three grids of a new community:

    - A at +0.005° (555.98 m), Monday 08:00–20:00, warm meals and a local "雨具借用";
    - B at +0.03° (3,335.85 m), every day 20:00–02:00 (overnight), charging;
    - C at +0.05° (5,559.75 m), all day every day, charging.

    Grid G1 at the point (A 555.98 m away), G2 at +0.06° (C 1,111.95 m away), G3 at −0.1°
    (A 0.105° = 11,675.48 m away, outside); a building in G1 and G3 at their grid's point,
    and one in G2 without coordinates."""
    async with db.session() as s:
        district = await s.scalar(select(District.id))
        assert district is not None
        street = Street(
            district_id=district, name=f"驿站测试街道{tag}", kind=StreetKind.SUBDISTRICT
        )
        s.add(street)
        await s.flush()
        community = Community(street_id=street.id, name=f"驿站测试社区{tag}")
        s.add(community)
        await s.flush()
        grids = {
            "G1": Grid(community_id=community.id, name="G1", latitude=LAT, longitude=LON),
            "G2": Grid(community_id=community.id, name="G2", latitude=LAT + 0.06, longitude=LON),
            "G3": Grid(community_id=community.id, name="G3", latitude=LAT - 0.1, longitude=LON),
        }
        s.add_all(grids.values())
        await s.flush()
        buildings = {
            "B1": Building(grid_id=grids["G1"].id, name="1号楼", latitude=LAT, longitude=LON),
            "B2": Building(grid_id=grids["G2"].id, name="1号楼"),
            "B3": Building(grid_id=grids["G3"].id, name="1号楼", latitude=LAT - 0.1, longitude=LON),
        }
        s.add_all(buildings.values())
        rider = Person(name=f"骑手{tag}", gender=Gender.MALE)
        s.add(rider)
        await s.flush()
        stations = {
            name: RedWarmStation(
                grid_id=grids["G1"].id,
                community_id=community.id,
                name=f"驿站{name}{tag}",
                latitude=LAT + offset,
                longitude=LON,
                opened_on=date(2030, 1, 1),
            )
            for name, offset in (("A", 0.005), ("B", 0.03), ("C", 0.05))
        }
        s.add_all(stations.values())
        await s.flush()
        code = dict((await s.execute(select(StationService.code, StationService.id))).all())
        a, b, c = (stations[n].id for n in "ABC")
        s.add_all(
            [
                StationOffer(station_id=a, service_id=code["WARM_MEALS"]),
                StationOffer(station_id=a, local_name="雨具借用"),
                StationOffer(station_id=b, service_id=code["CHARGING"]),
                StationOffer(station_id=c, service_id=code["CHARGING"]),
                *hours(a, (1, 8 * 60, 20 * 60)),
                *hours(b, *((d, 20 * 60, 2 * 60) for d in range(1, 8))),
                *hours(c, *((d, 0, 1440) for d in range(1, 8))),
            ]
        )
        keys = (
            community.id,
            {k: v.id for k, v in grids.items()},
            {k: v.id for k, v in buildings.items()},
            {k: v.id for k, v in stations.items()},
            rider.id,
            street.id,
        )
        await s.commit()
    community_id, grid_keys, building_keys, station_keys, rider_person, street_id = keys
    on_community = ("community_id", community_id)
    return Layout(
        community=community_id,
        grids=grid_keys,
        buildings=building_keys,
        stations=station_keys,
        admin=await make_user(db, f"st-admin{tag}", (R.STREET_ADMIN, "street_id", street_id)),
        worker=await make_user(db, f"st-worker{tag}", (R.COMMUNITY_WORKER, *on_community)),
        rider=await make_user(
            db, f"st-rider{tag}", (R.RESIDENT, "community_id", 1), person_id=rider_person
        ),
        rider_person=rider_person,
        outsider=await make_user(db, f"st-outsider{tag}", (R.COMMUNITY_WORKER, "community_id", 1)),
    )


async def create(viewer: Clocked, **fields: object) -> dict[str, Any]:
    """createRedWarmStation (its input has a `name`, which Clocked.mutate takes itself)."""
    data = await viewer.post(MONDAY_10, CREATE, {"input": fields})
    result: dict[str, Any] = data["createRedWarmStation"]
    return result


def near_vars(
    within: float = 15, service: str | None = None, open_now: bool = False
) -> dict[str, object]:
    return {
        "lat": LAT,
        "lon": LON,
        "within": within,
        "service": service,
        "open": open_now,
        "mode": "E_BIKE",
    }


def metres(degrees: float) -> float:
    return round(degrees * METRES_PER_DEGREE, 1)


async def test_nearest_stations_by_hand_computed_distances(seeded: Database) -> None:
    layout = await layout_of(seeded)
    async with clocked_client(seeded) as client:
        rider = Clocked(client, layout.rider)
        found = (await rider.post(MONDAY_10, NEAR, near_vars()))["stationsNear"]
        # 555.975 m is 2.22 minutes at 250 m a minute; 3,335.852 m is 13.34.
        assert [(n["station"]["name"], n["distanceMetres"], n["travelMinutes"]) for n in found] == [
            ("驿站A", 556.0, 2.2),
            ("驿站B", 3335.9, 13.3),
        ]
        assert (metres(0.005), metres(0.03)) == (556.0, 3335.9)
        # Walking (5 km/h, 83.3 m a minute) 15 minutes reach 1,250 m: A only, 6.7 minutes.
        walking = await rider.post(MONDAY_10, NEAR, {**near_vars(), "mode": "WALKING"})
        assert [(n["station"]["name"], n["travelMinutes"]) for n in walking["stationsNear"]] == [
            ("驿站A", 6.7)
        ]
        # 25 minutes (6,250 m) reach C too, 22.2 minutes away.
        wide = (await rider.post(MONDAY_10, NEAR, near_vars(25)))["stationsNear"]
        assert [n["station"]["name"] for n in wide] == ["驿站A", "驿站B", "驿站C"]
        assert wide[2]["distanceMetres"] == metres(0.05) == 5559.8
        assert wide[2]["travelMinutes"] == 22.2
        # By service: charging is at B and C.
        charging = (await rider.post(MONDAY_10, NEAR, near_vars(25, "CHARGING")))["stationsNear"]
        assert [n["station"]["name"] for n in charging] == ["驿站B", "驿站C"]
        assert wide[0]["station"]["services"] == [{"code": "WARM_MEALS"}]
        assert wide[0]["station"]["localServices"] == ["雨具借用"]


async def test_stations_open_now_follow_the_request_clock(seeded: Database) -> None:
    layout = await layout_of(seeded)
    async with clocked_client(seeded) as client:
        rider = Clocked(client, layout.rider)

        async def open_at(at: datetime) -> list[str]:
            found = (await rider.post(at, NEAR, near_vars(25, open_now=True)))["stationsNear"]
            assert all(n["station"]["openNow"] for n in found)
            return [n["station"]["name"] for n in found]

        assert await open_at(MONDAY_10) == ["驿站A", "驿站C"]
        assert await open_at(MONDAY_23) == ["驿站B", "驿站C"]
        assert await open_at(TUESDAY_0130) == ["驿站B", "驿站C"]  # Monday's night span
        assert await open_at(TUESDAY_10) == ["驿站C"]


async def test_stations_near_is_two_statements_at_most(seeded: Database) -> None:
    layout = await layout_of(seeded)
    async with clocked_client(seeded) as client:
        rider = Clocked(client, layout.rider)
        await rider.post(MONDAY_10, "{ viewer { id } }", {})
        query = """query($lat: Float!, $lon: Float!) {
          stationsNear(latitude: $lat, longitude: $lon, openNow: true, withinMinutes: 25)
          { distanceMetres station { id name } } }"""
        with seeded.count_statements() as statements:
            data = await rider.post(MONDAY_10, query, {"lat": LAT, "lon": LON})
        assert len(data["stationsNear"]) == 2
        # The candidates in the box, then their hours.
        assert len(statements) == 2 + ADMISSION_STATEMENTS + TRANSACTION_STATEMENTS


async def test_coverage_lists_what_is_outside_the_circle(seeded: Database) -> None:
    layout = await layout_of(seeded)
    async with clocked_client(seeded) as client:
        worker = Clocked(client, layout.worker)
        data = (
            await worker.post(
                MONDAY_10, COVERAGE, {"community": encode("Community", layout.community)}
            )
        )["stationCoverage"]
    station_a = encode("RedWarmStation", layout.stations["A"])
    assert data["travelMode"] == "E_BIKE" and data["speedKmh"] == 15.0
    assert data["withinMinutes"] == 15.0 and data["radiusMetres"] == 3750.0
    assert (data["gridCount"], data["uncoveredGridCount"], data["unmappedGridCount"]) == (3, 1, 0)
    assert (data["buildingCount"], data["uncoveredBuildingCount"]) == (3, 1)
    assert data["unmappedBuildingCount"] == 1
    assert data["uncoveredGrids"] == [
        {
            "id": encode("Grid", layout.grids["G3"]),
            "name": "G3",
            "distanceMetres": 11675.5,
            "travelMinutes": 46.7,
            "nearestStationId": station_a,
        }
    ]
    assert metres(0.105) == 11675.5
    assert data["uncoveredBuildings"] == [
        {
            "id": encode("Building", layout.buildings["B3"]),
            "distanceMetres": 11675.5,
            "nearestStationId": station_a,
        }
    ]
    assert data["communities"] == [
        {
            "id": encode("Community", layout.community),
            "gridCount": 3,
            "uncoveredGridCount": 1,
            "buildingCount": 3,
            "uncoveredBuildingCount": 1,
        }
    ]


async def test_coverage_is_for_staff(seeded: Database) -> None:
    layout = await layout_of(seeded)
    async with clocked_client(seeded) as client:
        body = await client.as_user(layout.rider).post(
            COVERAGE, {"community": encode("Community", layout.community)}
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        anonymous = await client.anonymous().post(NEAR, near_vars())
        assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_admins_open_staff_keep_riders_visit(seeded: Database) -> None:
    layout = await layout_of(seeded)
    grid = encode("Grid", layout.grids["G2"])
    async with clocked_client(seeded) as client:
        admin = Clocked(client, layout.admin)
        worker = Clocked(client, layout.worker)
        rider = Clocked(client, layout.rider)
        made = await create(
            admin,
            gridId=grid,
            name="新驿站",
            latitude=10.0600004,
            longitude=20.0,
            contactName="王站长",
            contactPhone="13800000000",
            hours=[{"weekday": 5, "opens": "18:00", "closes": "01:00"}],
            services=["CHARGING", "WARM_MEALS"],
            localServices=["理发"],
        )
        assert made["userErrors"] == []
        station = made["station"]
        assert station["latitude"] == 10.06  # kept to 6 decimals
        assert station["openingHours"] == [
            {"weekday": 5, "opens": "18:00", "closes": "01:00", "overnight": True}
        ]
        assert [s["code"] for s in station["services"]] == ["WARM_MEALS", "CHARGING"]
        bad = await create(
            admin,
            gridId=grid,
            name="新驿站",
            latitude=95.0,
            longitude=20.0,
            hours=[{"weekday": 8, "opens": "08:00", "closes": "09:00"}],
        )
        assert bad["station"] is None
        assert {(e["field"][-1], e["code"]) for e in bad["userErrors"]} == {
            ("latitude", "OUT_OF_RANGE"),
            ("hours.0", "OUT_OF_RANGE"),
        }
        taken = await create(
            admin,
            gridId=grid,
            name="新驿站",
            latitude=10.0,
            longitude=20.0,
        )
        assert [e["code"] for e in taken["userErrors"]] == ["NAME_TAKEN"]

        station_id = station["id"]
        changed = await worker.mutate(
            MONDAY_10,
            "setStationHours",
            HOURS,
            stationId=station_id,
            hours=[{"weekday": d, "opens": "00:00", "closes": "24:00"} for d in range(1, 8)],
        )
        assert len(changed["station"]["openingHours"]) == 7
        wrong = await worker.mutate(
            MONDAY_10,
            "setStationHours",
            HOURS,
            stationId=station_id,
            hours=[{"weekday": 1, "opens": "8am", "closes": "09:00"}],
        )
        assert [e["code"] for e in wrong["userErrors"]] == ["INVALID"]
        services = await worker.mutate(
            MONDAY_10,
            "setStationServices",
            SERVICES,
            stationId=station_id,
            services=["READING"],
            localServices=[],
        )
        assert services["station"]["services"] == [{"code": "READING"}]
        assert services["station"]["localServices"] == []
        refused = await client.as_user(layout.outsider).post(
            SERVICES, {"input": {"stationId": station_id, "services": []}}
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

        visit = await rider.mutate(
            MONDAY_10, "recordStationVisit", VISIT, stationId=station_id, service="READING"
        )
        assert visit["userErrors"] == [] and visit["visit"]["service"] == "READING"
        not_offered = await rider.mutate(
            MONDAY_10, "recordStationVisit", VISIT, stationId=station_id, service="TOILET"
        )
        assert [e["code"] for e in not_offered["userErrors"]] == ["INVALID"]
    async with seeded.session() as s:
        visits = (
            await s.scalars(
                select(StationVisit).where(StationVisit.person_id == layout.rider_person)
            )
        ).all()
        assert [v.visited_at for v in visits] == [MONDAY_10]
