"""Volunteer services (志愿服务): teams, volunteers, key recipients, the order chain, the
hours ledger, plans and the monthly publication."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Community,
    District,
    HoursEntry,
    KeyRecipient,
    LocalServiceItem,
    MonthlyPublication,
    OrderEvent,
    Person,
    PlannedService,
    ServiceOrder,
    ServicePlan,
    Street,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import (
    COMMUNITY_STAFF,
    EVERY_ROLE,
    ORDERERS,
    PUBLIC,
    REGISTRARS,
    TEAM_ROLES,
    VOLUNTEER_READERS,
    Read,
    Write,
)
from resolvers.volunteering.visibility import order_events_seen_by, orders_seen_by

# Teams, items, plans and the monthly publication are published; orders are read by
# everyone signed in, each list limited to what the viewer takes part in; people and
# recipients stay with staff and teams.
NODES = (
    NodeType("LocalServiceItem", LocalServiceItem, PUBLIC, via("community_id", Community)),
    # A team sits at its community, street or the district, and fills the team slot.
    NodeType(
        "VolunteerTeam",
        VolunteerTeam,
        PUBLIC,
        TreePath(
            slots={"team_id": "id"},
            up=(
                Hop("community_id", Community),
                Hop("street_id", Street),
                Hop("district_id", District),
            ),
        ),
    ),
    NodeType("Volunteer", Volunteer, Read(VOLUNTEER_READERS), via("person_id", Person)),
    NodeType(
        "TeamMembership", TeamMembership, Read(VOLUNTEER_READERS), via("team_id", VolunteerTeam)
    ),
    NodeType("KeyRecipient", KeyRecipient, Read(VOLUNTEER_READERS), via("person_id", Person)),
    # Where the recipient lives, down to the grid (a grid leader acts for residents
    # there), unless they have moved out of the order's community; with its team.
    NodeType(
        "ServiceOrder",
        ServiceOrder,
        Read(EVERY_ROLE, orders_seen_by, "orders the viewer takes part in"),
        TreePath(
            slots={"team_id": "team_id"},
            up=(Hop("community_id", Community),),
            narrower=Hop("recipient_id", Person),
        ),
    ),
    NodeType(
        "ServiceOrderEvent",
        OrderEvent,
        Read(EVERY_ROLE, order_events_seen_by, "events of orders the viewer takes part in"),
        via("order_id", ServiceOrder),
    ),
    NodeType(
        "HoursEntry",
        HoursEntry,
        Read(VOLUNTEER_READERS),
        via("community_id", Community, team_id="team_id"),
    ),
    NodeType("ServicePlan", ServicePlan, PUBLIC, via("community_id", Community)),
    NodeType("PlannedService", PlannedService, PUBLIC, via("plan_id", ServicePlan)),
    NodeType("MonthlyPublication", MonthlyPublication, PUBLIC, via("community_id", Community)),
)

OWN_ORDER = frozenset({R.RESIDENT, R.PARTY_MEMBER})
CLAIMED_BY_THEM = "the order's team; a volunteer: an order they claimed"
FOR_OR_BY_THEM = "the recipient's home; a resident or member: an order for or by themselves"

WRITES = {
    # Teams, volunteers and key recipients
    "defineLocalServiceItem": Write(COMMUNITY_STAFF, "the community"),
    "createVolunteerTeam": Write(COMMUNITY_STAFF, "the district, street or community of the team"),
    "archiveVolunteerTeam": Write(COMMUNITY_STAFF, "the team's district, street or community"),
    "registerVolunteer": Write(REGISTRARS, "the person's home building"),
    "updateVolunteerProfile": Write(
        REGISTRARS | {R.VOLUNTEER},
        "the volunteer's home building; a volunteer: their own profile",
        own_only=frozenset({R.VOLUNTEER}),
    ),
    "addTeamMember": Write(COMMUNITY_STAFF | {R.TEAM_LEAD}, "the team"),
    "removeTeamMember": Write(COMMUNITY_STAFF | {R.TEAM_LEAD}, "the team"),
    "setTeamLead": Write(COMMUNITY_STAFF, "the team"),
    "registerKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    "updateKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    "endKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    # The order chain: order → dispatch → accept → claim → serve → complete → rate
    "placeServiceOrder": Write(
        ORDERERS,
        "the recipient's home building; a resident or member: an order for themselves",
        own_only=OWN_ORDER,
    ),
    "dispatchServiceOrder": Write(COMMUNITY_STAFF, "the order's community"),
    "acceptServiceOrder": Write(frozenset({R.TEAM_LEAD}), "the order's team"),
    "declineServiceOrder": Write(frozenset({R.TEAM_LEAD}), "the order's team"),
    "claimServiceOrder": Write(TEAM_ROLES, "the order's team (the viewer claims it)"),
    "startService": Write(TEAM_ROLES, CLAIMED_BY_THEM, own_only=frozenset({R.VOLUNTEER})),
    "completeService": Write(TEAM_ROLES, CLAIMED_BY_THEM, own_only=frozenset({R.VOLUNTEER})),
    "rateServiceOrder": Write(ORDERERS, FOR_OR_BY_THEM, own_only=OWN_ORDER),
    "cancelServiceOrder": Write(ORDERERS, FOR_OR_BY_THEM, own_only=OWN_ORDER),
    "reassignServiceOrder": Write(COMMUNITY_STAFF, "the order's community"),
    # Plans and the monthly publication
    "createServicePlan": Write(COMMUNITY_STAFF, "the community"),
    "addPlannedService": Write(COMMUNITY_STAFF, "the plan's community"),
    "publishMonthlyReport": Write(COMMUNITY_STAFF, "the community"),
}

DOMAIN = Domain(
    name="volunteering",
    description="Volunteer services (志愿服务)",
    nodes=NODES,
    writes=WRITES,
    user_errors=(
        C.INVALID_TRANSITION,
        C.ALREADY_CLAIMED,
        C.DOUBLE_BOOKED,
        C.NOT_A_TEAM_MEMBER,
        C.NOT_A_VOLUNTEER,
        C.ALREADY_REGISTERED,
        C.OUT_OF_AREA,
        C.REASON_REQUIRED,
        C.ALREADY_PUBLISHED,
        C.PLAN_EXISTS,
        C.HAS_LIVE_CHILDREN,
        C.ROLE_ENDED,
    ),
)
