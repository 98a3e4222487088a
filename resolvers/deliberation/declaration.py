"""Deliberation: "Let's talk it over" consultations (好商量) and the three-level joint
meetings (三级联席会议)."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Community,
    Consultation,
    ConsultationCategory,
    ConsultationEvent,
    ConsultationFeedback,
    ConsultationFollowUp,
    ConsultationParticipant,
    District,
    Grid,
    JointMeeting,
    JointMeetingProblem,
    JointMeetingProblemEvent,
    Street,
)
from resolvers.deliberation import consultation_queries as cq
from resolvers.deliberation import joint_meeting_queries as mq
from resolvers.domain import DISTRICT_WIDE, Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import EVERY_ROLE, PUBLIC, Read, Write

# The community's secretary and workers run its consultations; residents and members raise
# topics in their own community and give feedback on those they took part in.
RUNNERS = frozenset({R.COMMUNITY_SECRETARY, R.COMMUNITY_WORKER})
SELF = frozenset({R.RESIDENT, R.PARTY_MEMBER})
# The district admin runs the district's meeting, a street admin its street's, a
# community secretary its community's.
CHAIRS = frozenset({R.DISTRICT_ADMIN, R.STREET_ADMIN, R.COMMUNITY_SECRETARY})
CONSULTATION = "the consultation's community"
TAKES_PART = "consultations the viewer sees (staff: their area; others: those they take part in)"
BODY = "the meeting's body (district, street or community)"

CONSULTATION_PATH = TreePath(up=(Hop("grid_id", Grid), Hop("community_id", Community)))
MEETING_PATH = TreePath(
    up=(Hop("community_id", Community), Hop("street_id", Street), Hop("district_id", District))
)


def _parts(
    model: type[
        ConsultationParticipant | ConsultationFollowUp | ConsultationFeedback | ConsultationEvent
    ],
    name: str,
) -> NodeType:
    return NodeType(
        name,
        model,
        Read(EVERY_ROLE, cq.parts_seen_by(model.consultation_id), TAKES_PART),
        via("consultation_id", Consultation),
    )


NODES = (
    NodeType("ConsultationCategory", ConsultationCategory, PUBLIC, DISTRICT_WIDE),
    NodeType(
        "Consultation", Consultation, Read(EVERY_ROLE, cq.seen_by, TAKES_PART), CONSULTATION_PATH
    ),
    _parts(ConsultationParticipant, "ConsultationParticipant"),
    _parts(ConsultationFollowUp, "ConsultationFollowUp"),
    _parts(ConsultationFeedback, "ConsultationFeedback"),
    _parts(ConsultationEvent, "ConsultationEvent"),
    NodeType(
        "JointMeeting",
        JointMeeting,
        Read(mq.MEETING_READERS, mq.seen_by, "meetings of the viewer's body and those under it"),
        MEETING_PATH,
    ),
    NodeType(
        "JointMeetingProblem",
        JointMeetingProblem,
        Read(mq.MEETING_READERS, mq.problems_seen_by, "problems of meetings the viewer sees"),
        via("meeting_id", JointMeeting),
    ),
    NodeType(
        "JointMeetingProblemEvent",
        JointMeetingProblemEvent,
        Read(
            mq.MEETING_READERS,
            mq.problem_events_seen_by,
            "steps of problems in meetings the viewer sees",
        ),
        via("problem_id", JointMeetingProblem),
    ),
)

DOMAIN = Domain(
    name="deliberation",
    description='"Let\'s talk it over" consultations and three-level joint meetings'
    " (好商量议事协商、三级联席会议)",
    nodes=NODES,
    writes={
        "proposeConsultation": Write(
            RUNNERS | SELF, "the community; a resident or member: in the community of their grant"
        ),
        "addConsultationParticipant": Write(RUNNERS, CONSULTATION),
        "scheduleConsultation": Write(RUNNERS, CONSULTATION),
        "recordConsultation": Write(RUNNERS, CONSULTATION),
        "addConsultationFollowUp": Write(RUNNERS, CONSULTATION),
        "completeConsultationFollowUp": Write(RUNNERS, CONSULTATION),
        "closeConsultation": Write(RUNNERS, CONSULTATION),
        "cancelConsultation": Write(RUNNERS, CONSULTATION),
        "giveConsultationFeedback": Write(
            RUNNERS | SELF,
            "the consultation; a resident or member: one they took part in",
            own_only=SELF,
        ),
        "conveneJointMeeting": Write(CHAIRS, "the body: the district, a street or a community"),
        "recordJointMeeting": Write(CHAIRS, BODY),
        "raiseJointMeetingProblem": Write(CHAIRS, BODY),
        "decideJointMeetingProblem": Write(CHAIRS, BODY),
        "solveJointMeetingProblem": Write(CHAIRS, BODY),
        "passJointMeetingProblem": Write(CHAIRS, "the body of the meeting it leaves"),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.OUT_OF_AREA,
        C.REASON_REQUIRED,
        C.ALREADY_RECORDED,
        C.WRONG_LEVEL,
        C.FOLLOW_UPS_OPEN,
    ),
)
