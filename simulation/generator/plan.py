"""The district's skeleton, fixed before any community is written, the residents of the
community being written, how counts are shared out between communities, and what the
domain generators (services, projects) are given of the district's generator."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from faker import Faker

from db.models import WorkUnitKind
from simulation import scale as figures
from simulation.generator.accounts import AccountWriter, GrantRow
from simulation.generator.timeline import Timeline
from simulation.generator.writer import BulkWriter
from simulation.scale import Scale


def apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` into parts proportional to `weights` (largest remainder), each at
    least `minimum` while the total allows."""
    parts = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest < 0:
        parts = [1 if i < total else 0 for i in range(len(weights))]
        return parts
    whole = sum(weights)
    shares = [rest * w / whole for w in weights]
    floors = [int(s) for s in shares]
    parts = [p + f for p, f in zip(parts, floors, strict=True)]
    left = rest - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: shares[i] - floors[i], reverse=True)
    for i in order[:left]:
        parts[i] += 1
    return parts


@dataclass
class Unit:
    id: int
    kind: WorkUnitKind
    community: int


@dataclass
class Plan:
    """The district's skeleton, fixed before any community is written."""

    subdistricts: list[tuple[int, int, str]] = field(default_factory=list)  # (street, org, name)
    communities_per_subdistrict: list[int] = field(default_factory=list)
    grids: list[int] = field(default_factory=list)  # per community
    workers: list[int] = field(default_factory=list)
    part_time: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # in-service members living there
    units: list[Unit] = field(default_factory=list)
    units_by_kind: dict[WorkUnitKind, list[Unit]] = field(default_factory=dict)
    units_by_community: dict[int, list[Unit]] = field(default_factory=dict)  # by key
    communities: list[tuple[int, str]] = field(default_factory=list)  # (key, name)
    leader_communities: set[int] = field(default_factory=set)  # community indexes
    cadre_grids: set[int] = field(default_factory=set)  # district-wide grid indexes
    # Grid incidents: each grid's buildings and its leader (person, account).
    grid_buildings: dict[int, list[int]] = field(default_factory=dict)
    grid_leaders: dict[int, tuple[int, int | None]] = field(default_factory=dict)


@dataclass
class Resident:
    """Someone living in the community being written, with their account (if any)."""

    person: int
    user: int | None
    building: int
    member: bool


class District(Protocol):
    """The district's generator as a domain generator sees it: where rows go, the seeded
    random streams, the skeleton, the history's calendar, and how people and their
    accounts are added."""

    w: BulkWriter
    timeline: Timeline
    seed: int
    rng: random.Random
    faker: Faker
    scale: Scale
    plan: Plan
    accounts: AccountWriter | None

    def day(self, start: date = figures.REPORTING_SINCE) -> date: ...

    def report_day(self, start: date) -> date: ...

    def stamps(self) -> dict[str, object]: ...

    async def person(
        self, building_id: int | None, years: tuple[int, int] = figures.BIRTH_YEARS
    ) -> tuple[int, str]: ...

    async def account(self, person: int, name: str, grants: list[GrantRow]) -> int | None: ...
