"""Inputs of the station mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.stations.enums import StationServiceCode

STATION = "The station (红·暖之家)."


@strawberry.input(description="Opening hours on one weekday (开放时间), Asia/Shanghai.")
class StationHoursInput:
    weekday: int = strawberry.field(description="1 Monday … 7 Sunday (星期).")
    opens: str = strawberry.field(description='Opening time "HH:MM" (开门).')
    closes: str = strawberry.field(
        description=(
            'Closing time "HH:MM" (关门); "24:00" is midnight, and a time not after the'
            " opening runs overnight into the next day."
        )
    )


@strawberry.input(description="Open a red-warm station at a grid's red station (建设红·暖之家).")
class CreateRedWarmStationInput:
    grid_id: strawberry.ID = strawberry.field(
        description="The grid (网格) whose red station hosts it."
    )
    name: str = strawberry.field(description="Name (名称).")
    address: str = strawberry.field(default="", description="Street address (地址).")
    latitude: float = strawberry.field(description="Latitude (纬度), WGS-84 degrees.")
    longitude: float = strawberry.field(description="Longitude (经度), WGS-84 degrees.")
    contact_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="The person who runs it (负责人), if on file."
    )
    contact_name: str | None = strawberry.field(default=None, description="Contact name (联系人).")
    contact_phone: str | None = strawberry.field(
        default=None, description="Contact phone (联系电话)."
    )
    opened_on: date | None = strawberry.field(
        default=None, description="Opening day (启用日期); by default today."
    )
    hours: list[StationHoursInput] = strawberry.field(
        default_factory=list,
        description="Weekly opening hours (开放时间); a weekday left out is closed.",
    )
    services: list[StationServiceCode] = strawberry.field(
        default_factory=list, description='Standard services offered ("10"项标准服务).'
    )
    local_services: list[str] = strawberry.field(
        default_factory=list, description='Local extras ("X"项特色服务), at most 10.'
    )


@strawberry.input(description="Replace a station's weekly hours (调整开放时间).")
class SetStationHoursInput:
    station_id: strawberry.ID = strawberry.field(description=STATION)
    hours: list[StationHoursInput] = strawberry.field(
        description="The week's opening hours (开放时间); a weekday left out is closed."
    )


@strawberry.input(description="Replace a station's services (调整服务项目).")
class SetStationServicesInput:
    station_id: strawberry.ID = strawberry.field(description=STATION)
    services: list[StationServiceCode] = strawberry.field(
        description='Standard services offered ("10"项标准服务).'
    )
    local_services: list[str] = strawberry.field(
        default_factory=list, description='Local extras ("X"项特色服务), at most 10.'
    )


@strawberry.input(description="A rider used a service at a station (驿站服务记录).")
class RecordStationVisitInput:
    station_id: strawberry.ID = strawberry.field(description=STATION)
    service: StationServiceCode | None = strawberry.field(
        default=None, description="The standard service used (使用的服务); or name a local one."
    )
    local_service: str | None = strawberry.field(
        default=None, description="The local service used (特色服务), by its name."
    )
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="The rider (骑手) staff record for; by default the viewer."
    )
