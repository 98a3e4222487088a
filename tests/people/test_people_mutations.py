"""People and roles through the real GraphQL endpoint: createPerson, assignRole, endRole.

Each mutation's success path (payload, follow-up query, database), every user error it can
return, bad IDs as top-level errors, and atomicity: a refused mutation leaves every table
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

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
    refused_all,
)

ROLE_FIELDS = """
  id kind post duty startedOn endedOn
  person { id }
  street { id }
  community { id }
  grid { id }
  partyOrganization { id }
  workUnit { id }
"""

PERSON_FIELDS = "id name gender phone idNumber building { id }"

PERSON = f"""
query Person($id: ID!) {{
  node(id: $id) {{
    ... on Person {{
      {PERSON_FIELDS}
      roles {{ {ROLE_FIELDS} }}
      allRoles: roles(includeEnded: true) {{ {ROLE_FIELDS} }}
    }}
  }}
}}
"""

COMMUNITIES_AND_UNITS = """
query CommunitiesAndUnits {
  communities(first: 50) {
    nodes {
      id name workerCount partyMemberCount
      street { id }
      partyOrganization { id }
      roles(first: 50, filter: { kind: DISTRICT_LEADER }) { totalCount }
      grids(first: 20) {
        nodes {
          id cadreCount partyMemberCount
          partyOrganization { id kind }
          buildings(first: 20) { nodes { id residentCount partyMemberCount } }
        }
      }
    }
  }
  workUnits(first: 50) { nodes { id name community { id } } }
}
"""

PEOPLE_WITH_ROLE = """
query People($kind: RoleKind!, $name: String = null) {
  people(first: 100, filter: { roleKind: $kind, nameContains: $name }) {
    totalCount
    nodes { id name building { id } roles { id kind startedOn community { id } } }
  }
}
"""

RESIDENTS = """
query Residents($building: ID!) {
  people(first: 100, filter: { buildingId: $building }) {
    totalCount
    nodes { id name roles { kind } }
  }
}
"""

COMMUNITY_ROLES = """
query CommunityRoles($id: ID!, $kind: RoleKind!) {
  node(id: $id) {
    ... on Community {
      workerCount
      roles(first: 50, filter: { kind: $kind }) { totalCount nodes { id } }
      ended: roles(first: 50, filter: { kind: $kind, includeEnded: true }) { totalCount }
    }
  }
}
"""

COUNTS = """
query Counts($id: ID!) {
  node(id: $id) {
    ... on Street { roles(first: 50) { totalCount } }
    ... on Community { workerCount partyMemberCount }
    ... on Grid { cadreCount partyMemberCount }
    ... on Building { residentCount partyMemberCount }
  }
}
"""

CREATE_PERSON = f"""
mutation CreatePerson($input: CreatePersonInput!) {{
  createPerson(input: $input) {{ person {{ {PERSON_FIELDS} roles {{ id }} }} {USER_ERRORS} }}
}}
"""

ASSIGN_ROLE = f"""
mutation AssignRole($input: AssignRoleInput!) {{
  assignRole(input: $input) {{ role {{ {ROLE_FIELDS} }} {USER_ERRORS} }}
}}
"""

END_ROLE = f"""
mutation EndRole($input: EndRoleInput!) {{
  endRole(input: $input) {{ role {{ {ROLE_FIELDS} }} {USER_ERRORS} }}
}}
"""

CREATE_BUILDING = f"""
mutation CreateBuilding($input: CreateBuildingInput!) {{
  createBuilding(input: $input) {{ building {{ id }} {USER_ERRORS} }}
}}
"""


# --- helpers -----------------------------------------------------------------------------


def id_check_character(body: str) -> str:
    """The GB 11643 check character of a 17-digit body, by ISO 7064 MOD 11-2: weights
    2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, with 10 written as X."""
    total = sum(int(digit) * (2 ** (17 - i) % 11) for i, digit in enumerate(body))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def id_number(born: str = "19900307", sequence: int = 123) -> str:
    """A valid resident ID number of someone from Shizhong (370402)."""
    body = f"370402{born}{sequence:03d}"
    return body + id_check_character(body)


async def communities_and_units(client: GraphQLClient) -> Json:
    """The communities with their grids and buildings, and the work units."""
    data: Json = await client.data(COMMUNITIES_AND_UNITS)
    return data


async def person(client: GraphQLClient, person_id: str) -> Json:
    found: Json = (await client.data(PERSON, {"id": person_id}))["node"]
    return found


async def counts(client: GraphQLClient, node_id: str) -> Json:
    found: Json = (await client.data(COUNTS, {"id": node_id}))["node"]
    return found


async def new_person(client: GraphQLClient, name: str = "新居民", **fields: Any) -> Json:
    payload = await mutate(client, CREATE_PERSON, inp(name=name, gender="MALE", **fields))
    created: Json = ok(payload)["person"]
    return created


async def assign(client: GraphQLClient, **fields: Any) -> Json:
    role: Json = ok(await mutate(client, ASSIGN_ROLE, inp(**fields)))["role"]
    return role


def first_grid(data: Json) -> Json:
    """The first grid (by name) of the first community."""
    grid: Json = data["communities"]["nodes"][0]["grids"]["nodes"][0]
    return grid


def a_grid_with_a_branch(data: Json) -> Json:
    """A grid whose party organisation is a branch (the others have a party group)."""
    return first_where(
        (grid for c in data["communities"]["nodes"] for grid in c["grids"]["nodes"]),
        lambda grid: grid["partyOrganization"]["kind"] == "GRID_PARTY_BRANCH",
        "grid with a party branch",
    )


async def a_resident_who_is_no_member(client: GraphQLClient, building_id: str) -> Json:
    """A new resident of the building: someone on record there without any role."""
    resident = await new_person(client, "居民甲", buildingId=building_id)
    residents = (await client.data(RESIDENTS, {"building": building_id}))["people"]["nodes"]
    (listed,) = [p for p in residents if p["id"] == resident["id"]]
    assert listed["roles"] == []
    return resident


async def a_worker(client: GraphQLClient) -> tuple[Json, Json]:
    """A seeded community worker and their live worker role."""
    workers = (await client.data(PEOPLE_WITH_ROLE, {"kind": "COMMUNITY_WORKER"}))["people"]
    worker: Json = workers["nodes"][0]
    (role,) = [r for r in worker["roles"] if r["kind"] == "COMMUNITY_WORKER"]
    return worker, role


async def archived_community(client: GraphQLClient, street_id: str) -> str:
    payload = await mutate(client, CREATE_COMMUNITY, inp(streetId=street_id, name="待撤社区"))
    community_id: str = ok(payload)["community"]["id"]
    ok(await mutate(client, ARCHIVE, inp(id=community_id)))
    return community_id


async def archive_unit(db: Database, name: str) -> None:
    """Archive a work unit. No mutation does that yet, so write it as an admin would."""
    table = Base.metadata.tables["work_units"]
    async with db.session() as session:
        await session.execute(
            table.update().where(table.c.name == name).values(archived_at=datetime.now(UTC))
        )
        await session.commit()


def today_window() -> Callable[[str], bool]:
    """Whether a date the server defaulted to 'today' is today (or, across midnight,
    the day this window opened)."""
    first = clock.today()

    def within(value: str) -> bool:
        return value in {first.isoformat(), clock.today().isoformat()}

    return within


# --- createPerson --------------------------------------------------------------------------


async def test_create_person_with_every_field(seeded: Database, client: GraphQLClient) -> None:
    building = first_grid(await communities_and_units(client))["buildings"]["nodes"][0]
    number = id_number()
    payload = await mutate(
        client,
        CREATE_PERSON,
        inp(
            name="  王小明 ",
            gender="FEMALE",
            phone=" 139 1234 5678 ",
            idNumber=f" {number} ",
            buildingId=building["id"],
        ),
    )
    created = ok(payload)["person"]
    assert created["name"] == "王小明"
    assert created["gender"] == "FEMALE"
    assert created["phone"] == "13912345678"
    assert created["idNumber"] == number
    assert created["building"] == {"id": building["id"]}
    assert created["roles"] == []

    read = await person(client, created["id"])
    assert {key: read[key] for key in created if key != "roles"} == {
        key: value for key, value in created.items() if key != "roles"
    }
    residents = (await client.data(RESIDENTS, {"building": building["id"]}))["people"]
    assert created["id"] in [p["id"] for p in residents["nodes"]]
    assert (await counts(client, building["id"]))["residentCount"] == building["residentCount"] + 1
    async with seeded.session() as session:
        table = Base.metadata.tables["people"]
        stored = (
            await session.execute(
                select(table.c.name, table.c.phone, table.c.id_number).where(
                    table.c.id_number == number
                )
            )
        ).all()
    assert [tuple(row) for row in stored] == [("王小明", "13912345678", number)]


async def test_create_person_with_name_and_gender_only(
    seeded: Database, client: GraphQLClient
) -> None:
    created = await new_person(client, "李四")
    assert created["phone"] is None
    assert created["idNumber"] is None
    assert created["building"] is None
    assert (await person(client, created["id"]))["name"] == "李四"


async def test_create_person_blank_phone_and_id_are_absent(
    seeded: Database, client: GraphQLClient
) -> None:
    created = await new_person(client, phone="   ", idNumber=" ")
    assert created["phone"] is None
    assert created["idNumber"] is None


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("13800138000", "13800138000"),
        ("199 0000 1111", "19900001111"),
        ("0632-3311234", "0632-3311234"),
        ("06323311234", "06323311234"),
        ("010-12345678", "010-12345678"),
    ],
)
async def test_create_person_accepts_phones(
    seeded: Database, client: GraphQLClient, given: str, stored: str
) -> None:
    assert (await new_person(client, phone=given))["phone"] == stored


@pytest.mark.parametrize(
    "phone",
    ["12812345678", "1381234567", "138123456789", "+8613800138000", "0632-33112", "电话", "abc"],
)
async def test_create_person_refuses_bad_phones(
    seeded: Database, client: GraphQLClient, phone: str
) -> None:
    await refused(
        client,
        seeded,
        CREATE_PERSON,
        inp(name="张三", gender="MALE", phone=phone),
        "INVALID",
        "phone",
    )


async def test_create_person_accepts_a_checked_id_number(
    seeded: Database, client: GraphQLClient
) -> None:
    numbers = [id_number("19851231", sequence) for sequence in range(100, 200)]
    # The check character can be X: given in lower case, it is stored in upper case.
    with_x = next(number for number in numbers if number.endswith("X"))
    with_digit = next(number for number in numbers if not number.endswith("X"))
    assert (await new_person(client, idNumber=with_x.lower()))["idNumber"] == with_x
    assert (await new_person(client, idNumber=with_digit))["idNumber"] == with_digit


def _wrong_check(number: str) -> str:
    return number[:17] + next(c for c in "0123456789X" if c != number[17])


@pytest.mark.parametrize(
    "number",
    [
        _wrong_check(id_number()),
        id_number()[:17],
        id_number() + "0",
        "37040219900307A23" + id_check_character("37040219900307023"),
        "3704021990X307123" + "4",
        "ABCDEFGHIJKLMNOPQR",
    ],
    ids=["wrong checksum", "17 characters", "19 characters", "letter", "X inside", "letters"],
)
async def test_create_person_refuses_bad_id_numbers(
    seeded: Database, client: GraphQLClient, number: str
) -> None:
    await refused(
        client,
        seeded,
        CREATE_PERSON,
        inp(name="张三", gender="MALE", idNumber=number),
        "INVALID",
        "idNumber",
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [("", "BLANK"), ("   ", "BLANK"), ("张" * 51, "TOO_LONG"), ("张\x1b三", "INVALID")],
    ids=["empty", "spaces", "51 characters", "control character"],
)
async def test_create_person_refuses_bad_names(
    seeded: Database, client: GraphQLClient, name: str, code: str
) -> None:
    await refused(client, seeded, CREATE_PERSON, inp(name=name, gender="MALE"), code, "name")


async def test_create_person_name_may_be_50_characters(
    seeded: Database, client: GraphQLClient
) -> None:
    assert (await new_person(client, " " + "张" * 50 + " "))["name"] == "张" * 50


async def test_create_person_in_archived_building(seeded: Database, client: GraphQLClient) -> None:
    grid = first_grid(await communities_and_units(client))
    payload = await mutate(client, CREATE_BUILDING, inp(gridId=grid["id"], name="待拆楼"))
    building_id = ok(payload)["building"]["id"]
    ok(await mutate(client, ARCHIVE, inp(id=building_id)))
    await refused(
        client,
        seeded,
        CREATE_PERSON,
        inp(name="张三", gender="MALE", buildingId=building_id),
        "ARCHIVED",
        "buildingId",
    )


async def test_create_person_bad_building_ids(seeded: Database, client: GraphQLClient) -> None:
    grid = first_grid(await communities_and_units(client))
    await check_bad_ids(
        client,
        seeded,
        CREATE_PERSON,
        lambda building_id: inp(name="张三", gender="MALE", buildingId=building_id),
        "Building",
        grid["id"],
    )


# --- assignRole ----------------------------------------------------------------------------


async def test_assign_community_worker(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    newcomer = await new_person(client, "社工乙")
    role = await assign(
        client,
        personId=newcomer["id"],
        kind="COMMUNITY_WORKER",
        scopeId=community["id"],
        startedOn="2023-05-04",
    )
    assert role["kind"] == "COMMUNITY_WORKER"
    assert role["person"] == {"id": newcomer["id"]}
    assert role["community"] == {"id": community["id"]}
    assert role["startedOn"] == "2023-05-04"
    assert role["endedOn"] is None
    for empty in ("street", "grid", "partyOrganization", "workUnit", "post", "duty"):
        assert role[empty] is None

    assert (await person(client, newcomer["id"]))["roles"] == [role]
    listed = (
        await client.data(COMMUNITY_ROLES, {"id": community["id"], "kind": "COMMUNITY_WORKER"})
    )["node"]
    assert role["id"] in [r["id"] for r in listed["roles"]["nodes"]]
    assert listed["workerCount"] == community["workerCount"] + 1


async def test_assign_grid_cadre(seeded: Database, client: GraphQLClient) -> None:
    data = await communities_and_units(client)
    grid = data["communities"]["nodes"][0]["grids"]["nodes"][0]
    unit = data["workUnits"]["nodes"][0]
    cadre = await new_person(client, "干部丙")
    role = await assign(
        client,
        personId=cadre["id"],
        kind="GRID_CADRE",
        scopeId=grid["id"],
        workUnitId=unit["id"],
        post=" 网格指导员 ",
        duty=" 联系群众 ",
    )
    assert role["grid"] == {"id": grid["id"]}
    assert role["workUnit"] == {"id": unit["id"]}
    assert (role["post"], role["duty"]) == ("网格指导员", "联系群众")
    assert (await counts(client, grid["id"]))["cadreCount"] == grid["cadreCount"] + 1


@pytest.mark.parametrize(
    ("kind", "scope", "with_unit"),
    [
        ("STREET_PART_TIME_MEMBER", "street", True),
        ("COMMUNITY_PART_TIME_MEMBER", "community", True),
        ("DISTRICT_LEADER", "community", False),
    ],
)
async def test_assign_scoped_roles(
    seeded: Database, client: GraphQLClient, kind: str, scope: str, with_unit: bool
) -> None:
    data = await communities_and_units(client)
    community = data["communities"]["nodes"][0]
    scope_id = community["street"]["id"] if scope == "street" else community["id"]
    unit_id = data["workUnits"]["nodes"][0]["id"] if with_unit else None
    someone = await new_person(client, "委员丁")
    before = await counts(client, scope_id)
    role = await assign(
        client, personId=someone["id"], kind=kind, scopeId=scope_id, workUnitId=unit_id
    )
    assert role["kind"] == kind
    assert role[scope] == {"id": scope_id}
    assert role["workUnit"] == ({"id": unit_id} if unit_id else None)
    assert [r["id"] for r in (await person(client, someone["id"]))["roles"]] == [role["id"]]
    if scope == "street":
        after = await counts(client, scope_id)
        assert after["roles"]["totalCount"] == before["roles"]["totalCount"] + 1


async def test_assign_party_member_with_and_without_branch(
    seeded: Database, client: GraphQLClient
) -> None:
    grid = a_grid_with_a_branch(await communities_and_units(client))
    building = grid["buildings"]["nodes"][0]
    resident = await a_resident_who_is_no_member(client, building["id"])
    role = await assign(
        client,
        personId=resident["id"],
        kind="PARTY_MEMBER",
        scopeId=grid["partyOrganization"]["id"],
    )
    assert role["partyOrganization"] == {"id": grid["partyOrganization"]["id"]}
    assert (await counts(client, building["id"]))["partyMemberCount"] == (
        building["partyMemberCount"] + 1
    )
    assert (await counts(client, grid["id"]))["partyMemberCount"] == grid["partyMemberCount"] + 1
    members = (
        await client.data(PEOPLE_WITH_ROLE, {"kind": "PARTY_MEMBER", "name": resident["name"]})
    )["people"]
    assert resident["id"] in [p["id"] for p in members["nodes"]]

    # The branch is optional (a member whose organisation is elsewhere).
    newcomer = await new_person(client, "党员戊")
    bare = await assign(client, personId=newcomer["id"], kind="PARTY_MEMBER")
    assert bare["partyOrganization"] is None


async def test_assign_role_starts_today_by_default(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    newcomer = await new_person(client)
    is_today = today_window()
    role = await assign(
        client, personId=newcomer["id"], kind="COMMUNITY_WORKER", scopeId=community["id"]
    )
    assert is_today(role["startedOn"])


async def test_assign_secretary_is_refused(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    newcomer = await new_person(client)
    error = await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(
            personId=newcomer["id"], kind="SECRETARY", scopeId=community["partyOrganization"]["id"]
        ),
        "INVALID",
        "kind",
    )
    assert "appointSecretary" in error["message"]


@pytest.mark.parametrize(
    "kind",
    [
        "COMMUNITY_WORKER",
        "STREET_PART_TIME_MEMBER",
        "COMMUNITY_PART_TIME_MEMBER",
        "GRID_CADRE",
        "DISTRICT_LEADER",
    ],
)
async def test_assign_role_needs_a_scope(
    seeded: Database, client: GraphQLClient, kind: str
) -> None:
    data = await communities_and_units(client)
    newcomer = await new_person(client)
    extra: Json = {}
    if kind in ("STREET_PART_TIME_MEMBER", "COMMUNITY_PART_TIME_MEMBER", "GRID_CADRE"):
        extra["workUnitId"] = data["workUnits"]["nodes"][0]["id"]
    if kind == "GRID_CADRE":
        extra.update(post="网格员", duty="巡查")
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind=kind, **extra),
        "SCOPE_REQUIRED",
        "scopeId",
    )


async def test_assign_part_time_member_needs_a_unit(
    seeded: Database, client: GraphQLClient
) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    newcomer = await new_person(client)
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind="COMMUNITY_PART_TIME_MEMBER", scopeId=community["id"]),
        "SCOPE_REQUIRED",
        "workUnitId",
    )
    # Every missing piece is reported at once.
    await refused_all(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind="GRID_CADRE"),
        ("SCOPE_REQUIRED", "scopeId"),
        ("SCOPE_REQUIRED", "workUnitId"),
        ("BLANK", "post"),
        ("BLANK", "duty"),
    )


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("COMMUNITY_WORKER", "workUnitId"),
        ("DISTRICT_LEADER", "workUnitId"),
        ("COMMUNITY_WORKER", "post"),
        ("DISTRICT_LEADER", "duty"),
        ("PARTY_MEMBER", "post"),
    ],
)
async def test_assign_role_refuses_what_the_kind_does_not_take(
    seeded: Database, client: GraphQLClient, kind: str, field: str
) -> None:
    data = await communities_and_units(client)
    community = data["communities"]["nodes"][0]
    scope = community["partyOrganization"]["id"] if kind == "PARTY_MEMBER" else community["id"]
    value = data["workUnits"]["nodes"][0]["id"] if field == "workUnitId" else "网格员"
    newcomer = await new_person(client)
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind=kind, scopeId=scope, **{field: value}),
        "SCOPE_NOT_ALLOWED",
        field,
    )


@pytest.mark.parametrize(
    ("post", "duty", "errors"),
    [
        ("   ", "巡查", [("BLANK", "post")]),
        (None, "巡查", [("BLANK", "post")]),
        ("网格员", "", [("BLANK", "duty")]),
        (" ", None, [("BLANK", "post"), ("BLANK", "duty")]),
    ],
    ids=["blank post", "no post", "blank duty", "neither"],
)
async def test_grid_cadre_needs_post_and_duty(
    seeded: Database,
    client: GraphQLClient,
    post: str | None,
    duty: str | None,
    errors: list[tuple[str, str]],
) -> None:
    data = await communities_and_units(client)
    grid = data["communities"]["nodes"][0]["grids"]["nodes"][0]
    newcomer = await new_person(client)
    await refused_all(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(
            personId=newcomer["id"],
            kind="GRID_CADRE",
            scopeId=grid["id"],
            workUnitId=data["workUnits"]["nodes"][0]["id"],
            post=post,
            duty=duty,
        ),
        *errors,
    )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("post", "岗" * 101, "TOO_LONG"),
        ("post", "岗" * 201, "TOO_LONG"),
        ("duty", "责" * 201, "TOO_LONG"),
        ("post", "网格\x00员", "INVALID"),
        ("duty", "巡\u202e查", "INVALID"),
    ],
    ids=["post 101", "post 201", "duty 201", "control in post", "bidi in duty"],
)
async def test_grid_cadre_post_and_duty_are_checked(
    seeded: Database, client: GraphQLClient, field: str, value: str, code: str
) -> None:
    data = await communities_and_units(client)
    grid = data["communities"]["nodes"][0]["grids"]["nodes"][0]
    newcomer = await new_person(client)
    fields = {"post": "网格员", "duty": "巡查", field: value}
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(
            personId=newcomer["id"],
            kind="GRID_CADRE",
            scopeId=grid["id"],
            workUnitId=data["workUnits"]["nodes"][0]["id"],
            **fields,
        ),
        code,
        field,
    )


async def test_grid_cadre_post_may_be_100_and_duty_200_characters(
    seeded: Database, client: GraphQLClient
) -> None:
    data = await communities_and_units(client)
    grid = data["communities"]["nodes"][0]["grids"]["nodes"][0]
    newcomer = await new_person(client)
    role = await assign(
        client,
        personId=newcomer["id"],
        kind="GRID_CADRE",
        scopeId=grid["id"],
        workUnitId=data["workUnits"]["nodes"][0]["id"],
        post="岗" * 100,
        duty="责" * 200,
    )
    assert (role["post"], role["duty"]) == ("岗" * 100, "责" * 200)


async def test_assign_a_role_held_already(seeded: Database, client: GraphQLClient) -> None:
    data = await communities_and_units(client)
    worker, role = await a_worker(client)
    community_id = role["community"]["id"]
    error = await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=worker["id"], kind="COMMUNITY_WORKER", scopeId=community_id),
        "ROLE_EXISTS",
        "kind",
    )
    assert worker["name"] in error["message"]
    # The same kind of role in another community is a different role.
    other = next(c for c in data["communities"]["nodes"] if c["id"] != community_id)
    await assign(client, personId=worker["id"], kind="COMMUNITY_WORKER", scopeId=other["id"])
    # Once the role has ended, it can be given again.
    ok(await mutate(client, END_ROLE, inp(id=role["id"])))
    again = await assign(
        client, personId=worker["id"], kind="COMMUNITY_WORKER", scopeId=community_id
    )
    assert again["id"] != role["id"]


async def test_assign_party_membership_held_already(
    seeded: Database, client: GraphQLClient
) -> None:
    grid = a_grid_with_a_branch(await communities_and_units(client))
    resident = await a_resident_who_is_no_member(client, grid["buildings"]["nodes"][0]["id"])
    fields = {
        "personId": resident["id"],
        "kind": "PARTY_MEMBER",
        "scopeId": grid["partyOrganization"]["id"],
    }
    await assign(client, **fields)
    await refused(client, seeded, ASSIGN_ROLE, inp(**fields), "ROLE_EXISTS", "kind")
    newcomer = await new_person(client)
    await assign(client, personId=newcomer["id"], kind="PARTY_MEMBER")
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind="PARTY_MEMBER"),
        "ROLE_EXISTS",
        "kind",
    )


async def test_assign_role_in_archived_scope(seeded: Database, client: GraphQLClient) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    gone = await archived_community(client, community["street"]["id"])
    newcomer = await new_person(client)
    await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(personId=newcomer["id"], kind="DISTRICT_LEADER", scopeId=gone),
        "ARCHIVED",
        "scopeId",
    )


async def test_assign_role_from_archived_unit(seeded: Database, client: GraphQLClient) -> None:
    data = await communities_and_units(client)
    unit = data["workUnits"]["nodes"][0]
    await archive_unit(seeded, unit["name"])
    newcomer = await new_person(client)
    error = await refused(
        client,
        seeded,
        ASSIGN_ROLE,
        inp(
            personId=newcomer["id"],
            kind="COMMUNITY_PART_TIME_MEMBER",
            scopeId=data["communities"]["nodes"][0]["id"],
            workUnitId=unit["id"],
        ),
        "ARCHIVED",
        "workUnitId",
    )
    assert unit["name"] in error["message"]


async def test_assign_role_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    data = await communities_and_units(client)
    community = data["communities"]["nodes"][0]
    grid = community["grids"]["nodes"][0]
    newcomer = await new_person(client)
    await check_bad_ids(
        client,
        seeded,
        ASSIGN_ROLE,
        lambda person_id: inp(personId=person_id, kind="COMMUNITY_WORKER", scopeId=community["id"]),
        "Person",
        community["id"],
    )
    # The scope must be of the level the kind is bound to: a worker's is a community.
    await check_bad_ids(
        client,
        seeded,
        ASSIGN_ROLE,
        lambda scope_id: inp(personId=newcomer["id"], kind="COMMUNITY_WORKER", scopeId=scope_id),
        "Community",
        grid["id"],
    )
    await check_bad_ids(
        client,
        seeded,
        ASSIGN_ROLE,
        lambda scope_id: inp(personId=newcomer["id"], kind="PARTY_MEMBER", scopeId=scope_id),
        "PartyOrganization",
        grid["id"],
    )
    await check_bad_ids(
        client,
        seeded,
        ASSIGN_ROLE,
        lambda unit_id: inp(
            personId=newcomer["id"],
            kind="COMMUNITY_PART_TIME_MEMBER",
            scopeId=community["id"],
            workUnitId=unit_id,
        ),
        "WorkUnit",
        community["id"],
    )


# --- endRole -------------------------------------------------------------------------------


async def test_end_role(seeded: Database, client: GraphQLClient) -> None:
    worker, role = await a_worker(client)
    community_id = role["community"]["id"]
    before = (await client.data(COMMUNITY_ROLES, {"id": community_id, "kind": "COMMUNITY_WORKER"}))[
        "node"
    ]
    ended_on = (date.fromisoformat(role["startedOn"]) + timedelta(days=30)).isoformat()
    ended = ok(await mutate(client, END_ROLE, inp(id=role["id"], endedOn=ended_on)))["role"]
    assert ended["id"] == role["id"]
    assert ended["endedOn"] == ended_on
    assert ended["startedOn"] == role["startedOn"]
    assert ended["kind"] == "COMMUNITY_WORKER"

    after = await person(client, worker["id"])
    assert role["id"] not in [r["id"] for r in after["roles"]]
    (listed,) = [r for r in after["allRoles"] if r["id"] == role["id"]]
    assert listed == ended
    roles = (await client.data(COMMUNITY_ROLES, {"id": community_id, "kind": "COMMUNITY_WORKER"}))[
        "node"
    ]
    assert roles["workerCount"] == before["workerCount"] - 1
    assert roles["roles"]["totalCount"] == before["roles"]["totalCount"] - 1
    assert roles["ended"]["totalCount"] == before["ended"]["totalCount"]
    async with seeded.session() as session:
        table = Base.metadata.tables["person_roles"]
        stored = await session.scalar(
            select(table.c.ended_on).where(
                table.c.kind == "COMMUNITY_WORKER",
                table.c.community_id.is_not(None),
                table.c.ended_on.is_not(None),
            )
        )
    assert stored == date.fromisoformat(ended_on)


async def test_end_role_today_by_default(seeded: Database, client: GraphQLClient) -> None:
    _, role = await a_worker(client)
    is_today = today_window()
    ended = ok(await mutate(client, END_ROLE, inp(id=role["id"])))["role"]
    assert is_today(ended["endedOn"])


async def test_end_role_on_its_first_day(seeded: Database, client: GraphQLClient) -> None:
    _, role = await a_worker(client)
    payload = await mutate(client, END_ROLE, inp(id=role["id"], endedOn=role["startedOn"]))
    assert ok(payload)["role"]["endedOn"] == role["startedOn"]


async def test_end_role_twice(seeded: Database, client: GraphQLClient) -> None:
    _, role = await a_worker(client)
    ended = ok(await mutate(client, END_ROLE, inp(id=role["id"])))["role"]
    error = await refused(client, seeded, END_ROLE, inp(id=role["id"]), "ROLE_ENDED", "id")
    assert ended["endedOn"] in error["message"]


async def test_end_role_before_it_started(seeded: Database, client: GraphQLClient) -> None:
    _, role = await a_worker(client)
    too_early = (date.fromisoformat(role["startedOn"]) - timedelta(days=1)).isoformat()
    await refused(
        client, seeded, END_ROLE, inp(id=role["id"], endedOn=too_early), "DATE_ORDER", "endedOn"
    )


async def test_end_role_bad_ids(seeded: Database, client: GraphQLClient) -> None:
    worker, _ = await a_worker(client)
    await check_bad_ids(
        client, seeded, END_ROLE, lambda role_id: inp(id=role_id), "PersonRole", worker["id"]
    )


async def test_create_person_reports_every_bad_field_at_once(
    seeded: Database, client: GraphQLClient
) -> None:
    errors = await refused_all(
        client,
        seeded,
        CREATE_PERSON,
        inp(name=" ", gender="FEMALE", phone="12345", idNumber="370402199003071230"),
        ("BLANK", "name"),
        ("INVALID", "phone"),
        ("INVALID", "idNumber"),
    )
    assert len({e["message"] for e in errors}) == 3


async def test_one_party_membership_whatever_the_organisation(
    seeded: Database, client: GraphQLClient
) -> None:
    community = (await communities_and_units(client))["communities"]["nodes"][0]
    first, second = (g["partyOrganization"]["id"] for g in community["grids"]["nodes"][:2])
    newcomer = await new_person(client)
    await assign(client, personId=newcomer["id"], kind="PARTY_MEMBER", scopeId=first)
    for scope in (second, None):
        await refused(
            client,
            seeded,
            ASSIGN_ROLE,
            inp(personId=newcomer["id"], kind="PARTY_MEMBER", scopeId=scope),
            "ROLE_EXISTS",
            "kind",
        )


async def test_a_secretary_stays_a_party_member(seeded: Database, client: GraphQLClient) -> None:
    secretaries = (await client.data(PEOPLE_WITH_ROLE, {"kind": "SECRETARY"}))["people"]
    secretary = secretaries["nodes"][0]
    (membership,) = [r for r in secretary["roles"] if r["kind"] == "PARTY_MEMBER"]
    error = await refused(client, seeded, END_ROLE, inp(id=membership["id"]), "INVALID", "id")
    assert "successor" in error["message"]
    (office,) = [r for r in secretary["roles"] if r["kind"] == "SECRETARY"]
    ok(await mutate(client, END_ROLE, inp(id=office["id"])))
    ended = ok(await mutate(client, END_ROLE, inp(id=membership["id"])))["role"]
    assert ended["endedOn"] is not None
