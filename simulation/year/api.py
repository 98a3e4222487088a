"""The simulation's GraphQL client: named operations over HTTP, each as a given user and,
on a server with a simulated clock, at a given moment (the X-Simulated-Time header)."""

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from simulation.account_names import DEVELOPMENT_PASSWORD
from simulation.district_time import SIMULATED_TIME

OPERATION = re.compile(r"^\s*(?:query|mutation)\s+(\w+)", re.MULTILINE)
RATE_LIMIT_RETRIES = 5

LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken userErrors { code message } }
}"""
REFRESH = """
mutation RefreshSession($input: RefreshTokenInput!) {
  refreshSession(input: $input) { accessToken refreshToken userErrors { code message } }
}"""


def mutation(name: str, input_type: str, fields: str) -> str:
    """The one-mutation document `Name($input: InputType!) { name(input: $input) { … } }`."""
    return f"""
mutation {name[0].upper()}{name[1:]}($input: {input_type}!) {{
  {name}(input: $input) {{{fields}
  }}
}}"""


class ApiError(RuntimeError):
    """A top-level GraphQL error or an HTTP failure: a fault, never a business outcome."""

    def __init__(self, operation: str, code: str, message: str) -> None:
        super().__init__(f"{operation}: {code}: {message}")
        self.operation, self.code = operation, code


@dataclass
class OperationStats:
    calls: int = 0
    user_errors: int = 0
    seconds: float = 0.0


@dataclass
class Session:
    access: str
    refresh: str


@dataclass
class Api:
    """Calls the API as the district's users; logs each user in once (argon2 is slow on
    purpose) and refreshes the short-lived access token when it runs out."""

    client: httpx.AsyncClient
    url: str
    concurrency: int = 8
    password: str = DEVELOPMENT_PASSWORD
    stats: dict[str, OperationStats] = field(default_factory=lambda: defaultdict(OperationStats))
    sessions: dict[str, Session] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))
    _slots: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self._slots = asyncio.Semaphore(self.concurrency)

    async def query(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str | None = None,
        at: datetime | None = None,
    ) -> dict[str, Any]:
        """The `data` of a query or mutation; top-level errors raise ApiError."""
        operation = _name(document)
        headers = {SIMULATED_TIME: at.isoformat()} if at else {}
        for attempt in range(2):
            if user is not None:
                headers["Authorization"] = f"Bearer {await self._access(user, renew=attempt > 0)}"
            body = await self._post(operation, document, variables or {}, headers)
            if body is not None:
                return body
        raise ApiError(operation, "UNAUTHENTICATED", f"{user} could not sign in")

    async def mutate(
        self, document: str, input: dict[str, Any], *, user: str, at: datetime | None = None
    ) -> dict[str, Any]:
        """The payload of a one-mutation document; its userErrors are the caller's to read."""
        data = await self.query(document, {"input": input}, user=user, at=at)
        payload: dict[str, Any] = next(iter(data.values()))
        if payload.get("userErrors"):
            self.stats[_name(document)].user_errors += 1
        return payload

    async def _post(
        self, operation: str, document: str, variables: dict[str, Any], headers: dict[str, str]
    ) -> dict[str, Any] | None:
        """POST once; None when the access token was refused (the caller signs in again)."""
        body = {"query": document, "variables": variables, "operationName": operation}
        for _ in range(RATE_LIMIT_RETRIES):
            async with self._slots:
                started = time.perf_counter()
                response = await self.client.post(self.url, json=body, headers=headers)
                stats = self.stats[operation]
                stats.calls += 1
                stats.seconds += time.perf_counter() - started
            wait = response.headers.get("Retry-After")
            if wait is None or not wait.isdigit():
                break
            # The server's cost budget per account and minute is spent: wait as told.
            await asyncio.sleep(int(wait))
        if response.status_code == 401:
            return None
        try:
            answer = response.json()
        except ValueError:
            raise ApiError(operation, f"HTTP_{response.status_code}", response.text[:200]) from None
        if answer.get("errors"):
            error = answer["errors"][0]
            code = (error.get("extensions") or {}).get("code", "INTERNAL_SERVER_ERROR")
            raise ApiError(operation, code, error.get("message", ""))
        if response.status_code != 200 or answer.get("data") is None:
            raise ApiError(operation, f"HTTP_{response.status_code}", response.text[:200])
        data: dict[str, Any] = answer["data"]
        return data

    async def _access(self, user: str, *, renew: bool) -> str:
        async with self._locks[user]:
            session = self.sessions.get(user)
            if session is not None and not renew:
                return session.access
            if session is not None:
                refreshed = await self._session(REFRESH, {"refreshToken": session.refresh})
                if refreshed is not None:
                    self.sessions[user] = refreshed
                    return refreshed.access
            signed_in = await self._session(LOGIN, {"username": user, "password": self.password})
            if signed_in is None:
                raise ApiError("Login", "UNAUTHENTICATED", f"{user} cannot sign in")
            self.sessions[user] = signed_in
            return signed_in.access

    async def _session(self, document: str, input: dict[str, Any]) -> Session | None:
        data = await self._post(_name(document), document, {"input": input}, {})
        payload = next(iter((data or {}).values()), None)
        if not payload or payload["userErrors"] or not payload["accessToken"]:
            return None
        return Session(payload["accessToken"], payload["refreshToken"])


def _name(document: str) -> str:
    found = OPERATION.search(document)
    if found is None:
        raise ValueError("every simulated operation is a named query or mutation")
    return found.group(1)
