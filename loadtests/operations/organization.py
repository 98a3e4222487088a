"""Browsing the tree (组织架构): the load test's documents of this domain."""

from __future__ import annotations

from loadtests.operations.document import Operation, query

DISTRICT_TREE = query(
    "DistrictTree",
    """{
  district {
    name communityCount gridCount partyMemberCount
    streets(first: 20) {
      totalCount
      nodes { id name kind communityCount
        communities(first: 20) { nodes { id name gridCount partyMemberCount } } }
    }
  }
}""",
)


COMMUNITY_PAGE = query(
    "CommunityPage",
    """{
  node(id: $id) {
    ... on Community {
      name gridCount buildingCount partyMemberCount workerCount street { name }
      partyOrganization { name kind }
      grids(first: 30) { totalCount nodes { id name buildingCount residentCount } }
    }
  }
}""",
    "($id: ID!)",
)


DISTRICT_OVERVIEW = query(
    "DistrictOverview",
    """{
  district {
    name streetCount communityCount gridCount buildingCount partyMemberCount workerCount
    streets(first: 20) {
      nodes { name communityCount gridCount partyMemberCount workerCount
        communities(first: 20) { nodes { name gridCount buildingCount partyMemberCount workerCount
          partyOrganization { secretary { name } } } } }
    }
  }
}""",
)


OPERATIONS: tuple[Operation, ...] = (
    DISTRICT_TREE,
    COMMUNITY_PAGE,
    DISTRICT_OVERVIEW,
)
