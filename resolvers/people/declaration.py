"""People (人员) and the roles they hold (任职): read by staff, registered where they live."""

from __future__ import annotations

from db.models import Building, Community, Grid, PartyOrganization, Person, PersonRole, Street
from resolvers.domain import Domain, Hop, NodeType, TreePath, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import REGISTRARS, STAFF, TREE_EDITORS, Read, Write

DOMAIN = Domain(
    name="people",
    description="People and their roles (人员与任职)",
    nodes=(
        NodeType("Person", Person, Read(STAFF), via("building_id", Building)),
        # A role sits where the node or organisation it is bound to sits (ROLE_SCOPES).
        NodeType(
            "PersonRole",
            PersonRole,
            Read(STAFF),
            TreePath(
                up=(
                    Hop("party_organization_id", PartyOrganization),
                    Hop("community_id", Community),
                    Hop("street_id", Street),
                    Hop("grid_id", Grid),
                )
            ),
        ),
    ),
    writes={
        "createPerson": Write(REGISTRARS, "the home building (the district when none)"),
        "assignRole": Write(TREE_EDITORS, "the node or organisation the role is bound to"),
        "endRole": Write(TREE_EDITORS, "the node or organisation the role is bound to"),
    },
    user_errors=(
        C.NOT_A_PARTY_MEMBER,
        C.ROLE_EXISTS,
        C.ROLE_ENDED,
        C.SCOPE_REQUIRED,
        C.SCOPE_NOT_ALLOWED,
    ),
)
