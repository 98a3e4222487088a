"""Training with the "five ones", study sessions and party life (培训、学习研讨与组织生活).

Party meetings live in this domain rather than their own: they share its figures, its
migration and its generator step with the study sessions held on the same party days."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Community,
    CourseEnrolment,
    CourseRecord,
    District,
    MeetingAttendance,
    PartyMeeting,
    PartyMeetingEvent,
    PartyOrganization,
    Street,
    StudyProblem,
    StudyProblemEvent,
    StudySession,
    TrainingCourse,
)
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import ADMINS, COMMUNITY_STAFF, EVERY_ROLE, STAFF, Read, Write
from resolvers.training.queries import (
    attendance_seen_by,
    enrolments_seen_by,
    meeting_events_seen_by,
    meetings_seen_by,
    problem_events_seen_by,
    problems_seen_by,
    sessions_seen_by,
)

MEMBERS = STAFF | {R.PARTY_MEMBER}
AREA = "the staff's area"
MEETINGS_SEEN = "meetings of the staff's area; a member: of their organisations"

# Courses and their five records are read by everyone signed in; a training record by
# staff and by its own person; study sessions by the staff of the area; meetings by the
# staff of the area and the organisation's members.
NODES = (
    NodeType(
        "TrainingCourse",
        TrainingCourse,
        Read(EVERY_ROLE),
        TreePath(up=(Hop("street_id", Street), Hop("district_id", District))),
    ),
    NodeType("CourseRecord", CourseRecord, Read(EVERY_ROLE), via("course_id", TrainingCourse)),
    NodeType(
        "CourseEnrolment",
        CourseEnrolment,
        Read(EVERY_ROLE, enrolments_seen_by, "staff; anyone else their own"),
        via("course_id", TrainingCourse),
    ),
    NodeType(
        "StudySession",
        StudySession,
        Read(STAFF, sessions_seen_by, AREA),
        via("community_id", Community),
    ),
    NodeType(
        "StudyProblem",
        StudyProblem,
        Read(STAFF, problems_seen_by, AREA + "; and problems the viewer owns"),
        via("community_id", Community),
    ),
    NodeType(
        "StudyProblemEvent",
        StudyProblemEvent,
        Read(STAFF, problem_events_seen_by, AREA),
        via("problem_id", StudyProblem),
    ),
    NodeType(
        "PartyMeeting",
        PartyMeeting,
        Read(MEMBERS, meetings_seen_by, MEETINGS_SEEN),
        via("party_organization_id", PartyOrganization),
    ),
    NodeType(
        "PartyMeetingEvent",
        PartyMeetingEvent,
        Read(MEMBERS, meeting_events_seen_by, MEETINGS_SEEN),
        via("meeting_id", PartyMeeting),
    ),
    NodeType(
        "MeetingAttendance",
        MeetingAttendance,
        Read(MEMBERS, attendance_seen_by, MEETINGS_SEEN),
        via("meeting_id", PartyMeeting),
    ),
)

COURSE = "the course's street, or the district"
ORGANIZATION = "the meeting's party organisation"

DOMAIN = Domain(
    name="training",
    description='Training with the "five ones", study sessions and party life'
    " (五个一培训、学习研讨、主题党日与三会一课)",
    nodes=NODES,
    writes={
        "createTrainingCourse": Write(ADMINS, "the street, or the district"),
        "recordCourseFiveOnes": Write(ADMINS, COURSE),
        "enrolInCourse": Write(ADMINS, COURSE),
        "recordCourseResult": Write(ADMINS, COURSE),
        "recordStudySession": Write(COMMUNITY_STAFF, "the community"),
        "addStudyProblem": Write(COMMUNITY_STAFF, "the session's community"),
        "correctStudyProblem": Write(COMMUNITY_STAFF, "the problem's community"),
        "schedulePartyMeeting": Write(COMMUNITY_STAFF, "the party organisation"),
        "holdPartyMeeting": Write(COMMUNITY_STAFF, ORGANIZATION),
        "cancelPartyMeeting": Write(COMMUNITY_STAFF, ORGANIZATION),
        "linkServiceToPartyMeeting": Write(
            COMMUNITY_STAFF, "the planned service and the meeting's organisation"
        ),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.ALREADY_RECORDED,
        C.ALREADY_REGISTERED,
        C.NOT_A_PARTY_MEMBER,
        C.OUT_OF_RANGE,
        C.OUT_OF_AREA,
        C.REASON_REQUIRED,
        C.SCOPE_REQUIRED,
    ),
)
