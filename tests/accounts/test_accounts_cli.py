"""`grassroots user create|list|roles` and `grassroots token`, as an operator runs them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from cli import app
from db.models import AccountRole, Community, Grid, Person, PropertyCompany, User, UserGrant
from resolvers import global_ids
from resolvers.accounts.passwords import verify_password
from resolvers.accounts.tokens import read_access_token
from resolvers.accounts.users import ROLE_LEVELS, scope_problem
from resolvers.accounts.viewer import ScopeLevel
from server.app import create_app
from server.settings import Settings
from simulation.account_names import DEVELOPMENT_PASSWORD
from simulation.generator.generate import generate
from simulation.scale import Scale
from tests.support.cli import run
from tests.support.database import Database

PASSWORD = "secret-pass-1"
PRODUCTION = {"GRASSROOTS_ENV": "production", "GRASSROOTS_SECRET_KEY": "s" * 40}
D, S, C, G, U, T, P = ScopeLevel
FIRST_GRID = (
    select(Community.name, Grid.name)
    .join(Grid, Grid.community_id == Community.id)
    .order_by(Grid.id)
    .limit(1)
)


async def cli(db: Database, *args: str, stdin: str | None = None, **env: str) -> Result:
    """Run a command in-process; in a thread, since commands start their own event loop."""
    return await asyncio.to_thread(
        CliRunner().invoke, app, [*args, "--database-url", db.url], input=stdin, env=env
    )


async def create(
    db: Database,
    username: str,
    role: str,
    scope: str,
    *options: str,
    stdin: str = PASSWORD,
    prompt: bool = False,
) -> Result:
    """`user create`; the password comes on standard input, or to the prompt."""
    reading = () if prompt else ("--password-stdin",)
    command = ("user", "create", username, "--role", role, "--scope", scope)
    return await cli(db, *command, *options, *reading, stdin=stdin)


def said(result: Result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


async def scalar(db: Database, query: Any) -> Any:
    async with db.session() as session:
        return await session.scalar(query)


@pytest.fixture
async def district(db: Database) -> Database:
    await generate(db.engine, Scale(0.05), seed=3)
    return db


@pytest.fixture
async def api(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """The real app on the test database, with no account of its own."""
    transport = httpx.ASGITransport(app=create_app(Settings(database_url=db.url), engine=db.engine))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def test_the_role_table_allows_exactly_the_documented_scopes() -> None:
    documented = {
        AccountRole.DISTRICT_ADMIN: {D},
        AccountRole.STREET_ADMIN: {S},
        AccountRole.COMMUNITY_SECRETARY: {C},
        AccountRole.COMMUNITY_WORKER: {C},
        AccountRole.GRID_LEADER: {G},
        AccountRole.PARTY_MEMBER: {C, G, U},
        AccountRole.VOLUNTEER: {T},
        AccountRole.TEAM_LEAD: {T},
        AccountRole.RESIDENT: {C, G},
        AccountRole.PROPERTY_COMPANY: {P},
        AccountRole.OBSERVER: {D, S, C},
        AccountRole.DEPARTMENT_STAFF: {D, S},
    }
    assert set(ROLE_LEVELS) == set(AccountRole)
    for role in AccountRole:
        for level in ScopeLevel:
            assert (scope_problem(role, level) is None) == (level in documented[role])
    assert scope_problem(AccountRole.OBSERVER, G) == (
        "OBSERVER is granted on the district, a street or a community, not on a grid"
    )


async def test_create_list_and_sign_in_with_a_token(
    district: Database, api: httpx.AsyncClient
) -> None:
    db = district
    community = await scalar(db, select(Community.name).order_by(Community.id))
    created = await create(db, "qa.secretary", "community_secretary", f"community:{community}")
    assert created.exit_code == 0, created.output
    assert "created qa.secretary" in created.output
    user = await scalar(db, select(User).where(User.username == "qa.secretary"))
    assert verify_password(user.password_hash, PASSWORD)
    assert user.display_name == "qa.secretary" and user.person_id is None

    listed = await cli(
        db, "user", "list", "--role", "COMMUNITY_SECRETARY", "--json", "--limit", "1000"
    )
    assert listed.exit_code == 0, listed.output
    listing = json.loads(listed.stdout)
    secretaries = await scalar(
        db,
        select(func.count()).where(UserGrant.role == AccountRole.COMMUNITY_SECRETARY),
    )
    assert listing["total"] == len(listing["users"]) == secretaries
    [mine] = [entry for entry in listing["users"] if entry["username"] == "qa.secretary"]
    assert mine["grants"] == [
        {
            "role": "COMMUNITY_SECRETARY",
            "scope": f"community:{community}",
            "scope_id": global_ids.encode(
                "Community",
                await scalar(db, select(Community.id).where(Community.name == community)),
            ),
        }
    ]
    table = await cli(db, "user", "list", "--role", "COMMUNITY_SECRETARY", "--limit", "2")
    assert table.exit_code == 0
    assert f"2 of {secretaries} accounts holding COMMUNITY_SECRETARY" in said(table)

    signed = run("token", "qa.secretary", "--minutes", "5", url=db.url)
    assert signed.returncode == 0, signed.stderr
    token = signed.stdout.strip()
    claims = read_access_token(token, Settings().secret_key)
    assert claims.user_id == user.id
    assert claims.expires_at <= datetime.now(UTC) + timedelta(minutes=5)
    answer = await api.post(
        "/graphql",
        json={"query": "{ viewer { username grants { role } } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.json()["data"] == {
        "viewer": {"username": "qa.secretary", "grants": [{"role": "COMMUNITY_SECRETARY"}]}
    }


async def test_generated_admin_logs_in_with_the_development_password(
    district: Database, api: httpx.AsyncClient
) -> None:
    login = """
    mutation Login($input: LoginInput!) {
      login(input: $input) { accessToken userErrors { message } }
    }
    """
    for password, works in ((DEVELOPMENT_PASSWORD, True), ("not-the-password", False)):
        variables = {"input": {"username": "admin", "password": password}}
        answer = (await api.post("/graphql", json={"query": login, "variables": variables})).json()
        assert (answer["data"]["login"]["accessToken"] is not None) is works, answer


async def test_create_for_a_person_on_a_grid_and_on_a_unit(district: Database) -> None:
    db = district
    async with db.engine.connect() as connection:
        # People with no home building hold no generated account: a cadre, a leader, ….
        without_account = Person.id.not_in(
            select(User.person_id).where(User.person_id.is_not(None))
        )
        person, name = (
            await connection.execute(
                select(Person.id, Person.name).where(without_account).order_by(Person.id).limit(1)
            )
        ).one()
        community, grid = (await connection.execute(FIRST_GRID)).one()
        company_name = await connection.scalar(
            select(PropertyCompany.name).order_by(PropertyCompany.id)
        )
    person_id = global_ids.encode("Person", person)
    grid_path = f"grid:{community}/{grid}"
    leader = await create(db, "grid-leader", "GRID_LEADER", grid_path, "--person", person_id)
    assert leader.exit_code == 0, leader.output
    company = await create(
        db,
        "property_co",
        "PROPERTY_COMPANY",
        f"company:{company_name}",
        "--display-name",
        "物业公司",
    )
    assert company.exit_code == 0, company.output
    listing = json.loads((await cli(db, "user", "list", "--json", "--limit", "100000")).stdout)
    found = {entry["username"]: entry for entry in listing["users"]}
    assert found["grid-leader"]["display_name"] == name
    assert found["grid-leader"]["person_id"] == person_id
    assert found["grid-leader"]["grants"][0]["scope"] == grid_path
    assert found["property_co"]["display_name"] == "物业公司"
    assert found["property_co"]["grants"][0]["scope"] == f"company:{company_name}"
    again = await create(
        db, "second-account", "RESIDENT", f"community:{community}", "--person", person_id
    )
    assert again.exit_code == 1
    assert "the person already has the account 'grid-leader'" in said(again)


async def test_refused_combinations_write_nothing(district: Database) -> None:
    db = district
    async with db.engine.connect() as connection:
        community, grid = (await connection.execute(FIRST_GRID)).one()
        users = await connection.scalar(select(func.count()).select_from(User))
        person = await connection.scalar(select(Person.id))
    assert person is not None
    grid_path = f"grid:{community}/{grid}"
    refused = [
        ("GRID_LEADER", f"community:{community}", "GRID_LEADER is granted on a grid, not on a"),
        ("COMMUNITY_SECRETARY", "district", "is granted on a community, not on the district"),
        ("PROPERTY_COMPANY", grid_path, "is granted on a property company, not on a grid"),
        ("OBSERVER", grid_path, "a street or a community, not on a grid"),
        ("DISTRICT_ADMIN", f"community:{community}", "is granted on the district, not on a"),
        ("RESIDENT", "community:no such community", "no live community is named"),
        ("RESIDENT", f"grid:{community}", "a grid is named as grid:<community name>/<grid"),
        ("RESIDENT", "planet:mars", "is not a scope; give district, street:<name>"),
        ("RESIDENT", global_ids.encode("Person", person), "is a Person ID, expected a"),
        ("RESIDENT", "@@not an id@@", "is not a valid ID"),
    ]
    for role, scope, message in refused:
        result = await create(db, "refused", role, scope)
        assert result.exit_code == 1, (role, scope, result.output)
        assert message in said(result), (role, scope, result.output)
    unknown_role = await create(db, "refused", "KING", "district")
    assert unknown_role.exit_code == 2
    assert "'KING' is not a role; the roles are DISTRICT_ADMIN" in said(unknown_role)
    weak = await create(db, "x", "OBSERVER", "district", stdin="short")
    assert weak.exit_code == 1
    assert "a username has 3 to 50 characters" in said(weak)
    assert "a password needs at least 8 characters" in said(weak)
    assert await scalar(db, select(func.count()).select_from(User)) == users


async def test_the_password_is_never_an_argument(district: Database) -> None:
    db = district
    observer = ("qa.observer", "OBSERVER", "district")
    as_option = await create(db, *observer, "--password", PASSWORD, prompt=True)
    assert as_option.exit_code == 2
    assert "No such option: --password" in said(as_option)
    as_argument = await create(db, "qa.observer", "OBSERVER", "district", PASSWORD, prompt=True)
    assert as_argument.exit_code == 2
    assert f"extra argument(s) ({PASSWORD})" in said(as_argument)
    help_text = await cli(db, "user", "create", "--help")
    assert "--password-stdin" in help_text.output
    assert "--password " not in help_text.output
    # Without --password-stdin it is asked for twice, hidden, and must match.
    mismatched = await create(db, *observer, stdin=f"{PASSWORD}\nsomething-else\n", prompt=True)
    assert mismatched.exit_code != 0
    assert "do not match" in mismatched.output
    prompted = await create(db, *observer, stdin=f"{PASSWORD}\n{PASSWORD}\n", prompt=True)
    assert prompted.exit_code == 0, prompted.output
    assert PASSWORD not in prompted.output
    empty = await create(db, "qa.other", "OBSERVER", "district", stdin="")
    assert empty.exit_code == 1
    assert "standard input holds no password" in said(empty)
    assert await scalar(db, select(func.count()).where(User.username == "qa.other")) == 0


async def test_token_is_refused_in_production_and_for_unknown_accounts(
    district: Database,
) -> None:
    db = district
    refused = await cli(db, "token", "admin", **PRODUCTION)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "for development only" in said(refused)
    unknown = await cli(db, "token", "nobody")
    assert unknown.exit_code == 1
    assert "the account 'nobody' does not exist" in said(unknown)
    no_secret = await cli(db, "token", "admin", GRASSROOTS_ENV="production")
    assert no_secret.exit_code == 2
    assert "GRASSROOTS_SECRET_KEY must be set" in said(no_secret)
