"""Red-warm stations (红·暖之家): the load test's documents of this domain — a rider asks
for the nearest open station offering a service, and now and then records the visit."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

NEAREST_STATION = query(
    "NearestStation",
    "{ stationsNear(latitude: $latitude, longitude: $longitude, service: $service,"
    " openNow: true, first: 3) { distanceMetres travelMinutes"
    " station { id name address openNow } } }",
    "($latitude: Float!, $longitude: Float!, $service: StationServiceCode)",
)
RECORD_STATION_VISIT = mutation(
    "recordStationVisit",
    "recordStationVisit",
    "{ recordStationVisit(input: {stationId: $station, service: $service})"
    " { visit { id station { id } service } userErrors { field code message } } }",
    "($station: ID!, $service: StationServiceCode)",
)

OPERATIONS: tuple[Operation, ...] = (NEAREST_STATION, RECORD_STATION_VISIT)
