"""Red-warm stations and the delivery industry through the year (红·暖之家): riders ask
for the nearest open station offering what they need and record the visit; each
station's community changes its hours once; the district reports progress on the
industry's measures and the commissioners' checklists every month; at the end, the
coverage of the 15-minute circle as staff see it, with a map of stations and gaps."""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar

from simulation import scale
from simulation.year.activities import activity
from simulation.year.api import mutation
from simulation.year.loop import Action, Step, World
from simulation.year.report import Chart, Kpi, Section
from simulation.year.roster import ADMIN

STATIONS = """query StationsOfTheDistrict($after: String) {
  redWarmStations(first: 100, after: $after) {
    nodes { id latitude longitude community { id } services { code } }
    pageInfo { hasNextPage endCursor } } }"""
NEAREST = """query NearestStation($latitude: Float!, $longitude: Float!,
  $service: StationServiceCode) {
  stationsNear(latitude: $latitude, longitude: $longitude, service: $service, openNow: true,
    first: 3) { distanceMetres travelMinutes station { id name } } }"""
INDUSTRY = """query IndustryWork { industryPartyCommittees(first: 5) { nodes {
  measures { id status progress } } }
  partyCommissioners(first: 100) { nodes { checklist { id status progress } } } }"""
COVERAGE = """query StationCoverageMap { stationCoverage {
  gridCount uncoveredGridCount buildingCount uncoveredBuildingCount
  uncoveredGrids(first: 1000) { latitude longitude distanceMetres } } }"""
FIELDS = "userErrors { code message }"
VISIT = mutation("recordStationVisit", "RecordStationVisitInput", f"visit {{ id }} {FIELDS}")
HOURS = mutation("setStationHours", "SetStationHoursInput", f"station {{ id }} {FIELDS}")
MEASURE = mutation(
    "reportMeasureProgress", "ReportMeasureProgressInput", f"measure {{ status }} {FIELDS}"
)
CHECKLIST = mutation(
    "reportChecklistProgress", "ReportChecklistProgressInput", f"item {{ status }} {FIELDS}"
)
KM_PER_DEGREE = 111.195
# Summer hours a community may set: open late for the evening rush.
SUMMER_HOURS = [{"weekday": d, "opens": "08:00", "closes": "23:00"} for d in range(1, 8)]


@dataclass
class Station:
    id: str
    latitude: float
    longitude: float
    community: str
    services: tuple[str, ...]


@dataclass
class Tally:
    asked: int = 0
    found: int = 0
    minutes: list[float] = field(default_factory=list)
    visits: int = 0
    hours_changed: int = 0
    measures: int = 0
    checklist: int = 0
    refused: Counter[str] = field(default_factory=Counter)


@activity
class Stations:
    name: ClassVar[str] = "stations"

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = random.Random(f"{world.seed}:{self.name}")
        self.stations: list[Station] = []
        self.tally = Tally()
        self.items: dict[str, dict[str, Any]] = {}  # measure/checklist id → its state
        self.coverage: dict[str, Any] | None = None

    @property
    def factor(self) -> float:
        return len(self.world.roster.communities) / scale.COMMUNITIES

    def start(self) -> None:
        period = self.world.period
        self.world.schedule(period.moment(period.start, 7.5), self._load)

    async def _load(self, step: Step) -> None:
        """The stations and the tracked items, then the year's events."""
        after: str | None = None
        while True:
            data = await self.world.api.query(STATIONS, {"after": after}, user=ADMIN, at=step.at)
            page = data["redWarmStations"]
            for node in page["nodes"]:
                self.stations.append(
                    Station(
                        node["id"],
                        node["latitude"],
                        node["longitude"],
                        node["community"]["id"],
                        tuple(s["code"] for s in node["services"]),
                    )
                )
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        work = await self.world.api.query(INDUSTRY, user=ADMIN, at=step.at)
        for committee in work["industryPartyCommittees"]["nodes"]:
            for row in committee["measures"]:
                self.items[row["id"]] = {**row, "kind": "measure"}
        for commissioner in work["partyCommissioners"]["nodes"]:
            for row in commissioner["checklist"]:
                self.items[row["id"]] = {**row, "kind": "checklist"}
        self._schedule(step)

    def _schedule(self, step: Step) -> None:
        period = self.world.period
        if self.stations:
            visits = round(scale.STATION_VISITS_PER_DAY * self.factor * period.days)
            for _ in range(max(1, visits)):
                day = period.start + timedelta(days=self.rng.randrange(period.days))
                step.then(period.moment(day, self.rng.uniform(9, 22)), self._ride())
            for station in self.stations:
                day = period.start + timedelta(days=self.rng.randrange(period.days))
                step.then(period.moment(day, self.rng.uniform(9, 17)), self._hours(station))
        firsts = [date(y, m, 1) for y, m in period.months()]
        for first in firsts[1:] or [period.start]:
            step.then(period.moment(first, 10.0), self._progress)
        step.then(period.ends - timedelta(hours=1), self._coverage)

    def _rider(self, rng: random.Random) -> str | None:
        residents = [
            r.username for c in self.world.roster.communities.values() for r in c.residents
        ]
        return rng.choice(residents) if residents else None

    def _ride(self) -> Action:
        async def act(step: Step) -> None:
            rng = step.rng
            rider = self._rider(rng)
            if rider is None:
                return
            near = rng.choice(self.stations)
            r = scale.RIDER_SPREAD_KM * math.sqrt(rng.random())
            angle = rng.uniform(0, math.tau)
            latitude = near.latitude + r * math.cos(angle) / KM_PER_DEGREE
            longitude = near.longitude + r * math.sin(angle) / (
                KM_PER_DEGREE * math.cos(math.radians(near.latitude))
            )
            service = rng.choice(near.services) if near.services else None
            if service is None:
                return
            self.tally.asked += 1
            data = await self.world.api.query(
                NEAREST,
                {"latitude": latitude, "longitude": longitude, "service": service},
                user=rider,
                at=step.at,
            )
            found = data["stationsNear"]
            if not found:
                return
            self.tally.found += 1
            self.tally.minutes.append(found[0]["travelMinutes"])
            visit = {"stationId": found[0]["station"]["id"], "service": service}
            await self._send(step, VISIT, visit, rider, "visits")

        return act

    def _hours(self, station: Station) -> Action:
        async def act(step: Step) -> None:
            community = self.world.roster.communities.get(station.community)
            user = community.secretary if community and community.secretary else ADMIN
            input = {"stationId": station.id, "hours": SUMMER_HOURS}
            await self._send(step, HOURS, input, user, "hours_changed")

        return act

    async def _progress(self, step: Step) -> None:
        rng = step.rng
        open_items = [i for i in self.items.values() if i["status"] != "DONE"]
        measures = [i for i in open_items if i["kind"] == "measure"]
        checklist = [i for i in open_items if i["kind"] == "checklist"]
        chosen = rng.sample(measures, min(len(measures), scale.MEASURES_REPORTED_MONTHLY))
        share = round(len(checklist) * scale.CHECKLIST_SHARE_REPORTED_MONTHLY)
        chosen += rng.sample(checklist, min(len(checklist), max(1, share)))
        for item in chosen:
            progress = min(100, item["progress"] + rng.choice((10, 20, 30, 40)))
            if item["kind"] == "measure":
                input = {"measureProgressId": item["id"], "progress": progress, "note": "月度推进"}
                payload = await self._send(step, MEASURE, input, ADMIN, "measures")
                key = "measure"
            else:
                input = {"checklistProgressId": item["id"], "progress": progress}
                payload = await self._send(step, CHECKLIST, input, ADMIN, "checklist")
                key = "item"
            if payload is not None:
                item["progress"], item["status"] = progress, payload[key]["status"]

    async def _send(
        self, step: Step, document: str, input: dict[str, Any], user: str, counter: str
    ) -> dict[str, Any] | None:
        payload = await self.world.api.mutate(document, input, user=user, at=step.at)
        if payload["userErrors"]:
            self.tally.refused[payload["userErrors"][0]["code"]] += 1
            return None
        setattr(self.tally, counter, getattr(self.tally, counter) + 1)
        return payload

    async def _coverage(self, step: Step) -> None:
        data = await self.world.api.query(COVERAGE, user=ADMIN, at=step.at)
        self.coverage = data["stationCoverage"]

    async def report(self) -> Section:
        t = self.tally
        expected = scale.Scale(self.factor).of(scale.RED_WARM_STATIONS) if self.factor else 0
        measures = [i for i in self.items.values() if i["kind"] == "measure"]
        checklist = [i for i in self.items.values() if i["kind"] == "checklist"]
        kpis = [
            Kpi(
                "Red-warm stations (红·暖之家)",
                len(self.stations),
                "",
                f"{expected} at this scale (16 in the district)",
                len(self.stations) == expected,
                "any period",
            ),
            Kpi("Nearest-station questions (附近驿站查询)", t.asked, ""),
            Kpi(
                "… answered with an open station in 15 minutes",
                round(100 * t.found / t.asked, 1) if t.asked else None,
                "%",
            ),
            Kpi(
                "Mean ride to the nearest station (平均骑行时间)",
                round(sum(t.minutes) / len(t.minutes), 1) if t.minutes else None,
                "min",
                "≤ 15 min (15分钟服务圈)",
                None if not t.minutes else sum(t.minutes) / len(t.minutes) <= 15,
                "a period with a question",
            ),
            Kpi("Visits recorded (驿站服务记录)", t.visits, ""),
            Kpi("Stations' hours changed (调整开放时间)", t.hours_changed, ""),
            Kpi(
                "Measures done (举措完成)",
                sum(1 for i in measures if i["status"] == "DONE"),
                f"of {len(measures)} (5 aspects, 15 measures)",
            ),
            Kpi(
                "Commissioners' checklist items done (专员清单完成)",
                sum(1 for i in checklist if i["status"] == "DONE"),
                f"of {len(checklist)} (6 × 45 at scale 1)",
            ),
            Kpi("Progress reports (进展报告)", t.measures + t.checklist, ""),
            Kpi("Refused steps (userErrors)", sum(t.refused.values()), ""),
        ]
        charts: list[Chart] = []
        if self.coverage is not None:
            c = self.coverage
            kpis.append(
                Kpi(
                    "Grids outside the 15-minute circle (服务圈外网格)",
                    c["uncoveredGridCount"],
                    f"of {c['gridCount']}",
                )
            )
            kpis.append(
                Kpi(
                    "Buildings outside the circle (服务圈外楼栋)",
                    c["uncoveredBuildingCount"],
                    f"of {c['buildingCount']}",
                )
            )
            charts.append(
                Chart(
                    "Red-warm stations and the grids outside the 15-minute circle",
                    "map",
                    [],
                    {},
                    points={
                        "stations": [(s.longitude, s.latitude) for s in self.stations],
                        "grids outside the circle": [
                            (g["longitude"], g["latitude"]) for g in c["uncoveredGrids"]
                        ],
                    },
                )
            )
        return Section(
            "Red-warm stations and the delivery industry (红·暖之家)",
            kpis,
            charts,
            {"refused": dict(t.refused)},
        )
