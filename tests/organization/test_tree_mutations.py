"""The organisation tree's mutations through the real GraphQL endpoint.

createStreet, createCommunity, createGrid, createBuilding, renameNode, moveNode,
archiveNode, createPartyOrganization and appointSecretary: the success path (payload,
follow-up query, database), every user error each can return, bad IDs as top-level errors,
and atomicity: a refused mutation leaves every table exactly as it was.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from sqlalchemy import func, select

from db.base import Base
from resolvers import clock
from resolvers.global_ids import decode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import (
    USER_ERRORS,
    Json,
    check_bad_ids,
    dump,
    first_where,
    inp,
    mutate,
    ok,
    refused,
    rejected,
)

# Every field of a tree node or organisation a test looks at after renameNode, moveNode
# or archiveNode, and in follow-up `node(id:)` reads.
NODE_FIELDS = """
  id
  __typename
  ... on Street { name streetKind: kind archivedAt partyOrganization { id } }
  ... on Community {
    name archivedAt street { id } partyOrganization { id parent { id } }
  }
  ... on Grid {
    name archivedAt community { id } partyOrganization { id parent { id } }
  }
  ... on Building {
    name archivedAt grid { id } residentCount partyOrganization { id parent { id } }
  }
  ... on PartyOrganization {
    name kind archivedAt parent { id }
    node {
      ... on Street { id }
      ... on Community { id }
      ... on Grid { id }
      ... on Building { id }
    }
    secretary { id }
  }
"""
NODE = f"query Node($id: ID!) {{ node(id: $id) {{ {NODE_FIELDS} }} }}"

STREETS = """
query Streets($archived: Boolean! = false) {
  district {
    id
    streetCount
    communityCount
    streets(first: 20, filter: { includeArchived: $archived }) {
      totalCount
      nodes {
        id name kind archivedAt communityCount
        partyOrganization { id name secretary { id building { id } memberReport { id } } }
        roles(first: 50) { totalCount }
        communities(first: 20) { nodes { id name } }
      }
    }
  }
}
"""

COMMUNITY = """
query Community($id: ID!) {
  node(id: $id) {
    ... on Community {
      id name gridCount buildingCount
      street { id }
      partyOrganization { id name parent { id } children(first: 20) { totalCount } }
      roles(first: 50) { totalCount }
      grids(first: 20) {
        nodes {
          id name buildingCount cadreCount residentCount
          partyOrganization {
            id name kind parent { id } secretary { id } children(first: 1) { totalCount }
          }
          buildings(first: 50) {
            nodes { id name residentCount partyOrganization { id } }
          }
        }
      }
    }
  }
}
"""

GRIDS = """
query Grids($parent: ID!, $archived: Boolean! = false) {
  grids(first: 50, filter: { parentId: $parent, includeArchived: $archived }) {
    totalCount
    nodes { id name archivedAt }
  }
}
"""

WORK_UNITS = """
query Units($community: ID!) {
  workUnits(first: 50, filter: { communityId: $community }) { totalCount nodes { id } }
}
"""

PARTY_MEMBERS = """
query Members($community: ID = null) {
  people(first: 100, filter: { roleKind: PARTY_MEMBER, communityId: $community }) {
    nodes {
      id name
      building { id }
      roles { id kind startedOn partyOrganization { id } }
    }
  }
}
"""

PEOPLE_ROLES = """
query Roles($id: ID!) {
  node(id: $id) {
    ... on Person {
      id name
      live: roles { id kind startedOn endedOn partyOrganization { id } }
      all: roles(includeEnded: true) { kind startedOn endedOn partyOrganization { id } }
    }
  }
}
"""

ORGANIZATIONS = """
query Organizations($archived: Boolean! = false, $name: String = null) {
  partyOrganizations(first: 100, filter: { includeArchived: $archived, nameContains: $name }) {
    totalCount
    nodes { id archivedAt }
  }
}
"""

CREATE_STREET = f"""
mutation CreateStreet($input: CreateStreetInput!) {{
  createStreet(input: $input) {{
    street {{ id name kind archivedAt district {{ id }} partyOrganization {{ id }} }}
    {USER_ERRORS}
  }}
}}
"""

CREATE_COMMUNITY = f"""
mutation CreateCommunity($input: CreateCommunityInput!) {{
  createCommunity(input: $input) {{
    community {{ id name archivedAt street {{ id }} partyOrganization {{ id }} gridCount }}
    {USER_ERRORS}
  }}
}}
"""

CREATE_GRID = f"""
mutation CreateGrid($input: CreateGridInput!) {{
  createGrid(input: $input) {{
    grid {{ id name archivedAt community {{ id }} partyOrganization {{ id }} buildingCount }}
    {USER_ERRORS}
  }}
}}
"""

CREATE_BUILDING = f"""
mutation CreateBuilding($input: CreateBuildingInput!) {{
  createBuilding(input: $input) {{
    building {{
      id name address householdCount archivedAt residentCount
      grid {{ id }}
      partyOrganization {{ id }}
    }}
    {USER_ERRORS}
  }}
}}
"""

RENAME = f"""
mutation Rename($input: RenameNodeInput!) {{
  renameNode(input: $input) {{ node {{ {NODE_FIELDS} }} {USER_ERRORS} }}
}}
"""

MOVE = f"""
mutation Move($input: MoveNodeInput!) {{
  moveNode(input: $input) {{ node {{ {NODE_FIELDS} }} {USER_ERRORS} }}
}}
"""

ARCHIVE = f"""
mutation Archive($input: ArchiveNodeInput!) {{
  archiveNode(input: $input) {{ node {{ {NODE_FIELDS} }} {USER_ERRORS} }}
}}
"""

ORGANIZATION_FIELDS = """
  id name kind archivedAt
  parent { id }
  node { ... on Street { id } ... on Community { id } ... on Grid { id } ... on Building { id } }
  secretary { id name }
"""

CREATE_ORGANIZATION = f"""
mutation CreateOrganization($input: CreatePartyOrganizationInput!) {{
  createPartyOrganization(input: $input) {{
    partyOrganization {{ {ORGANIZATION_FIELDS} }}
    {USER_ERRORS}
  }}
}}
"""

APPOINT = f"""
mutation Appoint($input: AppointSecretaryInput!) {{
  appointSecretary(input: $input) {{
    partyOrganization {{ {ORGANIZATION_FIELDS} }}
    {USER_ERRORS}
  }}
}}
"""

CREATE_PERSON = f"""
mutation CreatePerson($input: CreatePersonInput!) {{
  createPerson(input: $input) {{ person {{ id name }} {USER_ERRORS} }}
}}
"""

ASSIGN_ROLE = f"""
mutation AssignRole($input: AssignRoleInput!) {{
  assignRole(input: $input) {{ role {{ id kind }} {USER_ERRORS} }}
}}
"""

END_ROLE = f"""
mutation EndRole($input: EndRoleInput!) {{
  endRole(input: $input) {{ role {{ id endedOn }} {USER_ERRORS} }}
}}
"""

REGISTER_UNIT = f"""
mutation RegisterUnit($input: RegisterWorkUnitInput!) {{
  registerWorkUnit(input: $input) {{ workUnit {{ id name }} {USER_ERRORS} }}
}}
"""

REGISTER_REPORT = f"""
mutation RegisterReport($input: RegisterMemberReportInput!) {{
  registerMemberReport(input: $input) {{ memberReport {{ id }} {USER_ERRORS} }}
}}
"""


# --- helpers -----------------------------------------------------------------------------


async def streets(client: GraphQLClient, *, archived: bool = False) -> list[Json]:
    data = await client.data(STREETS, {"archived": archived})
    nodes: list[Json] = data["district"]["streets"]["nodes"]
    return nodes


async def district(client: GraphQLClient) -> Json:
    data: Json = (await client.data(STREETS))["district"]
    return data


async def subdistricts(client: GraphQLClient) -> list[Json]:
    return [street for street in await streets(client) if street["kind"] == "SUBDISTRICT"]


async def towns(client: GraphQLClient) -> list[Json]:
    return [street for street in await streets(client) if street["kind"] == "TOWN"]


async def community(client: GraphQLClient, community_id: str) -> Json:
    data: Json = (await client.data(COMMUNITY, {"id": community_id}))["node"]
    return data


async def subdistrict_community(
    client: GraphQLClient, street_index: int = 0, index: int = 0
) -> Json:
    """The `index`-th community (by name) of the `street_index`-th subdistrict, with its
    grids and buildings."""
    street = (await subdistricts(client))[street_index]
    return await community(client, street["communities"]["nodes"][index]["id"])


async def subdistrict_communities(client: GraphQLClient) -> list[Json]:
    """Every community of the subdistricts, with its grids and buildings."""
    return [
        await community(client, listed["id"])
        for street in await subdistricts(client)
        for listed in street["communities"]["nodes"]
    ]


def buildings_of(grid: Json) -> list[Json]:
    """Every building of a grid (the COMMUNITY query lists them all)."""
    buildings: list[Json] = grid["buildings"]["nodes"]
    assert len(buildings) == grid["buildingCount"]
    return buildings


def bare_building(grid: Json, *, with_residents: bool = False) -> Json:
    """A building of `grid` without a party organisation (and with residents, if asked)."""
    return first_where(
        buildings_of(grid),
        lambda b: b["partyOrganization"] is None and (b["residentCount"] > 0 or not with_residents),
        "building without a party organisation" + (" but with residents" if with_residents else ""),
    )


def free_building_name(grid: Json) -> str:
    """The first "N号楼" that no building of `grid` is named."""
    taken = {building["name"] for building in buildings_of(grid)}
    return next(name for n in count(1) if (name := f"{n}号楼") not in taken)


def grid_names(target: Json) -> list[str]:
    """The names of a community's grids."""
    return [grid["name"] for grid in target["grids"]["nodes"]]


async def node(client: GraphQLClient, node_id: str) -> Json:
    data: Json = (await client.data(NODE, {"id": node_id}))["node"]
    return data


async def new_street(client: GraphQLClient, name: str, kind: str = "SUBDISTRICT") -> Json:
    payload = ok(await mutate(client, CREATE_STREET, inp(name=name, kind=kind)))
    street: Json = payload["street"]
    return street


async def new_community(client: GraphQLClient, street_id: str, name: str) -> Json:
    payload = await mutate(client, CREATE_COMMUNITY, inp(streetId=street_id, name=name))
    created: Json = ok(payload)["community"]
    return created


async def new_grid(client: GraphQLClient, community_id: str, name: str) -> Json:
    payload = await mutate(client, CREATE_GRID, inp(communityId=community_id, name=name))
    grid: Json = ok(payload)["grid"]
    return grid


async def new_building(client: GraphQLClient, grid_id: str, name: str) -> Json:
    payload = await mutate(client, CREATE_BUILDING, inp(gridId=grid_id, name=name))
    building: Json = ok(payload)["building"]
    return building


async def new_organization(client: GraphQLClient, kind: str, node_id: str, name: str) -> Json:
    payload = await mutate(client, CREATE_ORGANIZATION, inp(kind=kind, nodeId=node_id, name=name))
    organization: Json = ok(payload)["partyOrganization"]
    return organization


async def archive(client: GraphQLClient, node_id: str) -> Json:
    archived: Json = ok(await mutate(client, ARCHIVE, inp(id=node_id)))["node"]
    assert archived["archivedAt"] is not None
    return archived


async def new_person(client: GraphQLClient, name: str, building_id: str | None = None) -> str:
    payload = await mutate(
        client, CREATE_PERSON, inp(name=name, gender="MALE", buildingId=building_id)
    )
    person_id: str = ok(payload)["person"]["id"]
    return person_id


async def new_unit(client: GraphQLClient, community_id: str, name: str) -> str:
    payload = await mutate(
        client, REGISTER_UNIT, inp(name=name, kind="AGENCY", communityId=community_id)
    )
    unit_id: str = ok(payload)["workUnit"]["id"]
    return unit_id


async def assign(client: GraphQLClient, **fields: Any) -> str:
    role_id: str = ok(await mutate(client, ASSIGN_ROLE, inp(**fields)))["role"]["id"]
    return role_id


async def party_members(client: GraphQLClient) -> list[Json]:
    people: list[Json] = (await client.data(PARTY_MEMBERS))["people"]["nodes"]
    return people


async def a_member_without_a_building(client: GraphQLClient) -> Json:
    """A party member with no building on record who has not reported to any community:
    the secretary of a street's working committee."""
    secretaries = [
        street["partyOrganization"]["secretary"]
        for street in await streets(client)
        if street["partyOrganization"] and street["partyOrganization"]["secretary"]
    ]
    return first_where(
        secretaries,
        lambda p: p["building"] is None and p["memberReport"] is None,
        "street secretary without a building and a member report",
    )


async def roles_of(client: GraphQLClient, person_id: str) -> Json:
    person: Json = (await client.data(PEOPLE_ROLES, {"id": person_id}))["node"]
    return person


async def live_rows(db: Database, table_name: str, column: str, node_id: str) -> int:
    """Rows of `table_name` whose `column` names the node and that have not ended."""
    table = Base.metadata.tables[table_name]
    async with db.session() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(table)
            .where(table.c[column] == decode(node_id)[1], table.c.ended_on.is_(None))
        )
    return int(found or 0)


async def org_role_count(db: Database, organization_id: str) -> int:
    """Live roles naming the organisation (its members and its secretary)."""
    return await live_rows(db, "person_roles", "party_organization_id", organization_id)


async def bare_town(client: GraphQLClient) -> Json:
    """A town with no communities and no roles: only its working committee hangs from it."""
    return first_where(
        await towns(client),
        lambda t: t["communityCount"] == 0 and t["roles"]["totalCount"] == 0,
        "town without communities and roles",
    )


async def archive_committee(client: GraphQLClient, street: Json) -> None:
    """Archive a street's working committee: end its secretary's office and membership
    first (the generated committees have their secretary as their only member)."""
    committee = street["partyOrganization"]
    secretary = await roles_of(client, committee["secretary"]["id"])
    for kind in ("SECRETARY", "PARTY_MEMBER"):  # a secretary must stay a party member
        (role,) = [
            r
            for r in secretary["live"]
            if r["kind"] == kind and r["partyOrganization"]["id"] == committee["id"]
        ]
        ok(await mutate(client, END_ROLE, inp(id=role["id"])))
    await archive(client, committee["id"])


async def archived_town_committee(client: GraphQLClient) -> Json:
    """A town whose working committee has been archived: it has no live organisation."""
    town = await bare_town(client)
    await archive_committee(client, town)
    return town


# --- names: shared by every mutation that takes one ----------------------------------------

NameTarget = Callable[[GraphQLClient], Awaitable[tuple[str, Json]]]


async def _street_target(client: GraphQLClient) -> tuple[str, Json]:
    return CREATE_STREET, {"kind": "TOWN"}


async def _community_target(client: GraphQLClient) -> tuple[str, Json]:
    street = (await subdistricts(client))[0]
    return CREATE_COMMUNITY, {"streetId": street["id"]}


async def _grid_target(client: GraphQLClient) -> tuple[str, Json]:
    target = await subdistrict_community(client)
    return CREATE_GRID, {"communityId": target["id"]}


async def _building_target(client: GraphQLClient) -> tuple[str, Json]:
    target = await subdistrict_community(client)
    return CREATE_BUILDING, {"gridId": target["grids"]["nodes"][0]["id"]}


async def _rename_target(client: GraphQLClient) -> tuple[str, Json]:
    target = await subdistrict_community(client)
    return RENAME, {"id": target["grids"]["nodes"][0]["id"]}


async def _organization_target(client: GraphQLClient) -> tuple[str, Json]:
    target = await subdistrict_community(client)
    building = bare_building(target["grids"]["nodes"][0])
    return CREATE_ORGANIZATION, {"kind": "BUILDING_PARTY_GROUP", "nodeId": building["id"]}


NAME_TARGETS: dict[str, NameTarget] = {
    "createStreet": _street_target,
    "createCommunity": _community_target,
    "createGrid": _grid_target,
    "createBuilding": _building_target,
    "renameNode": _rename_target,
    "createPartyOrganization": _organization_target,
}

BAD_NAMES = {
    "empty": ("", "BLANK"),
    "spaces": ("  \t ", "BLANK"),
    "101 characters": ("名" * 101, "TOO_LONG"),
    "101 after trimming": ("  " + "a" * 101 + "  ", "TOO_LONG"),
    "control character": ("和平\x07社区", "INVALID"),
    "tab inside": ("和平\t社区", "INVALID"),
    "zero-width space": ("和平\u200b社区", "INVALID"),
}


@pytest.mark.parametrize("case", list(BAD_NAMES))
@pytest.mark.parametrize("target", list(NAME_TARGETS))
async def test_bad_names_are_refused(
    seeded: Database, client: GraphQLClient, target: str, case: str
) -> None:
    name, code = BAD_NAMES[case]
    document, fields = await NAME_TARGETS[target](client)
    await refused(client, seeded, document, inp(**fields, name=name), code, "name")


@pytest.mark.parametrize("target", list(NAME_TARGETS))
async def test_names_are_trimmed_and_may_be_100_characters(
    seeded: Database, client: GraphQLClient, target: str
) -> None:
    document, fields = await NAME_TARGETS[target](client)
    name = "楼" * 100
    payload = ok(await mutate(client, document, inp(**fields, name=f"  {name}\n")))
    (created,) = [value for key, value in payload.items() if key != "userErrors"]
    assert created["name"] == name
    assert (await node(client, created["id"]))["name"] == name


# --- createStreet --------------------------------------------------------------------------


async def test_create_street(seeded: Database, client: GraphQLClient) -> None:
    before = await district(client)
    payload = await mutate(client, CREATE_STREET, inp(name="  永兴街道 ", kind="SUBDISTRICT"))
    street = ok(payload)["street"]
    assert street["name"] == "永兴街道"
    assert street["kind"] == "SUBDISTRICT"
    assert street["archivedAt"] is None
    assert street["district"]["id"] == before["id"]
    assert street["partyOrganization"] is None

    after = await district(client)
    assert after["streetCount"] == before["streetCount"] + 1
    listed = {s["id"]: s for s in after["streets"]["nodes"]}
    assert listed[street["id"]]["name"] == "永兴街道"
    assert (await node(client, street["id"]))["streetKind"] == "SUBDISTRICT"
    async with seeded.session() as session:
        table = Base.metadata.tables["streets"]
        names = (await session.scalars(select(table.c.name))).all()
    assert names.count("永兴街道") == 1


async def test_create_street_name_taken(seeded: Database, client: GraphQLClient) -> None:
    existing = (await streets(client))[0]
    for name in (existing["name"], f"  {existing['name']} "):
        error = await refused(
            client, seeded, CREATE_STREET, inp(name=name, kind="TOWN"), "NAME_TAKEN", "name"
        )
        assert existing["name"] in error["message"]


async def test_street_name_freed_by_archiving_can_be_reused(
    seeded: Database, client: GraphQLClient
) -> None:
    town = await archived_town_committee(client)
    await archive(client, town["id"])
    again = await new_street(client, town["name"], "TOWN")
    assert again["id"] != town["id"]
    names = [street["name"] for street in await streets(client)]
    assert names.count(town["name"]) == 1
    archived = [s for s in await streets(client, archived=True) if s["name"] == town["name"]]
    assert len(archived) == 2


# --- createCommunity -----------------------------------------------------------------------


async def test_create_community(seeded: Database, client: GraphQLClient) -> None:
    town = (await towns(client))[0]
    existing = [c["id"] for c in town["communities"]["nodes"]]
    assert len(existing) == town["communityCount"]
    before = await district(client)
    created = await new_community(client, town["id"], " 税郭新村社区 ")
    assert created["name"] == "税郭新村社区"
    assert created["street"]["id"] == town["id"]
    assert created["archivedAt"] is None
    assert created["partyOrganization"] is None
    assert created["gridCount"] == 0

    after = await district(client)
    assert after["communityCount"] == before["communityCount"] + 1
    (listed,) = [s for s in after["streets"]["nodes"] if s["id"] == town["id"]]
    assert sorted(c["id"] for c in listed["communities"]["nodes"]) == sorted(
        [*existing, created["id"]]
    )
    assert listed["communityCount"] == town["communityCount"] + 1


async def test_create_community_name_taken_only_among_live_siblings(
    seeded: Database, client: GraphQLClient
) -> None:
    first, *others = await subdistricts(client)
    sibling = first["communities"]["nodes"][0]
    second = first_where(
        others,
        lambda s: sibling["name"] not in [c["name"] for c in s["communities"]["nodes"]],
        f"other subdistrict without a community named {sibling['name']}",
    )
    await refused(
        client,
        seeded,
        CREATE_COMMUNITY,
        inp(streetId=first["id"], name=sibling["name"]),
        "NAME_TAKEN",
        "name",
    )
    # The same name under another street is fine.
    elsewhere = await new_community(client, second["id"], sibling["name"])
    assert elsewhere["street"]["id"] == second["id"]
    # A name freed by archiving can be reused under the same street.
    spare = await new_community(client, first["id"], "临时社区")
    await archive(client, spare["id"])
    reused = await new_community(client, first["id"], "临时社区")
    assert reused["id"] != spare["id"]


async def test_create_community_under_archived_street(
    seeded: Database, client: GraphQLClient
) -> None:
    town = await archived_town_committee(client)
    await archive(client, town["id"])
    await refused(
        client,
        seeded,
        CREATE_COMMUNITY,
        inp(streetId=town["id"], name="新社区"),
        "ARCHIVED",
        "streetId",
    )


async def test_create_community_bad_street_ids(seeded: Database, client: GraphQLClient) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    await check_bad_ids(
        client,
        seeded,
        CREATE_COMMUNITY,
        lambda street_id: inp(streetId=street_id, name="新社区"),
        "Street",
        grid["id"],
    )


# --- createGrid ----------------------------------------------------------------------------


async def test_create_grid(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    grid = await new_grid(client, target["id"], " 第3网格 ")
    assert grid["name"] == "第3网格"
    assert grid["community"]["id"] == target["id"]
    assert grid["partyOrganization"] is None
    assert grid["buildingCount"] == 0
    after = await community(client, target["id"])
    assert after["gridCount"] == target["gridCount"] + 1
    assert grid["id"] in [g["id"] for g in after["grids"]["nodes"]]


async def test_create_grid_name_taken(seeded: Database, client: GraphQLClient) -> None:
    first, *others = await subdistrict_communities(client)
    taken = first["grids"]["nodes"][0]["name"]
    # A grid name is unique only among siblings: another community may take it too ...
    second = first_where(
        others,
        lambda c: taken not in grid_names(c),
        f"other community without a grid named {taken}",
    )
    assert (await new_grid(client, second["id"], taken))["name"] == taken
    # ... but not the community that has it already.
    await refused(
        client,
        seeded,
        CREATE_GRID,
        inp(communityId=first["id"], name=f" {taken} "),
        "NAME_TAKEN",
        "name",
    )


async def test_create_grid_in_archived_community(seeded: Database, client: GraphQLClient) -> None:
    street = (await subdistricts(client))[0]
    spare = await new_community(client, street["id"], "待撤社区")
    await archive(client, spare["id"])
    await refused(
        client,
        seeded,
        CREATE_GRID,
        inp(communityId=spare["id"], name="第1网格"),
        "ARCHIVED",
        "communityId",
    )


async def test_create_grid_bad_community_ids(seeded: Database, client: GraphQLClient) -> None:
    street = (await subdistricts(client))[0]
    await check_bad_ids(
        client,
        seeded,
        CREATE_GRID,
        lambda community_id: inp(communityId=community_id, name="第9网格"),
        "Community",
        street["id"],
    )


# --- createBuilding ------------------------------------------------------------------------


async def test_create_building(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    name = free_building_name(grid)
    payload = await mutate(
        client,
        CREATE_BUILDING,
        inp(gridId=grid["id"], name=f" {name} ", address="  光明路8号 ", householdCount=36),
    )
    building = ok(payload)["building"]
    assert building["name"] == name
    assert building["address"] == "光明路8号"
    assert building["householdCount"] == 36
    assert building["grid"]["id"] == grid["id"]
    assert building["residentCount"] == 0
    after = await community(client, target["id"])
    (grid_after,) = [g for g in after["grids"]["nodes"] if g["id"] == grid["id"]]
    assert grid_after["buildingCount"] == grid["buildingCount"] + 1
    assert after["buildingCount"] == target["buildingCount"] + 1
    assert building["id"] in [b["id"] for b in grid_after["buildings"]["nodes"]]


async def test_create_building_defaults(seeded: Database, client: GraphQLClient) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    building = await new_building(client, grid["id"], free_building_name(grid))
    assert building["address"] == ""
    assert building["householdCount"] == 0


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"householdCount": -1}, "INVALID", "householdCount"),
        ({"address": "路" * 201}, "TOO_LONG", "address"),
        ({"address": "光明路\x008号"}, "INVALID", "address"),
    ],
    ids=["negative households", "long address", "control character in address"],
)
async def test_create_building_bad_fields(
    seeded: Database, client: GraphQLClient, fields: Json, code: str, field: str
) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    name = free_building_name(grid)
    await refused(
        client, seeded, CREATE_BUILDING, inp(gridId=grid["id"], name=name, **fields), code, field
    )


async def test_create_building_address_may_be_200_characters(
    seeded: Database, client: GraphQLClient
) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    name = free_building_name(grid)
    payload = await mutate(
        client, CREATE_BUILDING, inp(gridId=grid["id"], name=name, address="路" * 200)
    )
    assert ok(payload)["building"]["address"] == "路" * 200


async def test_create_building_name_taken(seeded: Database, client: GraphQLClient) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    taken = grid["buildings"]["nodes"][0]["name"]
    await refused(
        client, seeded, CREATE_BUILDING, inp(gridId=grid["id"], name=taken), "NAME_TAKEN", "name"
    )


async def test_create_building_in_archived_grid(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    spare = await new_grid(client, target["id"], "待撤网格")
    await archive(client, spare["id"])
    await refused(
        client, seeded, CREATE_BUILDING, inp(gridId=spare["id"], name="1号楼"), "ARCHIVED", "gridId"
    )


async def test_create_building_bad_grid_ids(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    await check_bad_ids(
        client,
        seeded,
        CREATE_BUILDING,
        lambda grid_id: inp(gridId=grid_id, name="9号楼"),
        "Grid",
        target["id"],
    )


# --- renameNode ----------------------------------------------------------------------------


async def test_rename_every_kind_of_node(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    ids = {
        "Street": target["street"]["id"],
        "Community": target["id"],
        "Grid": grid["id"],
        "Building": grid["buildings"]["nodes"][0]["id"],
        "PartyOrganization": target["partyOrganization"]["id"],
    }
    for type_name, node_id in ids.items():
        new_name = f"新{type_name}名称"
        payload = await mutate(client, RENAME, inp(id=node_id, name=f" {new_name} "))
        renamed = ok(payload)["node"]
        assert renamed["id"] == node_id
        assert renamed["__typename"] == type_name
        assert renamed["name"] == new_name
        assert (await node(client, node_id))["name"] == new_name


async def test_rename_keeps_everything_else(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    ok(await mutate(client, RENAME, inp(id=target["id"], name="改名社区")))
    after = await community(client, target["id"])
    assert after["name"] == "改名社区"
    assert {**after, "name": target["name"]} == target


async def test_rename_to_own_name_is_allowed(seeded: Database, client: GraphQLClient) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    await client.headers()
    before = await dump(seeded)
    payload = await mutate(client, RENAME, inp(id=grid["id"], name=f" {grid['name']} "))
    assert ok(payload)["node"]["name"] == grid["name"]
    # Nothing changed, so nothing is written: no UPDATE (its time stays) and no audit entry.
    assert await dump(seeded) == before


async def test_rename_checks_the_node_before_the_name(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    taken = target["grids"]["nodes"][0]["name"]
    spare = await new_grid(client, target["id"], "待撤网格")
    await archive(client, spare["id"])
    # An archived node is refused as archived, whatever the new name: free, taken or blank.
    for name in ("新网格名", taken, "  "):
        await refused(client, seeded, RENAME, inp(id=spare["id"], name=name), "ARCHIVED", "id")
    live = target["grids"]["nodes"][1]["id"]
    await refused(client, seeded, RENAME, inp(id=live, name="  "), "BLANK", "name")
    await refused(client, seeded, RENAME, inp(id=live, name="网" * 101), "TOO_LONG", "name")


async def test_rename_to_sibling_name_is_taken(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    first, second = target["grids"]["nodes"][:2]
    await refused(
        client, seeded, RENAME, inp(id=first["id"], name=second["name"]), "NAME_TAKEN", "name"
    )
    # Once the sibling is gone (archived), its name is free.
    spare = await new_grid(client, target["id"], "备用网格")
    await archive(client, spare["id"])
    payload = await mutate(client, RENAME, inp(id=first["id"], name="备用网格"))
    assert ok(payload)["node"]["name"] == "备用网格"


async def test_rename_street_to_another_streets_name(
    seeded: Database, client: GraphQLClient
) -> None:
    first, second = (await streets(client))[:2]
    await refused(
        client, seeded, RENAME, inp(id=first["id"], name=second["name"]), "NAME_TAKEN", "name"
    )


async def test_rename_archived_node(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    spare = await new_grid(client, target["id"], "已撤网格")
    await archive(client, spare["id"])
    await refused(client, seeded, RENAME, inp(id=spare["id"], name="复活网格"), "ARCHIVED", "id")


async def test_rename_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    person = (await party_members(client))[0]
    await check_bad_ids(
        client, seeded, RENAME, lambda node_id: inp(id=node_id, name="新名"), "Grid", person["id"]
    )
    # The district is a node, but not one that can be renamed.
    the_district = await district(client)
    await rejected(
        client, seeded, RENAME, inp(id=the_district["id"], name="新区"), "BAD_USER_INPUT"
    )


# --- moveNode ------------------------------------------------------------------------------


async def test_move_community_takes_its_party_committee_along(
    seeded: Database, client: GraphQLClient
) -> None:
    old_street, new_street = (await subdistricts(client))[:2]
    moving = await community(client, old_street["communities"]["nodes"][0]["id"])
    committee = moving["partyOrganization"]
    assert committee["parent"]["id"] == old_street["partyOrganization"]["id"]

    payload = await mutate(client, MOVE, inp(id=moving["id"], newParentId=new_street["id"]))
    moved = ok(payload)["node"]
    assert moved["street"]["id"] == new_street["id"]
    assert moved["partyOrganization"]["id"] == committee["id"]
    assert moved["partyOrganization"]["parent"]["id"] == new_street["partyOrganization"]["id"]

    after = await community(client, moving["id"])
    assert after["street"]["id"] == new_street["id"]
    assert after["partyOrganization"]["parent"]["id"] == new_street["partyOrganization"]["id"]
    # Grids, buildings and the branches under the committee are untouched.
    assert after["grids"] == moving["grids"]
    counts = {s["id"]: s["communityCount"] for s in await streets(client)}
    assert counts[old_street["id"]] == old_street["communityCount"] - 1
    assert counts[new_street["id"]] == new_street["communityCount"] + 1


async def test_move_grid_reparents_its_branch(seeded: Database, client: GraphQLClient) -> None:
    source = await subdistrict_community(client, 0, 0)
    target = await subdistrict_community(client, 1, 0)
    grid = source["grids"]["nodes"][0]
    # Grid names are unique only among siblings: a fresh name cannot clash in the target.
    ok(await mutate(client, RENAME, inp(id=grid["id"], name="迁入网格")))
    payload = await mutate(client, MOVE, inp(id=grid["id"], newParentId=target["id"]))
    moved = ok(payload)["node"]
    assert moved["community"]["id"] == target["id"]
    assert moved["partyOrganization"]["id"] == grid["partyOrganization"]["id"]
    assert moved["partyOrganization"]["parent"]["id"] == target["partyOrganization"]["id"]
    assert (await community(client, source["id"]))["gridCount"] == source["gridCount"] - 1
    after = await community(client, target["id"])
    assert after["gridCount"] == target["gridCount"] + 1
    assert after["partyOrganization"]["children"]["totalCount"] == (
        target["partyOrganization"]["children"]["totalCount"] + 1
    )


async def test_move_building_takes_residents_and_party_group(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    old_grid, new_grid_ = target["grids"]["nodes"][:2]
    building = bare_building(old_grid, with_residents=True)
    group = await new_organization(client, "BUILDING_PARTY_GROUP", building["id"], "楼栋党小组")
    assert group["parent"]["id"] == old_grid["partyOrganization"]["id"]
    # Building names ("N号楼") repeat across grids: a fresh name cannot clash in the target.
    ok(await mutate(client, RENAME, inp(id=building["id"], name="迁入楼")))

    payload = await mutate(client, MOVE, inp(id=building["id"], newParentId=new_grid_["id"]))
    moved = ok(payload)["node"]
    assert moved["grid"]["id"] == new_grid_["id"]
    assert moved["residentCount"] == building["residentCount"]
    assert moved["partyOrganization"]["parent"]["id"] == new_grid_["partyOrganization"]["id"]
    grids = {g["id"]: g for g in (await community(client, target["id"]))["grids"]["nodes"]}
    assert grids[old_grid["id"]]["residentCount"] == (
        old_grid["residentCount"] - building["residentCount"]
    )
    assert grids[new_grid_["id"]]["residentCount"] == (
        new_grid_["residentCount"] + building["residentCount"]
    )


async def test_move_building_without_organisation_to_grid_without_one(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    bare = await new_grid(client, target["id"], "无支部网格")
    building = bare_building(target["grids"]["nodes"][0])
    payload = await mutate(client, MOVE, inp(id=building["id"], newParentId=bare["id"]))
    assert ok(payload)["node"]["grid"]["id"] == bare["id"]


async def test_move_to_same_parent(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    for node_id, parent_id in (
        (target["id"], target["street"]["id"]),
        (grid["id"], target["id"]),
        (grid["buildings"]["nodes"][0]["id"], grid["id"]),
    ):
        await refused(
            client,
            seeded,
            MOVE,
            inp(id=node_id, newParentId=parent_id),
            "SAME_PARENT",
            "newParentId",
        )


async def test_move_street_is_not_movable(seeded: Database, client: GraphQLClient) -> None:
    street = (await streets(client))[0]
    the_district = await district(client)
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=street["id"], newParentId=the_district["id"]),
        "NOT_MOVABLE",
        "id",
    )


async def test_move_refused_when_new_parent_has_no_organisation(
    seeded: Database, client: GraphQLClient
) -> None:
    town = await archived_town_committee(client)
    moving = await subdistrict_community(client)
    error = await refused(
        client,
        seeded,
        MOVE,
        inp(id=moving["id"], newParentId=town["id"]),
        "PARENT_ORGANIZATION_MISSING",
        "newParentId",
    )
    assert town["name"] in error["message"]
    # Still under its old street, its committee under the old working committee.
    assert await community(client, moving["id"]) == moving
    # A community without a party committee can move there.
    bare = await new_community(client, moving["street"]["id"], "无党委社区")
    payload = await mutate(client, MOVE, inp(id=bare["id"], newParentId=town["id"]))
    assert ok(payload)["node"]["street"]["id"] == town["id"]


async def test_move_into_a_parent_with_a_same_named_child(
    seeded: Database, client: GraphQLClient
) -> None:
    source, *others = await subdistrict_communities(client)
    grid = source["grids"]["nodes"][0]
    target = first_where(
        others,
        lambda c: grid["name"] not in grid_names(c),
        f"other community without a grid named {grid['name']}",
    )
    await new_grid(client, target["id"], grid["name"])
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=grid["id"], newParentId=target["id"]),
        "NAME_TAKEN",
        "newParentId",
    )


async def test_move_archived_node_or_to_archived_parent(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    gone = await new_grid(client, target["id"], "已撤网格")
    await archive(client, gone["id"])
    building = target["grids"]["nodes"][0]["buildings"]["nodes"][0]
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=building["id"], newParentId=gone["id"]),
        "ARCHIVED",
        "newParentId",
    )
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=gone["id"], newParentId=(await subdistrict_community(client, 1))["id"]),
        "ARCHIVED",
        "id",
    )


async def test_move_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    other_street = (await subdistricts(client))[1]
    await check_bad_ids(
        client,
        seeded,
        MOVE,
        lambda node_id: inp(id=node_id, newParentId=other_street["id"]),
        "Community",
        (await party_members(client))[0]["id"],
    )
    # The new parent must be of the level above the node: a grid is no parent for a community.
    await check_bad_ids(
        client,
        seeded,
        MOVE,
        lambda parent_id: inp(id=target["id"], newParentId=parent_id),
        "Street",
        grid["id"],
    )


async def test_move_organisation_to_another_node(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    first_grid, second_grid = target["grids"]["nodes"][:2]
    old_home = bare_building(first_grid)
    new_home = bare_building(second_grid)
    group = await new_organization(client, "BUILDING_PARTY_GROUP", old_home["id"], "楼栋党小组")

    payload = await mutate(client, MOVE, inp(id=group["id"], newParentId=new_home["id"]))
    moved = ok(payload)["node"]
    assert moved["node"]["id"] == new_home["id"]
    assert moved["parent"]["id"] == second_grid["partyOrganization"]["id"]
    assert (await node(client, old_home["id"]))["partyOrganization"] is None
    assert (await node(client, new_home["id"]))["partyOrganization"]["id"] == group["id"]


async def test_move_organisation_refusals(seeded: Database, client: GraphQLClient) -> None:
    def child_organisations(grid: Json) -> int:
        n: int = grid["partyOrganization"]["children"]["totalCount"]
        return n

    communities = await subdistrict_communities(client)
    target = first_where(
        communities,
        lambda c: (
            any(child_organisations(g) == 0 for g in c["grids"]["nodes"])
            and any(child_organisations(g) > 0 for g in c["grids"]["nodes"])
        ),
        "community with grid organisations both with and without building party groups",
    )
    grids = target["grids"]["nodes"]
    first_grid = first_where(grids, lambda g: child_organisations(g) == 0, "childless grid")
    second_grid = first_where(grids, lambda g: g["id"] != first_grid["id"], "second grid")
    branch = first_grid["partyOrganization"]
    # Already there.
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=branch["id"], newParentId=first_grid["id"]),
        "SAME_PARENT",
        "newParentId",
    )
    # The other grid has its own branch (or group).
    error = await refused(
        client,
        seeded,
        MOVE,
        inp(id=branch["id"], newParentId=second_grid["id"]),
        "ORGANIZATION_EXISTS",
        "newParentId",
    )
    assert second_grid["partyOrganization"]["name"] in error["message"]
    # An organisation with organisations below it cannot leave its node: a grid's with
    # building party groups, a committee with its grids' organisations.
    parent_grid = first_where(grids, lambda g: child_organisations(g) > 0, "grid with groups")
    bare_grid = await new_grid(client, target["id"], "无支部网格")
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=parent_grid["partyOrganization"]["id"], newParentId=bare_grid["id"]),
        "HAS_LIVE_CHILDREN",
        "id",
    )
    other = first_where(communities, lambda c: c["id"] != target["id"], "other community")
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=target["partyOrganization"]["id"], newParentId=other["id"]),
        "HAS_LIVE_CHILDREN",
        "id",
    )
    # An organisation needs one above it on its new node's parent.
    group = await new_organization(
        client, "BUILDING_PARTY_GROUP", bare_building(first_grid)["id"], "楼栋党小组"
    )
    lone_building = await new_building(client, bare_grid["id"], "1号楼")
    await refused(
        client,
        seeded,
        MOVE,
        inp(id=group["id"], newParentId=lone_building["id"]),
        "PARENT_ORGANIZATION_MISSING",
        "newParentId",
    )
    # A grid branch sits on grids only.
    await rejected(
        client, seeded, MOVE, inp(id=branch["id"], newParentId=target["id"]), "BAD_USER_INPUT"
    )


# --- archiveNode ---------------------------------------------------------------------------


async def test_archive_leaf(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    leaf = await new_grid(client, target["id"], "临时网格")
    archived = await archive(client, leaf["id"])
    assert archived["id"] == leaf["id"]
    assert archived["name"] == "临时网格"

    live = (await client.data(GRIDS, {"parent": target["id"]}))["grids"]
    assert leaf["id"] not in [g["id"] for g in live["nodes"]]
    assert live["totalCount"] == target["gridCount"]
    everything = (await client.data(GRIDS, {"parent": target["id"], "archived": True}))["grids"]
    assert everything["totalCount"] == target["gridCount"] + 1
    (listed,) = [g for g in everything["nodes"] if g["id"] == leaf["id"]]
    assert listed["archivedAt"] == archived["archivedAt"]
    assert (await community(client, target["id"]))["gridCount"] == target["gridCount"]
    async with seeded.session() as session:
        table = Base.metadata.tables["grids"]
        stamps = (
            await session.scalars(select(table.c.archived_at).where(table.c.name == "临时网格"))
        ).all()
    assert len(stamps) == 1 and stamps[0] is not None


async def test_archive_town_after_its_committee(seeded: Database, client: GraphQLClient) -> None:
    town = await bare_town(client)
    before = await district(client)
    error = await refused(client, seeded, ARCHIVE, inp(id=town["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "a live party organisation" in error["message"]
    assert "communities" not in error["message"]
    assert "roles" not in error["message"]
    # The committee in turn is held by its secretary's office and membership.
    committee_id = town["partyOrganization"]["id"]
    roles = await org_role_count(seeded, committee_id)
    assert roles > 0
    error = await refused(client, seeded, ARCHIVE, inp(id=committee_id), "HAS_LIVE_CHILDREN", "id")
    assert f"{roles} live roles (secretary or members)" in error["message"]
    await archive_committee(client, town)
    await archive(client, town["id"])
    after = await district(client)
    assert after["streetCount"] == before["streetCount"] - 1
    assert town["id"] not in [s["id"] for s in after["streets"]["nodes"]]
    assert town["id"] in [s["id"] for s in await streets(client, archived=True)]


async def test_archive_twice(seeded: Database, client: GraphQLClient) -> None:
    target = await subdistrict_community(client)
    leaf = await new_grid(client, target["id"], "临时网格")
    first = await archive(client, leaf["id"])
    await refused(client, seeded, ARCHIVE, inp(id=leaf["id"]), "ARCHIVED", "id")
    assert (await node(client, leaf["id"]))["archivedAt"] == first["archivedAt"]


def blockers(
    counts: dict[str, int], organisation: bool | None = None
) -> tuple[list[str], list[str]]:
    """The phrases an archive refusal must name ("<n> <what>" for each dependent there is,
    "a live party organisation" if there is one) and those it must not (what there is none of)."""
    named = [f"{n} {what}" for what, n in counts.items() if n]
    not_named = [what.removeprefix("live ") for what, n in counts.items() if not n]
    if organisation is not None:
        (named if organisation else not_named).append("a live party organisation")
    return named, not_named


async def test_archive_refused_for_populated_nodes_naming_blockers(
    seeded: Database, client: GraphQLClient
) -> None:
    # A community with work units (not every one has them); what each node below names is
    # derived from what hangs from it.
    candidates = await subdistrict_communities(client)
    unit_counts: dict[str, int] = {}
    for candidate in candidates:
        units = (await client.data(WORK_UNITS, {"community": candidate["id"]}))["workUnits"]
        unit_counts[candidate["id"]] = units["totalCount"]
    target = first_where(
        candidates, lambda c: unit_counts[c["id"]] > 0, "community with work units"
    )
    (street,) = [s for s in await streets(client) if s["id"] == target["street"]["id"]]
    grid = first_where(target["grids"]["nodes"], lambda g: g["cadreCount"] > 0, "grid w/ cadre")
    building = first_where(
        buildings_of(grid), lambda b: b["residentCount"] > 0, "building with residents"
    )
    committee = target["partyOrganization"]
    grid_organisation = grid["partyOrganization"]
    reports = await live_rows(seeded, "member_reports", "home_community_id", target["id"])
    expected: list[tuple[str, tuple[list[str], list[str]]]] = [
        (
            street["id"],
            blockers(
                {
                    "live communities": street["communityCount"],
                    "live roles": street["roles"]["totalCount"],
                },
                organisation=street["partyOrganization"] is not None,
            ),
        ),
        (
            target["id"],
            blockers(
                {
                    "live grids": target["gridCount"],
                    "live roles": target["roles"]["totalCount"],
                    "live work units": unit_counts[target["id"]],
                    "live member reports": reports,
                },
                organisation=committee is not None,
            ),
        ),
        (
            grid["id"],
            blockers(
                {
                    "live buildings": grid["buildingCount"],
                    "live roles": grid["cadreCount"],
                    "live work units": 0,
                    "live member reports": 0,
                },
                organisation=grid_organisation is not None,
            ),
        ),
        (
            building["id"],
            blockers(
                {"residents": building["residentCount"], "live roles": 0},
                organisation=building["partyOrganization"] is not None,
            ),
        ),
        (
            committee["id"],
            blockers(
                {
                    "live child organisations": committee["children"]["totalCount"],
                    "live roles": await org_role_count(seeded, committee["id"]),
                }
            ),
        ),
        (
            grid_organisation["id"],
            blockers(
                {
                    "live child organisations": grid_organisation["children"]["totalCount"],
                    "live roles": await org_role_count(seeded, grid_organisation["id"]),
                }
            ),
        ),
    ]
    for node_id, (named, not_named) in expected:
        assert named
        error = await refused(client, seeded, ARCHIVE, inp(id=node_id), "HAS_LIVE_CHILDREN", "id")
        for phrase in named:
            assert phrase in error["message"]
        for phrase in not_named:
            assert phrase not in error["message"]
        assert (await node(client, node_id))["archivedAt"] is None


async def test_archive_refused_for_a_live_role_until_it_ends(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await subdistricts(client))[0]
    spare = await new_community(client, street["id"], "新设社区")
    worker = await new_person(client, "社工甲")
    role_id = await assign(client, personId=worker, kind="COMMUNITY_WORKER", scopeId=spare["id"])
    error = await refused(client, seeded, ARCHIVE, inp(id=spare["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "1 live roles" in error["message"]
    ok(await mutate(client, END_ROLE, inp(id=role_id)))
    await archive(client, spare["id"])


async def test_archive_refused_for_a_street_role(seeded: Database, client: GraphQLClient) -> None:
    street = await new_street(client, "新设街道")
    home = (await subdistrict_community(client))["id"]
    member = await new_person(client, "兼职委员甲")
    await assign(
        client,
        personId=member,
        kind="STREET_PART_TIME_MEMBER",
        scopeId=street["id"],
        workUnitId=await new_unit(client, home, "区税务局"),
    )
    error = await refused(client, seeded, ARCHIVE, inp(id=street["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "1 live roles" in error["message"]


async def test_archive_refused_for_a_work_unit(seeded: Database, client: GraphQLClient) -> None:
    street = (await subdistricts(client))[0]
    spare = await new_community(client, street["id"], "新设社区")
    await new_unit(client, spare["id"], "新设单位")
    error = await refused(client, seeded, ARCHIVE, inp(id=spare["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "1 live work units" in error["message"]


async def test_archive_refused_for_a_member_report_homed_there(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await subdistricts(client))[0]
    spare = await new_community(client, street["id"], "新设社区")
    # A party member with no building on record may report to any community as home.
    member = await a_member_without_a_building(client)
    elsewhere = await subdistrict_community(client)
    unit_id = await new_unit(client, elsewhere["id"], "新设单位")
    payload = await mutate(
        client,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit_id, homeCommunityId=spare["id"]),
    )
    ok(payload)
    error = await refused(client, seeded, ARCHIVE, inp(id=spare["id"]), "HAS_LIVE_CHILDREN", "id")
    assert error["message"].endswith("still has 1 live member reports; archive or move them first")


async def test_archive_refused_for_residents(seeded: Database, client: GraphQLClient) -> None:
    grid = (await subdistrict_community(client))["grids"]["nodes"][0]
    building = await new_building(client, grid["id"], "新楼")
    await new_person(client, "居民甲", building["id"])
    error = await refused(
        client, seeded, ARCHIVE, inp(id=building["id"]), "HAS_LIVE_CHILDREN", "id"
    )
    assert "1 residents" in error["message"]


async def test_archive_refused_for_children_and_organisation(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    grid = await new_grid(client, target["id"], "新网格")
    building = await new_building(client, grid["id"], "新楼")
    error = await refused(client, seeded, ARCHIVE, inp(id=grid["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "1 live buildings" in error["message"]
    assert "organisation" not in error["message"]

    grid_group = await new_organization(client, "GRID_PARTY_GROUP", grid["id"], "新网格党小组")
    group = await new_organization(client, "BUILDING_PARTY_GROUP", building["id"], "楼栋党小组")
    error = await refused(
        client, seeded, ARCHIVE, inp(id=building["id"]), "HAS_LIVE_CHILDREN", "id"
    )
    assert error["message"].endswith(
        "still has a live party organisation; archive or move them first"
    )
    # Undo from the bottom up: each step frees the next.
    await archive(client, group["id"])
    await archive(client, building["id"])
    error = await refused(client, seeded, ARCHIVE, inp(id=grid["id"]), "HAS_LIVE_CHILDREN", "id")
    assert "a live party organisation" in error["message"]
    assert "buildings" not in error["message"]
    await archive(client, grid_group["id"])
    await archive(client, grid["id"])


async def test_archive_organisation(seeded: Database, client: GraphQLClient) -> None:
    building = bare_building((await subdistrict_community(client))["grids"]["nodes"][0])
    name = "待撤楼栋党小组"
    group = await new_organization(client, "BUILDING_PARTY_GROUP", building["id"], name)
    before = (await client.data(ORGANIZATIONS))["partyOrganizations"]["totalCount"]
    archived_before = (await client.data(ORGANIZATIONS, {"archived": True}))["partyOrganizations"][
        "totalCount"
    ]
    archived = await archive(client, group["id"])
    assert archived["__typename"] == "PartyOrganization"
    assert (await node(client, building["id"]))["partyOrganization"] is None
    live = (await client.data(ORGANIZATIONS))["partyOrganizations"]
    assert live["totalCount"] == before - 1
    named = (await client.data(ORGANIZATIONS, {"name": name}))["partyOrganizations"]
    assert named["nodes"] == []
    everything = (await client.data(ORGANIZATIONS, {"archived": True}))["partyOrganizations"]
    assert everything["totalCount"] == archived_before
    named = (await client.data(ORGANIZATIONS, {"archived": True, "name": name}))[
        "partyOrganizations"
    ]
    assert [o["id"] for o in named["nodes"]] == [group["id"]]
    # The node is free for a new organisation.
    again = await new_organization(client, "BUILDING_PARTY_GROUP", building["id"], name)
    assert again["id"] != group["id"]


async def test_archive_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    person = (await party_members(client))[0]
    await check_bad_ids(
        client, seeded, ARCHIVE, lambda node_id: inp(id=node_id), "Building", person["id"]
    )
    the_district = await district(client)
    await rejected(client, seeded, ARCHIVE, inp(id=the_district["id"]), "BAD_USER_INPUT")


# --- createPartyOrganization ---------------------------------------------------------------


async def test_create_organisation_at_every_level(seeded: Database, client: GraphQLClient) -> None:
    street = await new_street(client, "新设街道")
    committee = await new_organization(
        client, "STREET_WORKING_COMMITTEE", street["id"], "新设党工委"
    )
    assert committee["kind"] == "STREET_WORKING_COMMITTEE"
    assert committee["parent"] is None
    assert committee["node"]["id"] == street["id"]
    assert committee["secretary"] is None
    assert committee["archivedAt"] is None

    place = await new_community(client, street["id"], "新设社区")
    party = await new_organization(
        client, "COMMUNITY_PARTY_COMMITTEE", place["id"], " 新设社区党委 "
    )
    assert party["name"] == "新设社区党委"
    assert party["parent"]["id"] == committee["id"]

    grid = await new_grid(client, place["id"], "第1网格")
    group = await new_organization(client, "GRID_PARTY_GROUP", grid["id"], "第1网格党小组")
    assert group["parent"]["id"] == party["id"]

    building = await new_building(client, grid["id"], "1号楼")
    building_group = await new_organization(
        client, "BUILDING_PARTY_GROUP", building["id"], "1号楼党小组"
    )
    assert building_group["parent"]["id"] == group["id"]

    for node_id, organization in (
        (street["id"], committee),
        (place["id"], party),
        (grid["id"], group),
        (building["id"], building_group),
    ):
        assert (await node(client, node_id))["partyOrganization"]["id"] == organization["id"]
        read = await node(client, organization["id"])
        assert read["kind"] == organization["kind"]
        assert read["node"]["id"] == node_id


async def test_create_grid_branch_under_a_community_committee(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    grid = await new_grid(client, target["id"], "第3网格")
    branch = await new_organization(client, "GRID_PARTY_BRANCH", grid["id"], "第3网格党支部")
    assert branch["parent"]["id"] == target["partyOrganization"]["id"]
    after = await community(client, target["id"])
    assert after["partyOrganization"]["children"]["totalCount"] == (
        target["partyOrganization"]["children"]["totalCount"] + 1
    )


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        ("GRID_PARTY_BRANCH", "community"),
        ("STREET_WORKING_COMMITTEE", "grid"),
        ("COMMUNITY_PARTY_COMMITTEE", "building"),
        ("BUILDING_PARTY_GROUP", "street"),
        ("BUILDING_PARTY_GROUP", "organisation"),
    ],
)
async def test_create_organisation_wrong_level(
    seeded: Database, client: GraphQLClient, kind: str, level: str
) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    node_ids = {
        "street": target["street"]["id"],
        "community": target["id"],
        "grid": grid["id"],
        "building": grid["buildings"]["nodes"][0]["id"],
        "organisation": target["partyOrganization"]["id"],
    }
    await refused(
        client,
        seeded,
        CREATE_ORGANIZATION,
        inp(kind=kind, nodeId=node_ids[level], name="党组织"),
        "WRONG_LEVEL",
        "nodeId",
    )


async def test_create_second_organisation_on_a_node(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    grid = target["grids"]["nodes"][0]
    for kind, node_id, existing in (
        ("COMMUNITY_PARTY_COMMITTEE", target["id"], target["partyOrganization"]),
        ("GRID_PARTY_GROUP", grid["id"], grid["partyOrganization"]),
    ):
        error = await refused(
            client,
            seeded,
            CREATE_ORGANIZATION,
            inp(kind=kind, nodeId=node_id, name="第二个党组织"),
            "ORGANIZATION_EXISTS",
            "nodeId",
        )
        assert existing["name"] in error["message"]


async def test_create_organisation_without_parent_organisation(
    seeded: Database, client: GraphQLClient
) -> None:
    street = (await subdistricts(client))[0]
    bare = await new_community(client, street["id"], "无党委社区")
    grid = await new_grid(client, bare["id"], "第1网格")
    error = await refused(
        client,
        seeded,
        CREATE_ORGANIZATION,
        inp(kind="GRID_PARTY_BRANCH", nodeId=grid["id"], name="第1网格党支部"),
        "PARENT_ORGANIZATION_MISSING",
        "nodeId",
    )
    assert bare["name"] in error["message"]


async def test_create_organisation_on_archived_node(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    gone = await new_grid(client, target["id"], "已撤网格")
    await archive(client, gone["id"])
    await refused(
        client,
        seeded,
        CREATE_ORGANIZATION,
        inp(kind="GRID_PARTY_BRANCH", nodeId=gone["id"], name="党支部"),
        "ARCHIVED",
        "nodeId",
    )


async def test_create_organisation_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    person = (await party_members(client))[0]
    await check_bad_ids(
        client,
        seeded,
        CREATE_ORGANIZATION,
        lambda node_id: inp(kind="GRID_PARTY_BRANCH", nodeId=node_id, name="党支部"),
        "Grid",
        person["id"],
    )


# --- appointSecretary ----------------------------------------------------------------------


async def committee_and_members(client: GraphQLClient) -> tuple[Json, list[Json]]:
    """A seeded community's committee with its secretary, and party members living in the
    community who are no secretary of any organisation."""
    target = await subdistrict_community(client)
    committee = await node(client, target["partyOrganization"]["id"])
    living_there = (await client.data(PARTY_MEMBERS, {"community": target["id"]}))["people"]
    members = [
        p for p in living_there["nodes"] if "SECRETARY" not in [role["kind"] for role in p["roles"]]
    ]
    assert members
    return committee, members


def secretary_role(person: Json, organization_id: str, key: str = "live") -> Json:
    roles: list[Json] = [
        role
        for role in person[key]
        if role["kind"] == "SECRETARY" and role["partyOrganization"]["id"] == organization_id
    ]
    assert len(roles) == 1, person
    return roles[0]


async def test_appoint_secretary_replaces_the_previous_one(
    seeded: Database, client: GraphQLClient
) -> None:
    committee, members = await committee_and_members(client)
    old_id = committee["secretary"]["id"]
    old_term = secretary_role(await roles_of(client, old_id), committee["id"])
    start = date.fromisoformat(old_term["startedOn"]) + timedelta(days=400)
    newcomer = members[0]

    payload = await mutate(
        client,
        APPOINT,
        inp(organizationId=committee["id"], personId=newcomer["id"], startedOn=start.isoformat()),
    )
    organization = ok(payload)["partyOrganization"]
    assert organization["id"] == committee["id"]
    assert organization["secretary"] == {"id": newcomer["id"], "name": newcomer["name"]}
    assert (await node(client, committee["id"]))["secretary"]["id"] == newcomer["id"]

    old = await roles_of(client, old_id)
    assert "SECRETARY" not in [role["kind"] for role in old["live"]]
    ended = secretary_role(old, committee["id"], "all")
    assert ended["startedOn"] == old_term["startedOn"]
    assert ended["endedOn"] == start.isoformat()

    new = secretary_role(await roles_of(client, newcomer["id"]), committee["id"])
    assert new["startedOn"] == start.isoformat()
    assert new["endedOn"] is None
    async with seeded.session() as session:
        table = Base.metadata.tables["person_roles"]
        live = (
            await session.execute(
                select(table.c.person_id, table.c.started_on).where(
                    table.c.kind == "SECRETARY",
                    table.c.ended_on.is_(None),
                    table.c.party_organization_id == decode(committee["id"])[1],
                )
            )
        ).all()
    assert [tuple(row) for row in live] == [(decode(newcomer["id"])[1], start)]


async def test_appoint_first_secretary_defaults_to_today(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    # A building party group: the generated ones have no secretary yet.
    building = first_where(
        (b for grid in target["grids"]["nodes"] for b in buildings_of(grid)),
        lambda b: b["partyOrganization"] is not None,
        "building with a party group",
    )
    group = building["partyOrganization"]
    assert (await node(client, group["id"]))["secretary"] is None
    _, members = await committee_and_members(client)
    first_day = clock.today()
    payload = await mutate(
        client, APPOINT, inp(organizationId=group["id"], personId=members[0]["id"])
    )
    last_day = clock.today()
    assert ok(payload)["partyOrganization"]["secretary"]["id"] == members[0]["id"]
    role = secretary_role(await roles_of(client, members[0]["id"]), group["id"])
    assert role["startedOn"] in {first_day.isoformat(), last_day.isoformat()}


async def test_appoint_secretary_needs_a_party_member(
    seeded: Database, client: GraphQLClient
) -> None:
    committee, _ = await committee_and_members(client)
    outsider = await new_person(client, "群众甲")
    error = await refused(
        client,
        seeded,
        APPOINT,
        inp(organizationId=committee["id"], personId=outsider),
        "NOT_A_PARTY_MEMBER",
        "personId",
    )
    assert "群众甲" in error["message"]
    assert (await node(client, committee["id"]))["secretary"] == committee["secretary"]


async def test_appoint_the_current_secretary_again(seeded: Database, client: GraphQLClient) -> None:
    committee, _ = await committee_and_members(client)
    await refused(
        client,
        seeded,
        APPOINT,
        inp(organizationId=committee["id"], personId=committee["secretary"]["id"]),
        "ROLE_EXISTS",
        "personId",
    )


async def test_appoint_secretary_before_the_current_term(
    seeded: Database, client: GraphQLClient
) -> None:
    committee, members = await committee_and_members(client)
    term = secretary_role(await roles_of(client, committee["secretary"]["id"]), committee["id"])
    too_early = date.fromisoformat(term["startedOn"]) - timedelta(days=1)
    await refused(
        client,
        seeded,
        APPOINT,
        inp(
            organizationId=committee["id"],
            personId=members[0]["id"],
            startedOn=too_early.isoformat(),
        ),
        "DATE_ORDER",
        "startedOn",
    )


async def test_appoint_secretary_of_archived_organisation(
    seeded: Database, client: GraphQLClient
) -> None:
    target = await subdistrict_community(client)
    building = target["grids"]["nodes"][0]["buildings"]["nodes"][0]
    group = await new_organization(client, "BUILDING_PARTY_GROUP", building["id"], "楼栋党小组")
    await archive(client, group["id"])
    _, members = await committee_and_members(client)
    await refused(
        client,
        seeded,
        APPOINT,
        inp(organizationId=group["id"], personId=members[0]["id"]),
        "ARCHIVED",
        "organizationId",
    )


async def test_appoint_secretary_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    committee, members = await committee_and_members(client)
    await check_bad_ids(
        client,
        seeded,
        APPOINT,
        lambda org_id: inp(organizationId=org_id, personId=members[0]["id"]),
        "PartyOrganization",
        committee["node"]["id"],
    )
    await check_bad_ids(
        client,
        seeded,
        APPOINT,
        lambda person_id: inp(organizationId=committee["id"], personId=person_id),
        "Person",
        committee["id"],
    )
