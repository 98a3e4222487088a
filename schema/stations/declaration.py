"""The stations domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.stations.mutations import StationsMutation
from schema.stations.queries import StationsQuery
from schema.stations.types import RedWarmStation, StationVisit

DOMAIN = SchemaDomain(
    "stations",
    queries=(StationsQuery,),
    mutations=(StationsMutation,),
    types=(RedWarmStation, StationVisit),
)
