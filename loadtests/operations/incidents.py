"""Grid incidents (网格事件): the load test's documents of this domain."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

INCIDENT_FIELDS = (
    "id status tier callbackResult reporterName"
    " participants { department { id } respondedAt } tasks { id status department { id } }"
)

INCIDENT_CATALOGUE = query(
    "IncidentCatalogue",
    "{ incidentCategories { id code attributes { code datatype required values } } }",
)

INCIDENTS = query(
    "Incidents",
    f"""{{
  incidents(filter: $filter, first: 20) {{
    totalCount nodes {{ {INCIDENT_FIELDS} }}
  }}
}}""",
    "($filter: IncidentFilterInput)",
)

# What a reporter (a resident, a party member) reads of the incidents they reported:
# the departments' tasks are read by area staff and departments only, so a reporter's
# document asking for them would be answered FORBIDDEN on that field.
REPORTED_INCIDENTS = query(
    "ReportedIncidents",
    """{
  incidents(filter: $filter, first: 20) { totalCount nodes { id status callbackResult } }
}""",
    "($filter: IncidentFilterInput)",
)

DEPARTMENT_TASKS = query(
    "DepartmentTasks",
    """{
  incidentTasks(filter: {departmentId: $department, statuses: [OPEN, IN_PROGRESS]}, first: 20) {
    totalCount nodes { id status dueAt overdue incident { id status } }
  }
}""",
    "($department: ID!)",
)

INCIDENT_STATISTICS = query(
    "IncidentStatistics",
    "{ incidentStatistics(filter: $filter) { total byStatus { key count } byTier { key count } } }",
    "($filter: IncidentFilterInput)",
)


def _mutation(field: str, input_type: str, result: str = "incident { id status }") -> Operation:
    return mutation(
        field,
        field,
        f"{{ {field}(input: $input) {{ {result} userErrors {{ field code message }} }} }}",
        f"($input: {input_type}!)",
    )


REPORT_INCIDENT = _mutation("reportIncident", "ReportIncidentInput")
CALL_INCIDENT = _mutation("callIncident", "CallIncidentInput")
RESPOND_TO_INCIDENT = _mutation("respondToIncident", "RespondToIncidentInput")
ADD_INCIDENT_TASK = _mutation("addIncidentTask", "AddIncidentTaskInput", "task { id status }")
UPDATE_INCIDENT_TASK = _mutation(
    "updateIncidentTask", "UpdateIncidentTaskInput", "task { id status }"
)
VERIFY_INCIDENT = _mutation("verifyIncident", "VerifyIncidentInput")
RECORD_INCIDENT_CALLBACK = _mutation("recordIncidentCallback", "RecordIncidentCallbackInput")

OPERATIONS: tuple[Operation, ...] = (
    INCIDENT_CATALOGUE,
    INCIDENTS,
    REPORTED_INCIDENTS,
    DEPARTMENT_TASKS,
    INCIDENT_STATISTICS,
    REPORT_INCIDENT,
    CALL_INCIDENT,
    RESPOND_TO_INCIDENT,
    ADD_INCIDENT_TASK,
    UPDATE_INCIDENT_TASK,
    VERIFY_INCIDENT,
    RECORD_INCIDENT_CALLBACK,
)
