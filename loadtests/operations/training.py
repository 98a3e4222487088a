"""Training and party life (培训与组织生活): the load test's documents of this domain — a
secretary records the community's study session with the problems found, a party member
reads their training record and the meetings of their organisation."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

RECORD_STUDY_SESSION = mutation(
    "recordStudySession",
    "recordStudySession",
    "{ recordStudySession(input: $input)"
    " { session { id problems { id } } userErrors { field code message } } }",
    "($input: RecordStudySessionInput!)",
)

MY_TRAINING_RECORD = query(
    "MyTrainingRecord",
    """{
  trainingRecord(first: 10) {
    totalCount nodes { id completed examScore attendance course { title audience mode startsAt } }
  }
}""",
)

MY_PARTY_MEETINGS = query(
    "MyPartyMeetings",
    """{
  partyMeetings(filter: {status: HELD}, first: 10) {
    totalCount nodes { id kind theme scheduledAt present absent excused }
  }
}""",
)

OPERATIONS: tuple[Operation, ...] = (
    RECORD_STUDY_SESSION,
    MY_TRAINING_RECORD,
    MY_PARTY_MEETINGS,
)
