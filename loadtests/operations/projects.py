"""Projects (项目): the load test's documents of this domain."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

COMMUNITY_PROJECTS = query(
    "CommunityProjects",
    """{
  projects(filter: {communityId: $community}, first: 20) {
    totalCount nodes { id title kind status progress ownerName dueOn }
  }
}""",
    "($community: ID!)",
)


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


OPERATIONS: tuple[Operation, ...] = (
    COMMUNITY_PROJECTS,
    UNIT_PROJECTS,
    REPORT_PROGRESS,
)
