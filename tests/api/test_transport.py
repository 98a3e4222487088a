"""GraphQL over HTTP as docs/frontend.md ("HTTP transport") states it: media types,
status codes, GET and POST, malformed requests, CORS, and JSON for every failure."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response

from server.app import create_app
from server.settings import Settings
from tests.support.database import Database
from tests.support.graphql import GraphQLClient, graphql_client

GRAPHQL = "application/graphql-response+json"
GRAPHQL_UTF8 = f"{GRAPHQL}; charset=utf-8"
TYPENAME = {"query": "{ __typename }"}
CREATE_STREET = 'mutation { createStreet(input: {name: "x", kind: SUBDISTRICT}) { street { id } } }'


@pytest.fixture
def http(client: GraphQLClient) -> httpx.AsyncClient:
    return client.http


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


def refused(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one error of a request refused with `status` and `code`, checked for the
    request ID that every refusal carries."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert "data" not in body
    error: dict[str, Any]
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    return error


@pytest.mark.parametrize(
    ("accept", "answered"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (GRAPHQL, GRAPHQL_UTF8),
        (f"{GRAPHQL}, application/json;q=0.9", GRAPHQL_UTF8),
        (f"application/json, {GRAPHQL}", GRAPHQL_UTF8),  # equal preference: ours
        (f"application/json, {GRAPHQL};q=0.5", "application/json"),
        ("text/html, application/*;q=0.8", "application/json"),
    ],
)
async def test_the_answer_comes_in_the_media_type_the_client_prefers(
    db: Database, http: httpx.AsyncClient, accept: str | None, answered: str
) -> None:
    headers = {"accept": accept} if accept else {}
    response = await http.post("/graphql", json=TYPENAME, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == answered
    assert response.json()["data"] == {"__typename": "Query"}
    assert response.headers["x-request-id"]


async def test_an_unacceptable_media_type_is_406(db: Database, http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json=TYPENAME, headers={"accept": "text/csv"})
    refused(response, 406, "NOT_ACCEPTABLE")
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("query", "variables", "code", "status"),
    [
        ("{", None, "GRAPHQL_PARSE_FAILED", 400),
        ("{ nope }", None, "GRAPHQL_VALIDATION_FAILED", 422),
        ("query($n: Int) { streets(first: $n) { totalCount } }", {"n": "x"}, "BAD_USER_INPUT", 422),
        ("{ people(first: 1000) { totalCount } }", None, "BAD_USER_INPUT", 422),
        ("query A { __typename } query B { __typename }", None, "GRAPHQL_VALIDATION_FAILED", 422),
    ],
)
async def test_request_errors_are_4xx_without_data_in_the_graphql_media_type(
    db: Database,
    http: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None,
    code: str,
    status: int,
) -> None:
    with db.count_statements() as statements:
        legacy = await http.post("/graphql", json={"query": query, "variables": variables})
        graphql = await http.post(
            "/graphql", json={"query": query, "variables": variables}, headers={"accept": GRAPHQL}
        )
    # application/json keeps answering 200, as legacy clients expect.
    assert legacy.status_code == 200
    assert legacy.json()["data"] is None
    assert codes(legacy) == [code]
    assert graphql.status_code == status
    assert graphql.headers["content-type"] == GRAPHQL_UTF8
    assert "data" not in graphql.json()
    assert codes(graphql) == [code]
    assert statements == []  # nothing ran


async def test_field_errors_are_200_with_data_in_both_media_types(
    db: Database, http: httpx.AsyncClient
) -> None:
    for accept in ("application/json", GRAPHQL):
        response = await http.post(
            "/graphql", json={"query": "{ district { name } }"}, headers={"accept": accept}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["data"] is None  # the non-null root field failed: data is still there
        assert codes(response) == ["NOT_FOUND"]
        assert body["errors"][0]["path"] == ["district"]


async def test_a_document_of_several_operations_needs_an_operation_name(
    db: Database, client: GraphQLClient
) -> None:
    create = CREATE_STREET.replace("mutation", "mutation Create", 1)
    document = f"query Count {{ streets {{ totalCount }} }} {create}"
    await client.headers()  # the admin exists before anything is counted
    with db.count_statements() as statements:
        codes_ = await client.error_codes(document)
    assert codes_ == ["GRAPHQL_VALIDATION_FAILED"]
    assert statements == []
    named = await client.http.post(
        "/graphql",
        json={"query": document, "operationName": "Count"},
        headers=await client.headers(),
    )
    assert named.json()["data"] == {"streets": {"totalCount": 0}}
    unknown = await client.http.post(
        "/graphql", json={"query": document, "operationName": "Other"}, headers={"accept": GRAPHQL}
    )
    assert unknown.status_code == 422
    assert codes(unknown) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_get_runs_queries_and_refuses_mutations(
    db: Database, http: httpx.AsyncClient
) -> None:
    query = await http.get(
        "/graphql",
        params={
            "query": "query($n: Int) { streets(first: $n) { totalCount } }",
            "variables": '{"n": 5}',
            "operationName": "",  # empty is the same as absent
        },
    )
    assert query.status_code == 200
    assert query.json()["data"] == {"streets": {"totalCount": 0}}
    for accept in ("application/json", GRAPHQL):
        with db.count_statements() as statements:
            mutation = await http.get(
                "/graphql", params={"query": CREATE_STREET}, headers={"accept": accept}
            )
        refused(mutation, 405, "BAD_REQUEST")
        assert mutation.headers["allow"] == "POST"
        assert statements == []
    bad = await http.get("/graphql", params={"query": "{ __typename }", "variables": "[1]"})
    refused(bad, 400, "BAD_REQUEST")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"NONSENSE", 400, "BAD_REQUEST"),
        (b'{"query":', 400, "BAD_REQUEST"),
        (b'"{ __typename }"', 400, "BAD_REQUEST"),
        (b'[{"query": "{ __typename }"}]', 400, "BAD_REQUEST"),
        (b'{"qeury": "{ __typename }"}', 400, "BAD_REQUEST"),
        (b'{"query": null}', 400, "BAD_REQUEST"),
        (b'{"query": 5}', 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": [7]}', 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": "{}"}', 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "extensions": 5}', 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "operationName": 5}', 400, "BAD_REQUEST"),
        # ~1,000 nested arrays in 2 kB: the JSON parser would run out of stack.
        (b"[" * 1000 + b"]" * 1000, 400, "BAD_REQUEST"),
        (
            b'{"query": "{ __typename }", "variables": {"x": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
            400,
            "BAD_REQUEST",
        ),
    ],
)
async def test_malformed_bodies_are_refused_in_json(
    db: Database, http: httpx.AsyncClient, body: bytes, status: int, code: str
) -> None:
    with db.count_statements() as statements:
        response = await http.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
    refused(response, status, code)
    assert statements == []


async def test_malformed_parameters_are_422_in_the_graphql_media_type(
    db: Database, http: httpx.AsyncClient
) -> None:
    for body in ({"qeury": "{ __typename }"}, {"query": "{ __typename }", "variables": [7]}):
        response = await http.post("/graphql", json=body, headers={"accept": GRAPHQL})
        refused(response, 422, "BAD_REQUEST")
        assert response.headers["content-type"] == GRAPHQL_UTF8
    unparsable = await http.post(
        "/graphql",
        content=b"NONSENSE",
        headers={"content-type": "application/json", "accept": GRAPHQL},
    )
    refused(unparsable, 400, "BAD_REQUEST")


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        GRAPHQL,
    ],
)
async def test_bodies_not_in_json_are_415(
    db: Database, http: httpx.AsyncClient, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = await http.post("/graphql", content=json.dumps(TYPENAME).encode(), headers=headers)
    refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")


async def test_json_with_its_charset_is_accepted(db: Database, http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        content=json.dumps(TYPENAME).encode(),
        headers={"content-type": "application/json; charset=UTF-8"},
    )
    assert response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_405_in_json(
    db: Database, http: httpx.AsyncClient, method: str
) -> None:
    response = await http.request(method, "/graphql", json=TYPENAME)
    refused(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "GET, POST"


async def test_rate_limits_are_429_in_the_graphql_media_type(db: Database) -> None:
    async with graphql_client(db, cost_per_minute=1) as client:
        headers = {**await client.headers(), "accept": GRAPHQL}
        first = await client.http.post("/graphql", json=TYPENAME, headers=headers)
        assert first.status_code == 200
        second = await client.http.post("/graphql", json=TYPENAME, headers=headers)
    assert second.status_code == 429
    assert codes(second) == ["RATE_LIMITED"]
    assert int(second.headers["retry-after"]) >= 1


async def test_a_missing_token_leaves_public_data_and_refuses_the_rest(
    seeded: Database, client: GraphQLClient
) -> None:
    """No token: a 200 with the public part and UNAUTHENTICATED for the rest; a bad token:
    401 before anything runs."""
    query = (
        "{ district { name streets(first: 1)"
        " { nodes { partyOrganization { secretary { name } } } } } }"
    )
    anonymous = await client.anonymous().response(query)
    assert anonymous.status_code == 200
    body = anonymous.json()
    assert body["data"]["district"]["name"]
    [street] = body["data"]["district"]["streets"]["nodes"]
    assert street["partyOrganization"] == {"secretary": None}
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    with seeded.count_statements() as statements:
        forged = await client.http.post(
            "/graphql",
            json={"query": query},
            headers={"authorization": "Bearer not-a-token", "accept": GRAPHQL},
        )
    refused(forged, 401, "UNAUTHENTICATED")
    assert forged.headers["www-authenticate"].startswith("Bearer")
    assert forged.headers["content-type"] == GRAPHQL_UTF8
    assert statements == []


async def test_an_unexpected_exception_is_a_json_500_with_the_request_id(db: Database) -> None:
    app = create_app(Settings(database_url=db.url), engine=db.engine)

    async def broken(_request: Request) -> Response:
        raise RuntimeError("a bug")

    app.add_route("/broken", broken)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        response = await http.get("/broken", headers={"x-request-id": "trace-42"})
    error = refused(response, 500, "INTERNAL_SERVER_ERROR")
    assert error["extensions"]["requestId"] == "trace-42"
    assert "a bug" not in response.text


async def test_health_and_readiness(db: Database, http: httpx.AsyncClient) -> None:
    health = await http.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": db.backend}
    ready = await http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "database": db.backend}


ORIGIN = "https://app.example.org"


@asynccontextmanager
async def browser(db: Database, origins: str, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        Settings(database_url=db.url, cors_origins=origins, **settings), engine=db.engine
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        yield http


def preflight(origin: str, headers: str = "authorization, content-type") -> dict[str, str]:
    return {
        "origin": origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": headers,
    }


async def test_a_preflight_from_an_allowed_origin_is_answered(db: Database) -> None:
    async with browser(db, f"{ORIGIN}, http://localhost:5173") as http:
        response = await http.options("/graphql", headers=preflight(ORIGIN))
        simulated = await http.options(
            "/graphql", headers=preflight(ORIGIN, "x-simulated-time, x-request-id")
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert set(response.headers["access-control-allow-methods"].split(", ")) >= {"GET", "POST"}
    allowed = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert allowed >= {"authorization", "content-type", "x-request-id"}
    assert response.headers["access-control-max-age"] == "600"
    assert "access-control-allow-credentials" not in response.headers
    assert simulated.status_code == 200  # development allows the simulated clock's header


async def test_a_preflight_from_another_origin_is_refused(db: Database) -> None:
    async with browser(db, ORIGIN) as http:
        response = await http.options("/graphql", headers=preflight("https://evil.example"))
        answer = await http.post(
            "/graphql", json=TYPENAME, headers={"origin": "https://evil.example"}
        )
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    # The request itself is answered, but without the header a browser needs to read it.
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers


async def test_production_does_not_allow_the_simulated_clock_header(db: Database) -> None:
    async with browser(db, ORIGIN, env="production", secret_key="p" * 32) as http:
        response = await http.options("/graphql", headers=preflight(ORIGIN, "x-simulated-time"))
    assert response.status_code == 400


async def test_the_actual_request_exposes_the_request_id_and_retry_after(db: Database) -> None:
    async with browser(db, ORIGIN) as http:
        response = await http.post("/graphql", json=TYPENAME, headers={"origin": ORIGIN})
        refusal = await http.post(
            "/graphql",
            content=b"NONSENSE",
            headers={"origin": ORIGIN, "content-type": "application/json"},
        )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert exposed == {"x-request-id", "retry-after"}
    assert "origin" in response.headers["vary"].lower()
    # Refusals too, so that a page can read their codes.
    assert refusal.headers["access-control-allow-origin"] == ORIGIN


async def test_any_origin_and_no_cors(db: Database) -> None:
    async with browser(db, "*") as http:
        anyone = await http.post("/graphql", json=TYPENAME, headers={"origin": "https://x.example"})
    assert anyone.headers["access-control-allow-origin"] == "*"
    async with browser(db, "") as http:
        nobody = await http.post("/graphql", json=TYPENAME, headers={"origin": ORIGIN})
    assert not any(name.startswith("access-control-") for name in nobody.headers)


@pytest.mark.parametrize(
    "origins",
    [
        "https://app.example.org/",
        "app.example.org",
        "https://a.example/path",
        "*, https://a.example",
    ],
)
def test_origins_that_never_match_are_refused_at_start(origins: str) -> None:
    with pytest.raises(ValidationError, match="GRASSROOTS_CORS_ORIGINS"):
        Settings(cors_origins=origins)


def test_the_pool_waits_less_than_a_request_may_take() -> None:
    assert Settings().pool_timeout == 5
    assert Settings(request_timeout_seconds=2).pool_timeout == 1
    with pytest.raises(ValidationError, match="GRASSROOTS_POOL_TIMEOUT_SECONDS"):
        Settings(pool_timeout_seconds=15, request_timeout_seconds=15)
