"""The GraphQL schema: every domain's queries and mutations merged into one Schema."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.errors import ErrorCodes
from schema.node import NodeQuery
from schema.organization.mutations import OrganizationMutation
from schema.organization.queries import OrganizationQuery
from schema.organization.types import Building, Community, District, Grid, PartyOrganization, Street
from schema.people.mutations import PeopleMutation
from schema.people.queries import PeopleQuery
from schema.people.types import Person, PersonRole
from schema.units.mutations import UnitsMutation
from schema.units.queries import UnitsQuery
from schema.units.types import MemberReport, WorkUnit

Query = merge_types("Query", (NodeQuery, OrganizationQuery, PeopleQuery, UnitsQuery))
Mutation = merge_types("Mutation", (OrganizationMutation, PeopleMutation, UnitsMutation))


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[
            District,
            Street,
            Community,
            Grid,
            Building,
            PartyOrganization,
            Person,
            PersonRole,
            WorkUnit,
            MemberReport,
        ],
        extensions=[
            ErrorCodes,
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


schema = build_schema()
