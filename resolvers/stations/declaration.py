"""Red-warm stations (红·暖之家) for couriers and delivery riders and the 15-minute circle.

Any signed-in account reads stations: riders sign in as residents or members, and the
contact person's phone on a station is for anyone who needs it; anonymous readers are
kept out because the list is the map of where riders gather. Visits name a rider: staff
read those of their area, riders their own."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import Grid, RedWarmStation, StationVisit
from resolvers.domain import Domain, NodeType, via
from resolvers.rules import ADMINS, COMMUNITY_STAFF, EVERY_ROLE, REGISTRARS, Read, Write
from resolvers.stations.queries import visits_seen_by

RIDERS = frozenset({R.RESIDENT, R.PARTY_MEMBER, R.VOLUNTEER})

DOMAIN = Domain(
    name="stations",
    description="Red-warm stations for riders and the 15-minute circle (红·暖之家与15分钟服务圈)",
    nodes=(
        NodeType("RedWarmStation", RedWarmStation, Read(EVERY_ROLE), via("grid_id", Grid)),
        NodeType(
            "StationVisit",
            StationVisit,
            Read(EVERY_ROLE, visits_seen_by, "visits in the viewer's area, or their own"),
            via("station_id", RedWarmStation),
        ),
    ),
    writes={
        "createRedWarmStation": Write(ADMINS, "the grid"),
        "setStationHours": Write(COMMUNITY_STAFF, "the station's community"),
        "setStationServices": Write(COMMUNITY_STAFF, "the station's community"),
        "recordStationVisit": Write(
            REGISTRARS | RIDERS,
            "the station; a rider: their own visit, at any station",
            own_only=RIDERS,
        ),
    },
)
