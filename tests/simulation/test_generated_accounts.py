"""The generator's accounts: derived exactly from the generated people and roles, one
shared development password, unique usernames, refused in production."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from typer.testing import CliRunner

from cli import app
from db.base import Base, utcnow
from db.models import (
    AccountRole,
    AuditEntry,
    Building,
    CostWindow,
    Department,
    District,
    Grid,
    IndustryPartyMember,
    MemberReport,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PersonRole,
    PropertyCompany,
    RefreshToken,
    RoleKind,
    TeamMembership,
    User,
    UserGrant,
    Volunteer,
)
from db.models.accounts import SCOPE_COLUMNS
from resolvers.accounts.passwords import verify_password
from simulation.account_names import (
    DEVELOPMENT_PASSWORD,
    department_username,
    observer_username,
)
from simulation.generator.generate import district_tables, empty_database, generate
from simulation.scale import DEPARTMENT_STAFF_ACCOUNTS, OBSERVERS, Scale
from tests.support.database import TEST_SCALE, TEST_SEED, Database

# (username, role, scope column, scope key, person key)
GrantLine = tuple[str, AccountRole, str, int | None, int | None]

# Which account role the secretary of each kind of party organisation gets, and where.
SECRETARY_GRANTS = {
    PartyOrganizationKind.STREET_WORKING_COMMITTEE: (AccountRole.STREET_ADMIN, "street_id"),
    PartyOrganizationKind.COMMUNITY_PARTY_COMMITTEE: (
        AccountRole.COMMUNITY_SECRETARY,
        "community_id",
    ),
    PartyOrganizationKind.GRID_PARTY_BRANCH: (AccountRole.GRID_LEADER, "grid_id"),
    PartyOrganizationKind.GRID_PARTY_GROUP: (AccountRole.GRID_LEADER, "grid_id"),
}


async def expected_grants(connection: AsyncConnection) -> Counter[GrantLine]:
    """The grants the generated people and roles call for, worked out from the rows."""
    district = await connection.scalar(select(District.id))
    assert district is not None
    lines: Counter[GrantLine] = Counter(
        {("admin", AccountRole.DISTRICT_ADMIN, "district_id", district, None): 1}
    )
    for number in range(1, OBSERVERS + 1):
        lines[(observer_username(number), AccountRole.OBSERVER, "district_id", district, None)] += 1
    # Each coordinating department's desk: its staff accounts, bound to the district.
    for code in await connection.scalars(select(Department.code)):
        for number in range(1, DEPARTMENT_STAFF_ACCOUNTS + 1):
            username = department_username(code, number)
            lines[(username, AccountRole.DEPARTMENT_STAFF, "district_id", district, None)] += 1
    secretaries = await connection.execute(
        select(
            PersonRole.person_id,
            PartyOrganization.kind,
            PartyOrganization.street_id,
            PartyOrganization.community_id,
            PartyOrganization.grid_id,
        )
        .join(PartyOrganization, PartyOrganization.id == PersonRole.party_organization_id)
        # A secretary replaced after a review hands the grant to the successor.
        .where(PersonRole.kind == RoleKind.SECRETARY, PersonRole.ended_on.is_(None))
    )
    for person, kind, street, community, grid in secretaries:
        role, column = SECRETARY_GRANTS[kind]
        scope = {"street_id": street, "community_id": community, "grid_id": grid}[column]
        lines[(f"person{person}", role, column, scope, person)] += 1
    workers = await connection.execute(
        select(PersonRole.person_id, PersonRole.community_id).where(
            PersonRole.kind == RoleKind.COMMUNITY_WORKER
        )
    )
    for person, community in workers:
        lines[
            (f"person{person}", AccountRole.COMMUNITY_WORKER, "community_id", community, person)
        ] += 1
    members = set(
        await connection.scalars(
            select(PersonRole.person_id).where(PersonRole.kind == RoleKind.PARTY_MEMBER)
        )
    )
    # Riders in the delivery industry's party committee are members through it.
    members |= set(await connection.scalars(select(IndustryPartyMember.person_id)))
    residents = await connection.execute(
        select(Person.id, Grid.community_id)
        .join(Building, Building.id == Person.building_id)
        .join(Grid, Grid.id == Building.grid_id)
    )
    for person, community in residents:
        role = AccountRole.PARTY_MEMBER if person in members else AccountRole.RESIDENT
        lines[(f"person{person}", role, "community_id", community, person)] += 1
    memberships = await connection.execute(
        select(Volunteer.person_id, TeamMembership.team_id, TeamMembership.is_lead).join(
            TeamMembership, TeamMembership.volunteer_id == Volunteer.id
        )
    )
    for person, team, lead in memberships:
        lines[(f"person{person}", AccountRole.VOLUNTEER, "team_id", team, person)] += 1
        if lead:
            lines[(f"person{person}", AccountRole.TEAM_LEAD, "team_id", team, person)] += 1
    for company in await connection.scalars(select(PropertyCompany.id)):
        key = ("property_company_id", company, None)
        lines[(f"company{company}", AccountRole.PROPERTY_COMPANY, *key)] += 1
    # Each unit's first reporting member acts for it (a member grant bound to the unit).
    first_reports = select(func.min(MemberReport.id)).group_by(MemberReport.work_unit_id)
    liaisons = await connection.execute(
        select(MemberReport.person_id, MemberReport.work_unit_id).where(
            MemberReport.id.in_(first_reports)
        )
    )
    for person, unit in liaisons:
        lines[(f"person{person}", AccountRole.PARTY_MEMBER, "work_unit_id", unit, person)] += 1
    return lines


async def generated_grants(connection: AsyncConnection) -> Counter[GrantLine]:
    scopes = [getattr(UserGrant, column) for column in SCOPE_COLUMNS]
    rows = await connection.execute(
        select(User.username, User.person_id, UserGrant.role, *scopes).join(
            UserGrant, UserGrant.user_id == User.id
        )
    )
    lines: Counter[GrantLine] = Counter()
    for username, person, role, *keys in rows:
        [(column, key)] = [pair for pair in zip(SCOPE_COLUMNS, keys, strict=True) if pair[1]]
        lines[(username, role, column, key, person)] += 1
    return lines


async def test_accounts_follow_the_generated_people_and_roles(db: Database) -> None:
    await generate(db.engine, TEST_SCALE, TEST_SEED)
    async with db.engine.connect() as connection:
        expected = await expected_grants(connection)
        assert await generated_grants(connection) == expected
        per_role = Counter(line[1] for line in expected.elements())
        assert per_role[AccountRole.OBSERVER] == OBSERVERS == 23
        assert per_role[AccountRole.RESIDENT] > 0  # workers outside the party
        # One account per username, none without a grant, named after its person.
        usernames = {line[0] for line in expected}
        users = (
            await connection.execute(
                select(User.username, User.display_name, User.person_id, Person.name).outerjoin(
                    Person, Person.id == User.person_id
                )
            )
        ).all()
        assert len(users) == len(usernames) == len({user.username for user in users})
        assert all(user.display_name == user.name for user in users if user.person_id is not None)


async def test_every_account_shares_one_hash_of_the_development_password(db: Database) -> None:
    await generate(db.engine, Scale(0.05), seed=3)
    async with db.engine.connect() as connection:
        hashes = (await connection.scalars(select(User.password_hash).distinct())).all()
        active = set(await connection.scalars(select(User.active)))
    assert len(hashes) == 1
    assert verify_password(hashes[0], DEVELOPMENT_PASSWORD)
    assert not verify_password(hashes[0], DEVELOPMENT_PASSWORD + "x")
    assert active == {True}


async def dump(db: Database, *skip: str) -> dict[str, list[tuple[Any, ...]]]:
    async with db.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in await connection.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
            if table.name not in skip
        }


# Tables of the accounts themselves: without accounts they are empty.
ACCOUNT_TABLES = ("users", "user_grants", "department_staff")


def without_users(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """The district with every reference to an account blanked: who acted is an account
    (an incident's reporter, a step's actor), so only that may differ without accounts."""
    blanked: dict[str, list[tuple[Any, ...]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        if table.name in ACCOUNT_TABLES:
            blanked[table.name] = []
            continue
        users = [
            index
            for index, column in enumerate(table.columns)
            if any(key.column.table.name == "users" for key in column.foreign_keys)
        ]
        blanked[table.name] = [
            tuple(None if index in users else value for index, value in enumerate(row))
            for row in tables[table.name]
        ]
    return blanked


async def test_accounts_change_nothing_else_and_are_deterministic(db: Database) -> None:
    await generate(db.engine, Scale(0.05), seed=5)
    with_accounts = await dump(db)
    await generate(db.engine, Scale(0.05), seed=5, reset=True)
    assert await dump(db) == with_accounts
    await generate(db.engine, Scale(0.05), seed=5, reset=True, accounts=False)
    without = await dump(db)
    assert all(without[name] == [] for name in ACCOUNT_TABLES)
    assert without_users(without) == without_users(with_accounts)
    assert all(with_accounts[name] for name in ACCOUNT_TABLES)


async def test_empty_database_empties_the_account_tables(db: Database) -> None:
    await generate(db.engine, Scale(0.05), seed=1)
    async with db.engine.begin() as connection:
        user = await connection.scalar(select(User.id).where(User.username == "admin"))
        person = await connection.scalar(select(User.person_id).where(User.person_id.is_not(None)))
        now = utcnow()
        await connection.execute(
            insert(RefreshToken).values(
                user_id=user,
                session_id="0" * 32,
                token_hash="0" * 64,
                issued_at=now,
                expires_at=now,
            )
        )
        await connection.execute(
            insert(CostWindow).values(subject="user:1", window_start=1, spent=5)
        )
        await connection.execute(
            insert(AuditEntry).values(
                at=now,
                user_id=user,
                person_id=person,
                operation="createPerson",
                action="CREATE",
                object_type="Person",
                object_id=1,
            )
        )
    async with db.engine.begin() as connection:
        await empty_database(connection)
    async with db.engine.connect() as connection:
        for table in district_tables():  # the catalogues the migrations wrote stay
            count = await connection.scalar(select(func.count()).select_from(table))
            assert count == 0, table.name
    await generate(db.engine, Scale(0.05), seed=1)  # keys are free again


PRODUCTION = {"GRASSROOTS_ENV": "production", "GRASSROOTS_SECRET_KEY": "s" * 40}


def test_seed_refuses_development_accounts_in_production(db: Database) -> None:
    runner = CliRunner()
    seed = ["seed", "--scale", "0.05", "--json", "--database-url", db.url]
    refused = runner.invoke(app, seed, env=PRODUCTION)
    assert refused.exit_code == 1
    message = " ".join(refused.output.split())  # rich wraps lines at the console's width
    assert "public development password; pass --no-accounts" in message
    seeded = runner.invoke(app, [*seed, "--no-accounts"], env=PRODUCTION)
    assert seeded.exit_code == 0, seeded.output
    rows = CliRunner().invoke(app, ["user", "list", "--json", "--database-url", db.url])
    assert '"total": 0' in rows.output


def test_seed_json_counts_accounts_and_grants(db: Database) -> None:
    seeded = CliRunner().invoke(
        app, ["seed", "--scale", "0.05", "--json", "--database-url", db.url]
    )
    assert seeded.exit_code == 0, seeded.output
    report = json.loads(seeded.stdout)
    counts = report["counts"]
    assert counts["users"]["generated"] == report["rows"]["users"] > OBSERVERS
    assert (
        counts["user_grants"]["generated"]
        == report["rows"]["user_grants"]
        > counts["users"]["generated"]
    )
