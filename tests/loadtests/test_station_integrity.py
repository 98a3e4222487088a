"""The load test's station part: a rider's journaled visit is found at its station with
its service and recorder; a visit the database never saw, or one at another station, is
reported lost."""

from __future__ import annotations

from sqlalchemy import select

from db.models import RedWarmStation, StationService, StationVisit, User
from loadtests.integrity import audit
from loadtests.journal import OK, Entry
from resolvers.global_ids import encode
from tests.support.database import Database


async def test_journaled_visits_are_found_and_phantoms_are_not(seeded: Database) -> None:
    async with seeded.session() as s:
        station = await s.scalar(select(RedWarmStation.id).order_by(RedWarmStation.id))
        other = await s.scalar(
            select(RedWarmStation.id)
            .where(RedWarmStation.id != station)
            .order_by(RedWarmStation.id)
        )
        user = (await s.execute(select(User.id, User.username).order_by(User.id))).first()
        charging = await s.scalar(
            select(StationService.id).where(StationService.code == "CHARGING")
        )
        assert station is not None and user is not None
        visit = StationVisit(station_id=station, service_id=charging, recorded_by_user_id=user.id)
        s.add(visit)
        await s.commit()
        visit_id = visit.id
    seen = {
        "visit": encode("StationVisit", visit_id),
        "station": encode("RedWarmStation", station),
        "service": "CHARGING",
        "user": user.username,
    }
    report = await audit(seeded.engine, [Entry("recordStationVisit", OK, seen)])
    assert report.passed, report.to_json()
    assert report.totals["station_visits"] >= 1 and report.totals["stations"] >= 1
    wrong = [
        Entry("recordStationVisit", OK, {**seen, "visit": encode("StationVisit", 9_999_999)}),
        Entry("recordStationVisit", OK, {**seen, "station": encode("RedWarmStation", other or 0)}),
    ]
    broken = (await audit(seeded.engine, wrong)).to_json()
    assert broken["lost_count"] == 2
    assert any("the visit does not exist" in lost for lost in broken["lost"])
    assert any("the visit is at station" in lost for lost in broken["lost"])
