"""Projects (项目): co-building (共建), breakthrough (攻坚) and service items (服务事项),
property companies' projects, and the negative list (负面清单)."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import (
    Community,
    NegativeListViolation,
    Project,
    ProjectCheckpoint,
    ProjectEvent,
    ProjectMilestone,
    ProjectUpdate,
)
from resolvers.domain import Domain, NodeType, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import (
    COMMUNITY_STAFF,
    EVERY_ROLE,
    PROJECT_OWNERS,
    STAFF,
    TREE_EDITORS,
    Read,
    Write,
)

# Projects are the community's public business; breaches of the negative list are shown
# on members' and units' records, to staff.
NODES = (
    NodeType(
        "Project",
        Project,
        Read(EVERY_ROLE),
        via(
            "community_id",
            Community,
            work_unit_id="owner_work_unit_id",
            property_company_id="owner_property_company_id",
        ),
    ),
    NodeType("ProjectMilestone", ProjectMilestone, Read(EVERY_ROLE), via("project_id", Project)),
    NodeType("ProjectUpdate", ProjectUpdate, Read(EVERY_ROLE), via("project_id", Project)),
    NodeType("ProjectCheckpoint", ProjectCheckpoint, Read(EVERY_ROLE), via("project_id", Project)),
    NodeType("ProjectEvent", ProjectEvent, Read(EVERY_ROLE), via("project_id", Project)),
    NodeType(
        "NegativeListViolation",
        NegativeListViolation,
        Read(STAFF),
        via("community_id", Community, work_unit_id="work_unit_id"),
    ),
)

OWNED = "the project; a member: a project they own or their unit owns"
MEMBER_OWNS = frozenset({R.PARTY_MEMBER})

DOMAIN = Domain(
    name="projects",
    description="Projects and the negative list (项目与负面清单)",
    nodes=NODES,
    writes={
        "createProject": Write(
            COMMUNITY_STAFF | {R.PROPERTY_COMPANY},
            "the project's community; a property company: its own projects",
        ),
        "addProjectMilestone": Write(COMMUNITY_STAFF | PROJECT_OWNERS, OWNED, MEMBER_OWNS),
        "reportProjectProgress": Write(COMMUNITY_STAFF | PROJECT_OWNERS, OWNED, MEMBER_OWNS),
        "recordProjectCheckpoint": Write(COMMUNITY_STAFF | PROJECT_OWNERS, OWNED, MEMBER_OWNS),
        "completeProject": Write(COMMUNITY_STAFF, "the project's community"),
        "evaluateProject": Write(TREE_EDITORS, "the project's community"),
        "cancelProject": Write(TREE_EDITORS, "the project's community"),
        "recordNegativeListViolation": Write(COMMUNITY_STAFF, "the community where it happened"),
    },
    user_errors=(
        C.INVALID_TRANSITION,
        C.LINK_OUT_OF_ORDER,
        C.ALREADY_RECORDED,
        C.OUT_OF_AREA,
        C.REASON_REQUIRED,
    ),
)
