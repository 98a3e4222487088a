"""Mutations of the red-warm stations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.stations import mutations
from resolvers.stations.mutations import HoursIn
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.stations.inputs import (
    CreateRedWarmStationInput,
    RecordStationVisitInput,
    SetStationHoursInput,
    SetStationServicesInput,
    StationHoursInput,
)
from schema.stations.types import RedWarmStation, StationVisit


@strawberry.type(description="Result of a station mutation (红·暖之家操作结果).")
class RedWarmStationPayload:
    station: RedWarmStation | None = result("The station (红·暖之家).")
    user_errors: list[UserError] = user_errors()


@strawberry.type(description="Result of recordStationVisit (驿站服务记录).")
class StationVisitPayload:
    visit: StationVisit | None = result("The visit recorded (服务记录).")
    user_errors: list[UserError] = user_errors()


def _hours(given: list[StationHoursInput]) -> list[HoursIn]:
    return [HoursIn(each.weekday, each.opens, each.closes) for each in given]


@strawberry.type
class StationsMutation:
    @strawberry.mutation(
        description="Open a red-warm station at a grid's red station (建设红·暖之家); admins."
    )
    async def create_red_warm_station(
        self, info: Info, input: Annotated[CreateRedWarmStationInput, Input]
    ) -> RedWarmStationPayload:
        return await run(
            info,
            RedWarmStationPayload,
            "station",
            lambda: mutations.create_station(
                info.context,
                grid_id=input.grid_id,
                name=input.name,
                address=input.address,
                latitude=input.latitude,
                longitude=input.longitude,
                contact_person_id=input.contact_person_id,
                contact_name=input.contact_name,
                contact_phone=input.contact_phone,
                opened_on=input.opened_on,
                hours=_hours(input.hours),
                services=[code.value for code in input.services],
                local_services=input.local_services,
            ),
        )

    @strawberry.mutation(
        description="Replace a station's weekly hours (调整开放时间); its community's staff."
    )
    async def set_station_hours(
        self, info: Info, input: Annotated[SetStationHoursInput, Input]
    ) -> RedWarmStationPayload:
        return await run(
            info,
            RedWarmStationPayload,
            "station",
            lambda: mutations.set_station_hours(
                info.context, station_id=input.station_id, hours=_hours(input.hours)
            ),
        )

    @strawberry.mutation(
        description="Replace a station's services (调整服务项目); its community's staff."
    )
    async def set_station_services(
        self, info: Info, input: Annotated[SetStationServicesInput, Input]
    ) -> RedWarmStationPayload:
        return await run(
            info,
            RedWarmStationPayload,
            "station",
            lambda: mutations.set_station_services(
                info.context,
                station_id=input.station_id,
                services=[code.value for code in input.services],
                local_services=input.local_services,
            ),
        )

    @strawberry.mutation(
        description=(
            "Record a rider's use of a station's service (驿站服务记录): riders their own, staff"
            " for a rider at a station of their area."
        )
    )
    async def record_station_visit(
        self, info: Info, input: Annotated[RecordStationVisitInput, Input]
    ) -> StationVisitPayload:
        return await run(
            info,
            StationVisitPayload,
            "visit",
            lambda: mutations.record_visit(
                info.context,
                station_id=input.station_id,
                service=None if input.service is None else input.service.value,
                local_service=input.local_service,
                person_id=input.person_id,
            ),
        )
