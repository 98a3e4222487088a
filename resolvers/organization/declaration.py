"""The organisation tree (组织架构) street → community → grid → building, and the party
organisations (党组织) on its nodes: public, edited by the admins and secretaries above."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import Building, Community, District, Grid, PartyOrganization, Street
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import ADMINS, COMMUNITY_STAFF, PUBLIC, TREE_EDITORS, Write

DOMAIN = Domain(
    name="organization",
    description="The tree and its party organisations (组织架构与党组织)",
    nodes=(
        NodeType("District", District, PUBLIC, TreePath(slots={"district_id": "id"})),
        NodeType("Street", Street, PUBLIC, via("district_id", District, street_id="id")),
        NodeType("Community", Community, PUBLIC, via("street_id", Street, community_id="id")),
        NodeType("Grid", Grid, PUBLIC, via("community_id", Community, grid_id="id")),
        NodeType("Building", Building, PUBLIC, via("grid_id", Grid)),
        # Attached to exactly one node; it sits where that node does.
        NodeType(
            "PartyOrganization",
            PartyOrganization,
            PUBLIC,
            TreePath(
                up=(
                    Hop("street_id", Street),
                    Hop("community_id", Community),
                    Hop("grid_id", Grid),
                    Hop("building_id", Building),
                )
            ),
        ),
    ),
    writes={
        "createStreet": Write(frozenset({R.DISTRICT_ADMIN}), "the district"),
        "createCommunity": Write(ADMINS, "the street"),
        "createGrid": Write(TREE_EDITORS, "the community"),
        "createBuilding": Write(COMMUNITY_STAFF, "the grid"),
        "renameNode": Write(TREE_EDITORS, "the node's parent"),
        "moveNode": Write(TREE_EDITORS, "the node's parent and the new parent"),
        "archiveNode": Write(TREE_EDITORS, "the node's parent"),
        "createPartyOrganization": Write(TREE_EDITORS, "the node it is attached to"),
        "appointSecretary": Write(TREE_EDITORS, "the parent of the organisation's node"),
    },
    user_errors=(
        C.HAS_LIVE_CHILDREN,
        C.SAME_PARENT,
        C.NOT_MOVABLE,
        C.WRONG_LEVEL,
        C.ORGANIZATION_EXISTS,
        C.PARENT_ORGANIZATION_MISSING,
        C.ROLE_EXISTS,
    ),
)
