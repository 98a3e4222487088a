"""Volunteer services (志愿服务): the load test's documents of this domain."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

ORDER_FIELDS = "id status title scheduledStart scheduledEnd claimer { id } team { id }"


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


OPERATIONS: tuple[Operation, ...] = (
    COMMUNITY_TEAMS,
    SERVICE_PLANS,
    MONTHLY_PUBLICATIONS,
    DISTRICT_ORDERS,
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
)
