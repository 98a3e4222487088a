"""Grid incidents (网格事件): the category catalogue, the coordinating departments, the
incidents, their participants, dated tasks and history."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Department,
    Grid,
    Incident,
    IncidentCategory,
    IncidentEvent,
    IncidentParticipant,
    IncidentTask,
)
from resolvers.domain import DISTRICT_WIDE, Domain, NodeType, via
from resolvers.errors import UserErrorCode as C
from resolvers.incidents.visibility import (
    AREA_READERS,
    incident_events_seen_by,
    incident_participants_seen_by,
    incident_tasks_seen_by,
    incidents_seen_by,
)
from resolvers.rules import COMMUNITY_STAFF, PUBLIC, REGISTRARS, Read, Write

# Reporters read what they reported; staff and departments the incidents of their area.
READERS = AREA_READERS | {R.RESIDENT, R.PARTY_MEMBER}
SEEN = "incidents of the viewer's area, or that they reported"
DEPARTMENT = frozenset({R.DEPARTMENT_STAFF})
REPORTERS = frozenset({R.RESIDENT, R.PARTY_MEMBER})

# The catalogue and the departments are published; an incident sits at its grid.
NODES = (
    NodeType("IncidentCategory", IncidentCategory, PUBLIC, DISTRICT_WIDE),
    NodeType("Department", Department, PUBLIC, DISTRICT_WIDE),
    NodeType("Incident", Incident, Read(READERS, incidents_seen_by, SEEN), via("grid_id", Grid)),
    NodeType(
        "IncidentParticipant",
        IncidentParticipant,
        Read(READERS, incident_participants_seen_by, SEEN),
        via("incident_id", Incident),
    ),
    NodeType(
        "IncidentTask",
        IncidentTask,
        Read(AREA_READERS, incident_tasks_seen_by, SEEN),
        via("incident_id", Incident),
    ),
    NodeType(
        "IncidentEvent",
        IncidentEvent,
        Read(READERS, incident_events_seen_by, SEEN),
        via("incident_id", Incident),
    ),
)

IN_COMMUNITY = "the incident's community"
FOR_DEPARTMENT = "the incident's community; department staff: their department's part"

DOMAIN = Domain(
    name="incidents",
    description="Grid incidents (网格事件)",
    nodes=NODES,
    writes={
        # A grid leader on patrol, a resident, or staff for a resident (代登记).
        "reportIncident": Write(REGISTRARS | REPORTERS, "the incident's grid"),
        "callIncident": Write(COMMUNITY_STAFF, IN_COMMUNITY),
        "respondToIncident": Write(COMMUNITY_STAFF | DEPARTMENT, FOR_DEPARTMENT, DEPARTMENT),
        "addIncidentTask": Write(COMMUNITY_STAFF, IN_COMMUNITY),
        "updateIncidentTask": Write(COMMUNITY_STAFF | DEPARTMENT, FOR_DEPARTMENT, DEPARTMENT),
        "escalateIncident": Write(COMMUNITY_STAFF, IN_COMMUNITY),
        "verifyIncident": Write(REGISTRARS, "the incident's grid"),
        "closeIncident": Write(COMMUNITY_STAFF, IN_COMMUNITY),
        "mergeIncident": Write(COMMUNITY_STAFF, "both incidents' community"),
        "recordIncidentCallback": Write(
            COMMUNITY_STAFF | REPORTERS,
            "the incident's community; a resident: an incident they reported",
            REPORTERS,
        ),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.REASON_REQUIRED,
        C.OUT_OF_AREA,
        C.OUT_OF_RANGE,
    ),
)
