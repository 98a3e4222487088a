"""The stations' part of the post-load audit: every visit a rider saw recorded is in the
database at the station and with the service the rider named, recorded by that rider's
account; and every visit names a station that exists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import RedWarmStation, StationService, StationVisit
from loadtests.journal import Entry
from simulation.ids import key_of

ENTRY_ACTIONS = frozenset({"recordStationVisit"})


@dataclass
class StationSnapshot:
    visits: dict[int, tuple[int, str | None, int | None]]  # id → (station, service, recorder)
    stations: set[int]


async def snapshot(connection: AsyncConnection) -> StationSnapshot:
    v = StationVisit
    rows = await connection.execute(
        select(v.id, v.station_id, StationService.code, v.recorded_by_user_id).outerjoin(
            StationService, StationService.id == v.service_id
        )
    )
    visits: dict[int, tuple[int, str | None, int | None]] = {
        key: (station, code, user) for key, station, code, user in rows
    }
    stations = set((await connection.scalars(select(RedWarmStation.id))).all())
    return StationSnapshot(visits, stations)


def found(entry: Entry, snapshot: StationSnapshot, user: int | None) -> str | None:
    """Why the journal's visit is not in the database, or None when it is."""
    fields = entry.fields
    visit = snapshot.visits.get(key_of(str(fields["visit"])))
    if visit is None:
        return "the visit does not exist"
    station, service, recorder = visit
    if station != key_of(str(fields["station"])) or service != fields.get("service"):
        return f"the visit is at station {station} for {service}"
    if recorder != user:
        return f"the visit was recorded by user {recorder}"
    return None


def check(snapshot: StationSnapshot, problem: Callable[[str], None]) -> dict[str, int]:
    for key, (station, _, _) in snapshot.visits.items():
        if station not in snapshot.stations:
            problem(f"station visit {key} names a missing station {station}")
    return {"station_visits": len(snapshot.visits), "stations": len(snapshot.stations)}
