"""Walking the tree down and up through the endpoint, with counts checked against SQL."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import (
    Building,
    Community,
    Grid,
    PartyOrganization,
    Person,
    PersonRole,
    RoleKind,
    WorkUnit,
)
from resolvers import global_ids
from tests.support.database import Database
from tests.support.graphql import UNLIMITED, GraphQLClient, graphql_client


async def scalar_count(db: Database, stmt: object) -> int:
    async with db.session() as session:
        return int(await session.scalar(stmt) or 0)  # type: ignore[call-overload]


async def test_district_counts_match_the_database(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        "{ district { name code streetCount communityCount gridCount buildingCount"
        " partyMemberCount workerCount streets(first: 100) { totalCount } } }"
    )
    district = data["district"]
    assert (district["name"], district["code"]) == ("市中区", "370402")
    assert district["streetCount"] == district["streets"]["totalCount"] == 11
    assert district["communityCount"] == await scalar_count(
        seeded, select(func.count()).select_from(Community)
    )
    assert district["gridCount"] == await scalar_count(
        seeded, select(func.count()).select_from(Grid)
    )
    assert district["buildingCount"] == await scalar_count(
        seeded, select(func.count()).select_from(Building)
    )
    members = select(func.count(func.distinct(PersonRole.person_id))).where(
        PersonRole.kind == RoleKind.PARTY_MEMBER,
        PersonRole.person_id.in_(select(Person.id).where(Person.building_id.is_not(None))),
    )
    assert district["partyMemberCount"] == await scalar_count(seeded, members)
    workers = select(func.count(func.distinct(PersonRole.person_id))).where(
        PersonRole.kind == RoleKind.COMMUNITY_WORKER
    )
    assert district["workerCount"] == await scalar_count(seeded, workers)


async def test_roll_ups_add_up_level_by_level(seeded: Database) -> None:
    async with graphql_client(seeded, **UNLIMITED) as client:  # the whole tree at once
        data = await client.data(
            """{ district { communityCount gridCount buildingCount partyMemberCount workerCount
          streets(first: 100) { nodes {
            communityCount gridCount buildingCount partyMemberCount workerCount
            communities(first: 100) { totalCount nodes {
              gridCount buildingCount partyMemberCount workerCount
              grids(first: 100) { totalCount nodes {
                buildingCount partyMemberCount residentCount
                buildings(first: 100) { totalCount nodes { partyMemberCount residentCount } }
              } }
            } }
          } } } }"""
        )
    district = data["district"]
    streets = district["streets"]["nodes"]
    for key in ("communityCount", "gridCount", "buildingCount", "partyMemberCount", "workerCount"):
        assert district[key] == sum(street[key] for street in streets), key
    for street in streets:
        communities = street["communities"]["nodes"]
        assert street["communityCount"] == len(communities) == street["communities"]["totalCount"]
        for key in ("gridCount", "buildingCount", "partyMemberCount", "workerCount"):
            assert street[key] == sum(c[key] for c in communities), key
        for community in communities:
            grids = community["grids"]["nodes"]
            assert community["gridCount"] == len(grids)
            assert community["buildingCount"] == sum(g["buildingCount"] for g in grids)
            assert community["partyMemberCount"] == sum(g["partyMemberCount"] for g in grids)
            for grid in grids:
                buildings = grid["buildings"]["nodes"]
                assert grid["buildingCount"] == len(buildings)
                assert grid["residentCount"] == sum(b["residentCount"] for b in buildings)
                assert grid["partyMemberCount"] == sum(b["partyMemberCount"] for b in buildings)
    towns = [s for s in streets if s["communityCount"] == 0]
    assert len(towns) == 5  # towns carry no urban communities


async def test_navigate_up_from_a_building(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ buildings(first: 100) { nodes { id name residentCount
            grid { id name community { id name street { id name district { name } } } }
            residents(first: 100) { totalCount nodes { name building { id } } }
        } } }"""
    )
    building = next(b for b in data["buildings"]["nodes"] if b["residentCount"] > 1)
    street = building["grid"]["community"]["street"]
    assert street["district"]["name"] == "市中区"
    async with seeded.session() as session:
        row = await session.get(Building, global_ids.decode(building["id"])[1])
        assert row is not None
        grid = await session.get(Grid, row.grid_id)
        assert grid is not None and grid.name == building["grid"]["name"]
        community = await session.get(Community, grid.community_id)
        assert community is not None and community.name == building["grid"]["community"]["name"]
    residents = building["residents"]["nodes"]
    assert building["residents"]["totalCount"] == len(residents) == building["residentCount"]
    assert {r["building"]["id"] for r in residents} == {building["id"]}
    async with seeded.session() as session:
        stored = await session.scalar(
            select(func.count()).select_from(Person).where(Person.building_id == row.id)
        )
    assert stored == len(residents)


async def test_party_organisations_follow_the_tree(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ communities(first: 1) { nodes { name
            street { partyOrganization { id kind } }
            partyOrganization { id kind name parent { id } secretary { name roles { kind } }
              node { ... on Community { name } }
              children { totalCount nodes { kind node { ... on Grid { community { name } } } } }
            }
            grids { nodes { partyOrganization { kind parent { id } } } }
        } } }"""
    )
    community = data["communities"]["nodes"][0]
    org = community["partyOrganization"]
    assert org["kind"] == "COMMUNITY_PARTY_COMMITTEE"
    assert org["node"] == {"name": community["name"]}
    assert org["parent"]["id"] == community["street"]["partyOrganization"]["id"]
    assert community["street"]["partyOrganization"]["kind"] == "STREET_WORKING_COMMITTEE"
    assert {"SECRETARY", "PARTY_MEMBER"} <= {r["kind"] for r in org["secretary"]["roles"]}
    assert org["children"]["totalCount"] == len(community["grids"]["nodes"])
    for child in org["children"]["nodes"]:
        assert child["kind"] in ("GRID_PARTY_BRANCH", "GRID_PARTY_GROUP")
        assert child["node"]["community"]["name"] == community["name"]
    for grid in community["grids"]["nodes"]:
        assert grid["partyOrganization"]["parent"]["id"] == org["id"]
    async with seeded.session() as session:
        live = await session.scalar(
            select(func.count())
            .select_from(PartyOrganization)
            .where(PartyOrganization.archived_at.is_(None))
        )
    total = await client.data("{ partyOrganizations { totalCount } }")
    assert total["partyOrganizations"]["totalCount"] == live


async def test_roles_bound_to_nodes(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ grids(first: 100) { nodes { cadreCount
              roles { totalCount nodes { kind post duty person { name }
                workUnit { name kind } grid { id } } } id } }
            communities(first: 1) { nodes { workerCount
              roles(filter: {kind: COMMUNITY_WORKER}) {
                totalCount nodes { kind community { name } } }
              name } } }"""
    )
    grids = data["grids"]["nodes"]
    assert {g["cadreCount"] for g in grids} == {0, 1}  # some grids have a sunk cadre
    grid = next(g for g in grids if g["cadreCount"] == 1)
    assert grid["roles"]["totalCount"] == 1
    cadre = grid["roles"]["nodes"][0]
    assert cadre["kind"] == "GRID_CADRE" and cadre["post"] and cadre["duty"]
    assert cadre["workUnit"]["kind"] == "AGENCY" and cadre["grid"]["id"] == grid["id"]
    community = data["communities"]["nodes"][0]
    workers = community["roles"]
    assert workers["totalCount"] == community["workerCount"] >= 1
    assert {r["community"]["name"] for r in workers["nodes"]} == {community["name"]}


async def test_work_units_and_dual_reports(seeded: Database, client: GraphQLClient) -> None:
    data = await client.data(
        """{ workUnits(first: 5) { totalCount nodes { name kind community { name }
            memberReports(first: 100) { totalCount nodes { homeCommunity { id } person { name
              building { grid { community { id } } }
              memberReport { workUnit { name } } roles { kind } } } } } } }"""
    )
    async with seeded.session() as session:
        units = await session.scalar(select(func.count()).select_from(WorkUnit))
    assert data["workUnits"]["totalCount"] == units
    for unit in data["workUnits"]["nodes"]:
        reports = unit["memberReports"]
        assert reports["totalCount"] == len(reports["nodes"]) > 0
        for report in reports["nodes"]:
            person = report["person"]
            assert person["memberReport"]["workUnit"]["name"] == unit["name"]
            assert "PARTY_MEMBER" in {r["kind"] for r in person["roles"]}
            # Members report home to the community they live in.
            assert report["homeCommunity"]["id"] == person["building"]["grid"]["community"]["id"]


async def test_empty_database_says_how_to_seed(db: Database, client: GraphQLClient) -> None:
    body = await client.post("{ district { name } }")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "grassroots seed" in body["errors"][0]["message"]
