"""All models, imported here so that `Base.metadata` knows every table."""

from db.models.accounts import (
    AccountRole,
    AuditEntry,
    CostWindow,
    RefreshToken,
    User,
    UserGrant,
)
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
    "AccountRole",
    "AuditEntry",
    "Building",
    "Community",
    "CostWindow",
    "District",
    "Gender",
    "Grid",
    "MemberReport",
    "PartyOrganization",
    "PartyOrganizationKind",
    "Person",
    "PersonRole",
    "RefreshToken",
    "RoleKind",
    "Street",
    "StreetKind",
    "User",
    "UserGrant",
    "WorkUnit",
    "WorkUnitKind",
]
