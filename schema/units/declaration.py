"""Dual reporting's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.units.mutations import UnitsMutation
from schema.units.queries import UnitsQuery
from schema.units.types import MemberReport, WorkUnit

DOMAIN = SchemaDomain(
    "units", queries=(UnitsQuery,), mutations=(UnitsMutation,), types=(WorkUnit, MemberReport)
)
