"""Dual reporting (双报到): work units and members reporting to their home community."""

from __future__ import annotations

from db.models import Community, MemberReport, WorkUnit
from resolvers.domain import Domain, NodeType, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import COMMUNITY_STAFF, EVERY_ROLE, STAFF, Read, Write

DOMAIN = Domain(
    name="units",
    description="Work units and members reporting to communities (双报到)",
    nodes=(
        NodeType(
            "WorkUnit",
            WorkUnit,
            Read(EVERY_ROLE),
            via("community_id", Community, work_unit_id="id"),
        ),
        NodeType("MemberReport", MemberReport, Read(STAFF), via("home_community_id", Community)),
    ),
    writes={
        "registerWorkUnit": Write(COMMUNITY_STAFF, "the community the unit reports to"),
        "registerMemberReport": Write(COMMUNITY_STAFF, "the member's home community"),
    },
    user_errors=(C.ALREADY_REPORTED,),
)
