"""The GraphQL schema: every domain's queries and mutations merged into one Schema."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.errors import ValidationCodes, assign_code
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


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Code every error (Strawberry calls this for parse, validation and execution
        errors alike); only unexpected ones are logged, by `assign_code`."""
        for error in errors:
            assign_code(error)


def build_schema() -> Schema:
    return Schema(
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
            ValidationCodes,
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


schema = build_schema()
