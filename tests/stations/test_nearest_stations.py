"""The coverage view's nearest station (resolvers/stations/nearest.py) is the one comparing
every station finds: the same key and the very same metres, for places in the district,
at a station, between tied stations and far from all of them."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from benchmarks.station_coverage import measure
from db.models import RedWarmStation
from resolvers.stations.nearest import NearestStations, Station, brute_force
from tests.support.database import Database

# Shizhong District, Zaozhuang, and about 30 km around it.
LATITUDE, LONGITUDE = 34.86, 117.56


def _scattered(rng: random.Random, count: int, spread: float) -> list[tuple[float, float]]:
    return [
        (LATITUDE + rng.uniform(-spread, spread), LONGITUDE + rng.uniform(-spread, spread))
        for _ in range(count)
    ]


@pytest.mark.parametrize("stations", [1, 16, 160, 1600])
def test_every_place_finds_the_station_comparing_all_would(stations: int) -> None:
    rng = random.Random(stations)
    placed: list[Station] = [
        (key, lat, lon) for key, (lat, lon) in enumerate(_scattered(rng, stations, 0.15), 1)
    ]
    index = NearestStations(placed)
    places = _scattered(rng, 1_000, 0.2)
    places += [(lat, lon) for _, lat, lon in placed[:50]]  # standing at a station
    places += [(LATITUDE + 4.0, LONGITUDE - 3.0), (-33.9, 18.4)]  # far from every station
    for latitude, longitude in places:
        assert index.nearest(latitude, longitude) == brute_force(placed, latitude, longitude)


def test_stations_at_one_spot_give_the_lower_key_in_any_order() -> None:
    tied: list[Station] = [(7, LATITUDE, LONGITUDE), (3, LATITUDE, LONGITUDE), (5, 34.9, 117.6)]
    for order in (tied, tied[::-1]):
        key, metres = NearestStations(order).nearest(LATITUDE + 0.001, LONGITUDE)
        assert key == 3 and metres == brute_force(order, LATITUDE + 0.001, LONGITUDE)[1]


def test_without_stations_no_place_has_a_nearest_one() -> None:
    assert NearestStations([]).nearest(LATITUDE, LONGITUDE) == (None, None)
    assert brute_force([], LATITUDE, LONGITUDE) == (None, None)


async def test_the_coverage_benchmark_runs_on_the_generated_district(
    seeded: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """benchmarks/station_coverage.py checks the index against every station compared on a
    seeded database and prints the figures: it runs here so that it cannot rot."""
    async with seeded.session() as session:
        stations = await session.scalar(select(func.count()).select_from(RedWarmStation))
    await measure(seeded.url)
    printed = capsys.readouterr().out
    assert printed.startswith(f"{stations} stations, ") and "stationCoverage" in printed
