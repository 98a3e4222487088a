"""Dual reporting (双报到) through the real GraphQL endpoint: registerWorkUnit and
registerMemberReport.

Each mutation's success path (payload, follow-up query, database), every user error it can
return, bad IDs as top-level errors, and atomicity: a refused mutation leaves every table
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from db.base import Base
from resolvers import clock
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import (
    ARCHIVE,
    CREATE_COMMUNITY,
    USER_ERRORS,
    Json,
    check_bad_ids,
    first_where,
    inp,
    mutate,
    ok,
    refused,
)

UNIT_FIELDS = """
  id name kind address reportedOn archivedAt
  community { id }
  memberReports(first: 50) { totalCount nodes { id } }
"""

REPORT_FIELDS = """
  id reportedOn endedOn
  person { id memberReport { id } }
  workUnit { id }
  homeCommunity { id }
"""

UNITS = f"""
query Units($community: ID, $archived: Boolean! = false) {{
  workUnits(first: 50, filter: {{ communityId: $community, includeArchived: $archived }}) {{
    totalCount
    nodes {{ {UNIT_FIELDS} }}
  }}
}}
"""

COMMUNITIES = """
query Communities {
  communities(first: 50) { nodes { id name street { id } } }
}
"""

MEMBERS = """
query Members {
  people(first: 100, filter: { roleKind: PARTY_MEMBER }) {
    nodes {
      id name
      building { id grid { community { id } } }
      roles { id kind }
      memberReport { id reportedOn }
    }
  }
}
"""

WORKERS = """
query Workers {
  people(first: 100, filter: { roleKind: COMMUNITY_WORKER }) {
    nodes { id name building { grid { community { id } } } roles { kind } }
  }
}
"""

STREET_SECRETARIES = """
query StreetSecretaries {
  streets(first: 50) {
    nodes {
      partyOrganization {
        secretary { id name building { id } memberReport { id } }
      }
    }
  }
}
"""

NEWEST_REPORT = """
query NewestReport($id: ID!) {
  node(id: $id) {
    ... on WorkUnit { memberReports(last: 1) { totalCount nodes { id } } }
  }
}
"""

PERSON = """
query Person($id: ID!) {
  node(id: $id) { ... on Person { id memberReport { id reportedOn workUnit { id } } } }
}
"""

REGISTER_UNIT = f"""
mutation RegisterUnit($input: RegisterWorkUnitInput!) {{
  registerWorkUnit(input: $input) {{ workUnit {{ {UNIT_FIELDS} }} {USER_ERRORS} }}
}}
"""

REGISTER_REPORT = f"""
mutation RegisterReport($input: RegisterMemberReportInput!) {{
  registerMemberReport(input: $input) {{ memberReport {{ {REPORT_FIELDS} }} {USER_ERRORS} }}
}}
"""

END_ROLE = f"""
mutation EndRole($input: EndRoleInput!) {{
  endRole(input: $input) {{ role {{ id endedOn }} {USER_ERRORS} }}
}}
"""


# --- helpers -----------------------------------------------------------------------------


async def units(
    client: GraphQLClient, community_id: str | None = None, *, archived: bool = False
) -> Json:
    variables = {"community": community_id, "archived": archived}
    found: Json = (await client.data(UNITS, variables))["workUnits"]
    return found


async def communities(client: GraphQLClient) -> list[Json]:
    found: list[Json] = (await client.data(COMMUNITIES))["communities"]["nodes"]
    return found


async def members(client: GraphQLClient) -> list[Json]:
    found: list[Json] = (await client.data(MEMBERS))["people"]["nodes"]
    return found


def kinds(person: Json) -> list[str]:
    """The kinds of a person's live roles."""
    return [role["kind"] for role in person["roles"]]


def home_of(member: Json) -> str:
    community_id: str = member["building"]["grid"]["community"]["id"]
    return community_id


async def a_member_yet_to_report(client: GraphQLClient) -> Json:
    """A party member living in the seeded district who has not reported yet."""
    found = [m for m in await members(client) if m["building"] and m["memberReport"] is None]
    assert found
    return found[0]


async def a_member_without_home(client: GraphQLClient) -> Json:
    """A party member with no building on record who has not reported: the secretary of a
    street's working committee."""
    streets = (await client.data(STREET_SECRETARIES))["streets"]["nodes"]
    secretaries = [
        street["partyOrganization"]["secretary"]
        for street in streets
        if street["partyOrganization"] and street["partyOrganization"]["secretary"]
    ]
    return first_where(
        secretaries,
        lambda p: p["building"] is None and p["memberReport"] is None,
        "street secretary without a building and a member report",
    )


async def a_unit_elsewhere(client: GraphQLClient, community_id: str) -> Json:
    """A live work unit sitting in another community than `community_id`."""
    unit: Json = next(
        u for u in (await units(client))["nodes"] if u["community"]["id"] != community_id
    )
    return unit


async def report_count(db: Database) -> int:
    table = Base.metadata.tables["member_reports"]
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def archive_unit(db: Database, name: str) -> None:
    """Archive a work unit. No mutation does that yet, so write it as an admin would."""
    table = Base.metadata.tables["work_units"]
    async with db.session() as session:
        await session.execute(
            table.update().where(table.c.name == name).values(archived_at=datetime.now(UTC))
        )
        await session.commit()


async def archived_community(client: GraphQLClient) -> str:
    street_id = (await communities(client))[0]["street"]["id"]
    payload = await mutate(client, CREATE_COMMUNITY, inp(streetId=street_id, name="待撤社区"))
    community_id: str = ok(payload)["community"]["id"]
    ok(await mutate(client, ARCHIVE, inp(id=community_id)))
    return community_id


def today_window() -> Callable[[str], bool]:
    """Whether a date the server defaulted to 'today' is today (or, across midnight,
    the day this window opened)."""
    first = clock.today()

    def within(value: str) -> bool:
        return value in {first.isoformat(), clock.today().isoformat()}

    return within


# --- registerWorkUnit ----------------------------------------------------------------------


async def test_register_work_unit(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities(client))[0]
    before = await units(client, community["id"])
    payload = await mutate(
        client,
        REGISTER_UNIT,
        inp(
            name="  市中区人民医院 ",
            kind="INSTITUTION",
            communityId=community["id"],
            address=" 君山中路 ",
            reportedOn="2023-03-01",
        ),
    )
    unit = ok(payload)["workUnit"]
    assert unit["name"] == "市中区人民医院"
    assert unit["kind"] == "INSTITUTION"
    assert unit["address"] == "君山中路"
    assert unit["reportedOn"] == "2023-03-01"
    assert unit["archivedAt"] is None
    assert unit["community"] == {"id": community["id"]}
    assert unit["memberReports"]["totalCount"] == 0

    after = await units(client, community["id"])
    assert after["totalCount"] == before["totalCount"] + 1
    (listed,) = [u for u in after["nodes"] if u["id"] == unit["id"]]
    assert listed == unit
    table = Base.metadata.tables["work_units"]
    async with seeded.session() as session:
        stored = (
            await session.execute(
                select(table.c.address, table.c.reported_on).where(table.c.name == "市中区人民医院")
            )
        ).all()
    assert [tuple(row) for row in stored] == [("君山中路", date(2023, 3, 1))]


async def test_register_work_unit_defaults(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities(client))[0]
    is_today = today_window()
    payload = await mutate(
        client,
        REGISTER_UNIT,
        inp(name="快递驿站", kind="TWO_NEW_ORGANIZATION", communityId=community["id"]),
    )
    unit = ok(payload)["workUnit"]
    assert unit["address"] == ""
    assert is_today(unit["reportedOn"])


async def test_register_work_unit_name_taken_across_communities(
    seeded: Database, client: GraphQLClient
) -> None:
    existing = (await units(client))["nodes"][0]
    elsewhere = next(c for c in await communities(client) if c["id"] != existing["community"]["id"])
    for name in (existing["name"], f" {existing['name']}  "):
        error = await refused(
            client,
            seeded,
            REGISTER_UNIT,
            inp(name=name, kind="AGENCY", communityId=elsewhere["id"]),
            "NAME_TAKEN",
            "name",
        )
        assert existing["name"] in error["message"]


async def test_register_work_unit_name_freed_by_archiving(
    seeded: Database, client: GraphQLClient
) -> None:
    existing = (await units(client))["nodes"][0]
    await archive_unit(seeded, existing["name"])
    payload = await mutate(
        client,
        REGISTER_UNIT,
        inp(name=existing["name"], kind="ENTERPRISE", communityId=existing["community"]["id"]),
    )
    again = ok(payload)["workUnit"]
    assert again["id"] != existing["id"]
    everything = await units(client, existing["community"]["id"], archived=True)
    assert [u["name"] for u in everything["nodes"]].count(existing["name"]) == 2


async def test_register_work_unit_in_archived_community(
    seeded: Database, client: GraphQLClient
) -> None:
    gone = await archived_community(client)
    await refused(
        client,
        seeded,
        REGISTER_UNIT,
        inp(name="新单位", kind="AGENCY", communityId=gone),
        "ARCHIVED",
        "communityId",
    )


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"name": ""}, "BLANK", "name"),
        ({"name": " \n "}, "BLANK", "name"),
        ({"name": "单" * 101}, "TOO_LONG", "name"),
        ({"name": "新\x7f单位"}, "INVALID", "name"),
        ({"address": "路" * 201}, "TOO_LONG", "address"),
        ({"address": "君山\x1f中路"}, "INVALID", "address"),
    ],
    ids=[
        "empty name",
        "blank name",
        "long name",
        "control in name",
        "long address",
        "control in address",
    ],
)
async def test_register_work_unit_bad_fields(
    seeded: Database, client: GraphQLClient, fields: Json, code: str, field: str
) -> None:
    community = (await communities(client))[0]
    given = {"name": "新单位", "kind": "AGENCY", "communityId": community["id"], **fields}
    await refused(client, seeded, REGISTER_UNIT, inp(**given), code, field)


async def test_register_work_unit_longest_name_and_address(
    seeded: Database, client: GraphQLClient
) -> None:
    community = (await communities(client))[0]
    payload = await mutate(
        client,
        REGISTER_UNIT,
        inp(name="单" * 100, kind="AGENCY", communityId=community["id"], address="路" * 200),
    )
    unit = ok(payload)["workUnit"]
    assert (unit["name"], unit["address"]) == ("单" * 100, "路" * 200)


async def test_register_work_unit_bad_community_ids(
    seeded: Database, client: GraphQLClient
) -> None:
    unit = (await units(client))["nodes"][0]
    await check_bad_ids(
        client,
        seeded,
        REGISTER_UNIT,
        lambda community_id: inp(name="新单位", kind="AGENCY", communityId=community_id),
        "Community",
        unit["id"],
    )


# --- registerMemberReport ------------------------------------------------------------------


async def test_register_member_report(seeded: Database, client: GraphQLClient) -> None:
    member = await a_member_yet_to_report(client)
    home = home_of(member)
    unit = await a_unit_elsewhere(client, home)
    reports = await report_count(seeded)
    payload = await mutate(
        client,
        REGISTER_REPORT,
        inp(
            personId=member["id"],
            workUnitId=unit["id"],
            homeCommunityId=home,
            reportedOn="2023-06-28",
        ),
    )
    report = ok(payload)["memberReport"]
    assert report["reportedOn"] == "2023-06-28"
    assert report["endedOn"] is None
    assert report["person"] == {"id": member["id"], "memberReport": {"id": report["id"]}}
    assert report["workUnit"] == {"id": unit["id"]}
    assert report["homeCommunity"] == {"id": home}

    read = (await client.data(PERSON, {"id": member["id"]}))["node"]["memberReport"]
    assert read == {"id": report["id"], "reportedOn": "2023-06-28", "workUnit": {"id": unit["id"]}}
    # A unit's reports are listed in the order they were registered: the new one is last.
    unit_after = (await client.data(NEWEST_REPORT, {"id": unit["id"]}))["node"]["memberReports"]
    assert unit_after["totalCount"] == unit["memberReports"]["totalCount"] + 1
    assert [r["id"] for r in unit_after["nodes"]] == [report["id"]]
    assert await report_count(seeded) == reports + 1


async def test_register_member_report_today_by_default(
    seeded: Database, client: GraphQLClient
) -> None:
    member = await a_member_yet_to_report(client)
    unit = (await units(client))["nodes"][0]
    is_today = today_window()
    payload = await mutate(
        client,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=home_of(member)),
    )
    assert is_today(ok(payload)["memberReport"]["reportedOn"])


async def test_member_without_a_building_reports_to_any_community(
    seeded: Database, client: GraphQLClient
) -> None:
    member = await a_member_without_home(client)
    community = (await communities(client))[-1]
    unit = (await units(client))["nodes"][0]
    payload = await mutate(
        client,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=community["id"]),
    )
    assert ok(payload)["memberReport"]["homeCommunity"] == {"id": community["id"]}


async def test_register_member_report_needs_a_party_member(
    seeded: Database, client: GraphQLClient
) -> None:
    workers = (await client.data(WORKERS))["people"]
    # A community worker who is not in the party, reporting to where they live.
    outsider = first_where(
        workers["nodes"],
        lambda p: p["building"] is not None and "PARTY_MEMBER" not in kinds(p),
        "community worker living in the district who is no party member",
    )
    home = outsider["building"]["grid"]["community"]["id"]
    unit = await a_unit_elsewhere(client, home)
    error = await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=outsider["id"], workUnitId=unit["id"], homeCommunityId=home),
        "NOT_A_PARTY_MEMBER",
        "personId",
    )
    assert outsider["name"] in error["message"]


async def test_register_member_report_after_membership_ended(
    seeded: Database, client: GraphQLClient
) -> None:
    # A plain member: a secretary's membership cannot end before their office does.
    member = first_where(
        await members(client),
        lambda m: m["building"] and m["memberReport"] is None and kinds(m) == ["PARTY_MEMBER"],
        "party member living in the district, holding no other role, yet to report",
    )
    (membership,) = [r for r in member["roles"] if r["kind"] == "PARTY_MEMBER"]
    ok(await mutate(client, END_ROLE, inp(id=membership["id"])))
    unit = (await units(client))["nodes"][0]
    await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=home_of(member)),
        "NOT_A_PARTY_MEMBER",
        "personId",
    )


async def test_register_member_report_twice(seeded: Database, client: GraphQLClient) -> None:
    member = next(m for m in await members(client) if m["memberReport"] is not None)
    unit = (await units(client))["nodes"][-1]
    error = await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=home_of(member)),
        "ALREADY_REPORTED",
        "personId",
    )
    assert member["memberReport"]["reportedOn"] in error["message"]


async def test_register_member_report_to_a_community_the_member_does_not_live_in(
    seeded: Database, client: GraphQLClient
) -> None:
    member = await a_member_yet_to_report(client)
    elsewhere = next(c for c in await communities(client) if c["id"] != home_of(member))
    unit = (await units(client))["nodes"][0]
    await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=elsewhere["id"]),
        "INVALID",
        "homeCommunityId",
    )


async def test_register_member_report_with_archived_unit(
    seeded: Database, client: GraphQLClient
) -> None:
    member = await a_member_yet_to_report(client)
    unit = (await units(client))["nodes"][0]
    await archive_unit(seeded, unit["name"])
    error = await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=home_of(member)),
        "ARCHIVED",
        "workUnitId",
    )
    assert unit["name"] in error["message"]


async def test_register_member_report_to_archived_home(
    seeded: Database, client: GraphQLClient
) -> None:
    member = await a_member_without_home(client)
    gone = await archived_community(client)
    unit = (await units(client))["nodes"][0]
    await refused(
        client,
        seeded,
        REGISTER_REPORT,
        inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=gone),
        "ARCHIVED",
        "homeCommunityId",
    )


async def test_register_member_report_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    member = await a_member_yet_to_report(client)
    home = home_of(member)
    unit = (await units(client))["nodes"][0]
    await check_bad_ids(
        client,
        seeded,
        REGISTER_REPORT,
        lambda person_id: inp(personId=person_id, workUnitId=unit["id"], homeCommunityId=home),
        "Person",
        home,
    )
    await check_bad_ids(
        client,
        seeded,
        REGISTER_REPORT,
        lambda unit_id: inp(personId=member["id"], workUnitId=unit_id, homeCommunityId=home),
        "WorkUnit",
        home,
    )
    await check_bad_ids(
        client,
        seeded,
        REGISTER_REPORT,
        lambda home_id: inp(personId=member["id"], workUnitId=unit["id"], homeCommunityId=home_id),
        "Community",
        unit["id"],
    )
