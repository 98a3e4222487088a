"""Red-warm stations (红·暖之家) for couriers and delivery riders: homes at grid red
stations (网格红色驿站) with their place on the map, weekly opening hours, the "10+X"
services each offers and the riders' visits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


class StationService(IdMixin, Base):
    """One of the ten standard services (“10+X”暖心服务的“10”), written by migration 0011
    (db/station_catalogue.py)."""

    __tablename__ = "station_services"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    english_name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)


class RedWarmStation(IdMixin, TimestampMixin, Base):
    """A red-warm home (红·暖之家) at a grid's red station, run by the grid's community."""

    __tablename__ = "red_warm_stations"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        Index("ix_red_warm_stations_position", "latitude", "longitude"),
    )

    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    opened_on: Mapped[date] = mapped_column(Date)


class StationHours(IdMixin, Base):
    """When a station is open on one weekday (1 Monday … 7 Sunday, Asia/Shanghai), in
    minutes after midnight. A span whose close is not after its opening runs overnight
    into the next day; 0 to 1440 is the whole day."""

    __tablename__ = "red_warm_station_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday_range"),
        CheckConstraint("opens_minute BETWEEN 0 AND 1439", name="opens_range"),
        CheckConstraint("closes_minute BETWEEN 1 AND 1440", name="closes_range"),
        Index("uq_red_warm_station_hours_station_weekday", "station_id", "weekday", unique=True),
    )

    station_id: Mapped[int] = mapped_column(ForeignKey("red_warm_stations.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    opens_minute: Mapped[int] = mapped_column(Integer)
    closes_minute: Mapped[int] = mapped_column(Integer)


class StationOffer(IdMixin, Base):
    """A service a station offers: a standard one (service_id) or a local extra (the “X”,
    local_name)."""

    __tablename__ = "red_warm_station_offers"
    __table_args__ = (
        CheckConstraint("(service_id IS NULL) <> (local_name IS NULL)", name="standard_or_local"),
        Index("ix_red_warm_station_offers_service", "service_id", "station_id"),
    )

    station_id: Mapped[int] = mapped_column(ForeignKey("red_warm_stations.id"), index=True)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("station_services.id"), default=None)
    local_name: Mapped[str | None] = mapped_column(String(60), default=None)


class StationVisit(IdMixin, Base):
    """A rider used a service at a station (驿站服务记录)."""

    __tablename__ = "red_warm_station_visits"
    __table_args__ = (Index("ix_red_warm_station_visits_station_at", "station_id", "visited_at"),)

    station_id: Mapped[int] = mapped_column(ForeignKey("red_warm_stations.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("station_services.id"), default=None)
    local_name: Mapped[str | None] = mapped_column(String(60), default=None)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
