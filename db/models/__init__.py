"""All models, imported here so that `Base.metadata` knows every table."""

from db.models.organization import (
    Building,
    Community,
    District,
    Grid,
    PartyOrganization,
    PartyOrganizationKind,
    Street,
    StreetKind,
)
from db.models.people import Gender, Person, PersonRole, RoleKind
from db.models.units import MemberReport, WorkUnit, WorkUnitKind

__all__ = [
    "Building",
    "Community",
    "District",
    "Gender",
    "Grid",
    "MemberReport",
    "PartyOrganization",
    "PartyOrganizationKind",
    "Person",
    "PersonRole",
    "RoleKind",
    "Street",
    "StreetKind",
    "WorkUnit",
    "WorkUnitKind",
]
