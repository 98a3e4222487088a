"""Enums of the organisation tree, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.StreetKind,
    description="Kind of street-level unit: SUBDISTRICT (街道) or TOWN (镇).",
)

strawberry.enum(
    models.PartyOrganizationKind,
    description=(
        "Kind of party organisation (党组织类型): STREET_WORKING_COMMITTEE (街道大工委),"
        " COMMUNITY_PARTY_COMMITTEE (社区大党委), GRID_PARTY_BRANCH (网格党支部),"
        " GRID_PARTY_GROUP (网格党小组), BUILDING_PARTY_GROUP (楼栋党小组)."
    ),
)

# The models' enums, registered above with their GraphQL descriptions.
StreetKind = models.StreetKind
PartyOrganizationKind = models.PartyOrganizationKind
