"""A Locust user that speaks GraphQL like a frontend: it signs in once (Argon2 makes a login
expensive on purpose), keeps its session fresh with `refreshSession`, names every request
after its operation and decides what counts as a failure.

A response fails when it is not HTTP 200, has top-level `errors`, or a mutation's payload
has `userErrors` that are not an expected business outcome of a race (ALREADY_CLAIMED
when two volunteers claim one order, and the like). Expected outcomes pass and are
counted in the journal instead.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from locust import FastHttpUser

from loadtests.cast import CAST_ENV, PROCESSES_ENV, Cast
from loadtests.journal import JOURNAL_ENV, Journal
from loadtests.operations import LOGIN, REFRESH_SESSION, Operation

# Refresh a session this long before its access token expires.
REFRESH_MARGIN_SECONDS = 60.0
REAUTHENTICATED = "REAUTHENTICATED"
# uvicorn closes a keep-alive connection after 5 idle seconds. A POST sent on it just as
# it closes fails without an answer and is not retried (it may not be idempotent), so a
# user that has thought longer than this opens a fresh connection, as a browser whose
# connection was closed would: the run measures the API, not that race.
IDLE_SECONDS = 4.0


@functools.cache
def cast() -> Cast:
    path = os.environ.get(CAST_ENV)
    if not path or not Path(path).is_file():
        raise RuntimeError(
            f"{CAST_ENV} names no cast file: run `grassroots loadtest`, or write one with"
            " `python -m loadtests.cast` (docs/capacity.md)"
        )
    return Cast.read(Path(path))


@functools.cache
def journal() -> Journal:
    return Journal(Path(os.environ.get(JOURNAL_ENV, "loadtest-journal")))


_serials: dict[str, itertools.count[int]] = {}


@dataclass(frozen=True)
class Outcome:
    """`data` when the request passed; `code` when it passed as an expected outcome."""

    data: dict[str, Any] | None
    code: str | None = None

    @property
    def ok(self) -> bool:
        return self.data is not None and self.code is None

    def payload(self, field: str) -> dict[str, Any]:
        assert self.data is not None
        value: dict[str, Any] = self.data[field]
        return value


def _problem(response: Any) -> str:
    """What a failed response says, without what differs from one request to the next
    (request IDs), so that Locust counts the same failure under one line."""
    try:
        error = response.json()["errors"][0]
        code = (error.get("extensions") or {}).get("code", "ERROR")
        return f"{code}: {error.get('message', '')[:200]}"
    except Exception:  # no JSON body, or not GraphQL's error shape
        text = response.text if response.status_code else ""
        return (text or repr(getattr(response, "error", None)))[:200]


class GraphQLUser(FastHttpUser):
    abstract = True
    # Connections per user: one, as a browser tab keeps.
    concurrency = 1
    username: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._token: str | None = None
        self._refresh_token: str | None = None
        self._expires_at = 0.0
        self._last_exchange = 0.0

    # --- who plays whom ---------------------------------------------------------------

    def serial(self) -> int:
        """This user's turn among the users of its class, across Locust processes."""
        counter = _serials.setdefault(type(self).__name__, itertools.count())
        processes = int(os.environ.get(PROCESSES_ENV, "1"))
        index = max(0, int(getattr(self.environment.runner, "worker_index", 0) or 0))
        return next(counter) * processes + index

    @property
    def cast(self) -> Cast:
        return cast()

    @property
    def journal(self) -> Journal:
        return journal()

    # --- the session ------------------------------------------------------------------

    def sign_in(self, username: str) -> None:
        self.username = username
        outcome = self.call(LOGIN, {"username": username, "password": self.cast.password})
        self._keep(outcome, "login")

    def _keep(self, outcome: Outcome, field: str) -> None:
        session = outcome.payload(field) if outcome.ok else {}
        self._token = session.get("accessToken")
        self._refresh_token = session.get("refreshToken")
        expires = session.get("accessTokenExpiresAt")
        self._expires_at = datetime.fromisoformat(expires).timestamp() if expires else 0.0

    def _fresh_session(self) -> None:
        if self.username is None or time.time() < self._expires_at - REFRESH_MARGIN_SECONDS:
            return
        if self._refresh_token:
            outcome = self.call(REFRESH_SESSION, {"refreshToken": self._refresh_token})
            self._keep(outcome, "refreshSession")
        if self._token is None:
            self.sign_in(self.username)

    # --- requests ---------------------------------------------------------------------

    def call(
        self,
        operation: Operation,
        variables: dict[str, Any] | None = None,
        *,
        expected: frozenset[str] = frozenset(),
    ) -> Outcome:
        """Send `operation`; `expected` lists the user error codes that are a business
        outcome here rather than a failure."""
        if operation not in (LOGIN, REFRESH_SESSION):
            self._fresh_session()
            if self.username is not None and self._token is None:
                # Signing in failed (and counted as a failure): a frontend would not
                # send the request without its session either.
                return Outcome(None)
        if time.monotonic() - self._last_exchange > IDLE_SECONDS:
            self.client.client.clientpool.close()
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
            body = {"query": operation.document, "variables": variables or {}}
            body["operationName"] = operation.name
            with self.client.post(
                "/graphql", json=body, headers=headers, name=operation.name, catch_response=True
            ) as response:
                self._last_exchange = time.monotonic()
                if response.status_code == 401 and attempt == 1 and self.username:
                    # The token lapsed between our check and the server's: sign in again.
                    response.success()
                    self.journal.write(operation.name, REAUTHENTICATED)
                    self._expires_at = 0.0
                    self._token = None
                    continue
                return self._judge(operation, response, expected)
        return Outcome(None)

    def _judge(self, operation: Operation, response: Any, expected: frozenset[str]) -> Outcome:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}: {_problem(response)}")
            return Outcome(None)
        try:
            body = response.json()
        except ValueError:
            response.failure("the response is not JSON")
            return Outcome(None)
        if body.get("errors"):
            error = body["errors"][0]
            code = (error.get("extensions") or {}).get("code", "ERROR")
            response.failure(f"{code}: {error.get('message', '')[:200]}")
            return Outcome(None)
        data = body.get("data")
        if not isinstance(data, dict):
            response.failure("the response has no data")
            return Outcome(None)
        if operation.payload is None:
            return Outcome(data)
        problems = data[operation.payload]["userErrors"]
        if not problems:
            return Outcome(data)
        codes = sorted({problem["code"] for problem in problems})
        if set(codes) <= expected:
            self.journal.write(operation.name, codes[0])
            return Outcome(data, codes[0])
        response.failure(f"userErrors {','.join(codes)}: {problems[0]['message'][:200]}")
        return Outcome(None)
