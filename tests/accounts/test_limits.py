"""Hostile documents and requests are refused with a code, before any SQL runs
(docs/architecture.md), whether the caller is anonymous or signed in."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import CostWindow
from db.session import create_engine
from resolvers import clock
from resolvers.accounts.tokens import read_access_token
from resolvers.budget import MOST_SPENT, charge, minute_of, prune
from server.app import create_app
from server.settings import MOST_COST, Settings
from tests.support.database import Database
from tests.support.graphql import GraphQLClient


def nested(depth: int) -> str:
    """`{ district { streets { nodes { district { … } } } } }`, exactly `depth` fields deep."""
    chain = [("district", "streets(first: 2)", "nodes")[level % 3] for level in range(depth - 1)]
    leaf = "totalCount" if chain[-1].startswith("streets") else "id"
    return "{ " + " { ".join([*chain, leaf]) + " }" * len(chain) + " }"


DEEP_THROUGH_FRAGMENTS = """
{ district { ...D1 } }
fragment D1 on District { streets { nodes { ...S1 } } }
fragment S1 on Street { district { ...D2 } }
fragment D2 on District { streets { nodes { ...S2 } } }
fragment S2 on Street { district { ...D3 } }
fragment D3 on District { streets { nodes { ...S3 } } }
fragment S3 on Street { district { ...D4 } }
fragment D4 on District { streets { nodes { id } } }
"""
DEEP_THROUGH_INLINE_FRAGMENTS = """
{ district { ... on District { streets { nodes { ... on Street { district { ... {
  streets { nodes { ... on Street { district { ... on District { streets { nodes {
  ... { district { streets { nodes { district { id } } } } } } } } } } } } } } } } } } } }
"""
# A fragment with four aliases, spread in four places: sixteen aliases.
ALIASES_THROUGH_FRAGMENTS = """
{
  streets { nodes { ...Names } }
  communities { nodes { street { ...Names } } }
  grids { nodes { community { street { ...Names } } } }
  buildings { nodes { grid { community { street { ...Names } } } } }
}
fragment Names on Street { a: name b: name c: name d: name }
"""
ALIAS_FLOOD = "{ " + " ".join(f"a{i}: __typename" for i in range(16)) + " }"
TOKEN_FLOOD = "{ " + "__typename " * 2_100 + "}"
COMMENT_FLOOD = "#\n" * 2_100 + "{ __typename }"
DIRECTIVE_FLOOD = "{ " + "__typename @skip(if: false) " * 51 + "}"
DIRECTIVES_THROUGH_FRAGMENTS = (
    "{ streets { nodes { ...F ...F ...F ...F ...F ...F } } }\n"
    "fragment F on Street { " + " ".join(["name @include(if: true)"] * 9) + " }"
)
# Repeats validation would compare pairwise, within the token limit.
REPEATED_FIELDS = "{ " + " ".join(["people { nodes { id } }"] * 285) + " }"
WIDE_THROUGH_FRAGMENTS = (
    "{ district { ...F ...F ...F } }\nfragment F on District { " + " ".join(["name"] * 40) + " }"
)
OVER_COST = (
    "{ streets(first: 100) { nodes { communities(first: 100) { nodes {"
    " grids(first: 100) { nodes { id } } } } } } }"
)

ATTACKS: list[tuple[str, str, dict[str, Any] | None, str]] = [
    ("deep", nested(15), None, "QUERY_TOO_COMPLEX"),
    ("deep-fragments", DEEP_THROUGH_FRAGMENTS, None, "QUERY_TOO_COMPLEX"),
    ("deep-inline-fragments", DEEP_THROUGH_INLINE_FRAGMENTS, None, "QUERY_TOO_COMPLEX"),
    ("aliases", ALIAS_FLOOD, None, "QUERY_TOO_COMPLEX"),
    ("aliases-fragments", ALIASES_THROUGH_FRAGMENTS, None, "QUERY_TOO_COMPLEX"),
    ("tokens", TOKEN_FLOOD, None, "QUERY_TOO_COMPLEX"),
    ("comments", COMMENT_FLOOD, None, "QUERY_TOO_COMPLEX"),
    ("directives", DIRECTIVE_FLOOD, None, "QUERY_TOO_COMPLEX"),
    ("directives-fragments", DIRECTIVES_THROUGH_FRAGMENTS, None, "QUERY_TOO_COMPLEX"),
    ("page-size", "{ people(first: 100000) { nodes { id } } }", None, "BAD_USER_INPUT"),
    (
        "negative-page",
        "{ streets { nodes { communities(last: -1) { totalCount } } } }",
        None,
        "BAD_USER_INPUT",
    ),
    (
        "page-variable",
        "query($n: Int) { people(first: $n) { totalCount } }",
        {"n": 100_000},
        "BAD_USER_INPUT",
    ),
    ("operation-name", "query __schema { __typename }", None, "GRAPHQL_VALIDATION_FAILED"),
    ("cost", OVER_COST, None, "QUERY_TOO_COMPLEX"),
    ("repeated-fields", REPEATED_FIELDS, None, "QUERY_TOO_COMPLEX"),
    ("wide-fragments", WIDE_THROUGH_FRAGMENTS, None, "QUERY_TOO_COMPLEX"),
]


@pytest.fixture(params=["anonymous", "signed-in"])
async def caller(request: pytest.FixtureRequest, client: GraphQLClient) -> GraphQLClient:
    if request.param == "anonymous":
        return client.anonymous()
    await client.headers()  # the admin user exists before anything is counted
    return client


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [attack[1:] for attack in ATTACKS],
    ids=[attack[0] for attack in ATTACKS],
)
async def test_attack_is_refused_before_the_database(
    db: Database, caller: GraphQLClient, query: str, variables: dict[str, Any] | None, code: str
) -> None:
    with db.count_statements() as statements:
        response = await caller.response(query, variables)
    assert response.status_code == 200
    body = response.json()
    assert body.get("data") is None
    assert [error["extensions"]["code"] for error in body["errors"]] == [code]
    assert all(len(error["message"]) < 200 for error in body["errors"])
    assert response.headers["x-request-id"]
    assert statements == []


async def test_limit_errors_say_what_was_found(db: Database, client: GraphQLClient) -> None:
    anonymous = client.anonymous()
    deep = (await anonymous.post(DEEP_THROUGH_FRAGMENTS))["errors"][0]
    assert deep["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "measure": "depth",
        "limit": 12,
        "found": 13,
    }
    inline = (await anonymous.post(DEEP_THROUGH_INLINE_FRAGMENTS))["errors"][0]
    assert inline["extensions"]["found"] == 14
    aliases = (await anonymous.post(ALIASES_THROUGH_FRAGMENTS))["errors"][0]
    assert (aliases["extensions"]["limit"], aliases["extensions"]["found"]) == (15, 16)
    directives = (await anonymous.post(DIRECTIVES_THROUGH_FRAGMENTS))["errors"][0]
    assert (directives["extensions"]["limit"], directives["extensions"]["found"]) == (50, 54)
    tokens = (await anonymous.post(TOKEN_FLOOD))["errors"][0]
    assert tokens["extensions"]["limit"] == 2_000
    assert "2000 tokens" in tokens["message"]
    # The second time from the measure kept for the parsed document.
    for _ in range(2):
        wide = (await anonymous.post(WIDE_THROUGH_FRAGMENTS))["errors"][0]
        assert wide["extensions"] == {
            "code": "QUERY_TOO_COMPLEX",
            "measure": "fields",
            "limit": 100,
            "found": 120,
        }
    cost = await anonymous.post(OVER_COST)
    assert cost["errors"][0]["extensions"]["cost"] == 1 + 100 * (2 + 100 * (2 + 100))
    assert cost["extensions"]["cost"]["requested"] == cost["errors"][0]["extensions"]["cost"]


async def test_documents_at_the_limits_pass(seeded: Database, client: GraphQLClient) -> None:
    assert "errors" not in await client.post(nested(12))
    assert "errors" not in await client.post(
        "{ " + " ".join(f"a{i}: __typename" for i in range(15)) + " }"
    )
    assert "errors" not in await client.post("{ " + "__typename @skip(if: false) " * 50 + "}")
    assert "errors" not in await client.post("{ " + "__typename " * 100 + "}")
    ids = ", ".join(['"x"'] * 1_985)  # 1,996 tokens in all
    codes = await client.error_codes(f"{{ nodes(ids: [{ids}]) {{ id }} }}")
    assert "QUERY_TOO_COMPLEX" not in codes
    assert "GRAPHQL_PARSE_FAILED" not in codes


async def test_fragment_cycles_are_reported_not_followed(
    db: Database, client: GraphQLClient
) -> None:
    query = (
        "{ district { ...A } }\n"
        "fragment A on District { streets { nodes { district { ...B } } } }\n"
        "fragment B on District { ...A }"
    )
    with db.count_statements() as statements:
        codes = await client.anonymous().error_codes(query)
    assert set(codes) == {"GRAPHQL_VALIDATION_FAILED"}
    assert statements == []


@pytest.fixture
def http(client: GraphQLClient) -> httpx.AsyncClient:
    return client.http


async def test_batches_are_refused(db: Database, http: httpx.AsyncClient) -> None:
    with db.count_statements() as statements:
        response = await http.post(
            "/graphql", json=[{"query": "{ __typename }"}, {"query": "{ __typename }"}]
        )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "batching is not supported" in error["message"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert statements == []


async def test_body_that_is_not_an_object_is_refused(db: Database, http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json="{ __typename }")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_large_body_is_refused(db: Database, http: httpx.AsyncClient) -> None:
    padding = "#" * (1024 * 1024)
    with db.count_statements() as statements:
        response = await http.post("/graphql", json={"query": "{ __typename }" + padding})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert response.headers["x-request-id"]
    assert statements == []


async def test_large_chunked_body_is_refused_while_read(
    db: Database, http: httpx.AsyncClient
) -> None:
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }", "padding": "'
        for _ in range(64):
            sent.append(1)
            yield b"x" * 65_536
        yield b'"}'

    with db.count_statements() as statements:
        response = await http.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert statements == []


async def test_mutations_are_refused_over_get(db: Database, http: httpx.AsyncClient) -> None:
    mutation = 'mutation { createStreet(input: {name: "x", kind: SUBDISTRICT}) { street { id } } }'
    with db.count_statements() as statements:
        response = await http.get("/graphql", params={"query": mutation})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "POST" in error["message"]
    assert statements == []
    query = await http.get("/graphql", params={"query": "{ streets { totalCount } }"})
    assert query.status_code == 200
    assert query.json()["data"] == {"streets": {"totalCount": 0}}


KNOWN_COST = """
{ streets(first: 5) {
    totalCount pageInfo { hasNextPage }
    nodes { name communities(first: 3) { edges { cursor node { name } } } } } }
"""
# streets 1 + pageInfo 1 + 5 × (street 1 + communities (1 + 3 × community 1))
KNOWN_COST_VALUE = 1 + 1 + 5 * (1 + (1 + 3 * 1))


async def test_cost_is_reported_on_every_response(seeded: Database, client: GraphQLClient) -> None:
    first = await client.post(KNOWN_COST)
    assert "errors" not in first
    cost = first["extensions"]["cost"]
    assert cost["requested"] == KNOWN_COST_VALUE == 27
    assert cost["maximum"] == 25_000
    budget = cost["budget"]
    assert budget["limit"] == 100_000
    assert budget["resetAt"].endswith(":00Z")
    datetime.fromisoformat(budget["resetAt"])
    second = (await client.post(KNOWN_COST))["extensions"]["cost"]["budget"]
    # Unless a new minute began in between, the second request is charged to the same one.
    if second["resetAt"] == budget["resetAt"]:
        assert second["remaining"] == budget["remaining"] - KNOWN_COST_VALUE


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        ("{ __typename }", None, 1),
        ("{ district { name } }", None, 1),
        ("query($n: Int) { people(first: $n) { nodes { id } } }", {"n": 50}, 1 + 50),
        ("{ people { edges { node { id roles { kind } } } } }", None, 1 + 20 * (1 + 5)),
        ('{ nodes(ids: ["a", "b", "c"]) { id } }', None, 3),
        # An abstract type costs what its dearest member does.
        (
            '{ node(id: "x") { ... on Street { communities(first: 10) { nodes { id } } }'
            " ... on Grid { id } } }",
            None,
            1 + 1 + 10,
        ),
        # Fields are merged by response key, as execution merges them.
        ("{ district { name } district { id } }", None, 1),
        ("query($s: Boolean!) { district @skip(if: $s) { name } }", {"s": True}, 1),
        (
            'mutation { login(input: {username: "u", password: "p"}) { accessToken } }',
            None,
            500 + 1,
        ),
        (
            'mutation { renameNode(input: {id: "x", name: "y"}) { userErrors { code } } }',
            None,
            10 + 1 + 5,
        ),
    ],
)
async def test_cost_arithmetic(
    db: Database, client: GraphQLClient, query: str, variables: dict[str, Any] | None, cost: int
) -> None:
    body = await client.anonymous().post(query, variables)
    assert body["extensions"]["cost"]["requested"] == cost


async def test_one_document_is_costed_by_its_variables_each_time(
    db: Database, client: GraphQLClient
) -> None:
    """Costs are kept per document and page sizes (schema/cost.py's COSTS): the same text
    with other variables costs what they ask, and a refused page size stays refused after
    the same text was costed with a good one."""
    query = """query($n: Int, $s: Boolean!, $ids: [ID!]!) {
      people(first: $n) @skip(if: $s) { nodes { id } } nodes(ids: $ids) { id } }"""
    anonymous = client.anonymous()

    async def cost(variables: dict[str, Any]) -> Any:
        body = await anonymous.post(query, variables)
        return body["extensions"]["cost"]["requested"] if "extensions" in body else body

    assert await cost({"n": 50, "s": False, "ids": ["a"]}) == 1 + 50 + 1
    assert await cost({"n": 50, "s": False, "ids": ["a"]}) == 1 + 50 + 1
    assert await cost({"n": 10, "s": False, "ids": ["a", "b"]}) == 1 + 10 + 2
    assert await cost({"n": 10, "s": True, "ids": []}) == 1  # skipped, no IDs: the floor
    refused = await anonymous.post(query, {"n": 100_000, "s": False, "ids": []})
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    coerced = await anonymous.post(query, {"n": "many", "s": False, "ids": []})
    assert coerced["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await cost({"n": 50, "s": False, "ids": ["a"]}) == 1 + 50 + 1


MID_MINUTE = datetime(2030, 1, 1, 8, 0, 30, tzinfo=UTC)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every request in the same minute, 30 s before it ends."""
    monkeypatch.setattr(clock, "now", lambda: MID_MINUTE)
    return MID_MINUTE


@asynccontextmanager
async def serving(
    settings: Settings, engine: AsyncEngine, token: str | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=engine)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=headers
    ) as http:
        yield http


async def test_budget_is_shared_by_workers(
    seeded: Database, client: GraphQLClient, frozen_clock: datetime
) -> None:
    """Two apps with their own engines, as two uvicorn workers would be, share one budget."""
    await client.headers()
    token = client.token
    settings = Settings(database_url=seeded.url, cost_per_minute=2 * KNOWN_COST_VALUE)
    second_engine = create_engine(seeded.url)
    try:
        async with (
            serving(settings, seeded.engine, token) as worker_a,
            serving(settings, second_engine, token) as worker_b,
        ):
            for worker in (worker_a, worker_b):
                answer = await worker.post("/graphql", json={"query": KNOWN_COST})
                assert "errors" not in answer.json()
            refused = await worker_a.post("/graphql", json={"query": KNOWN_COST})
            assert refused.status_code == 200
            body = refused.json()
            assert body["data"] is None
            error = body["errors"][0]
            assert error["extensions"]["code"] == "RATE_LIMITED"
            assert error["extensions"]["retryAfter"] == 30
            assert refused.headers["retry-after"] == "30"
            assert body["extensions"]["cost"]["budget"] == {
                "limit": 2 * KNOWN_COST_VALUE,
                "remaining": 0,
                "resetAt": "2030-01-01T08:01:00Z",
            }
        # The budget is per subject: an anonymous caller (its address) has its own.
        async with serving(settings, second_engine) as anonymous:
            answer = await anonymous.post("/graphql", json={"query": KNOWN_COST})
            assert "errors" not in answer.json()
    finally:
        await second_engine.dispose()
    async with seeded.engine.connect() as connection:
        windows = (await connection.execute(select(CostWindow))).all()
    assert {(w.subject, w.window_start, w.spent) for w in windows} == {
        (f"user:{client_user(token)}", minute_of(MID_MINUTE), 3 * KNOWN_COST_VALUE),
        ("ip:127.0.0.1", minute_of(MID_MINUTE), KNOWN_COST_VALUE),
    }


def client_user(token: str | None) -> int:
    assert token is not None
    return read_access_token(token, Settings().secret_key).user_id


async def test_password_guessing_exhausts_the_budget(db: Database, frozen_clock: datetime) -> None:
    settings = Settings(database_url=db.url, cost_per_minute=2_000)
    guess = 'mutation { login(input: {username: "admin", password: "guess"}) { accessToken } }'
    async with serving(settings, db.engine) as http:
        codes = []
        for _ in range(5):
            body = (await http.post("/graphql", json={"query": guess})).json()
            codes.append(body.get("errors", [{}])[0].get("extensions", {}).get("code"))
    assert codes[:3] == [None, None, None]
    assert codes[3:] == ["RATE_LIMITED", "RATE_LIMITED"]


async def test_a_minute_may_spend_past_32_bits_and_saturates_at_64(db: Database) -> None:
    """A window's total once overflowed PostgreSQL's 32-bit integer (a large budget, or a
    flood of refused requests, which are charged too): every charge then failed as an
    internal error. It is 64-bit now, and a charge past its range keeps it at the top."""
    now = MID_MINUTE
    big = 1_500_000_000
    first = await charge(db.engine, "ip:10.0.0.2", big, 10**15, now)
    second = await charge(db.engine, "ip:10.0.0.2", big, 10**15, now)
    assert (first.spent, second.spent, second.exceeded) == (big, 2 * big, False)
    most = MOST_SPENT - 5
    await charge(db.engine, "ip:10.0.0.3", most, 10**15, now)
    full = await charge(db.engine, "ip:10.0.0.3", 10**15, 10**15, now)
    assert (full.spent, full.exceeded) == (MOST_SPENT, True)
    again = await charge(db.engine, "ip:10.0.0.3", 1, 10**15, now)
    assert again.spent == MOST_SPENT


async def test_a_large_budget_lets_expensive_requests_through(db: Database) -> None:
    """The peers benchmark's settings (the tree costs a million a request): a request
    whose window already holds more than 32 bits can count is answered, not failed."""
    settings = Settings(database_url=db.url, cost_per_minute=10**15, max_query_cost=10**9)
    tree = "{ streets(first: 100) { nodes { communities(first: 100) { nodes { name } } } } }"
    async with serving(settings, db.engine) as http:
        for _ in range(3):
            # The test client's address; a window of the current minute, as the app's.
            await charge(db.engine, "ip:127.0.0.1", 1_000_000_000, 10**15)
            body = (await http.post("/graphql", json={"query": tree})).json()
            assert "errors" not in body, body
            assert body["data"] == {"streets": {"nodes": []}}  # an empty district


def test_cost_settings_are_bounded() -> None:
    with pytest.raises(ValueError, match="cost_per_minute"):
        Settings(cost_per_minute=MOST_COST + 1)
    with pytest.raises(ValueError, match="max_query_cost"):
        Settings(max_query_cost=MOST_COST + 1)


async def test_old_windows_are_pruned(db: Database) -> None:
    now = MID_MINUTE
    for minutes_ago in (0, 5, 6, 60):
        await charge(db.engine, "ip:10.0.0.1", 1, 100, now - timedelta(minutes=minutes_ago))
    assert await prune(db.engine, now) == 2
    async with db.engine.connect() as connection:
        left = (await connection.execute(select(CostWindow.window_start))).scalars().all()
    assert sorted(left) == [minute_of(now) - 5, minute_of(now)]


async def test_graphiql_introspection_passes_in_development(
    db: Database, client: GraphQLClient
) -> None:
    """Introspection nests `ofType` deeper than 12; it is not counted as depth."""
    body = await client.anonymous().post(get_introspection_query(descriptions=True))
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def production_settings(db: Database) -> Settings:
    return Settings(database_url=db.url, env="production", secret_key="p" * 32)


async def test_production_refuses_introspection(db: Database) -> None:
    async with serving(production_settings(db), db.engine) as http:
        for query in ("{ __schema { types { name } } }", '{ __type(name: "Street") { name } }'):
            with db.count_statements() as statements:
                body = (await http.post("/graphql", json={"query": query})).json()
            assert body["data"] is None
            assert {e["extensions"]["code"] for e in body["errors"]} == {
                "GRAPHQL_VALIDATION_FAILED"
            }
            assert statements == []
        typename = (await http.post("/graphql", json={"query": "{ __typename }"})).json()
        assert typename["data"] == {"__typename": "Query"}


SUGGESTED = [
    ("{ stret { totalCount } }", None),
    ("{ streets(frist: 1) { totalCount } }", None),
    ("{ streets { nodes { nam } } }", None),
    (
        "query($f: StreetFilter) { streets(filter: $f) { totalCount } }",
        {"f": {"kind": "SUBDISTRIC"}},
    ),
    ("query($f: StreetFilte) { streets(filter: $f) { totalCount } }", None),
    ("{ streets(orderBy: {field: NAM}) { totalCount } }", None),
]


@pytest.mark.parametrize(("query", "variables"), SUGGESTED)
async def test_production_suggests_nothing(
    db: Database, client: GraphQLClient, query: str, variables: dict[str, Any] | None
) -> None:
    development = await client.anonymous().post(query, variables)
    assert any("Did you mean" in e["message"] for e in development["errors"])
    async with serving(production_settings(db), db.engine) as http:
        body = (await http.post("/graphql", json={"query": query, "variables": variables})).json()
    assert body["errors"]
    assert not any("Did you mean" in e["message"] for e in body["errors"])


async def test_production_serves_no_graphiql(db: Database) -> None:
    async with serving(production_settings(db), db.engine) as http:
        page = await http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"] == "application/json"
    assert page.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


# Every list of the district at once: well under the cost cap, but real work.
HEAVY = """
{ people(first: 100) { nodes { name phone building { name grid { name community { name
    street { name } } } } roles { kind community { name } } } }
  buildings(first: 100) { nodes { name residentCount partyMemberCount grid { name } } }
  grids(first: 100) { nodes { name buildingCount residentCount partyMemberCount } }
  communities(first: 100) { nodes { name workerCount grids { nodes { name cadreCount } } } } }
"""


async def test_slow_request_times_out(seeded: Database, client: GraphQLClient) -> None:
    await client.headers()
    settings = Settings(database_url=seeded.url, request_timeout_seconds=0.005)
    app = create_app(settings, engine=seeded.engine)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {client.token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        started = time.perf_counter()
        response = await http.post("/graphql", json={"query": HEAVY}, headers=headers)
        elapsed = time.perf_counter() - started
    assert response.status_code == 504
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "TIMEOUT"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert elapsed < 1
    # The late work finishes and closes its session; the pool stays healthy and the same
    # query completes within the default limit.
    await app.state.deadline.drain()
    assert not app.state.deadline.abandoned
    assert (await client.post(HEAVY))["data"]["people"]["nodes"]


async def test_charges_wait_for_no_disk_on_postgresql(db: Database) -> None:
    """Every request charges its window: on PostgreSQL the table is unlogged, so that
    such a commit does not wait for the write-ahead log to reach the disk (a crash only
    empties the current minutes' windows)."""
    if db.backend != "postgresql":
        pytest.skip("SQLite has no write-ahead log to wait for at commit")
    async with db.engine.connect() as connection:
        persistence = await connection.scalar(
            text("SELECT relpersistence::text FROM pg_class WHERE relname = 'cost_windows'")
        )
    assert persistence == "u"
    first = await charge(db.engine, "ip:10.0.0.4", 5, 100, MID_MINUTE)
    again = await charge(db.engine, "ip:10.0.0.4", 5, 100, MID_MINUTE)
    assert (first.spent, again.spent) == (5, 10)
