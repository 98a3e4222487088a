"""The compiled read path gives the resolvers' answers, byte for byte, for every role,
and really answers the shapes it was taught with one statement per root field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import select, update

from db.models import (
    AccountRole,
    Community,
    District,
    Grid,
    IncidentTask,
    Person,
    Street,
    TaskStatus,
    User,
)
from server.app import SIMULATED_TIME
from tests.support.database import Database
from tests.support.graphql import ADMISSION_STATEMENTS, TRANSACTION_STATEMENTS
from tests.support.users import make_user, token_for

TREE_WITH_COUNTS = """
{
  district {
    id __typename name code streetCount communityCount gridCount buildingCount
    partyMemberCount workerCount
    streets(first: 100) {
      totalCount
      nodes {
        id name kind createdAt archivedAt communityCount gridCount buildingCount
        partyMemberCount workerCount
        partyOrganization { id name kind createdAt secretary { id name } }
        communities(first: 100) {
          totalCount
          nodes {
            name gridCount buildingCount partyMemberCount workerCount
            partyOrganization { name parent { name } secretary { name } }
            grids(first: 100) {
              totalCount
              nodes {
                name buildingCount partyMemberCount residentCount cadreCount
                partyOrganization { name }
                buildings(first: 100) {
                  totalCount
                  nodes { name householdCount partyMemberCount residentCount address }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""
PUBLIC_TREE = """
query Tree($n: Int = 20) {
  district { name streets(first: $n) { nodes { name ...Counts
    communities(first: 5) {
      edges { cursor node { __typename name street { name district { code } } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }
}
fragment Counts on Street { communityCount gridCount c: communityCount }
"""
MEMBERS = """{ people(first: 100, filter: {roleKind: PARTY_MEMBER}) { totalCount nodes { name phone
  building { name grid { name community { name street { name } } } } } } }"""
PEOPLE = """
query People($first: Int, $after: String) {
  people(first: $first, after: $after) {
    totalCount
    edges { cursor node { id name gender createdAt phone idNumber personalDataMasked
      building { id name } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
ROOT_LISTS = """
query($after: String, $archived: Boolean!) {
  streets(first: 3, after: $after) { nodes { name } pageInfo { endCursor hasNextPage } }
  communities(first: 7) { totalCount nodes { id name createdAt } }
  grids(first: 2, filter: {includeArchived: $archived}) { totalCount nodes { name archivedAt } }
  b: buildings { edges { node { ... on Building { name grid { community { name } } } } } }
}
"""
NODES = """
query Nodes($id: ID!, $ids: [ID!]!) {
  node(id: $id) { id __typename ... on Community { name gridCount street { name } }
    ... on Street { name kind } }
  nodes(ids: $ids) { id ... on Street { name } ... on Grid { name buildingCount }
    ... on District { code } }
}
"""
FILTERS = """
query Filters($search: String, $parent: ID, $kind: StreetKind) {
  streets(first: 5, filter: {nameContains: $search, kind: $kind}) {
    totalCount nodes { name communities { totalCount } } }
  communities(filter: {parentId: $parent}) { totalCount nodes { name
    grids(first: 3, filter: {nameContains: "1", parentId: $parent}) { nodes { name } } } }
  grids(first: 4, filter: {nameContains: "_%"}) { totalCount }
}
"""
ORDERS = """
query Orders($first: Int, $after: String, $statuses: [OrderStatus!], $community: ID) {
  serviceOrders(first: $first, after: $after,
      filter: {statuses: $statuses, communityId: $community}) {
    totalCount
    edges { cursor node { id status title description category scheduledStart scheduledEnd
      statusChangedAt placedAt dispatchedAt claimedAt completedAt cancelledAt cancelReason
      minutes rating ratingComment claimerName recipientName community { name }
      claimer { id name registeredOn noShows }
      team { id name level categories foundedOn community { name } street { name } } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
  volunteerTeams(first: 5, filter: {level: COMMUNITY}) {
    totalCount nodes { id name level categories foundedOn createdAt archivedAt
      community { name } street { name } } }
}
"""
INCIDENTS = """
query Incidents($filter: IncidentFilterInput, $after: String = null) {
  incidents(first: 30, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id description address latitude longitude photos channel
      reportedAt status statusChangedAt tier escalations dueAt calledAt respondedAt
      disposalStartedAt closedAt resolution verifiedAt callbackResult callbackComment
      callbackAt reopenCount reporterName community { name } grid { name }
      building { name }
      participants { id joinedAt respondedAt department { id code name englishName tier } }
      tasks { id title status resolutionNote assignees dueAt doneAt createdAt
        department { code } } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
PLANS = """
query Plans($kind: PlanKind, $year: Int, $after: String) {
  servicePlans(first: 5, filter: {kind: $kind, year: $year}) {
    totalCount
    nodes { id kind year month title notes createdAt community { name }
      services(first: 3, after: $after) {
        totalCount
        edges { cursor node { id scheduledOn category title tieIn createdAt team { name } } }
        pageInfo { hasNextPage endCursor } } }
  }
  monthlyPublications(first: 4, filter: {streetId: "U3RyZWV0OjE"}) {
    totalCount nodes { id year month services minutes volunteers recipientsServed
      keyRecipientsServed ratings averageRating publishedAt community { name } }
  }
}
"""
PROJECTS = """
query Projects($filter: ProjectFilterInput, $unit: ID!) {
  projects(first: 8, filter: $filter) {
    totalCount
    nodes { id kind category title description source year ownerKind status progress
      startedOn dueOn completedOn evaluationScore evaluationComment evaluatedAt cancelReason
      createdAt ownerName community { name }
      milestones { id position title weight progress dueOn completedOn } }
    pageInfo { hasNextPage endCursor }
  }
  node(id: $unit) { ... on WorkUnit { id name kind address reportedOn createdAt archivedAt
    community { name } projects(first: 2) { totalCount nodes { title ownerName } } } }
}
"""
# "U3RyZWV0OjE" is Street 1, "Q29tbXVuaXR5OjE" Community 1, "R3JpZDox" Grid 1,
# "RGlzdHJpY3Q6MQ" District 1.
# Shapes the compiler answers, as (document, variables).
COMPILED = [
    (TREE_WITH_COUNTS, None),
    (PUBLIC_TREE, {"n": 3}),
    (MEMBERS, None),
    (PEOPLE, {"first": 50}),
    (ROOT_LISTS, {"after": None, "archived": True}),
    (NODES, {"id": "Q29tbXVuaXR5OjE", "ids": ["U3RyZWV0OjE", "R3JpZDox", "RGlzdHJpY3Q6MQ"]}),
    (FILTERS, {"search": "街", "parent": "U3RyZWV0OjE", "kind": "SUBDISTRICT"}),
    (FILTERS, {"search": " ", "parent": None, "kind": None}),
    (ORDERS, {"first": 50}),
    # after the order with key 2000 (a cursor is ["id", key, key] in base64url)
    (ORDERS, {"first": 4, "after": "WyJpZCIsMjAwMCwyMDAwXQ", "statuses": ["COMPLETED", "RATED"]}),
    (ORDERS, {"first": 3, "statuses": [], "community": "Q29tbXVuaXR5OjE"}),
    (INCIDENTS, {"filter": None, "after": None}),
    (PLANS, {"kind": None, "year": None, "after": None}),
    (PROJECTS, {"filter": None, "unit": "V29ya1VuaXQ6MQ"}),
    (
        PROJECTS,
        {"filter": {"streetId": "U3RyZWV0OjE", "status": "IN_PROGRESS"}, "unit": "V29ya1VuaXQ6Mg"},
    ),
    (PLANS, {"kind": "MONTHLY", "year": 2026, "after": "WyJpZCIsMiwyXQ"}),
    (INCIDENTS, {"filter": {"openOnly": True, "streetId": "U3RyZWV0OjE"}, "after": None}),
    (
        INCIDENTS,
        {"filter": {"statuses": ["RESOLVED", "REFERRED"], "tier": "COMMUNITY"}, "after": None},
    ),
    (INCIDENTS, {"filter": {"communityId": "Q29tbXVuaXR5OjE"}, "after": "WyJpZCIsOTAsOTBd"}),
]
# Shapes it hands to the resolvers: untaught fields, bad input.
FALLBACK = [
    (
        "{ district { name streets(first: 2, orderBy: {direction: DESC}) { nodes { name } } } }",
        None,
    ),
    ("{ people(first: 2) { nodes { name roles { kind } } } }", None),
    ('{ streets(first: 2, after: "bad") { nodes { name } } }', None),
    ("{ serviceOrders(last: 2) { nodes { id title } } }", None),
    # a cursor of the by-name ordering: refused by the resolvers
    ('{ serviceOrders(first: 2, after: "WyJuYW1lIiwiYSIsMV0") { nodes { id } } }', None),
    ('{ serviceOrders(filter: {scheduledFrom: "2026-01-01T00:00:00Z"}) { totalCount } }', None),
    (PEOPLE, {"first": 3, "after": "eyJ4Ijox"}),
    ("{ viewer { username } district { name } }", None),
    (NODES, {"id": "Q29tbXVuaXR5Ojk5OTk5", "ids": ["U3RyZWV0OjE"]}),
    (NODES, {"id": "U3RyZWV0OjE", "ids": ["U3RyZWV0OjE", "bad"]}),
    (NODES, {"id": "UGVyc29uOjE", "ids": []}),
    (FILTERS, {"search": "x" * 500, "parent": None, "kind": None}),
    (FILTERS, {"search": None, "parent": "R3JpZDox", "kind": None}),
]


async def viewers(db: Database) -> dict[str, str | None]:
    """Tokens of one user per role, from district admin to anonymous."""
    async with db.engine.connect() as connection:
        district = await connection.scalar(select(District.id).order_by(District.id))
        street = await connection.scalar(select(Street.id).order_by(Street.id))
        community = await connection.scalar(
            select(Community.id).where(Community.street_id == street).order_by(Community.id)
        )
        grid = await connection.scalar(
            select(Grid.id).where(Grid.community_id == community).order_by(Grid.id)
        )
        taken = select(User.person_id).where(User.person_id.is_not(None))
        people = (
            await connection.scalars(
                select(Person.id).where(Person.id.not_in(taken)).order_by(Person.id).limit(5)
            )
        ).all()
    assert district and street and community and grid
    grants = {
        "district admin": (AccountRole.DISTRICT_ADMIN, "district_id", district),
        "street admin": (AccountRole.STREET_ADMIN, "street_id", street),
        "community secretary": (AccountRole.COMMUNITY_SECRETARY, "community_id", community),
        "grid leader": (AccountRole.GRID_LEADER, "grid_id", grid),
        "resident": (AccountRole.RESIDENT, "district_id", district),
    }
    tokens: dict[str, str | None] = {"anonymous": None}
    for (name, grant), person in zip(grants.items(), people, strict=True):
        user = await make_user(db, f"compiled-{name.replace(' ', '-')}", grant, person_id=person)
        tokens[name] = token_for(user)
    return tokens


ANSWERED_AT = datetime.now(UTC).isoformat()


async def answer(
    client: httpx.AsyncClient,
    token: str | None,
    query: str,
    variables: Any,
    at: str = ANSWERED_AT,
) -> bytes:
    # Both paths answer at the same moment: fields counted from now (a complaint's time
    # left, say) must not differ by the second between the two requests.
    headers = {SIMULATED_TIME: at}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    if "data" in body:  # the bytes sent are those orjson writes: no spacing, no other floats
        assert response.content.startswith(b'{"data":' + orjson.dumps(body["data"]))
    body.pop("extensions", None)
    for error in body.get("errors", ()):
        error.get("extensions", {}).pop("requestId", None)
    return orjson.dumps(body)


async def test_compiled_and_resolved_answers_are_identical(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    compiled, resolved = apps
    for role, token in (await viewers(seeded)).items():
        for query, variables in COMPILED + FALLBACK:
            fast = await answer(compiled, token, query, variables)
            slow = await answer(resolved, token, query, variables)
            assert fast == slow, (role, query, fast[:2000], slow[:2000])


TASKS = """
query Tasks($statuses: [TaskStatus!]) {
  incidentTasks(first: 25, filter: {statuses: $statuses}) {
    totalCount
    nodes { id title status assignees dueAt doneAt overdue department { code }
      incident { id status reporterName tasks { id overdue } } }
  }
}
"""


async def test_overdue_is_judged_at_the_requests_moment(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    """A task's `overdue` compares its due time with the moment the request is played
    at (X-Simulated-Time here), in SQL as in the resolvers."""
    compiled, resolved = apps
    tokens = await viewers(seeded)
    async with seeded.engine.begin() as connection:  # an open task of each kind, newest
        newest = (
            await connection.scalars(select(IncidentTask.id).order_by(IncidentTask.id.desc()))
        ).all()[:2]
        for task, status in zip(newest, (TaskStatus.OPEN, TaskStatus.IN_PROGRESS), strict=True):
            await connection.execute(
                update(IncidentTask).where(IncidentTask.id == task).values(status=status)
            )
    seen = set()
    for moment in ("2000-01-01T00:00:00+00:00", ANSWERED_AT, "2100-01-01T00:00:00+08:00"):
        for role in ("district admin", "community secretary", "grid leader"):
            for statuses in (None, ["OPEN", "IN_PROGRESS"]):
                variables = {"statuses": statuses}
                fast = await answer(compiled, tokens[role], TASKS, variables, at=moment)
                assert fast == await answer(resolved, tokens[role], TASKS, variables, at=moment)
                nodes = orjson.loads(fast)["data"]["incidentTasks"]["nodes"]
                seen |= {task["overdue"] for task in nodes}
    assert seen == {True, False}


PLACES = """{ grids(first: 4) { nodes { name latitude longitude
  buildings(first: 2) { nodes { name latitude longitude } } } } }"""


async def test_doubles_come_out_as_the_resolvers_write_them(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    """Coordinates with all 17 digits a double holds, tiny ones and whole ones: SQLite's
    own JSON would keep 15 digits and write 1.0e-07, PostgreSQL's would write 2.0 as 2."""
    compiled, resolved = apps
    token = (await viewers(seeded))["district admin"]
    places = {34.861234567891234: 117.55, 1e-07: 2.0, 0.1: None, -35.0: 1e15}
    async with seeded.engine.begin() as connection:
        grids = (await connection.scalars(select(Grid.id).order_by(Grid.name, Grid.id))).all()
        for grid, (latitude, longitude) in zip(grids, places.items(), strict=False):
            await connection.execute(
                update(Grid).where(Grid.id == grid).values(latitude=latitude, longitude=longitude)
            )
    fast = await answer(compiled, token, PLACES, None)
    assert fast == await answer(resolved, token, PLACES, None)
    written = orjson.loads(fast)["data"]["grids"]["nodes"]
    assert [(g["latitude"], g["longitude"]) for g in written] == list(places.items())
    assert b"34.86123456789123," in fast and b"1e-7" in fast and b"-35.0," in fast


@pytest.mark.parametrize("length", [63, 64])
async def test_a_long_alias_is_kept_whole(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient], length: int
) -> None:
    """PostgreSQL cuts a column name at 63 bytes, and the compiled objects' keys are
    column names there: a longer alias goes to the resolvers, whole."""
    compiled, resolved = apps
    token = (await viewers(seeded))["district admin"]
    alias = "a" * length
    query = f"{{ communities(first: 2) {{ nodes {{ {alias}: name id }} }} }}"
    with seeded.count_statements() as statements:
        fast = await answer(compiled, token, query, None)
    assert fast == await answer(resolved, token, query, None)
    nodes = orjson.loads(fast)["data"]["communities"]["nodes"]
    assert len(nodes) == 2
    assert all(set(node) == {alias, "id"} for node in nodes)
    compiled_sql = [s for s in statements if "communities" in s and "json" in s]
    kept_whole = seeded.backend == "sqlite" or length <= 63
    assert bool(compiled_sql) == kept_whole, statements


@pytest.mark.parametrize(("query", "variables"), COMPILED)
async def test_taught_shapes_take_one_statement_per_root_field(
    seeded: Database,
    apps: tuple[httpx.AsyncClient, httpx.AsyncClient],
    query: str,
    variables: Any,
) -> None:
    compiled, _ = apps
    token = (await viewers(seeded))["district admin"]
    await answer(compiled, token, query, variables)  # the plan is cached
    with seeded.count_statements() as statements:
        body = orjson.loads(await answer(compiled, token, query, variables))
    assert "errors" not in body
    roots = len(body["data"])
    # One root field is one statement outside any transaction; several read in one.
    transaction = TRANSACTION_STATEMENTS if roots > 1 else 0
    assert len(statements) == roots + ADMISSION_STATEMENTS + transaction, statements
    control = [s for s in statements if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    assert len(control) == transaction, statements
