"""The organisation tree's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.organization.mutations import OrganizationMutation
from schema.organization.queries import OrganizationQuery
from schema.organization.types import Building, Community, District, Grid, PartyOrganization, Street

DOMAIN = SchemaDomain(
    "organization",
    queries=(OrganizationQuery,),
    mutations=(OrganizationMutation,),
    types=(District, Street, Community, Grid, Building, PartyOrganization),
)
