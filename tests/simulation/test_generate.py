"""The generated district: exact figures, determinism, proportions, and data the API's own
rules accept."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from db.base import Base
from db.models import (
    Building,
    Community,
    Grid,
    MemberReport,
    PartyOrganization,
    Person,
    PersonRole,
    RoleKind,
    Street,
    TeamMembership,
    User,
    UserGrant,
    Volunteer,
    WorkUnit,
)
from db.models.people import ROLE_SCOPES, ROLES_WITH_POST, ROLES_WITH_UNIT
from resolvers.validation import clean_id_number, clean_phone, clean_text
from simulation.generator.census import census
from simulation.generator.generate import REFERENCE_TABLES, DistrictExistsError, generate
from simulation.scale import Scale
from tests.support.database import Database, empty_tables
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

# The report's figures (docs/domain.md), exact at scale 1.
DOMAIN = {
    "communities": 59,
    "community_workers": 436,
    "street_part_time_members": 30,
    "community_part_time_members": 122,
    "linked_district_leaders": 11,
    "grid_cadres": 320,
    "dual_reporting_units": 93,
    "in_service_party_members": 5_600,
    "volunteer_teams": 422,
    "key_recipients": 1_085,
    "co_building_projects": 266,
    "breakthrough_projects": 65,
    "service_items": 108,
    "property_companies": 72,
    "property_service_projects": 134,
    "grid_incidents": 370,
    "red_warm_stations": 16,
    "party_commissioners": 6,
    "consultations_resolved": 74,
    "district_joint_meetings": 4,
    "street_joint_meetings": 24,  # the six subdistricts, four quarters
    "community_joint_meetings": 236,
    "joint_meeting_problems_solved": 124,
}

# Figures of the district itself, the same at every scale: its own four joint meetings.
ONE_DISTRICT = frozenset({"district_joint_meetings"})


async def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    async with db.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in await connection.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
        }


async def test_scale_one_matches_every_domain_figure(db: Database) -> None:
    rows = await generate(db.engine, Scale(1), seed=42)
    lines = {line.key: line for line in await census(db.engine, Scale(1))}
    assert {key: lines[key].generated for key in DOMAIN} == DOMAIN
    assert {key: lines[key].expected for key in DOMAIN} == DOMAIN
    assert lines["grids"].generated == 533  # one grid per residential estate
    assert lines["streets"].generated == 11
    written = {name: t for name, t in (await dump(db)).items() if name not in REFERENCE_TABLES}
    assert sum(rows.values()) == sum(len(t) for t in written.values())


async def test_the_same_seed_gives_the_same_district(db: Database) -> None:
    await generate(db.engine, Scale(0.2), seed=42)
    first = await dump(db)
    await generate(db.engine, Scale(0.2), seed=42, reset=True)
    assert await dump(db) == first
    await generate(db.engine, Scale(0.2), seed=43, reset=True)
    other = await dump(db)
    assert other["people"] != first["people"]
    assert other["grids"] != first["grids"]


async def test_seeding_twice_needs_reset(db: Database) -> None:
    await generate(db.engine, Scale(0.05), seed=1)
    with pytest.raises(DistrictExistsError):
        await generate(db.engine, Scale(0.05), seed=1)


async def test_seeding_refuses_a_database_holding_any_rows(db: Database) -> None:
    await make_user(db, "someone")  # one row, in a table far from the tree
    with pytest.raises(DistrictExistsError):
        await generate(db.engine, Scale(0.05), seed=1)
    rows = await generate(db.engine, Scale(0.05), seed=1, reset=True)
    assert rows["people"] == len((await dump(db))["people"])


async def shape(db: Database) -> dict[str, float]:
    """Averages that must not change with scale."""
    async with db.engine.connect() as connection:

        async def count(model: type, *where: Any) -> int:
            return int(
                await connection.scalar(select(func.count()).select_from(model).where(*where)) or 0
            )

        communities = await count(Community)
        grids = await count(Grid)
        buildings = await count(Building)
        households = int(await connection.scalar(select(func.sum(Building.household_count))) or 0)
        streets_with_communities = int(
            await connection.scalar(select(func.count(func.distinct(Community.street_id)))) or 0
        )
        members = await count(MemberReport)
        volunteers = await count(Volunteer)
        memberships = await count(TeamMembership)
        grants = await count(UserGrant)
        accounts = await count(User)
    return {
        "grids per community": grids / communities,
        "buildings per grid": buildings / grids,
        "households per building": households / buildings,
        "communities per subdistrict": communities / streets_with_communities,
        "reporting members per community": members / communities,
        # The district-wide teams serve a run of communities each, not every community:
        # volunteers, memberships and grants grow with the scale, not with its square.
        "volunteers per community": volunteers / communities,
        "team memberships per community": memberships / communities,
        "grants per account": grants / accounts,
    }


async def test_five_times_larger_keeps_the_shape(db: Database) -> None:
    # Five times rather than ten keeps the test within CI's time; the benchmark runs 100.
    await generate(db.engine, Scale(1), seed=5)
    small_counts = {line.key: line.generated for line in await census(db.engine, Scale(1))}
    assert {key: small_counts[key] for key in DOMAIN} == DOMAIN
    small = await shape(db)
    await empty_tables(db.engine)
    await generate(db.engine, Scale(5), seed=5)
    large_counts = {line.key: line.generated for line in await census(db.engine, Scale(5))}
    large = await shape(db)
    assert {key: large_counts[key] for key in DOMAIN} == {
        key: n if key in ONE_DISTRICT else 5 * n for key, n in DOMAIN.items()
    }
    for key, value in small.items():
        assert abs(large[key] - value) <= 0.2 * value, (key, value, large[key])


async def test_generated_rows_pass_the_apis_rules(seeded: Database) -> None:
    async with seeded.session() as session:
        for person in (await session.scalars(select(Person))).all():
            assert clean_text(person.name, "name", max_length=50) == person.name
            assert clean_phone(person.phone) == person.phone
            assert clean_id_number(person.id_number) == person.id_number
        for model in (Street, Community, Grid, Building, PartyOrganization, WorkUnit):
            for name in (await session.scalars(select(model.name))).all():
                assert clean_text(name, "name", max_length=100) == name
        for role in (await session.scalars(select(PersonRole))).all():
            column, required = ROLE_SCOPES[role.kind]
            scoped = {
                c: getattr(role, c)
                for c in ("street_id", "community_id", "grid_id", "party_organization_id")
            }
            assert all(v is None for c, v in scoped.items() if c != column), role.kind
            assert (scoped[column] is not None) or not required, role.kind
            assert (role.work_unit_id is not None) == (role.kind in ROLES_WITH_UNIT), role.kind
            assert (role.post is not None) == (role.kind in ROLES_WITH_POST), role.kind
        memberships = (
            await session.execute(
                select(PersonRole.person_id, func.count())
                .where(PersonRole.kind == RoleKind.PARTY_MEMBER)
                .group_by(PersonRole.person_id)
                .having(func.count() > 1)
            )
        ).all()
        assert memberships == []  # one party membership per person
        members = select(PersonRole.person_id).where(PersonRole.kind == RoleKind.PARTY_MEMBER)
        secretaries_outside = await session.scalar(
            select(func.count()).where(
                PersonRole.kind == RoleKind.SECRETARY, PersonRole.person_id.not_in(members)
            )
        )
        assert secretaries_outside == 0
        reports_elsewhere = await session.scalar(
            select(func.count())
            .select_from(MemberReport)
            .join(Person, Person.id == MemberReport.person_id)
            .join(Building, Building.id == Person.building_id)
            .join(Grid, Grid.id == Building.grid_id)
            .where(Grid.community_id != MemberReport.home_community_id)
        )
        assert reports_elsewhere == 0
        grids_without_one_organisation = await session.scalar(
            select(func.count())
            .select_from(Grid)
            .where(
                select(func.count()).where(PartyOrganization.grid_id == Grid.id).scalar_subquery()
                != 1
            )
        )
        assert grids_without_one_organisation == 0


async def test_a_generated_person_is_accepted_by_create_person(
    seeded: Database, client: GraphQLClient
) -> None:
    async with seeded.session() as session:
        person = await session.scalar(
            select(Person).where(Person.building_id.is_not(None)).limit(1)
        )
    assert person is not None
    payload = await client.mutate(
        "createPerson",
        """mutation($i: CreatePersonInput!) { createPerson(input: $i) {
            person { name phone idNumber } userErrors { code } } }""",
        {
            "i": {
                "name": person.name,
                "gender": person.gender.name,
                "phone": person.phone,
                "idNumber": person.id_number,
            }
        },
    )
    assert payload["userErrors"] == []
    assert payload["person"] == {
        "name": person.name,
        "phone": person.phone,
        "idNumber": person.id_number,
    }
