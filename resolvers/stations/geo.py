"""Distances on the map: great-circle (haversine) metres between WGS-84 points, the
travel time at a mode's speed, and the bounding box that prefilters a search in SQL.

The same arithmetic in Python on both databases, so SQLite and PostgreSQL give the same
answers; SQL only narrows the candidates by a box that is never smaller than the circle.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # the mean Earth radius (IUGG)
# The service circle (15分钟服务圈): what every rider should have within reach.
SERVICE_CIRCLE_MINUTES = 15


class TravelMode(enum.Enum):
    """How the distance is travelled, with the speed the minutes are counted at."""

    E_BIKE = "E_BIKE"  # a rider's e-bike in town: 15 km/h
    WALKING = "WALKING"  # on foot: 5 km/h


SPEED_KMH: dict[TravelMode, float] = {TravelMode.E_BIKE: 15.0, TravelMode.WALKING: 5.0}


def metres_per_minute(mode: TravelMode) -> float:
    return SPEED_KMH[mode] * 1000 / 60


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def minutes(metres: float, mode: TravelMode) -> float:
    return metres / metres_per_minute(mode)


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def box_around(latitude: float, longitude: float, radius_m: float) -> Box:
    """A latitude/longitude box holding every point within `radius_m` (with a margin)."""
    margin = radius_m * 1.01 + 1
    dlat = math.degrees(margin / EARTH_RADIUS_M)
    cos_lat = max(math.cos(math.radians(min(89.0, abs(latitude) + dlat))), 1e-6)
    dlon = min(180.0, math.degrees(margin / (EARTH_RADIUS_M * cos_lat)))
    return Box(latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)


def round_position(value: float) -> float:
    """Coordinates are kept to 6 decimals (about 0.1 m), the same on every database."""
    return round(value, 6)
