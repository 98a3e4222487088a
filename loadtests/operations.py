"""The named GraphQL documents the load test sends. Each request is reported under its
operation name, so the capacity report reads like the API a frontend calls; a document's
`name` is the operation name written inside it (a test holds them to that)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Operation:
    name: str
    document: str
    # A mutation's payload field, whose `userErrors` decide the outcome; None for queries.
    payload: str | None = None


def query(name: str, body: str, variables: str = "") -> Operation:
    return Operation(name, f"query {name}{variables} {body}")


def mutation(name: str, payload: str, body: str, variables: str) -> Operation:
    return Operation(name, f"mutation {name}{variables} {body}", payload)


ORDER_FIELDS = "id status title scheduledStart scheduledEnd claimer { id } team { id }"

# --- signing in -------------------------------------------------------------------------

LOGIN = mutation(
    "login",
    "login",
    "{ login(input: {username: $username, password: $password})"
    " { accessToken accessTokenExpiresAt refreshToken userErrors { code message } } }",
    "($username: String!, $password: String!)",
)
REFRESH_SESSION = mutation(
    "refreshSession",
    "refreshSession",
    "{ refreshSession(input: {refreshToken: $refreshToken})"
    " { accessToken accessTokenExpiresAt refreshToken userErrors { code message } } }",
    "($refreshToken: String!)",
)
VIEWER = query("Viewer", "{ viewer { username person { id } grants { role } } }")

# --- browsing the tree and the public lists ---------------------------------------------

DISTRICT_TREE = query(
    "DistrictTree",
    """{
  district {
    name communityCount gridCount partyMemberCount
    streets(first: 20) {
      totalCount
      nodes { id name kind communityCount
        communities(first: 20) { nodes { id name gridCount partyMemberCount } } }
    }
  }
}""",
)
COMMUNITY_PAGE = query(
    "CommunityPage",
    """{
  node(id: $id) {
    ... on Community {
      name gridCount buildingCount partyMemberCount workerCount street { name }
      partyOrganization { name kind }
      grids(first: 30) { totalCount nodes { id name buildingCount residentCount } }
    }
  }
}""",
    "($id: ID!)",
)
COMMUNITY_TEAMS = query(
    "CommunityTeams",
    """{
  volunteerTeams(filter: {communityId: $community}, first: 20) {
    totalCount nodes { id name level categories foundedOn }
  }
}""",
    "($community: ID!)",
)
SERVICE_PLANS = query(
    "ServicePlans",
    """{
  servicePlans(filter: {communityId: $community}, first: 6) {
    nodes { id kind year month title
      services(first: 10) { nodes { scheduledOn category title tieIn } } }
  }
}""",
    "($community: ID!)",
)
MONTHLY_PUBLICATIONS = query(
    "MonthlyPublications",
    """{
  monthlyPublications(filter: {communityId: $community}, first: 12) {
    nodes { year month services minutes volunteers recipientsServed ratings averageRating }
  }
}""",
    "($community: ID!)",
)
# Observers (基层党建观察员) read what a staff role may: orders and projects.
DISTRICT_ORDERS = query(
    "DistrictOrders",
    """{
  serviceOrders(filter: {communityId: $community}, first: 20) {
    totalCount nodes { id title category status scheduledStart rating community { name } }
  }
}""",
    "($community: ID!)",
)
COMMUNITY_PROJECTS = query(
    "CommunityProjects",
    """{
  projects(filter: {communityId: $community}, first: 20) {
    totalCount nodes { id title kind status progress ownerName dueOn }
  }
}""",
    "($community: ID!)",
)

# --- residents and key recipients (群众点单, 评单) ----------------------------------------

PLACE_ORDER = mutation(
    "placeServiceOrder",
    "placeServiceOrder",
    "{ placeServiceOrder(input: $input)"
    " { serviceOrder { id status community { id } } userErrors { field code message } } }",
    "($input: PlaceServiceOrderInput!)",
)
MY_ORDERS = query(
    "MyOrders",
    """{
  serviceOrders(filter: {statuses: $statuses}, first: 10) {
    totalCount nodes { id status title category scheduledStart scheduledEnd claimerName rating }
  }
}""",
    "($statuses: [OrderStatus!])",
)
RATE_ORDER = mutation(
    "rateServiceOrder",
    "rateServiceOrder",
    "{ rateServiceOrder(input: {orderId: $id, rating: $rating, comment: $comment})"
    " { serviceOrder { id status rating } userErrors { field code message } } }",
    "($id: ID!, $rating: Int!, $comment: String)",
)

# --- the order chain's staff and volunteers ---------------------------------------------

TEAM_ORDERS = query(
    "TeamOrders",
    f"""{{
  serviceOrders(filter: {{teamId: $team, statuses: $statuses}}, first: 10) {{
    totalCount nodes {{ {ORDER_FIELDS} }}
  }}
}}""",
    "($team: ID!, $statuses: [OrderStatus!])",
)
COMMUNITY_ORDERS = query(
    "CommunityOrders",
    f"""{{
  serviceOrders(filter: {{communityId: $community, statuses: $statuses}}, first: 10) {{
    totalCount nodes {{ {ORDER_FIELDS} }}
  }}
}}""",
    "($community: ID!, $statuses: [OrderStatus!])",
)
DISPATCH_ORDER = mutation(
    "dispatchServiceOrder",
    "dispatchServiceOrder",
    "{ dispatchServiceOrder(input: {orderId: $id, teamId: $team})"
    " { serviceOrder { id status team { id } } userErrors { field code message } } }",
    "($id: ID!, $team: ID!)",
)
ACCEPT_ORDER = mutation(
    "acceptServiceOrder",
    "acceptServiceOrder",
    "{ acceptServiceOrder(input: {orderId: $id})"
    " { serviceOrder { id status } userErrors { field code message } } }",
    "($id: ID!)",
)
DECLINE_ORDER = mutation(
    "declineServiceOrder",
    "declineServiceOrder",
    "{ declineServiceOrder(input: {orderId: $id, reason: $reason})"
    " { serviceOrder { id status } userErrors { field code message } } }",
    "($id: ID!, $reason: String!)",
)
CLAIM_ORDER = mutation(
    "claimServiceOrder",
    "claimServiceOrder",
    "{ claimServiceOrder(input: {orderId: $id})"
    " { serviceOrder { id status claimer { id } } userErrors { field code message } } }",
    "($id: ID!)",
)
START_SERVICE = mutation(
    "startService",
    "startService",
    "{ startService(input: {orderId: $id})"
    " { serviceOrder { id status startedAt } userErrors { field code message } } }",
    "($id: ID!)",
)
COMPLETE_SERVICE = mutation(
    "completeService",
    "completeService",
    "{ completeService(input: {orderId: $id, minutes: $minutes})"
    " { serviceOrder { id status minutes } userErrors { field code message } } }",
    "($id: ID!, $minutes: Int!)",
)
OVERDUE_ORDERS = query(
    "OverdueOrders",
    """{
  overdueServiceOrders(filter: {communityId: $community}, first: 20) {
    totalCount nodes { id title status waiting { step since overdueMinutes } }
  }
}""",
    "($community: ID!)",
)
MONTHLY_SUMMARY = query(
    "MonthlyServiceSummary",
    """{
  monthlyServiceSummary(year: $year, month: $month) {
    community { name } services minutes volunteers recipientsServed ratings averageRating
  }
}""",
    "($year: Int!, $month: Int!)",
)

# --- dual-reporting units (双报到) -------------------------------------------------------

UNIT_PROJECTS = query(
    "UnitProjects",
    """{
  node(id: $unit) {
    ... on WorkUnit {
      name
      projects(first: 20) {
        nodes { id title status progress milestones { id position title progress } }
      }
    }
  }
}""",
    "($unit: ID!)",
)
REPORT_PROGRESS = mutation(
    "reportProjectProgress",
    "reportProjectProgress",
    "{ reportProjectProgress(input: $input)"
    " { project { id status progress } userErrors { field code message } } }",
    "($input: ReportProjectProgressInput!)",
)

# --- district admins --------------------------------------------------------------------

AUDIT_LOG = query(
    "AuditLog",
    """{
  auditLog(first: 20) {
    totalCount nodes { id at operation action objectType actor { username } }
  }
}""",
)
DISTRICT_OVERVIEW = query(
    "DistrictOverview",
    """{
  district {
    name streetCount communityCount gridCount buildingCount partyMemberCount workerCount
    streets(first: 20) {
      nodes { name communityCount gridCount partyMemberCount workerCount
        communities(first: 20) { nodes { name gridCount buildingCount partyMemberCount workerCount
          partyOrganization { secretary { name } } } } }
    }
  }
}""",
)

ALL = (
    LOGIN,
    REFRESH_SESSION,
    VIEWER,
    DISTRICT_TREE,
    COMMUNITY_PAGE,
    COMMUNITY_TEAMS,
    SERVICE_PLANS,
    MONTHLY_PUBLICATIONS,
    DISTRICT_ORDERS,
    COMMUNITY_PROJECTS,
    PLACE_ORDER,
    MY_ORDERS,
    RATE_ORDER,
    TEAM_ORDERS,
    COMMUNITY_ORDERS,
    DISPATCH_ORDER,
    ACCEPT_ORDER,
    DECLINE_ORDER,
    CLAIM_ORDER,
    START_SERVICE,
    COMPLETE_SERVICE,
    OVERDUE_ORDERS,
    MONTHLY_SUMMARY,
    UNIT_PROJECTS,
    REPORT_PROGRESS,
    AUDIT_LOG,
    DISTRICT_OVERVIEW,
)
