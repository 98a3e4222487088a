"""Party work in the delivery industry (新就业群体党建): the industry's party committee
and its rider members, the 15 measures, the party-building commissioners and their
checklists.

A domain of its own beside `stations`: the stations serve riders, this is the district's
organisation work on them, read by staff (the member list names riders and their employers;
a commissioner reads their own checklist) and kept by the district's admins."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    ChecklistProgress,
    District,
    IndustryPartyCommittee,
    IndustryPartyMember,
    MeasureProgress,
    PartyCommissioner,
    ProgressEvent,
)
from resolvers.delivery_industry.queries import checklist_seen_by
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import STAFF, Read, Write

DISTRICT_ADMIN = frozenset({R.DISTRICT_ADMIN})
STAFF_READ = Read(STAFF)

DOMAIN = Domain(
    name="delivery_industry",
    description="Party work in the delivery industry (外卖送餐行业党建与党建工作专员)",
    nodes=(
        NodeType(
            "IndustryPartyCommittee",
            IndustryPartyCommittee,
            STAFF_READ,
            via("district_id", District),
        ),
        NodeType(
            "IndustryPartyMember",
            IndustryPartyMember,
            STAFF_READ,
            via("committee_id", IndustryPartyCommittee),
        ),
        NodeType(
            "IndustryMeasureProgress",
            MeasureProgress,
            STAFF_READ,
            via("committee_id", IndustryPartyCommittee),
        ),
        NodeType("PartyCommissioner", PartyCommissioner, STAFF_READ, via("district_id", District)),
        NodeType(
            "CommissionerChecklistItem",
            ChecklistProgress,
            Read(STAFF | {R.PARTY_MEMBER}, checklist_seen_by, "a commissioner: their own items"),
            via("commissioner_id", PartyCommissioner),
        ),
        NodeType(
            "IndustryProgressEvent",
            ProgressEvent,
            STAFF_READ,
            TreePath(
                up=(
                    Hop("measure_progress_id", MeasureProgress),
                    Hop("checklist_progress_id", ChecklistProgress),
                )
            ),
        ),
    ),
    writes={
        "addIndustryPartyMember": Write(DISTRICT_ADMIN, "the committee's district"),
        "reportMeasureProgress": Write(DISTRICT_ADMIN, "the committee's district"),
        "reportChecklistProgress": Write(
            DISTRICT_ADMIN | {R.PARTY_MEMBER},
            "the district; a commissioner: their own items",
            own_only=frozenset({R.PARTY_MEMBER}),
        ),
    },
    user_errors=(C.INVALID_TRANSITION, C.ALREADY_REGISTERED),
)
