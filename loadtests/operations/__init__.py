"""The named GraphQL documents the load test sends, declared by each domain in its own
module here (`OPERATIONS`); this module gathers them."""

from __future__ import annotations

from loadtests.operations import accounts, complaints, organization, projects, volunteering
from loadtests.operations.accounts import AUDIT_LOG, LOGIN, REFRESH_SESSION, VIEWER
from loadtests.operations.complaints import (
    ACKNOWLEDGE_COMPLAINT,
    BREACHED_COMPLAINTS,
    COMPANY_COMPLAINTS,
    CONFIRM_COMPLAINT,
    ESCALATE_OVERDUE,
    FILE_COMPLAINT,
    HANDLE_COMPLAINT,
    MY_COMPLAINTS,
    ON_TIME_RATES,
    PAUSE_COMPLAINT,
    RESOLVE_COMPLAINT,
    RESUME_COMPLAINT,
)
from loadtests.operations.document import Operation, mutation, query
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
    *complaints.OPERATIONS,
)

__all__ = [
    "ACCEPT_ORDER",
    "ACKNOWLEDGE_COMPLAINT",
    "ALL",
    "AUDIT_LOG",
    "BREACHED_COMPLAINTS",
    "CLAIM_ORDER",
    "COMMUNITY_ORDERS",
    "COMMUNITY_PAGE",
    "COMMUNITY_PROJECTS",
    "COMMUNITY_TEAMS",
    "COMPANY_COMPLAINTS",
    "COMPLETE_SERVICE",
    "CONFIRM_COMPLAINT",
    "DECLINE_ORDER",
    "DISPATCH_ORDER",
    "DISTRICT_ORDERS",
    "DISTRICT_OVERVIEW",
    "DISTRICT_TREE",
    "ESCALATE_OVERDUE",
    "FILE_COMPLAINT",
    "HANDLE_COMPLAINT",
    "LOGIN",
    "MONTHLY_PUBLICATIONS",
    "MONTHLY_SUMMARY",
    "MY_COMPLAINTS",
    "MY_ORDERS",
    "ON_TIME_RATES",
    "ORDER_FIELDS",
    "OVERDUE_ORDERS",
    "PAUSE_COMPLAINT",
    "PLACE_ORDER",
    "RATE_ORDER",
    "REFRESH_SESSION",
    "REPORT_PROGRESS",
    "RESOLVE_COMPLAINT",
    "RESUME_COMPLAINT",
    "SERVICE_PLANS",
    "START_SERVICE",
    "TEAM_ORDERS",
    "UNIT_PROJECTS",
    "VIEWER",
    "Operation",
    "mutation",
    "query",
]
