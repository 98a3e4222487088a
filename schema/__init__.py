"""The GraphQL schema: every domain's queries and mutations merged into one Schema."""

from __future__ import annotations

from functools import cache

import strawberry
from graphql import GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.accounts.audit import AuditEntry, AuditQuery
from schema.accounts.mutations import AccountsMutation
from schema.accounts.queries import AccountsQuery
from schema.accounts.types import User
from schema.admission import Admission
from schema.errors import ValidationCodes, assign_code
from schema.limits import DocumentLimits, remove_suggestions
from schema.node import NodeQuery
from schema.organization.mutations import OrganizationMutation
from schema.organization.queries import OrganizationQuery
from schema.organization.types import Building, Community, District, Grid, PartyOrganization, Street
from schema.people.mutations import PeopleMutation
from schema.people.queries import PeopleQuery
from schema.people.types import Person, PersonRole
from schema.permissions import guard
from schema.projects.mutations import ProjectsMutation
from schema.projects.queries import ProjectsQuery
from schema.projects.types import (
    NegativeListViolation,
    Project,
    ProjectCheckpoint,
    ProjectEvent,
    ProjectMilestone,
    ProjectUpdate,
)
from schema.property.types import PropertyCompany
from schema.scalars import SCALAR_MAP
from schema.units.mutations import UnitsMutation
from schema.units.queries import UnitsQuery
from schema.units.types import MemberReport, WorkUnit
from schema.volunteering.ledger import HoursEntry
from schema.volunteering.mutations import VolunteeringMutation
from schema.volunteering.orders import ServiceOrder, ServiceOrderEvent
from schema.volunteering.plan_mutations import ServicePlansMutation
from schema.volunteering.plan_queries import ServicePlansQuery
from schema.volunteering.plans import MonthlyPublication, PlannedService, ServicePlan
from schema.volunteering.queries import VolunteeringQuery
from schema.volunteering.recipients import KeyRecipient, LocalServiceItem
from schema.volunteering.reports import ServiceReportsQuery
from schema.volunteering.teams import TeamMembership, Volunteer, VolunteerTeam

Query = merge_types(
    "Query",
    (
        NodeQuery,
        AccountsQuery,
        AuditQuery,
        OrganizationQuery,
        PeopleQuery,
        UnitsQuery,
        VolunteeringQuery,
        ServicePlansQuery,
        ServiceReportsQuery,
        ProjectsQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountsMutation,
        OrganizationMutation,
        PeopleMutation,
        UnitsMutation,
        VolunteeringMutation,
        ServicePlansMutation,
        ProjectsMutation,
    ),
)


class Schema(strawberry.Schema):
    # With `disable_field_suggestions`, every "Did you mean …?" goes, not only fields'.
    remove_field_suggestion = staticmethod(remove_suggestions)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Code every error (Strawberry calls this for parse, validation and execution
        errors alike); only unexpected ones are logged, by `assign_code`."""
        request_id = getattr(execution_context and execution_context.context, "request_id", "")
        for error in errors:
            assign_code(error, request_id)


def build_schema(production: bool = False) -> Schema:
    """The schema; in production without introspection and without suggestions in
    error messages, so that clients learn only the documented API."""
    rules = (NoSchemaIntrospectionCustomRule,) if production else ()
    built = Schema(
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
            User,
            AuditEntry,
            VolunteerTeam,
            Volunteer,
            TeamMembership,
            ServiceOrder,
            ServiceOrderEvent,
            HoursEntry,
            KeyRecipient,
            LocalServiceItem,
            ServicePlan,
            PlannedService,
            MonthlyPublication,
            PropertyCompany,
            Project,
            ProjectMilestone,
            ProjectUpdate,
            ProjectCheckpoint,
            ProjectEvent,
            NegativeListViolation,
        ],
        extensions=[
            ValidationCodes,
            lambda: DocumentLimits(*rules),
            Admission,
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
        ],
        config=StrawberryConfig(
            auto_camel_case=True,
            disable_field_suggestions=production,
            scalar_map=SCALAR_MAP,
        ),
    )
    guard(built._schema)
    return built


schema = build_schema()


@cache
def schema_for(production: bool) -> Schema:
    """The development schema (also exported as SDL), or the production one, built once."""
    return build_schema(production=True) if production else schema
