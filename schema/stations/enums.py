"""Enums of the stations domain."""

from __future__ import annotations

import strawberry

from db.station_catalogue import SERVICES, ServiceCode
from resolvers.stations import geo

strawberry.enum(
    ServiceCode,
    name="StationServiceCode",
    description=(
        'The ten standard services of a red-warm station ("10+X"暖心服务的"10"): '
        + "; ".join(f"{code} {english} ({name})" for code, name, english in SERVICES)
        + "."
    ),
)
strawberry.enum(
    geo.TravelMode,
    description=(
        "How the distance is travelled (出行方式): E_BIKE a rider's e-bike at 15 km/h,"
        " WALKING on foot at 5 km/h."
    ),
)

StationServiceCode = ServiceCode
TravelMode = geo.TravelMode
