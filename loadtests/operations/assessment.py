"""Observers and the yearly assessment (观察员与年度考核): the load test's documents of this
domain — an observer's communities of the year, their visits, and recording a visit with
its findings and the look (看) ring where assigned."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

OBSERVERS = query(
    "Observers",
    "{ observers(first: 50) { nodes { id name } } }",
)

OBSERVER_ASSIGNMENTS = query(
    "ObserverAssignments",
    """{
  observerAssignments(filter: {observerId: $observer, year: $year}, first: 50) {
    nodes { id year community { id name } }
  }
}""",
    "($observer: ID!, $year: Int!)",
)

OBSERVER_VISITS = query(
    "ObserverVisits",
    """{
  observerVisits(filter: {observerId: $observer, year: $year}, first: 20) {
    totalCount
    nodes { id kind visitedOn community { id } findings { id severity text project { id } } }
  }
}""",
    "($observer: ID!, $year: Int!)",
)

ASSESSMENT_YEAR = query(
    "AssessmentYear",
    "{ assessmentYear(year: $year) { observerVisits findings reviews shortfallProjects } }",
    "($year: Int!)",
)


def _mutation(field: str, input_type: str, result: str) -> Operation:
    return mutation(
        field,
        field,
        f"{{ {field}(input: $input) {{ {result} userErrors {{ field code message }} }} }}",
        f"($input: {input_type}!)",
    )


RECORD_OBSERVER_VISIT = _mutation(
    "recordObserverVisit", "RecordObserverVisitInput", "visit { id findings { id } }"
)
RECORD_RING = _mutation("recordRing", "RecordRingInput", "record { id ring }")

OPERATIONS: tuple[Operation, ...] = (
    OBSERVERS,
    OBSERVER_ASSIGNMENTS,
    OBSERVER_VISITS,
    ASSESSMENT_YEAR,
    RECORD_OBSERVER_VISIT,
    RECORD_RING,
)
