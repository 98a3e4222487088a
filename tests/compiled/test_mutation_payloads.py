"""A mutation's payload object read by one compiled statement gives the same body, byte for
byte, as the resolvers give: every mutation whose payload returns a compiled type (the
tree's nodes, party organisations, people), as the district admin, a street admin and a
community secretary, each run on a fresh copy of the generated district through both
paths. The district admin's payloads must take the compiled statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from sqlalchemy import select

from db.models import AccountRole, PersonRole, RoleKind
from resolvers.global_ids import encode
from schema.compiled.plans import CACHE
from server.app import SIMULATED_TIME
from tests.accounts import test_permissions as permissions
from tests.conftest import Databases
from tests.support.database import Database
from tests.support.templates import SEEDED
from tests.support.users import make_user, token_for

STREET = (
    "id name streetKind: kind communityCount gridCount buildingCount partyMemberCount workerCount"
)
COMMUNITY = """id name gridCount buildingCount partyMemberCount workerCount
  street { name district { name } }
  grids(first: 3) { totalCount nodes { name buildingCount } pageInfo { hasNextPage } }
  partyOrganization { name secretary { name } }"""
GRID = """id name buildingCount partyMemberCount residentCount cadreCount community { name }
  buildings(first: 2) { totalCount nodes { name householdCount } }
  partyOrganization { name }"""
BUILDING = "id name householdCount partyMemberCount residentCount grid { name community { name } }"
ORGANIZATION = "id name organizationKind: kind parent { name } secretary { name phone }"
PERSON = "id name phone gender building { name grid { name } }"
ANY_NODE = f"""__typename ... on Street {{ {STREET} }} ... on Community {{ {COMMUNITY} }}
  ... on Grid {{ {GRID} }} ... on Building {{ {BUILDING} }}
  ... on PartyOrganization {{ {ORGANIZATION} }}"""


def mutation(field: str, input_type: str, payload: str, selection: str) -> str:
    return f"""mutation($input: {input_type}!) {{ {field}(input: $input) {{
  {payload} {{ {selection} }} userErrors {{ code field message }} }} }}"""


CREATE_BUILDING = mutation("createBuilding", "CreateBuildingInput", "building", BUILDING)
CREATE_GRID = mutation("createGrid", "CreateGridInput", "grid", GRID)


@dataclass(frozen=True)
class Case:
    name: str
    # (document, input) in order; the setup steps' answers are compared too.
    steps: tuple[tuple[str, dict[str, Any]], ...]


def cases(scene: permissions.Scene, member: int) -> list[Case]:
    """The cases on the permission scene; `member` is a party member who is not the grid
    organisation's secretary."""

    def gid(type_name: str, key: int) -> str:
        return encode(type_name, key)

    new_grid = {"communityId": gid("Community", scene.community_a), "name": "比对网格"}
    new_building = {
        "gridId": gid("Grid", scene.grid_a),
        "name": "比对楼",
        "address": "比对路1号",
        "householdCount": 12,
    }
    return [
        Case(
            "createStreet",
            (
                (
                    mutation("createStreet", "CreateStreetInput", "street", STREET),
                    {"name": "比对街道", "kind": "SUBDISTRICT"},
                ),
            ),
        ),
        Case(
            "createCommunity",
            (
                (
                    mutation("createCommunity", "CreateCommunityInput", "community", COMMUNITY),
                    {"streetId": gid("Street", scene.street_a), "name": "比对社区"},
                ),
            ),
        ),
        Case("createGrid", ((CREATE_GRID, new_grid),)),
        Case("createBuilding", ((CREATE_BUILDING, new_building),)),
        Case(
            "renameNode community",
            (
                (
                    mutation("renameNode", "RenameNodeInput", "node", ANY_NODE),
                    {"id": gid("Community", scene.community_a), "name": "比对新名"},
                ),
            ),
        ),
        Case(
            "renameNode organisation",
            (
                (
                    mutation("renameNode", "RenameNodeInput", "node", ANY_NODE),
                    {"id": gid("PartyOrganization", scene.organization_grid_a), "name": "比对支部"},
                ),
            ),
        ),
        Case(
            "moveNode grid",
            (
                (
                    mutation("moveNode", "MoveNodeInput", "node", ANY_NODE),
                    {
                        "id": gid("Grid", scene.grid_a2),
                        "newParentId": gid("Community", scene.community_b),
                    },
                ),
            ),
        ),
        Case(
            "archiveNode building",
            (
                (CREATE_BUILDING, new_building),
                (
                    mutation("archiveNode", "ArchiveNodeInput", "node", ANY_NODE),
                    {"id": "$building"},
                ),
            ),
        ),
        Case(
            "createPartyOrganization",
            (
                (CREATE_GRID, new_grid),
                (
                    mutation(
                        "createPartyOrganization",
                        "CreatePartyOrganizationInput",
                        "partyOrganization",
                        ORGANIZATION,
                    ),
                    {"kind": "GRID_PARTY_BRANCH", "nodeId": "$grid", "name": "比对网格党支部"},
                ),
            ),
        ),
        Case(
            "appointSecretary",
            (
                (
                    mutation(
                        "appointSecretary",
                        "AppointSecretaryInput",
                        "partyOrganization",
                        ORGANIZATION,
                    ),
                    {
                        "organizationId": gid("PartyOrganization", scene.organization_grid_a),
                        "personId": gid("Person", member),
                    },
                ),
            ),
        ),
        Case(
            "createPerson",
            (
                (
                    mutation("createPerson", "CreatePersonInput", "person", PERSON),
                    {
                        "name": "比对居民",
                        "gender": "FEMALE",
                        "phone": "13800000000",
                        "buildingId": gid("Building", scene.building_a),
                    },
                ),
            ),
        ),
    ]


ROLES = (AccountRole.DISTRICT_ADMIN, AccountRole.STREET_ADMIN, AccountRole.COMMUNITY_SECRETARY)
MOMENT = "2026-06-01T08:00:00+00:00"  # both paths answer at the same simulated moment


def through(apps: tuple[httpx.AsyncClient, httpx.AsyncClient], compiled: bool) -> httpx.AsyncClient:
    """The `apps` fixture's client with the compiled path on, or off."""
    return apps[0] if compiled else apps[1]


async def play(client: httpx.AsyncClient, token: str, case: Case) -> tuple[list[bytes], bool]:
    """The case's answers, and whether a payload plan was compiled on the way."""
    CACHE.entries.clear()
    answers: list[bytes] = []
    made: dict[str, str] = {}
    for document, given in case.steps:
        variables = {
            key: made.get(value, value) if isinstance(value, str) else value
            for key, value in given.items()
        }
        headers = {SIMULATED_TIME: MOMENT, "Authorization": f"Bearer {token}"}
        body = {"query": document, "variables": {"input": variables}}
        response = await client.post("/graphql", json=body, headers=headers)
        parsed = response.json()
        parsed.pop("extensions", None)
        for error in parsed.get("errors", ()):
            error.get("extensions", {}).pop("requestId", None)
        for payload in (parsed.get("data") or {}).values():
            for name in ("building", "grid"):
                if payload and payload.get(name):
                    made[f"${name}"] = payload[name]["id"]
        answers.append(orjson.dumps([response.status_code, parsed]))
    compiled = any(key[0] == "payload" and plan is not None for key, plan in CACHE.entries.items())
    return answers, compiled


async def test_every_compiled_payload_gives_the_resolvers_answer(
    seeded: Database, databases: Databases, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    scene = await permissions.scene_of(seeded)
    grants = permissions.insiders(scene)
    async with seeded.session() as session:
        member = await session.scalar(
            select(PersonRole.person_id)
            .where(
                PersonRole.kind == RoleKind.PARTY_MEMBER,
                PersonRole.ended_on.is_(None),
                PersonRole.person_id != scene.person_a,
            )
            .order_by(PersonRole.person_id)
            .limit(1)
        )
    assert member is not None
    compiled_for_admin: set[str] = set()
    succeeded: set[str] = set()
    for case in cases(scene, member):
        for role in ROLES:
            bodies = {}
            for compiled in (True, False):
                await databases.fresh(seeded.backend, SEEDED)  # the same district for both
                user = await make_user(
                    seeded, f"payload-{role.value.lower()}", (role, *grants[role])
                )
                answers, took = await play(through(apps, compiled), token_for(user), case)
                bodies[compiled] = answers
                if compiled and took and role is AccountRole.DISTRICT_ADMIN:
                    compiled_for_admin.add(case.name)
            assert bodies[True] == bodies[False], (case.name, role, bodies)
            if role is AccountRole.DISTRICT_ADMIN:
                assert b'"errors"' not in bodies[True][-1], (case.name, bodies[True])
            if b'"userErrors":[]' in bodies[True][-1]:
                succeeded.add(f"{case.name} as {role.value}")
    every = {case.name for case in cases(scene, member)}
    assert compiled_for_admin == every, every - compiled_for_admin
    assert {f"{name} as DISTRICT_ADMIN" for name in every} <= succeeded


RENAME_WITH_FLAG = """mutation($input: RenameNodeInput!, $full: Boolean!) {
  renameNode(input: $input) { node { ... on Community { name
    street @include(if: $full) { name } gridCount @skip(if: $full) } } userErrors { code } } }"""


async def test_a_payload_plan_follows_the_variables_it_depends_on(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    """The plan is kept per variables' shape: the same document with @include's flag
    turned selects other fields, through the compiled path as through the resolvers."""
    scene = await permissions.scene_of(seeded)
    role = AccountRole.DISTRICT_ADMIN
    user = await make_user(seeded, "payload-flags", (role, *permissions.insiders(scene)[role]))
    headers = {SIMULATED_TIME: MOMENT, "Authorization": f"Bearer {token_for(user)}"}
    community = encode("Community", scene.community_a)
    CACHE.entries.clear()
    for number, full in enumerate((True, False, True)):
        bodies = []
        for compiled in (True, False):
            name = f"标志社区{number}{'甲' if compiled else '乙'}"
            variables = {"input": {"id": community, "name": name}, "full": full}
            body = {"query": RENAME_WITH_FLAG, "variables": variables}
            response = await through(apps, compiled).post("/graphql", json=body, headers=headers)
            assert response.json().get("data"), response.text
            node = response.json()["data"]["renameNode"]["node"]
            assert node.pop("name") == name
            bodies.append(node)
        assert bodies[0] == bodies[1], (full, bodies)
        assert ("street" in bodies[0]) is full and ("gridCount" in bodies[0]) is not full
    assert any(key[0] == "payload" and plan for key, plan in CACHE.entries.items())
