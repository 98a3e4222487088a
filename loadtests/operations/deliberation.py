"""Deliberation (好商量, 联席会议): the load test's documents of this domain — a community
secretary runs the community's consultations from topic to outcome, and records its
quarter's joint meeting: problems raised, decided and solved."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

CONSULTATION_FIELDS = (
    "id status followUps { id doneAt } fiveHaves { missing } events { action toStatus }"
)
PROBLEM_FIELDS = "id status dueOn overdue"


def _step(name: str, input_type: str, result: str, fields: str) -> Operation:
    """A deliberation mutation answered with its row and its userErrors."""
    return mutation(
        name,
        name,
        f"{{ {name}(input: $input)"
        f" {{ {result} {{ {fields} }} userErrors {{ field code message }} }} }}",
        f"($input: {input_type}!)",
    )


PROPOSE_CONSULTATION = _step(
    "proposeConsultation", "ProposeConsultationInput", "consultation", CONSULTATION_FIELDS
)
SCHEDULE_CONSULTATION = _step(
    "scheduleConsultation", "ScheduleConsultationInput", "consultation", CONSULTATION_FIELDS
)
RECORD_CONSULTATION = _step(
    "recordConsultation", "RecordConsultationInput", "consultation", CONSULTATION_FIELDS
)
COMPLETE_FOLLOW_UP = _step(
    "completeConsultationFollowUp",
    "CompleteConsultationFollowUpInput",
    "consultation",
    CONSULTATION_FIELDS,
)
CLOSE_CONSULTATION = _step(
    "closeConsultation", "CloseConsultationInput", "consultation", CONSULTATION_FIELDS
)
CONVENE_JOINT_MEETING = _step("conveneJointMeeting", "ConveneJointMeetingInput", "meeting", "id")
RAISE_PROBLEM = _step(
    "raiseJointMeetingProblem", "RaiseJointMeetingProblemInput", "problem", PROBLEM_FIELDS
)
DECIDE_PROBLEM = _step(
    "decideJointMeetingProblem", "DecideJointMeetingProblemInput", "problem", PROBLEM_FIELDS
)
SOLVE_PROBLEM = _step(
    "solveJointMeetingProblem", "SolveJointMeetingProblemInput", "problem", PROBLEM_FIELDS
)

CONSULTATION_CATEGORIES = query(
    "ConsultationCategories", "{ consultationCategories { id code name } }"
)
COMMUNITY_CONSULTATIONS = query(
    "CommunityConsultations",
    f"""{{
  consultations(filter: {{communityId: $community, open: true}}, first: 10) {{
    totalCount nodes {{ {CONSULTATION_FIELDS} topic category {{ name }} }}
  }}
}}""",
    "($community: ID!)",
)
COMMUNITY_JOINT_MEETING = query(
    "CommunityJointMeeting",
    f"""{{
  jointMeetings(filter: {{communityId: $community, year: $year, quarter: $quarter}}, first: 1) {{
    nodes {{ id level title problems {{ {PROBLEM_FIELDS} }} }}
  }}
}}""",
    "($community: ID!, $year: Int!, $quarter: Int!)",
)
JOINT_MEETING_ROLLUPS = query(
    "JointMeetingRollups",
    """{
  jointMeetingRollups(year: $year) { level quarter meetings raised solved open overdue passed }
}""",
    "($year: Int!)",
)

OPERATIONS: tuple[Operation, ...] = (
    PROPOSE_CONSULTATION,
    SCHEDULE_CONSULTATION,
    RECORD_CONSULTATION,
    COMPLETE_FOLLOW_UP,
    CLOSE_CONSULTATION,
    CONVENE_JOINT_MEETING,
    RAISE_PROBLEM,
    DECIDE_PROBLEM,
    SOLVE_PROBLEM,
    CONSULTATION_CATEGORIES,
    COMMUNITY_CONSULTATIONS,
    COMMUNITY_JOINT_MEETING,
    JOINT_MEETING_ROLLUPS,
)
