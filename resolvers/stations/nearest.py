"""The nearest station to each of many points, as comparing every station would find it.

The coverage view (`queries.coverage`) asks this for every live grid and building.
Comparing each with every station grows with both counts: at scale 10 (160 stations,
69,000 places) that took 9–12 s of the worker's CPU, against 0.7 s here
(benchmarks/station_coverage.py). Here the stations are bucketed by where they lie on the
unit sphere, in cubes about `CELL_M` across, and a point looks at the cubes around its
own, shell by shell, until no station further out can be closer: every station in a shell
`k` cubes out lies at least `k - 1` cube widths away along one axis, and the straight line
(the chord) through the Earth grows with the great-circle distance. Far from every
station, where the shells would outnumber the stations, it compares them all instead.

The answer is the same as the plain comparison's: the least haversine distance
(`geo.haversine_m`, the very same number), the lower key among stations at that distance.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import product

from resolvers.stations.geo import EARTH_RADIUS_M, haversine_m

# The cube's edge: about the spacing of the district's stations (2.5 km within a
# subdistrict), so that a cube holds a station or two and most places stop at the first
# shells.
CELL_M = 2_000.0
# Chords compared with a little room for rounding: a station whose chord ties the best
# within it is measured too, and the haversine metres decide.
SLACK = 1e-9

Station = tuple[int, float, float]  # key, latitude, longitude
Cell = tuple[int, int, int]
Placed = tuple[int, float, float, tuple[float, float, float]]  # a station and its unit vector


def _unit(latitude: float, longitude: float) -> tuple[float, float, float]:
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _chord(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)


Nearest = tuple[int | None, float | None]  # the station's key and metres; None without one


def brute_force(stations: Sequence[Station], latitude: float, longitude: float) -> Nearest:
    """Every station compared: the definition `NearestStations.nearest` keeps to."""
    best_key: int | None = None
    best_metres = math.inf
    for key, lat, lon in stations:
        metres = haversine_m(latitude, longitude, lat, lon)
        if best_key is None or (metres, key) < (best_metres, best_key):
            best_key, best_metres = key, metres
    return (best_key, best_metres) if best_key is not None else (None, None)


class NearestStations:
    def __init__(self, stations: Sequence[Station], cell_m: float = CELL_M) -> None:
        self.stations = list(stations)
        self.cell = cell_m / EARTH_RADIUS_M  # in the unit sphere's lengths
        self.cubes: dict[Cell, list[Placed]] = {}
        self.neighbourhoods: dict[Cell, list[Placed]] = {}
        for key, lat, lon in self.stations:
            at = _unit(lat, lon)
            self.cubes.setdefault(self._cube(at), []).append((key, lat, lon, at))
        # Past this many shells a point visits more cubes than there are stations.
        self.most_shells = max(2, math.ceil(len(self.stations) ** (1 / 3) / 2))

    def _cube(self, at: tuple[float, float, float]) -> Cell:
        return (
            math.floor(at[0] / self.cell),
            math.floor(at[1] / self.cell),
            math.floor(at[2] / self.cell),
        )

    def nearest(self, latitude: float, longitude: float) -> Nearest:
        """The nearest station's key and its distance in metres; (None, None) without any."""
        if not self.stations:
            return (None, None)
        at = _unit(latitude, longitude)
        home = self._cube(at)
        best_key: int | None = None
        best_metres = math.inf
        best_chord = math.inf
        for k in range(1, self.most_shells + 1):
            # The first step takes the cube and its 26 neighbours at once (kept per cube:
            # the places of one neighbourhood share it), then one shell at a time.
            for key, lat, lon, there in self._around(home) if k == 1 else self._shell(home, k):
                chord = _chord(at, there)
                if chord > best_chord * (1 + SLACK) + SLACK:
                    continue
                metres = haversine_m(latitude, longitude, lat, lon)
                if best_key is None or (metres, key) < (best_metres, best_key):
                    best_key, best_metres = key, metres
                    best_chord = min(best_chord, chord)
            # Whatever lies beyond shell k is at least k cube widths away.
            if best_key is not None and k * self.cell > best_chord * (1 + SLACK) + SLACK:
                return (best_key, best_metres)
        return brute_force(self.stations, latitude, longitude)

    def _around(self, home: Cell) -> list[Placed]:
        around = self.neighbourhoods.get(home)
        if around is None:
            around = [placed for k in (0, 1) for placed in self._shell(home, k)]
            self.neighbourhoods[home] = around
        return around

    def _shell(self, home: Cell, k: int) -> Iterator[Placed]:
        """The stations in the cubes exactly `k` steps from `home` along some axis."""
        x, y, z = home
        for dx, dy, dz in _offsets(k):
            yield from self.cubes.get((x + dx, y + dy, z + dz), ())


@cache
def _offsets(k: int) -> tuple[Cell, ...]:
    span = range(-k, k + 1)
    return tuple(offset for offset in product(span, span, span) if max(map(abs, offset)) == k)
