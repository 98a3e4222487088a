"""Property companies (物业企业) in co-building with the community they signed with."""

from __future__ import annotations

from db.models import Community, PropertyCompany
from resolvers.domain import Domain, NodeType, via
from resolvers.rules import COMMUNITY_STAFF, EVERY_ROLE, Read, Write

DOMAIN = Domain(
    name="property",
    description="Property companies (物业企业)",
    nodes=(
        NodeType(
            "PropertyCompany",
            PropertyCompany,
            Read(EVERY_ROLE),
            via("community_id", Community, property_company_id="id"),
        ),
    ),
    writes={
        "registerPropertyCompany": Write(COMMUNITY_STAFF, "the community it signed with"),
    },
)
