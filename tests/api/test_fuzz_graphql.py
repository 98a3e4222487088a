"""Schema-driven fuzzing: no query or mutation the schema allows makes the server fail.

schemathesis loads the schema from the endpoint's own introspection and generates documents
for every root field of `Query` and `Mutation`: valid ones, which reach the resolvers, and a
few invalid ones, which validation must refuse. Global IDs are drawn from the seeded
district's real rows, from crafted IDs that are malformed or name nothing, and from
arbitrary values; page sizes are in range half of the time. So resolvers get past argument
checks and meet real data.

The documents are drawn up front with a fixed seed, so every run sends the same requests,
then posted one after another as schemathesis would send them, through httpx's ASGI
transport in the test's own event loop: the database engine belongs to that loop, while
schemathesis' ASGI client would run the app in a thread and loop of its own.

A response fails the run when its status is 5xx, when it is not JSON, or when one of its
errors has `extensions.code == "INTERNAL_SERVER_ERROR"`. Refusals with the API's own codes
(BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, QUERY_TOO_COMPLEX, …) are answers, not failures.
"""

from __future__ import annotations

import functools
import json
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.generation.case import Case
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.scalars import CUSTOM_SCALARS
from sqlalchemy import inspect, select

from resolvers.global_ids import MAX_PK, encode
from resolvers.nodes import NODE_MODELS
from server.app import create_app
from server.settings import Settings
from tests.support.database import Database
from tests.support.graphql import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = "http://test"
ENDPOINT = f"{BASE_URL}/graphql"
FUZZ_SEED = 20_240_607
# Cases per root field of Query and Mutation (31 of them): valid documents, then documents
# that break the schema. Duplicates are sent once.
ADMIN_EXAMPLES = (15, 3)
ANONYMOUS_EXAMPLES = (4, 1)
# High enough that the per-minute cost budget never throttles the run.
UNTHROTTLED = 100_000_000
IDS_PER_TYPE = 4
CRAFTED_IDS = (
    "",
    "@@not an id@@",
    encode("Street", MAX_PK + 1),  # beyond any key
    encode("Nope", 1),  # no such type
    "U3RyZWV0OmFiYw",  # "Street:abc"
    "U3RyZWV0Oi0x",  # "Street:-1"
)
ANY_INT = st.integers(min_value=-(2**31), max_value=2**31 - 1)
# Page sizes (`first`, `last`) and counts: in range half of the time, anything else otherwise.
INT_VALUES = st.one_of(st.integers(min_value=1, max_value=100), ANY_INT).map(nodes.Int)

Cases = tuple[Case[Any], ...]


@dataclass(frozen=True)
class ServerFailure:
    label: str
    query: str
    status: int
    problems: list[str]

    def __str__(self) -> str:
        return "\n".join([f"{self.label} -> HTTP {self.status}", self.query, *self.problems])


async def real_ids(db: Database) -> tuple[str, ...]:
    """Global IDs of the first rows and the last row of every Node type."""
    ids: list[str] = []
    async with db.engine.connect() as connection:
        for type_name, model in NODE_MODELS.items():
            key = inspect(model).primary_key[0]
            first = await connection.scalars(select(key).order_by(key).limit(IDS_PER_TYPE - 1))
            last = await connection.scalar(select(key).order_by(key.desc()).limit(1))
            keys = dict.fromkeys([*first, *([] if last is None else [last])])
            ids.extend(encode(type_name, int(pk)) for pk in keys)
    return tuple(ids)


def id_values(known: Sequence[str]) -> st.SearchStrategy[graphql.ValueNode]:
    """ID arguments: real IDs, crafted bad ones, or anything an ID literal can be."""
    return st.one_of(
        st.sampled_from(known).map(nodes.String),
        st.sampled_from(CRAFTED_IDS).map(nodes.String),
        st.text(max_size=40).map(nodes.String),
        ANY_INT.map(nodes.Int),
    )


@contextmanager
def scalars_drawn(strategies: dict[str, st.SearchStrategy[graphql.ValueNode]]) -> Iterator[None]:
    """Register scalar strategies with schemathesis for the block, then restore the previous."""
    previous = {name: CUSTOM_SCALARS.get(name) for name in strategies}
    for name, strategy in strategies.items():
        schemathesis.graphql.scalar(name, strategy)
    try:
        yield
    finally:
        for name, before in previous.items():
            if before is None:
                CUSTOM_SCALARS.pop(name, None)
            else:
                CUSTOM_SCALARS[name] = before


@functools.cache
def fuzz_cases(introspection: str, known: tuple[str, ...], valid: int, invalid: int) -> Cases:
    """`valid` positive and `invalid` negative cases per root field, the same every run."""
    schema = schemathesis.graphql.from_dict(json.loads(introspection), config=SchemathesisConfig())
    cases: dict[tuple[str, str], Case[Any]] = {}
    modes = ((GenerationMode.POSITIVE, valid), (GenerationMode.NEGATIVE, invalid))
    with scalars_drawn({"ID": id_values(known), "Int": INT_VALUES}):
        for result in schema.get_all_operations():
            assert isinstance(result, Ok), result
            operation = result.ok()
            for mode, examples in modes:
                if not examples:
                    continue

                @seed(FUZZ_SEED)
                @settings(
                    max_examples=examples,
                    database=None,
                    deadline=None,
                    phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                @given(operation.as_strategy(generation_mode=mode))
                def collect(case: Case[Any]) -> None:
                    cases.setdefault((case.operation.label, str(case.body)), case)

                collect()
    return tuple(cases.values())


def server_errors(response: httpx.Response) -> list[str]:
    """What makes a response a server failure; empty when it is an answer."""
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}: {response.text[:500]}"]
    try:
        body = response.json()
    except ValueError:
        return [f"not JSON: {response.text[:500]!r}"]
    if not isinstance(body, dict):
        return [f"not a GraphQL response: {body!r:.500}"]
    return [
        json.dumps(error, ensure_ascii=False)
        for error in body.get("errors") or []
        if (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR"
    ]


def outcome(response: httpx.Response) -> str:
    """What the server answered, in short, for the run's summary."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    errors = body.get("errors") or []
    return "+".join(sorted({(e.get("extensions") or {}).get("code", "?") for e in errors})) or "ok"


def server_log(caplog: pytest.LogCaptureFixture, reference: str) -> list[str]:
    """Where the exceptions the server logged for request `reference` were raised."""
    lines: list[str] = []
    for record in caplog.records:
        error = record.exc_info[1] if record.exc_info else None
        if error is None or reference not in record.getMessage():
            continue
        lines.append("server log:")
        lines.extend(
            f"  {Path(frame.filename).relative_to(ROOT)}:{frame.lineno} in {frame.name}"
            for frame in traceback.extract_tb(error.__traceback__)
            if Path(frame.filename).is_relative_to(ROOT) and ".venv" not in frame.filename
        )
        lines.append(f"  {type(error).__name__}: {str(error)[:800]}")
    return lines


async def fuzz(
    db: Database,
    caplog: pytest.LogCaptureFixture,
    *,
    signed_in: bool,
    examples: tuple[int, int],
) -> Counter[str]:
    """Send every generated case; fail listing each one the server failed on."""
    settings = Settings(database_url=db.url, cost_per_minute=UNTHROTTLED)
    transport = httpx.ASGITransport(app=create_app(settings, engine=db.engine))
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
        auth = await GraphQLClient(http, db).headers() if signed_in else {}
        introspection = await http.post(
            "/graphql", json={"query": graphql.get_introspection_query()}
        )
        assert introspection.status_code == 200, introspection.text
        schema = json.dumps(introspection.json()["data"])
        cases = fuzz_cases(schema, await real_ids(db), *examples)
        outcomes: Counter[str] = Counter()
        failures: list[ServerFailure] = []
        for number, case in enumerate(cases):
            reference = f"fuzz-{number}"
            request = case.as_transport_kwargs(
                base_url=ENDPOINT, headers={**auth, "X-Request-ID": reference}
            )
            response = await http.request(
                request["method"], request["url"], headers=request["headers"], json=request["json"]
            )
            root = case.operation.label.partition(".")[0]
            outcomes[f"{root} {outcome(response)}"] += 1
            problems = server_errors(response)
            if problems:
                mode = case.meta.generation.mode.value if case.meta else "?"
                label = f"{case.operation.label} ({mode})"
                problems.extend(server_log(caplog, reference))
                failures.append(
                    ServerFailure(label, str(case.body), response.status_code, problems)
                )
    report = "\n\n".join(str(failure) for failure in failures)
    assert not failures, f"{len(failures)} of {len(cases)} requests failed:\n\n{report}"
    return outcomes


async def test_fuzz_as_district_admin(seeded: Database, caplog: pytest.LogCaptureFixture) -> None:
    outcomes = await fuzz(seeded, caplog, signed_in=True, examples=ADMIN_EXAMPLES)
    print(sorted(outcomes.items()))
    # The run reached the resolvers: queries and mutations ran to an answer.
    assert outcomes["Query ok"] >= 20 and outcomes["Mutation ok"] >= 20, outcomes
    assert outcomes.total() >= 300, outcomes


async def test_fuzz_anonymously(seeded: Database, caplog: pytest.LogCaptureFixture) -> None:
    outcomes = await fuzz(seeded, caplog, signed_in=False, examples=ANONYMOUS_EXAMPLES)
    print(sorted(outcomes.items()))
    assert outcomes["Mutation UNAUTHENTICATED"] > 0 and outcomes["Query ok"] > 0, outcomes
    assert outcomes.total() >= 80, outcomes


LOGIN = """
mutation($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) { refreshToken userErrors { code } }
}
"""


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("\x8aq\x7f\xe7\x00", "\xb0"),  # found by this fuzzing: PostgreSQL refuses NUL
        ("test-admin\ud800", "test-password-1"),  # no database stores a lone surrogate
        ("test-admin", "\ud800"),  # nor can Argon2 hash one
    ],
    ids=["nul-in-username", "surrogate-in-username", "surrogate-in-password"],
)
async def test_fuzzed_credentials_are_wrong_not_fatal(
    seeded: Database, client: GraphQLClient, username: str, password: str
) -> None:
    await client.headers()  # the account exists
    # Sent as ASCII JSON: a lone surrogate has no UTF-8 form, only a JSON escape.
    raw = json.dumps({"query": LOGIN, "variables": {"username": username, "password": password}})
    response = await client.http.post(
        "/graphql", content=raw, headers={"content-type": "application/json"}
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    assert body["data"] == {
        "login": {"refreshToken": None, "userErrors": [{"code": "INVALID_CREDENTIALS"}]}
    }
