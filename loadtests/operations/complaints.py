"""Property complaints on the "2310" clock (物业投诉): the load test's documents of this
domain — residents file and confirm, company staff work the clock, and both read the
on-time figures and the breach list."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

COMPLAINT_FIELDS = "id status level dueAt timeLeftSeconds breached escalation"


def _step(name: str, arguments: str, variables: str) -> Operation:
    """A complaint mutation whose payload is the complaint and its userErrors."""
    return mutation(
        name,
        name,
        f"{{ {name}(input: {{{arguments}}})"
        f" {{ complaint {{ {COMPLAINT_FIELDS} }} userErrors {{ field code message }} }} }}",
        variables,
    )


# A resident may not read people, themselves included: the complainant is left out (the
# integrity check finds it in the database).
FILE_COMPLAINT = mutation(
    "fileComplaint",
    "fileComplaint",
    "{ fileComplaint(input: $input)"
    f" {{ complaint {{ {COMPLAINT_FIELDS} }} userErrors {{ field code message }} }} }}",
    "($input: FileComplaintInput!)",
)
ACKNOWLEDGE_COMPLAINT = _step("acknowledgeComplaint", "complaintId: $id", "($id: ID!)")
HANDLE_COMPLAINT = _step(
    "recordComplaintHandling",
    "complaintId: $id, note: $note",
    "($id: ID!, $note: String!)",
)
PAUSE_COMPLAINT = _step(
    "pauseComplaint",
    "complaintId: $id, reason: $reason",
    "($id: ID!, $reason: String!)",
)
RESUME_COMPLAINT = _step("resumeComplaint", "complaintId: $id", "($id: ID!)")
RESOLVE_COMPLAINT = _step(
    "resolveComplaint",
    "complaintId: $id, resolution: $resolution",
    "($id: ID!, $resolution: String!)",
)
CONFIRM_COMPLAINT = _step(
    "confirmComplaint",
    "complaintId: $id, comment: $comment",
    "($id: ID!, $comment: String)",
)


MY_COMPLAINTS = query(
    "MyComplaints",
    f"""{{
  complaints(filter: {{status: $status}}, first: 10) {{
    totalCount nodes {{ {COMPLAINT_FIELDS} title propertyCompany {{ name }} }}
  }}
}}""",
    "($status: ComplaintStatus)",
)


COMPANY_COMPLAINTS = query(
    "CompanyComplaints",
    f"""{{
  complaints(filter: {{propertyCompanyId: $company, open: true}}, first: 10) {{
    totalCount nodes {{ {COMPLAINT_FIELDS} }}
  }}
}}""",
    "($company: ID!)",
)


BREACHED_COMPLAINTS = query(
    "BreachedComplaints",
    """{
  breachedComplaints(filter: {propertyCompanyId: $company, communityId: $community}, first: 20) {
    totalCount nodes { id level status dueAt resolvedAt escalation building { name } }
  }
}""",
    "($company: ID, $community: ID)",
)


ON_TIME_RATES = query(
    "ComplaintOnTimeRates",
    """{
  complaintOnTimeRates(groupBy: $groupBy, year: $year, quarter: $quarter) {
    group id name filed onTime late pending rate
  }
}""",
    "($groupBy: OnTimeGroup!, $year: Int!, $quarter: Int!)",
)


ESCALATE_OVERDUE = mutation(
    "escalateOverdueComplaints",
    "escalateOverdueComplaints",
    "{ escalateOverdueComplaints(input: {communityId: $community})"
    " { complaints { id escalation } userErrors { field code message } } }",
    "($community: ID!)",
)


OPERATIONS: tuple[Operation, ...] = (
    FILE_COMPLAINT,
    ACKNOWLEDGE_COMPLAINT,
    HANDLE_COMPLAINT,
    PAUSE_COMPLAINT,
    RESUME_COMPLAINT,
    RESOLVE_COMPLAINT,
    CONFIRM_COMPLAINT,
    MY_COMPLAINTS,
    COMPANY_COMPLAINTS,
    BREACHED_COMPLAINTS,
    ON_TIME_RATES,
    ESCALATE_OVERDUE,
)
