"""The shape of the tree: which level sits under which, and which party organisations
each level carries. Every rule about levels reads this one table."""

from __future__ import annotations

from dataclasses import dataclass

from db.models import (
    Building,
    Community,
    District,
    Grid,
    PartyOrganization,
    PartyOrganizationKind,
    Street,
)

TreeNode = Street | Community | Grid | Building
TreeModel = type[Street] | type[Community] | type[Grid] | type[Building]
AnyNodeModel = type[District] | TreeModel


@dataclass(frozen=True)
class Level:
    model: TreeModel
    parent_model: AnyNodeModel
    parent_column: str  # the foreign key to the parent node
    org_column: str  # the column of PartyOrganization that points at this level
    org_kinds: tuple[PartyOrganizationKind, ...]


LEVELS: dict[type, Level] = {
    level.model: level
    for level in (
        Level(
            Street,
            District,
            "district_id",
            "street_id",
            (PartyOrganizationKind.STREET_WORKING_COMMITTEE,),
        ),
        Level(
            Community,
            Street,
            "street_id",
            "community_id",
            (PartyOrganizationKind.COMMUNITY_PARTY_COMMITTEE,),
        ),
        Level(
            Grid,
            Community,
            "community_id",
            "grid_id",
            (PartyOrganizationKind.GRID_PARTY_BRANCH, PartyOrganizationKind.GRID_PARTY_GROUP),
        ),
        Level(
            Building,
            Grid,
            "grid_id",
            "building_id",
            (PartyOrganizationKind.BUILDING_PARTY_GROUP,),
        ),
    )
}

CHILD_LEVEL: dict[type, Level] = {level.parent_model: level for level in LEVELS.values()}
LEVEL_OF_KIND: dict[PartyOrganizationKind, Level] = {
    kind: level for level in LEVELS.values() for kind in level.org_kinds
}


def organization_node_id(organization: PartyOrganization) -> tuple[Level, int]:
    """The level and id of the node an organisation is attached to."""
    level = LEVEL_OF_KIND[organization.kind]
    node_id = getattr(organization, level.org_column)
    assert isinstance(node_id, int)
    return level, node_id
