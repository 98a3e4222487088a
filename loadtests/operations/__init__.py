"""The named GraphQL documents the load test sends, declared by each domain in its own
module here (`OPERATIONS`); this module gathers them."""

from __future__ import annotations

from loadtests.operations import accounts, incidents, organization, projects, volunteering
from loadtests.operations.accounts import AUDIT_LOG, LOGIN, REFRESH_SESSION, VIEWER
from loadtests.operations.document import Operation, mutation, query
from loadtests.operations.incidents import (
    ADD_INCIDENT_TASK,
    CALL_INCIDENT,
    DEPARTMENT_TASKS,
    INCIDENT_CATALOGUE,
    INCIDENT_STATISTICS,
    INCIDENTS,
    RECORD_INCIDENT_CALLBACK,
    REPORT_INCIDENT,
    RESPOND_TO_INCIDENT,
    UPDATE_INCIDENT_TASK,
    VERIFY_INCIDENT,
)
from loadtests.operations.organization import COMMUNITY_PAGE, DISTRICT_OVERVIEW, DISTRICT_TREE
from loadtests.operations.projects import COMMUNITY_PROJECTS, REPORT_PROGRESS, UNIT_PROJECTS
from loadtests.operations.volunteering import (
    ACCEPT_ORDER,
    CLAIM_ORDER,
    COMMUNITY_ORDERS,
    COMMUNITY_TEAMS,
    COMPLETE_SERVICE,
    DECLINE_ORDER,
    DISPATCH_ORDER,
    DISTRICT_ORDERS,
    MONTHLY_PUBLICATIONS,
    MONTHLY_SUMMARY,
    MY_ORDERS,
    ORDER_FIELDS,
    OVERDUE_ORDERS,
    PLACE_ORDER,
    RATE_ORDER,
    SERVICE_PLANS,
    START_SERVICE,
    TEAM_ORDERS,
)

ALL: tuple[Operation, ...] = (
    *accounts.OPERATIONS,
    *organization.OPERATIONS,
    *volunteering.OPERATIONS,
    *projects.OPERATIONS,
    *incidents.OPERATIONS,
)

__all__ = [
    "ACCEPT_ORDER",
    "ADD_INCIDENT_TASK",
    "ALL",
    "AUDIT_LOG",
    "CALL_INCIDENT",
    "CLAIM_ORDER",
    "COMMUNITY_ORDERS",
    "COMMUNITY_PAGE",
    "COMMUNITY_PROJECTS",
    "COMMUNITY_TEAMS",
    "COMPLETE_SERVICE",
    "DECLINE_ORDER",
    "DEPARTMENT_TASKS",
    "DISPATCH_ORDER",
    "DISTRICT_ORDERS",
    "DISTRICT_OVERVIEW",
    "DISTRICT_TREE",
    "INCIDENTS",
    "INCIDENT_CATALOGUE",
    "INCIDENT_STATISTICS",
    "LOGIN",
    "MONTHLY_PUBLICATIONS",
    "MONTHLY_SUMMARY",
    "MY_ORDERS",
    "ORDER_FIELDS",
    "OVERDUE_ORDERS",
    "PLACE_ORDER",
    "RATE_ORDER",
    "RECORD_INCIDENT_CALLBACK",
    "REFRESH_SESSION",
    "REPORT_INCIDENT",
    "REPORT_PROGRESS",
    "RESPOND_TO_INCIDENT",
    "SERVICE_PLANS",
    "START_SERVICE",
    "TEAM_ORDERS",
    "UNIT_PROJECTS",
    "UPDATE_INCIDENT_TASK",
    "VERIFY_INCIDENT",
    "VIEWER",
    "Operation",
    "mutation",
    "query",
]
