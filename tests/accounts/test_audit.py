"""The audit log (审计日志): what each kind of mutation writes, that refused mutations write
nothing, the `auditLog` filters, who may read it, and its statement count."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from db.models import (
    AccountRole,
    AuditEntry,
    Building,
    Community,
    Grid,
    PartyOrganization,
    Person,
    PersonRole,
    RoleKind,
    Street,
    StreetKind,
    User,
)
from resolvers.audit import AuditAction, Change, Changes, merge, plain
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import TRANSACTION_STATEMENTS, GraphQLClient
from tests.support.mutations import USER_ERRORS, Json, inp, mutate, ok
from tests.support.users import ADMIN, TEST_PASSWORD, make_user, password_hash

ENTRY_FIELDS = """
  id at operation action objectType objectId before after requestId
  actor { id username }
  person { id name }
  object { id __typename }
"""
AUDIT_LOG = f"""
query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {{
  auditLog(filter: $filter, first: $first, after: $after) {{
    totalCount
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {ENTRY_FIELDS} }}
  }}
}}
"""
RENAME = f"""
mutation Rename($input: RenameNodeInput!) {{
  renameNode(input: $input) {{ node {{ id }} {USER_ERRORS} }}
}}
"""
MOVE = f"""
mutation Move($input: MoveNodeInput!) {{
  moveNode(input: $input) {{ node {{ id }} {USER_ERRORS} }}
}}
"""
APPOINT = f"""
mutation Appoint($input: AppointSecretaryInput!) {{
  appointSecretary(input: $input) {{ partyOrganization {{ id }} {USER_ERRORS} }}
}}
"""
CREATE_PERSON = f"""
mutation CreatePerson($input: CreatePersonInput!) {{
  createPerson(input: $input) {{ person {{ id }} {USER_ERRORS} }}
}}
"""
LOGIN = """
mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) { refreshToken userErrors { code } }
}
"""
LOGOUT = "mutation($t: String!) { logout(input: {refreshToken: $t}) { revoked } }"


async def audit_log(client: GraphQLClient, first: int = 100, **filter: Any) -> list[Json]:
    data = await client.data(AUDIT_LOG, {"filter": filter or None, "first": first})
    entries: list[Json] = data["auditLog"]["nodes"]
    return entries


async def post_with_request_id(
    client: GraphQLClient, request_id: str, query: str, variables: Json
) -> Json:
    """A request carrying its own X-Request-ID, as a frontend may send one."""
    headers = {**await client.headers(), "X-Request-ID": request_id}
    response = await client.http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body: Json = response.json()
    assert "errors" not in body, body
    data: Json = body["data"]
    return data


async def a_grid(db: Database) -> Grid:
    async with db.session() as session:
        grid = await session.scalar(select(Grid).order_by(Grid.id))
    assert grid is not None
    return grid


async def admin_id(client: GraphQLClient) -> int:
    await client.headers()
    async with client.db.session() as session:
        found = await session.scalar(select(User.id).where(User.username == ADMIN))
    assert found is not None
    return found


# --- what each kind of mutation writes ------------------------------------------------------


async def test_rename_records_the_old_and_the_new_name(
    seeded: Database, client: GraphQLClient
) -> None:
    grid = await a_grid(seeded)
    grid_id = encode("Grid", grid.id)
    data = await post_with_request_id(client, "rename-1", RENAME, inp(id=grid_id, name="审计网格"))
    ok(data["renameNode"])
    (entry,) = await audit_log(client)
    assert entry["operation"] == "renameNode"
    assert entry["action"] == "UPDATE"
    assert entry["objectType"] == "Grid"
    assert entry["objectId"] == grid_id
    assert entry["object"] == {"id": grid_id, "__typename": "Grid"}
    assert entry["before"] == {"name": grid.name}
    assert entry["after"] == {"name": "审计网格"}
    assert entry["actor"]["username"] == ADMIN
    assert entry["person"] is None
    assert entry["requestId"] == "rename-1"
    assert datetime.fromisoformat(entry["at"]) > datetime.now(UTC) - timedelta(minutes=1)
    # The entry is a Node like any other.
    found = await client.data("query($id: ID!) { node(id: $id) { id } }", {"id": entry["id"]})
    assert found["node"] == {"id": entry["id"]}


async def test_create_person_records_the_new_values(
    seeded: Database, client: GraphQLClient
) -> None:
    async with seeded.session() as session:
        building_id = await session.scalar(select(Person.building_id).where(Person.building_id > 0))
    assert building_id is not None
    payload = ok(
        await mutate(
            client,
            CREATE_PERSON,
            inp(
                name="审计居民",
                gender="FEMALE",
                phone="13800138000",
                buildingId=encode("Building", building_id),
            ),
        )
    )
    person_id = payload["person"]["id"]
    (entry,) = await audit_log(client)
    assert (entry["operation"], entry["action"], entry["objectType"]) == (
        "createPerson",
        "CREATE",
        "Person",
    )
    assert entry["objectId"] == person_id
    assert entry["person"] == {"id": person_id, "name": "审计居民"}
    assert entry["before"] is None
    assert entry["after"] == {
        "name": "审计居民",
        "gender": "FEMALE",
        "phone": "13800138000",
        "id_number": None,
        "building_id": building_id,
    }


async def test_one_mutation_changing_several_objects_writes_an_entry_for_each(
    seeded: Database, client: GraphQLClient
) -> None:
    async with seeded.session() as session:
        community = await session.scalar(
            select(Community)
            .join(PartyOrganization, PartyOrganization.community_id == Community.id)
            .join(Street, Street.id == Community.street_id)
            .where(Street.kind == StreetKind.SUBDISTRICT)
            .order_by(Community.id)
        )
        assert community is not None
        committee = await session.scalar(
            select(PartyOrganization).where(PartyOrganization.community_id == community.id)
        )
        target = await session.scalar(
            select(Street)
            .join(PartyOrganization, PartyOrganization.street_id == Street.id)
            .where(Street.kind == StreetKind.SUBDISTRICT, Street.id != community.street_id)
            .order_by(Street.id)
        )
        assert committee is not None and target is not None
        target_committee = await session.scalar(
            select(PartyOrganization.id).where(PartyOrganization.street_id == target.id)
        )
    community_id = encode("Community", community.id)
    ok(await mutate(client, RENAME, inp(id=community_id, name="审计迁移社区")))
    data = await post_with_request_id(
        client, "move-1", MOVE, inp(id=community_id, newParentId=encode("Street", target.id))
    )
    ok(data["moveNode"])

    entries = await audit_log(client, operation="moveNode")
    changes = {entry["objectType"]: (entry["before"], entry["after"]) for entry in entries}
    assert changes == {
        "Community": ({"street_id": community.street_id}, {"street_id": target.id}),
        "PartyOrganization": ({"parent_id": committee.parent_id}, {"parent_id": target_committee}),
    }
    assert {entry["requestId"] for entry in entries} == {"move-1"}
    assert len({entry["at"] for entry in entries}) == 1
    # The rename before it is its own entry, of its own request.
    (rename,) = await audit_log(client, operation="renameNode")
    assert rename["requestId"] != "move-1"


async def test_appointing_a_secretary_records_both_terms(
    seeded: Database, client: GraphQLClient
) -> None:
    async with seeded.session() as session:
        current = await session.scalar(
            select(PersonRole)
            .where(PersonRole.kind == RoleKind.SECRETARY, PersonRole.ended_on.is_(None))
            .order_by(PersonRole.id)
        )
        assert current is not None
        secretaries = select(PersonRole.person_id).where(PersonRole.kind == RoleKind.SECRETARY)
        newcomer = await session.scalar(
            select(PersonRole.person_id)
            .where(
                PersonRole.kind == RoleKind.PARTY_MEMBER,
                PersonRole.ended_on.is_(None),
                PersonRole.person_id.not_in(secretaries),
            )
            .order_by(PersonRole.id)
        )
        assert newcomer is not None
    start = current.started_on + timedelta(days=30)
    organization_id = encode("PartyOrganization", current.party_organization_id or 0)
    data = await post_with_request_id(
        client,
        "appoint-1",
        APPOINT,
        inp(
            organizationId=organization_id,
            personId=encode("Person", newcomer),
            startedOn=start.isoformat(),
        ),
    )
    ok(data["appointSecretary"])

    entries = await audit_log(client, operation="appointSecretary")
    by_action = {entry["action"]: entry for entry in entries}
    assert set(by_action) == {"UPDATE", "CREATE"}
    ended, started = by_action["UPDATE"], by_action["CREATE"]
    assert ended["objectId"] == encode("PersonRole", current.id)
    assert ended["before"] == {"ended_on": None}
    assert ended["after"] == {"ended_on": start.isoformat()}
    assert ended["person"]["id"] == encode("Person", current.person_id)
    assert started["objectType"] == "PersonRole"
    assert started["person"]["id"] == encode("Person", newcomer)
    assert started["after"]["kind"] == "SECRETARY"
    assert started["after"]["started_on"] == start.isoformat()
    assert started["after"]["party_organization_id"] == current.party_organization_id
    assert {entry["requestId"] for entry in entries} == {"appoint-1"}
    # Both are found through the people they concern.
    old = await audit_log(client, personId=encode("Person", current.person_id))
    assert [entry["id"] for entry in old] == [ended["id"]]


async def test_each_mutation_of_a_document_is_its_own_operation(
    seeded: Database, client: GraphQLClient
) -> None:
    grid = await a_grid(seeded)
    document = """
    mutation($grid: ID!) {
      createStreet(input: {name: "审计街道", kind: SUBDISTRICT}) { street { id } }
      renameNode(input: {id: $grid, name: "审计网格二"}) { node { id } }
    }
    """
    await client.data(document, {"grid": encode("Grid", grid.id)})
    entries = await audit_log(client)
    assert [(e["operation"], e["action"], e["objectType"]) for e in entries] == [
        ("renameNode", "UPDATE", "Grid"),
        ("createStreet", "CREATE", "Street"),
    ]
    created = entries[1]["after"]
    assert created["name"] == "审计街道" and created["kind"] == "SUBDISTRICT"
    assert created["archived_at"] is None


async def test_refused_mutations_write_no_entry(seeded: Database, client: GraphQLClient) -> None:
    grid = await a_grid(seeded)
    async with seeded.session() as session:
        sibling = await session.scalar(
            select(Grid.name).where(Grid.community_id == grid.community_id, Grid.id != grid.id)
        )
    assert sibling is not None
    # A user error rolls back, and the entries with it.
    payload = await mutate(client, RENAME, inp(id=encode("Grid", grid.id), name=sibling))
    assert [error["code"] for error in payload["userErrors"]] == ["NAME_TAKEN"]
    payload = await mutate(client, CREATE_PERSON, inp(name=" ", gender="MALE"))
    assert payload["userErrors"]
    # So does a refusal by role, and a failed login.
    resident = await make_user(
        seeded, "audit.resident", (AccountRole.RESIDENT, "community_id", grid.community_id)
    )
    codes = await client.as_user(resident).error_codes(
        RENAME, inp(id=encode("Grid", grid.id), name="无权改名")
    )
    assert codes == ["FORBIDDEN"]
    failed = await client.anonymous().data(LOGIN, {"u": "audit.resident", "p": "wrong-password"})
    assert failed["login"]["userErrors"]
    data = await client.data(AUDIT_LOG, {"first": 10})
    assert data["auditLog"]["totalCount"] == 0


async def test_login_is_recorded_as_the_users_login_without_secrets(
    seeded: Database, client: GraphQLClient
) -> None:
    user_id = await make_user(seeded, "audit.login")
    session = (await client.anonymous().data(LOGIN, {"u": "audit.login", "p": TEST_PASSWORD}))[
        "login"
    ]
    assert session["userErrors"] == []
    # Refresh tokens are credentials, not business data: logging out records nothing.
    await client.anonymous().data(LOGOUT, {"t": session["refreshToken"]})
    (entry,) = await audit_log(client)
    assert (entry["operation"], entry["action"], entry["objectType"]) == ("login", "LOGIN", "User")
    assert entry["objectId"] == entry["actor"]["id"] == encode("User", user_id)
    assert entry["before"] == {"last_login_at": None}
    assert datetime.fromisoformat(entry["after"]["last_login_at"]).tzinfo is not None
    async with seeded.session() as session_:
        rows = (await session_.scalars(select(AuditEntry))).all()
    stored = json.dumps([(row.before, row.after) for row in rows])
    assert "password" not in stored and "token" not in stored
    assert password_hash() not in stored


async def test_password_hashes_never_appear_in_the_log(
    seeded: Database, client: GraphQLClient
) -> None:
    """Whatever a mutation does to an account, its secrets stay out of the entries."""
    grid = await a_grid(seeded)
    ok(await mutate(client, RENAME, inp(id=encode("Grid", grid.id), name="审计网格三")))
    await make_user(seeded, "audit.other")
    await client.anonymous().data(LOGIN, {"u": "audit.other", "p": TEST_PASSWORD})
    body = json.dumps(await client.data(AUDIT_LOG, {"first": 100}), ensure_ascii=False)
    assert "password_hash" not in body and "token_hash" not in body
    assert password_hash() not in body


# --- filters and order ----------------------------------------------------------------------


async def test_filters_and_newest_first(seeded: Database, client: GraphQLClient) -> None:
    grid = await a_grid(seeded)
    grid_id = encode("Grid", grid.id)
    worker = await make_user(
        seeded, "audit.worker", (AccountRole.COMMUNITY_WORKER, "community_id", grid.community_id)
    )
    async with seeded.session() as session:
        building = await session.scalar(select(Building.id).where(Building.grid_id == grid.id))
    assert building is not None
    ok(await mutate(client, RENAME, inp(id=grid_id, name="审计网格甲")))
    home = encode("Building", building)
    created = ok(
        await mutate(
            client.as_user(worker),
            CREATE_PERSON,
            inp(name="审计乙", gender="MALE", buildingId=home),
        )
    )
    person_id = created["person"]["id"]
    ok(await mutate(client, RENAME, inp(id=grid_id, name="审计网格丙")))

    everything = await audit_log(client)
    assert [e["operation"] for e in everything] == ["renameNode", "createPerson", "renameNode"]
    assert [e["after"]["name"] for e in everything] == ["审计网格丙", "审计乙", "审计网格甲"]
    times = [datetime.fromisoformat(e["at"]) for e in everything]
    assert times == sorted(times, reverse=True)

    about_grid = await audit_log(client, objectId=grid_id)
    assert [e["after"]["name"] for e in about_grid] == ["审计网格丙", "审计网格甲"]
    assert [e["objectId"] for e in await audit_log(client, personId=person_id)] == [person_id]
    by_worker = await audit_log(client, actorId=encode("User", worker))
    assert [e["operation"] for e in by_worker] == ["createPerson"]
    assert by_worker[0]["actor"]["username"] == "audit.worker"
    by_admin = await audit_log(client, actorId=encode("User", await admin_id(client)))
    assert len(by_admin) == 2
    assert len(await audit_log(client, operation="renameNode")) == 2
    assert await audit_log(client, operation="moveNode") == []

    middle = everything[1]["at"]
    assert [e["at"] for e in await audit_log(client, since=middle)] == [
        everything[0]["at"],
        middle,
    ]
    assert [e["at"] for e in await audit_log(client, until=middle)] == [everything[2]["at"]]
    assert len(await audit_log(client, since=middle, until=middle)) == 0
    naive = datetime.fromisoformat(middle).astimezone(UTC).replace(tzinfo=None).isoformat()
    assert len(await audit_log(client, since=naive)) == 2  # no zone means UTC
    combined = await audit_log(client, objectId=grid_id, until=middle)
    assert [e["after"]["name"] for e in combined] == ["审计网格甲"]

    # Paging walks the same order.
    first = await client.data(AUDIT_LOG, {"first": 2})
    assert first["auditLog"]["pageInfo"]["hasNextPage"] is True
    rest = await client.data(
        AUDIT_LOG, {"first": 2, "after": first["auditLog"]["pageInfo"]["endCursor"]}
    )
    paged = first["auditLog"]["nodes"] + rest["auditLog"]["nodes"]
    assert [e["id"] for e in paged] == [e["id"] for e in everything]


async def test_bad_filter_ids_are_bad_user_input(seeded: Database, client: GraphQLClient) -> None:
    grid_id = encode("Grid", (await a_grid(seeded)).id)
    for filter in (
        {"objectId": "@@not an id@@"},
        {"personId": grid_id},
        {"actorId": grid_id},
    ):
        codes = await client.error_codes(AUDIT_LOG, {"filter": filter, "first": 5})
        assert codes == ["BAD_USER_INPUT"], filter


# --- who may read it ------------------------------------------------------------------------


async def test_only_district_admins_read_the_log(seeded: Database, client: GraphQLClient) -> None:
    grid = await a_grid(seeded)
    ok(await mutate(client, RENAME, inp(id=encode("Grid", grid.id), name="审计网格丁")))
    (entry,) = await audit_log(client)
    secretary = await make_user(
        seeded,
        "audit.secretary",
        (AccountRole.COMMUNITY_SECRETARY, "community_id", grid.community_id),
    )
    observer = await make_user(
        seeded, "audit.observer", (AccountRole.OBSERVER, "community_id", grid.community_id)
    )
    node = "query($id: ID!) { node(id: $id) { id } }"
    for viewer, code in (
        (client.as_user(secretary), "FORBIDDEN"),
        (client.as_user(observer), "FORBIDDEN"),
        (client.anonymous(), "UNAUTHENTICATED"),
    ):
        assert await viewer.error_codes(AUDIT_LOG, {"first": 5}) == [code]
        assert await viewer.error_codes(node, {"id": entry["id"]}) == [code]
        # An unknown entry is refused the same way, so keys cannot be probed.
        unknown = encode("AuditEntry", 987654321)
        assert await viewer.error_codes(node, {"id": unknown}) == [code]


# --- statements -----------------------------------------------------------------------------


async def test_statements_do_not_grow_with_page_size(
    seeded: Database, client: GraphQLClient
) -> None:
    actor = await admin_id(client)
    async with seeded.session() as session:
        streets = list((await session.scalars(select(Street.id).limit(5))).all())
        grids = list((await session.scalars(select(Grid.id).limit(5))).all())
        people = list((await session.scalars(select(Person.id).limit(5))).all())
    objects = [("Street", streets), ("Grid", grids), ("Person", people)]
    now = datetime.now(UTC)
    rows = []
    for n in range(120):
        object_type, keys = objects[n % 3]
        rows.append(
            {
                "at": now,
                "user_id": actor,
                "person_id": people[n % len(people)] if n % 2 else None,
                "operation": "renameNode",
                "action": "UPDATE",
                "object_type": object_type,
                "object_id": keys[n % len(keys)],
                "before": {"name": "甲"},
                "after": {"name": "乙"},
                "request_id": f"r{n}",
            }
        )
    async with seeded.engine.begin() as connection:
        await connection.execute(insert(AuditEntry), rows)
    query = f"query($n: Int!) {{ auditLog(first: $n) {{ totalCount nodes {{ {ENTRY_FIELDS} }} }} }}"
    counts = []
    for n in (6, 100):
        with seeded.count_statements() as statements:
            data = await client.data(query, {"n": n})
        assert len(data["auditLog"]["nodes"]) == n
        assert all(entry["object"] is not None for entry in data["auditLog"]["nodes"])
        # The spent query cost is written by every request, whatever it asks (and reads
        # the viewer with it).
        counts.append(len([s for s in statements if "cost_windows" not in s]))
    # The page, its count, the actors, the people (who are also the Person objects), the
    # streets and the grids, in one transaction.
    assert counts[0] == counts[1] <= 6 + TRANSACTION_STATEMENTS


# --- folding several flushes of one object ------------------------------------------------


def change(action: AuditAction, before: Json | None, after: Json | None) -> Change:
    return Change(Grid, 1, action, before, after, None)


def test_changes_of_one_object_across_flushes_fold_into_one() -> None:
    create, update, delete = AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE
    changes: Changes = {}
    merge(changes, change(create, None, {"name": "a", "code": "1"}))
    merge(changes, change(update, {"name": "a"}, {"name": "b"}))
    assert changes[(Grid, 1)].after == {"name": "b", "code": "1"}
    merge(changes, change(delete, {"name": "b", "code": "1"}, None))
    assert changes == {}

    merge(changes, change(update, {"name": "a"}, {"name": "b"}))
    merge(changes, change(update, {"name": "b", "code": "1"}, {"name": "c", "code": "2"}))
    folded = changes[(Grid, 1)]
    assert (folded.before, folded.after) == ({"name": "a", "code": "1"}, {"name": "c", "code": "2"})
    merge(changes, change(update, {"name": "c"}, {"name": "a"}))
    assert (folded.before, folded.after) == ({"code": "1"}, {"code": "2"})
    merge(changes, change(update, {"code": "2"}, {"code": "1"}))
    assert changes == {}  # back where it started: no entry

    merge(changes, change(update, {"name": "a"}, {"name": "b"}))
    merge(changes, change(delete, {"name": "b", "code": "1"}, None))
    deleted = changes[(Grid, 1)]
    assert (deleted.action, deleted.before, deleted.after) == (
        delete,
        {"name": "a", "code": "1"},
        None,
    )


def test_dates_and_enums_are_plain_json() -> None:
    moment = datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    assert plain(moment) == "2024-05-01T08:30:00+00:00"
    assert plain(date(2024, 5, 1)) == "2024-05-01"
    assert plain(RoleKind.SECRETARY) == "SECRETARY"
    assert plain(3) == 3 and plain(None) is None
