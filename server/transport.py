"""GraphQL over HTTP, as docs/frontend.md ("HTTP transport") describes it: the media type
to answer in (from `Accept`), the request's parameters (a GET query string or a POST JSON
body) and the status code of an answer. Everything here runs before GraphQL does or
after it has answered, and refuses with a `Refused` that carries a code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from strawberry.types import ExecutionResult

from server.limits import Refused

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# What `Accept` may name for each media type we answer in.
ACCEPTED = {
    GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
    JSON: JSON,
    "application/*": JSON,
    "*/*": JSON,
}
# The status of a request error (no `data`) answered in application/graphql-response+json,
# by the first error's code; any other code (validation, bad variables, limits) is 422.
REQUEST_ERROR_STATUS = {
    "GRAPHQL_PARSE_FAILED": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "RATE_LIMITED": 429,
    "INTERNAL_SERVER_ERROR": 500,
    "SERVICE_UNAVAILABLE": 503,
}
UNAVAILABLE = "SERVICE_UNAVAILABLE"
# Retry-After of a 503: long enough for a pool to free up or a database to restart.
RETRY_UNAVAILABLE_SECONDS = 5
METHODS = "GET, POST"


def content_type_of(media: str) -> str:
    """The Content-Type header for `media`: JSON is UTF-8 by definition (RFC 8259); the
    GraphQL media type says so, as the specification asks."""
    return f"{media}; charset=utf-8" if media == GRAPHQL_RESPONSE else media


def response_media_type(accept: str | None) -> str:
    """The media type to answer in: the acceptable one with the highest `q`, ours on a
    tie; application/json without an `Accept` header (legacy clients, curl)."""
    if not accept or not accept.strip():
        return JSON
    best, best_q = "", 0.0
    for part in accept.split(","):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        answer = ACCEPTED.get(media.lower())
        if answer is None:
            continue
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q or (q == best_q and answer == GRAPHQL_RESPONSE):
            best, best_q = answer, q
    if not best:
        raise Refused(
            "NOT_ACCEPTABLE",
            f"the API answers in {GRAPHQL_RESPONSE} or {JSON}; the Accept header names neither",
            status=406,
        )
    return best


@dataclass(frozen=True)
class Params:
    """A well-formed GraphQL-over-HTTP request's parameters."""

    query: str
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None


def malformed(message: str, media: str) -> Refused:
    """Parameters of the wrong shape: 422 in the GraphQL media type, 400 in JSON."""
    return Refused("BAD_REQUEST", message, status=422 if media == GRAPHQL_RESPONSE else 400)


def parse_json(text: str | bytes) -> Any:
    """The JSON value of `text`; 400 for anything else, and for JSON nested so deeply that
    the parser would run out of stack."""
    try:
        return json.loads(text)
    except RecursionError:
        raise Refused("BAD_REQUEST", "the JSON is nested too deeply") from None
    except ValueError:  # JSONDecodeError, a bad encoding, an integer of 5,000 digits
        raise Refused("BAD_REQUEST", "the body is not valid JSON") from None


async def read_params(request: Request, media: str) -> Params:
    """The parameters of a GET query string or of a POST body in application/json."""
    if request.method == "GET":
        given = request.query_params
        # In a query string an empty value is the same as none.
        fields: dict[str, Any] = {
            name: given[name]
            for name in ("query", "operationName", "variables", "extensions")
            if given.get(name)
        }
        for name in ("variables", "extensions"):
            if name in fields:
                fields[name] = parse_json(fields[name])
    else:
        media_type, _, parameters = request.headers.get("content-type", "").partition(";")
        charset = dict(
            (key.strip().lower(), value.strip().strip('"').lower())
            for key, _, value in (p.partition("=") for p in parameters.split(";"))
        ).get("charset", "utf-8")
        if media_type.strip().lower() != JSON or charset != "utf-8":
            raise Refused(
                "UNSUPPORTED_MEDIA_TYPE",
                'send the body as "Content-Type: application/json" (UTF-8)',
                status=415,
            )
        body = parse_json(await request.body())
        if isinstance(body, list):
            raise Refused(
                "BAD_REQUEST", "batching is not supported: send one operation per request"
            )
        if not isinstance(body, dict):
            raise Refused(
                "BAD_REQUEST", 'the body must be one JSON object: {"query": …, "variables": …}'
            )
        fields = {key: value for key, value in body.items() if value is not None}
    query = fields.get("query")
    if not isinstance(query, str):
        raise malformed(
            "the request has no query: send the document as a string in `query`"
            if query is None
            else "`query` must be a string holding the GraphQL document",
            media,
        )
    for name in ("variables", "extensions"):
        if not isinstance(fields.get(name, {}), dict):
            raise malformed(f"`{name}` must be a JSON object (a map of names to values)", media)
    operation = fields.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise malformed("`operationName` must be a string", media)
    return Params(query, fields.get("variables"), operation, fields.get("extensions"))


def codes_of(result: ExecutionResult) -> list[str]:
    return [str((error.extensions or {}).get("code", "")) for error in result.errors or ()]


def is_request_error(result: ExecutionResult) -> bool:
    """Refused before execution began (parse, validation, variables, admission): no data,
    and no error tied to a field."""
    return result.data is None and all(error.path is None for error in result.errors or ())


def status_of(result: ExecutionResult, media: str) -> int:
    """200 for a result (even with field errors); with no data at all, 503 when the
    database was unavailable; a request error in the GraphQL media type by its code.
    application/json keeps 200 otherwise, which legacy clients rely on."""
    codes = codes_of(result)
    if result.data is None and UNAVAILABLE in codes:
        return 503
    if media == JSON or not is_request_error(result):
        return 200
    return REQUEST_ERROR_STATUS.get(codes[0] if codes else "", 422)
