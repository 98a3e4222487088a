"""Volunteer services' part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
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

DOMAIN = SchemaDomain(
    "volunteering",
    queries=(VolunteeringQuery, ServicePlansQuery, ServiceReportsQuery),
    mutations=(VolunteeringMutation, ServicePlansMutation),
    types=(
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
    ),
)
