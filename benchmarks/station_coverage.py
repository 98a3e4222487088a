"""What the coverage view (`stationCoverage`) costs on a seeded database: the nearest station
of every live grid and building found through the stations' index
(resolvers/stations/nearest.py) and by comparing every station, with the same answers
checked, then the whole view as the API computes it.

    grassroots seed --scale 10 --seed 42      # into GRASSROOTS_DATABASE_URL
    python -m benchmarks.station_coverage --database-url sqlite+aiosqlite:///grassroots.db

The comparison of every station is the reference the index must match; at scale 1 (16
stations) both are quick, and the difference grows with the scale (docs/capacity.md).
"""

from __future__ import annotations

import argparse
import asyncio
import time

from sqlalchemy import select

from db.models import Building, Grid, RedWarmStation
from db.session import create_engine, create_sessionmaker
from resolvers.stations.geo import SERVICE_CIRCLE_MINUTES, TravelMode
from resolvers.stations.nearest import NearestStations, Station, brute_force
from resolvers.stations.queries import coverage
from server.settings import Settings


async def measure(url: str) -> None:
    engine = create_engine(url)
    try:
        async with create_sessionmaker(engine)() as session:
            stations: list[Station] = [
                (key, lat, lon)
                for key, lat, lon in await session.execute(
                    select(RedWarmStation.id, RedWarmStation.latitude, RedWarmStation.longitude)
                )
            ]
            places = [
                (lat, lon)
                for model in (Grid, Building)
                for lat, lon in await session.execute(
                    select(model.latitude, model.longitude).where(model.archived_at.is_(None))
                )
                if lat is not None and lon is not None
            ]
            started = time.perf_counter()
            index = NearestStations(stations)
            indexed = [index.nearest(lat, lon) for lat, lon in places]
            index_seconds = time.perf_counter() - started
            started = time.perf_counter()
            compared = [brute_force(stations, lat, lon) for lat, lon in places]
            all_seconds = time.perf_counter() - started
            if indexed != compared:
                raise SystemExit("the index and the comparison of every station disagree")
            started = time.perf_counter()
            view = await coverage(
                session, mode=TravelMode.E_BIKE, within_minutes=SERVICE_CIRCLE_MINUTES
            )
            view_seconds = time.perf_counter() - started
    finally:
        await engine.dispose()
    print(f"{len(stations)} stations, {len(places)} mapped grids and buildings")
    print(f"nearest station, indexed:          {index_seconds:8.2f} s")
    print(f"nearest station, every compared:   {all_seconds:8.2f} s")
    print(f"ratio:                             {all_seconds / max(index_seconds, 1e-9):8.1f}x")
    print(
        f"stationCoverage (15 min, e-bike):  {view_seconds:8.2f} s"
        f" ({len(view.uncovered_grids)} grids, {len(view.uncovered_buildings)} buildings"
        " uncovered)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: GRASSROOTS_DATABASE_URL")
    args = parser.parse_args()
    asyncio.run(measure(args.database_url or Settings().database_url))


if __name__ == "__main__":
    main()
