"""Logging in, refreshing and logging out through GraphQL; bad, expired and forged tokens."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from sqlalchemy import event, select, update

from db.models import AccountRole, Community, User
from resolvers.accounts.tokens import ALGORITHM, ISSUER
from server.settings import Settings
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import TEST_PASSWORD, make_user

LOGIN = """
mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) {
    accessToken accessTokenExpiresAt refreshToken userErrors { code field message }
  }
}
"""
REFRESH = """
mutation($t: String!) {
  refreshSession(input: {refreshToken: $t}) { accessToken refreshToken userErrors { code } }
}
"""
LOGOUT = (
    "mutation($t: String!) { logout(input: {refreshToken: $t}) { revoked userErrors { code } } }"
)
VIEWER = "{ viewer { username grants { role scope { id } } } }"


async def secretary(db: Database, client: GraphQLClient) -> int:
    await client.headers()  # the admin (and so the district) is in place
    async with db.session() as session:
        community = await session.scalar(select(Community.id).order_by(Community.id))
    assert community is not None
    return await make_user(
        db, "secretary", (AccountRole.COMMUNITY_SECRETARY, "community_id", community)
    )


async def login(client: GraphQLClient, username: str, password: str) -> dict[str, object]:
    body = await client.anonymous().data(LOGIN, {"u": username, "p": password})
    login: dict[str, object] = body["login"]
    return login


async def test_login_gives_a_token_that_identifies_the_viewer(
    seeded: Database, client: GraphQLClient
) -> None:
    await secretary(seeded, client)
    session = await login(client, "secretary", TEST_PASSWORD)
    assert session["userErrors"] == []
    viewer = client.anonymous()
    viewer.token = str(session["accessToken"])
    me = (await viewer.data(VIEWER))["viewer"]
    assert me["username"] == "secretary"
    assert [grant["role"] for grant in me["grants"]] == ["COMMUNITY_SECRETARY"]
    expires = datetime.fromisoformat(str(session["accessTokenExpiresAt"]))
    assert timedelta(minutes=14) < expires - datetime.now(UTC) <= timedelta(minutes=15)


async def test_wrong_and_unknown_credentials_look_the_same(
    seeded: Database, client: GraphQLClient
) -> None:
    await secretary(seeded, client)
    wrong = await login(client, "secretary", "not-the-password")
    unknown = await login(client, "nobody", "not-the-password")
    assert wrong["accessToken"] is None and unknown["accessToken"] is None
    assert wrong["userErrors"] == unknown["userErrors"]
    assert [e["code"] for e in wrong["userErrors"]] == ["INVALID_CREDENTIALS"]  # type: ignore[attr-defined]


async def test_a_deactivated_account_cannot_log_in_or_use_its_token(
    seeded: Database, client: GraphQLClient
) -> None:
    user = await secretary(seeded, client)
    token_client = client.as_user(user)
    assert (await token_client.data(VIEWER))["viewer"]["username"] == "secretary"
    async with seeded.engine.begin() as connection:
        await connection.execute(update(User).where(User.id == user).values(active=False))
    assert await token_client.error_codes(VIEWER) == ["UNAUTHENTICATED"]
    refused = await login(client, "secretary", TEST_PASSWORD)
    assert [e["code"] for e in refused["userErrors"]] == ["INVALID_CREDENTIALS"]  # type: ignore[attr-defined]


async def test_refresh_rotates_and_a_reused_token_ends_every_session(
    seeded: Database, client: GraphQLClient
) -> None:
    await secretary(seeded, client)
    first = await login(client, "secretary", TEST_PASSWORD)
    public = client.anonymous()
    second = (await public.data(REFRESH, {"t": first["refreshToken"]}))["refreshSession"]
    assert second["userErrors"] == [] and second["refreshToken"] != first["refreshToken"]
    # The first token was used: presenting it again means it leaked.
    reused = (await public.data(REFRESH, {"t": first["refreshToken"]}))["refreshSession"]
    assert [e["code"] for e in reused["userErrors"]] == ["INVALID_CREDENTIALS"]
    after = (await public.data(REFRESH, {"t": second["refreshToken"]}))["refreshSession"]
    assert [e["code"] for e in after["userErrors"]] == ["INVALID_CREDENTIALS"]


async def test_a_reused_refresh_token_ends_the_access_tokens_of_every_session(
    seeded: Database, client: GraphQLClient
) -> None:
    await secretary(seeded, client)
    phone = await login(client, "secretary", TEST_PASSWORD)
    laptop = await login(client, "secretary", TEST_PASSWORD)
    public = client.anonymous()
    rotated = (await public.data(REFRESH, {"t": phone["refreshToken"]}))["refreshSession"]
    tokens = [phone["accessToken"], rotated["accessToken"], laptop["accessToken"]]
    viewers = [client.anonymous() for _ in tokens]
    for viewer, token in zip(viewers, tokens, strict=True):
        viewer.token = str(token)
        # Rotation keeps the session: the earlier access token works until it expires.
        assert (await viewer.data(VIEWER))["viewer"]["username"] == "secretary"
    await public.data(REFRESH, {"t": phone["refreshToken"]})  # the rotated one, again
    for viewer in viewers:
        assert await viewer.error_codes(VIEWER) == ["UNAUTHENTICATED"]


async def test_logout_ends_its_session_and_no_other(
    seeded: Database, client: GraphQLClient
) -> None:
    await secretary(seeded, client)
    first, second = [await login(client, "secretary", TEST_PASSWORD) for _ in range(2)]
    ended, kept = client.anonymous(), client.anonymous()
    ended.token, kept.token = str(first["accessToken"]), str(second["accessToken"])
    assert (await client.anonymous().data(LOGOUT, {"t": first["refreshToken"]}))["logout"]
    assert await ended.error_codes(VIEWER) == ["UNAUTHENTICATED"]
    assert (await kept.data(VIEWER))["viewer"]["username"] == "secretary"


async def test_logout_revokes_the_refresh_token(seeded: Database, client: GraphQLClient) -> None:
    await secretary(seeded, client)
    session = await login(client, "secretary", TEST_PASSWORD)
    public = client.anonymous()
    assert (await public.data(LOGOUT, {"t": session["refreshToken"]}))["logout"]["revoked"]
    assert not (await public.data(LOGOUT, {"t": session["refreshToken"]}))["logout"]["revoked"]
    refused = (await public.data(REFRESH, {"t": session["refreshToken"]}))["refreshSession"]
    assert refused["accessToken"] is None


def forged(user_id: int, *, secret: str | None = None, **changes: object) -> str:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": str(user_id),
        "iss": ISSUER,
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    claims.update(changes)
    return jwt.encode(claims, secret or Settings().secret_key, algorithm=ALGORITHM)


async def test_bad_tokens_are_refused_with_401(seeded: Database, client: GraphQLClient) -> None:
    user = await secretary(seeded, client)
    past = datetime.now(UTC) - timedelta(minutes=1)
    cases = {
        "expired": forged(user, exp=past, iat=past - timedelta(minutes=15)),
        "other secret": forged(user, secret="x" * 40),
        "other issuer": forged(user, iss="someone-else"),
        "not a number": forged(user, sub="admin"),
        # {"alg": "none"} with no signature
        "unsigned": "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
        "garbage": "not.a.token",
        "huge": "a" * 10_000,
    }
    for name, token in cases.items():
        response = await client.http.post(
            "/graphql",
            json={"query": "{ district { name } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401, name
        body = response.json()
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"], name
        assert response.headers["www-authenticate"].startswith("Bearer")
    expired = await client.http.post(
        "/graphql",
        json={"query": "{ district { name } }"},
        headers={"Authorization": f"Bearer {cases['expired']}"},
    )
    assert "expired" in expired.json()["errors"][0]["message"]
    basic = await client.http.post(
        "/graphql", json={"query": "{ district { name } }"}, headers={"Authorization": "Basic eA=="}
    )
    assert basic.status_code == 401


async def test_a_token_accepted_before_is_refused_once_it_expires(
    seeded: Database, client: GraphQLClient
) -> None:
    """Verified tokens are kept per process (resolvers/accounts/tokens.py): the expiry is
    still checked on every use."""
    user = await secretary(seeded, client)
    expires = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    token = forged(user, exp=expires)
    headers = {"Authorization": f"Bearer {token}"}
    query = {"query": "{ district { name } }"}
    accepted = await client.http.post("/graphql", json=query, headers=headers)
    assert accepted.status_code == 200 and "errors" not in accepted.json()
    await asyncio.sleep((expires - datetime.now(UTC)).total_seconds() + 0.05)
    refused = await client.http.post("/graphql", json=query, headers=headers)
    assert refused.status_code == 401
    assert "expired" in refused.json()["errors"][0]["message"]


async def test_an_unauthenticated_mutation_is_refused(
    seeded: Database, client: GraphQLClient
) -> None:
    codes = await client.anonymous().error_codes(
        'mutation { createStreet(input: {name: "新街道", kind: SUBDISTRICT})'
        " { userErrors { code } } }"
    )
    assert codes == ["UNAUTHENTICATED"]


async def test_the_password_is_checked_before_the_write_transaction(
    seeded: Database, client: GraphQLClient
) -> None:
    """An argon2 check takes about a tenth of a second: done inside the login's write
    transaction it held SQLite's write lock that long, and every writer queued behind a
    burst of logins (a simulated year's January timed one out). The credentials are read
    and checked first; a wrong password writes nothing at all."""
    await secretary(seeded, client)

    def own(statements: list[str]) -> list[str]:
        """The login's statements, without the cost budget's charge (its own connection)."""
        return [s for s in statements if "cost_windows" not in s]

    with seeded.count_statements() as wrong:
        assert (await login(client, "secretary", "not the password"))["accessToken"] is None
    assert [s for s in own(wrong) if s.lstrip().upper().startswith(("INSERT", "UPDATE"))] == []
    with seeded.count_statements() as right:
        assert (await login(client, "secretary", TEST_PASSWORD))["accessToken"]
    assert any(s.lstrip().upper().startswith("INSERT") for s in own(right))
    if seeded.backend != "sqlite":
        return
    # SQLite shows where the write lock is taken (BEGIN IMMEDIATE): after the check.
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement.strip())

    event.listen(seeded.engine.sync_engine, "before_cursor_execute", record)
    try:
        await login(client, "secretary", "not the password")
        failed = list(seen)
        seen.clear()
        await login(client, "secretary", TEST_PASSWORD)
    finally:
        event.remove(seeded.engine.sync_engine, "before_cursor_execute", record)

    def checked(statements: list[str]) -> int:
        return next(n for n, s in enumerate(statements) if "FROM users" in s and "username" in s)

    assert "BEGIN IMMEDIATE" not in failed[checked(failed) :]
    begins = [n for n, s in enumerate(seen) if s == "BEGIN IMMEDIATE"]
    first_write = next(n for n, s in enumerate(seen) if s.startswith("INSERT INTO refresh"))
    assert checked(seen) < max(b for b in begins if b < first_write)
