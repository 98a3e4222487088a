"""Property complaints (物业投诉) on the "2310" clock, company ratings (物业企业评价) and
the red/black list (红黑榜)."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Building,
    Community,
    CompanyRating,
    ComplaintEvent,
    District,
    PropertyCompany,
    PropertyComplaint,
    RedBlackList,
    RedBlackListEntry,
)
from resolvers.complaints.queries import events_seen_by, seen_by
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import COMMUNITY_STAFF, EVERY_ROLE, ORDERERS, PUBLIC, REGISTRARS, Read, Write

# A complaint is read by the staff of its area, the company it is against and whoever
# filed or made it; ratings by everyone signed in; the published lists by everyone.
NODES = (
    # At its community with its company, narrowed to the building's grid.
    NodeType(
        "PropertyComplaint",
        PropertyComplaint,
        Read(EVERY_ROLE, seen_by, "complaints the viewer takes part in"),
        TreePath(
            slots={"property_company_id": "property_company_id"},
            up=(Hop("community_id", Community),),
            narrower=Hop("building_id", Building),
        ),
    ),
    NodeType(
        "PropertyComplaintEvent",
        ComplaintEvent,
        Read(EVERY_ROLE, events_seen_by, "events of complaints the viewer takes part in"),
        via("complaint_id", PropertyComplaint),
    ),
    NodeType(
        "CompanyRating",
        CompanyRating,
        Read(EVERY_ROLE),
        via("property_company_id", PropertyCompany),
    ),
    NodeType("RedBlackList", RedBlackList, PUBLIC, via("district_id", District)),
    NodeType(
        "RedBlackListEntry", RedBlackListEntry, PUBLIC, via("property_company_id", PropertyCompany)
    ),
)

HANDLERS = COMMUNITY_STAFF | {R.PROPERTY_COMPANY}
SELF = frozenset({R.RESIDENT, R.PARTY_MEMBER})
HANDLED = "the complaint; a company: complaints against it"
OWN = "the complaint; a resident or member: a complaint they made"

DOMAIN = Domain(
    name="complaints",
    description='Property complaints on the "2310" clock, ratings and the red/black list'
    " (物业投诉、评价与红黑榜)",
    nodes=NODES,
    writes={
        "fileComplaint": Write(
            ORDERERS, "the building; a resident or member: in the community of their grant"
        ),
        "acknowledgeComplaint": Write(HANDLERS, HANDLED),
        "recordComplaintHandling": Write(HANDLERS, HANDLED),
        "pauseComplaint": Write(HANDLERS, HANDLED),
        "resumeComplaint": Write(HANDLERS, HANDLED),
        "resolveComplaint": Write(HANDLERS, HANDLED),
        "confirmComplaint": Write(REGISTRARS | SELF, OWN, own_only=SELF),
        "reopenComplaint": Write(REGISTRARS | SELF, OWN, own_only=SELF),
        "escalateComplaint": Write(COMMUNITY_STAFF, "the complaint's community"),
        "escalateOverdueComplaints": Write(COMMUNITY_STAFF, "the community"),
        "reassignComplaint": Write(COMMUNITY_STAFF, "the complaint's community"),
        "changeComplaintLevel": Write(COMMUNITY_STAFF, "the complaint's community"),
        "recordCompanyRating": Write(COMMUNITY_STAFF, "the company's community"),
        "publishRedBlackList": Write(frozenset({R.DISTRICT_ADMIN}), "the district"),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.OUT_OF_AREA,
        C.REASON_REQUIRED,
        C.ALREADY_RECORDED,
        C.ALREADY_PUBLISHED,
    ),
)
