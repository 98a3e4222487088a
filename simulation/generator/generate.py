"""Generate the whole district at a scale, deterministically, in bulk through db/.

Communities are written one after another: only the district's skeleton (streets, units,
which communities and grids get leaders and cadres) is held for the whole run, and rows
leave memory batch by batch (simulation/generator/writer.py).
"""

from __future__ import annotations

import gc
import random
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from operator import mul

from faker import Faker
from sqlalchemy import Table, literal, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.base import Base
from db.models import (
    AccountRole,
    Gender,
    PartyOrganizationKind,
    RoleKind,
    StreetKind,
    WorkUnitKind,
)
from simulation import scale as figures
from simulation.generator.accounts import AccountWriter, GrantRow
from simulation.generator.assessment import AssessmentGenerator
from simulation.generator.bulk_load import bulk_load
from simulation.generator.complaints import ComplaintGenerator
from simulation.generator.deferred_indexes import DeferredIndexes
from simulation.generator.deliberation import DeliberationGenerator
from simulation.generator.incidents import IncidentGenerator
from simulation.generator.plan import Plan, Resident, Unit, apportion
from simulation.generator.projects import ProjectGenerator
from simulation.generator.providers import ShizhongProvider
from simulation.generator.services import ServiceGenerator
from simulation.generator.stations import StationGenerator
from simulation.generator.timeline import Timeline
from simulation.generator.training import TrainingGenerator
from simulation.generator.writer import BulkWriter
from simulation.scale import Scale

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# An ID number's last three digits before the check, and their share of its weighted sum.
SERIALS = [f"{serial:03d}" for serial in range(1000)]
SERIAL_WEIGHTS = [sum(map(mul, map(int, digits), ID_WEIGHTS[14:])) for digits in SERIALS]


class DistrictExistsError(RuntimeError):
    """The database already holds a district (or other rows); seeding needs --reset."""


class Generator:
    def __init__(
        self,
        writer: BulkWriter,
        scale: Scale,
        seed: int,
        *,
        accounts: bool = True,
        as_of: date = figures.REPORT_DAY,
    ) -> None:
        self.w = writer
        self.timeline = timeline = Timeline(as_of)
        self._stamps: dict[str, object] = {
            "created_at": timeline.created_at,
            "updated_at": timeline.created_at,
        }
        # Accounts draw nothing from the random generators: with or without them, a seed
        # gives the same district.
        self.accounts = AccountWriter(writer, seed, self._stamps) if accounts else None
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(seed)
        self.faker.add_provider(ShizhongProvider)
        self.local: ShizhongProvider = ShizhongProvider(self.faker)
        self.person_serial = 0
        # An ID number's first 14 digits for a birthday and their share of the weighted
        # sum: a few thousand birthdays recur across a million people.
        self.born_digits: dict[date, tuple[str, int]] = {}
        self.plan = Plan()
        self.services = ServiceGenerator(self)
        self.projects = ProjectGenerator(self)
        self.incidents = IncidentGenerator(self)
        self.complaints = ComplaintGenerator(self, self.projects.companies)
        self.training = TrainingGenerator(self)
        # A planned service tied to a party routine points at the meeting it is held with.
        self.services.held_with = self.training.held_with
        self.stations = StationGenerator(self)
        self.deliberation = DeliberationGenerator(self)
        self.assessment = AssessmentGenerator(self)
        self.liaisons: set[int] = set()  # units whose liaison has an account

    # --- small pieces ------------------------------------------------------------------

    def day(self, start: date = figures.REPORTING_SINCE) -> date:
        """A day from `start` to the as-of day: drawn up to the report's day and stretched,
        so that the draw, and every draw after it, is the same whatever the as-of."""
        return self.timeline.stretched(start, self.report_day(start))

    def report_day(self, start: date) -> date:
        """A day from `start` to the report's day."""
        span = (figures.REPORT_DAY - start).days
        return start + timedelta(days=self.rng.randrange(span + 1))

    def stamps(self) -> dict[str, object]:
        return self._stamps

    def id_number(self, born: date) -> str:
        self.person_serial += 1
        serial = self.person_serial % 1000
        try:
            head, weight = self.born_digits[born]
        except KeyError:
            head = f"{figures.DISTRICT_CODE}{born:%Y%m%d}"
            weight = sum(map(mul, map(int, head), ID_WEIGHTS))  # the first 14 weights
            self.born_digits[born] = head, weight
        return f"{head}{SERIALS[serial]}{ID_CHECK[(weight + SERIAL_WEIGHTS[serial]) % 11]}"

    async def person(
        self, building_id: int | None, years: tuple[int, int] = figures.BIRTH_YEARS
    ) -> tuple[int, str]:
        """A new person's key and name (the name becomes their account's display name)."""
        female = self.rng.random() < 0.5
        gender = Gender.FEMALE if female else Gender.MALE
        low, high = years
        born = date(self.rng.randint(low, high), self.rng.randint(1, 12), self.rng.randint(1, 28))
        name = self.local.person_name(female)
        key = await self.w.add(
            "people",
            {
                "name": name,
                "gender": gender,
                "phone": self.local.mobile(),
                "id_number": self.id_number(born),
                "building_id": building_id,
                **self.stamps(),
            },
        )
        return key, name

    async def account(self, person: int, name: str, grants: list[GrantRow]) -> int | None:
        if self.accounts is None:
            return None
        return await self.accounts.person(person, name, grants)

    @staticmethod
    def home(member: bool, community: int) -> GrantRow:
        """What living in a community gives: a member's grant, or a resident's."""
        role = AccountRole.PARTY_MEMBER if member else AccountRole.RESIDENT
        return (role, "community_id", community)

    async def role(self, person: int, kind: RoleKind, **scope: object) -> None:
        await self.w.add(
            "person_roles",
            {"person_id": person, "kind": kind, "started_on": self.day(), **scope, **self.stamps()},
        )

    async def organization(
        self, kind: PartyOrganizationKind, name: str, parent: int | None, **node: int
    ) -> int:
        return await self.w.add(
            "party_organizations",
            {"kind": kind, "name": name, "parent_id": parent, **node, **self.stamps()},
        )

    def spread(self, n: int) -> list[float]:
        return [
            self.rng.uniform(1 - figures.SIZE_SPREAD, 1 + figures.SIZE_SPREAD) for _ in range(n)
        ]

    # --- the district ------------------------------------------------------------------

    async def run(
        self,
        on_community: Callable[[], None] = lambda: None,
        loaded: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Write the district; `loaded` runs once the communities are written, before the
        last steps, which read back what was written (the indexes' restore)."""
        scale = self.scale
        district = await self.w.add(
            "districts",
            {"name": figures.DISTRICT_NAME, "code": figures.DISTRICT_CODE, **self.stamps()},
        )
        if self.accounts is not None:
            await self.accounts.district_staff(district)
        await self.streets(district)
        expected = scale.expected()
        n = scale.communities
        self.plan.grids = apportion(scale.grids, self.spread(n), minimum=1)
        self.plan.workers = apportion(expected["community_workers"], self.plan.grids, minimum=1)
        self.plan.part_time = apportion(expected["community_part_time_members"], self.plan.grids)
        self.plan.members = apportion(expected["in_service_party_members"], self.plan.grids)
        self.plan.leader_communities = set(self.rng.sample(range(n), scale.leaders))
        self.plan.cadre_grids = set(self.rng.sample(range(sum(self.plan.grids)), scale.cadres))
        street_of = [
            (street, org)
            for (street, org, _), count in zip(
                self.plan.subdistricts, self.plan.communities_per_subdistrict, strict=True
            )
            for _ in range(count)
        ]
        # Communities first (a few thousand small rows even at scale 100): units sit in
        # them, and every later row may name a unit.
        for index, (street, _) in enumerate(street_of):
            name = self.local.community_name(index)
            key = await self.w.add(
                "communities", {"street_id": street, "name": name, **self.stamps()}
            )
            self.plan.communities.append((key, name))
        await self.units(expected["dual_reporting_units"])
        await self.street_part_time_members(expected["street_part_time_members"])
        await self.services.prepare(district, self.plan.subdistricts)
        await self.projects.prepare()
        await self.incidents.prepare(district)
        self.complaints.prepare(district)
        await self.training.prepare(district, n)
        await self.deliberation.prepare(
            district, [s for s, _, _ in self.plan.subdistricts], [s for s, _ in street_of]
        )
        await self.assessment.prepare(district)

        grid_index = 0
        for index, (street, street_org) in enumerate(street_of):
            await self.community(index, grid_index, street, street_org)
            grid_index += self.plan.grids[index]
            on_community()
        if loaded is not None:
            await self.w.flush()
            await self.w.written()
            await loaded()
        await self.complaints.finish()
        await self.stations.finish(district)
        await self.assessment.finish()

    async def streets(self, district: int) -> None:
        scale = self.scale
        names = [
            (StreetKind.SUBDISTRICT, name)
            for name in self.local.street_names(
                figures.SUBDISTRICT_NAMES, scale.subdistricts, "街道"
            )
        ] + [
            (StreetKind.TOWN, name)
            for name in self.local.street_names(figures.TOWN_NAMES, scale.towns, "镇")
        ]
        for kind, name in names:
            street = await self.w.add(
                "streets", {"district_id": district, "name": name, "kind": kind, **self.stamps()}
            )
            suffix = "党工委" if kind is StreetKind.SUBDISTRICT else "党委"
            org = await self.organization(
                PartyOrganizationKind.STREET_WORKING_COMMITTEE,
                f"{name}{suffix}",
                None,
                street_id=street,
            )
            secretary, secretary_name = await self.person(None)
            await self.role(secretary, RoleKind.PARTY_MEMBER, party_organization_id=org)
            await self.role(secretary, RoleKind.SECRETARY, party_organization_id=org)
            await self.account(
                secretary, secretary_name, [(AccountRole.STREET_ADMIN, "street_id", street)]
            )
            if kind is StreetKind.SUBDISTRICT:
                self.plan.subdistricts.append((street, org, name))
        weights = [
            figures.COMMUNITIES_PER_SUBDISTRICT[i % len(figures.COMMUNITIES_PER_SUBDISTRICT)]
            for i in range(len(self.plan.subdistricts))
        ]
        self.plan.communities_per_subdistrict = apportion(scale.communities, weights)

    async def units(self, total: int) -> None:
        """The dual-reporting units, each sitting in a community (keys fixed up front)."""
        kinds = list(figures.UNIT_KIND_SHARES)
        counts = apportion(total, list(figures.UNIT_KIND_SHARES.values()))
        index_of_kind = dict.fromkeys(kinds, 0)
        for kind_name, count in zip(kinds, counts, strict=True):
            kind = WorkUnitKind[kind_name]
            for _ in range(count):
                community = self.rng.choice(self.plan.communities)[0]
                unit = await self.w.add(
                    "work_units",
                    {
                        "name": self.local.unit_name(kind, index_of_kind[kind_name]),
                        "kind": kind,
                        "community_id": community,
                        "address": f"{self.local.road()}{self.rng.randint(1, 300)}号",
                        "reported_on": self.day(),
                        **self.stamps(),
                    },
                )
                index_of_kind[kind_name] += 1
                self.plan.units.append(Unit(unit, kind, community))
                self.plan.units_by_kind.setdefault(kind, []).append(Unit(unit, kind, community))
                self.plan.units_by_community.setdefault(community, []).append(
                    Unit(unit, kind, community)
                )

    def unit(self, prefer: WorkUnitKind | None = None) -> int:
        pool = self.plan.units_by_kind.get(prefer, []) if prefer else []
        return self.rng.choice(pool or self.plan.units).id

    async def street_part_time_members(self, total: int) -> None:
        per_street = apportion(total, [1.0] * len(self.plan.subdistricts))
        for (street, _, _), count in zip(self.plan.subdistricts, per_street, strict=True):
            for _ in range(count):
                person, _ = await self.person(None)
                await self.role(
                    person,
                    RoleKind.STREET_PART_TIME_MEMBER,
                    street_id=street,
                    work_unit_id=self.unit(),
                )

    async def community(self, index: int, first_grid: int, street: int, street_org: int) -> None:
        community, name = self.plan.communities[index]
        self.stations.enter_community(community, street)
        residents: list[Resident] = []  # people living here, for volunteer services
        committee = await self.organization(
            PartyOrganizationKind.COMMUNITY_PARTY_COMMITTEE,
            f"{name}党委",
            street_org,
            community_id=community,
        )
        buildings: list[tuple[int, int]] = []  # (building, grid organisation)
        estates: set[str] = set()
        for g in range(self.plan.grids[index]):
            estate = self.local.estate_name()
            while estate in estates:
                estate = f"{self.local.estate_name()}{len(estates) + 1}期"
            estates.add(estate)
            buildings += await self.grid(community, committee, estate, first_grid + g, residents)

        workers = self.plan.workers[index]
        first_worker = len(residents)
        secretary: Resident | None = None
        for n in range(workers):
            home = self.rng.choice(buildings)[0]
            worker, worker_name = await self.person(home)
            await self.role(worker, RoleKind.COMMUNITY_WORKER, community_id=community)
            grants: list[GrantRow] = [(AccountRole.COMMUNITY_WORKER, "community_id", community)]
            in_party = n == 0 or self.rng.random() < figures.SHARE_OF_WORKERS_IN_THE_PARTY
            if in_party:
                await self.role(worker, RoleKind.PARTY_MEMBER, party_organization_id=committee)
            if n == 0:  # the secretary also heads the community's workers
                self.stations.community_secretary(community, worker, worker_name)
                await self.role(worker, RoleKind.SECRETARY, party_organization_id=committee)
                grants.insert(0, (AccountRole.COMMUNITY_SECRETARY, "community_id", community))
            user = await self.account(
                worker, worker_name, [*grants, self.home(in_party, community)]
            )
            residents.append(Resident(worker, user, home, in_party))
            if n == 0:
                secretary = residents[-1]
        for _ in range(self.plan.part_time[index]):
            person, _ = await self.person(None)
            await self.role(
                person,
                RoleKind.COMMUNITY_PART_TIME_MEMBER,
                community_id=community,
                work_unit_id=self.unit(),
            )
        if index in self.plan.leader_communities:
            leader, _ = await self.person(None)
            await self.role(leader, RoleKind.DISTRICT_LEADER, community_id=community)
        for _ in range(self.plan.members[index]):
            building, grid_org = self.rng.choice(buildings)
            member, member_name = await self.person(building)
            await self.role(member, RoleKind.PARTY_MEMBER, party_organization_id=grid_org)
            unit = self.unit()
            grants = [self.home(True, community)]
            if unit not in self.liaisons:
                # The unit's first reporting member acts for it in co-building projects.
                self.liaisons.add(unit)
                grants.append((AccountRole.PARTY_MEMBER, "work_unit_id", unit))
            user = await self.account(member, member_name, grants)
            residents.append(Resident(member, user, building, True))
            await self.w.add(
                "member_reports",
                {
                    "person_id": member,
                    "work_unit_id": unit,
                    "home_community_id": community,
                    "reported_on": self.day(),
                    **self.stamps(),
                },
            )
        assert secretary is not None
        # Before the volunteer plans, which name the committee's meetings.
        await self.training.community(
            index,
            community,
            street,
            committee,
            residents[first_worker : first_worker + workers],
            secretary,
        )
        await self.services.community(
            index,
            community,
            name,
            street,
            [building for building, _ in buildings],
            residents,
            secretary,
        )
        await self.projects.community(index, community, name, secretary, residents)
        await self.incidents.community(index, community, secretary, residents)
        await self.complaints.community(
            index, community, [building for building, _ in buildings], residents
        )
        await self.deliberation.community(index, community, street, residents, secretary)
        await self.assessment.community(
            community,
            committee,
            secretary,
            residents,
            self.projects.per_community["breakthrough"][index],
        )

    async def grid(
        self, community: int, committee: int, estate: str, index: int, residents: list[Resident]
    ) -> list[tuple[int, int]]:
        grid = await self.w.add(
            "grids",
            {
                "community_id": community,
                "name": f"{estate}网格",
                **self.stations.grid_point(),
                **self.stamps(),
            },
        )
        self.stations.placed_grid(grid, estate)
        low, high = figures.RESIDENT_PARTY_MEMBERS_PER_GRID
        residents_in_party = self.rng.randint(low, high)
        branch = residents_in_party >= figures.MEMBERS_FOR_A_BRANCH
        org = await self.organization(
            PartyOrganizationKind.GRID_PARTY_BRANCH
            if branch
            else PartyOrganizationKind.GRID_PARTY_GROUP,
            f"{estate}{'党支部' if branch else '党小组'}",
            committee,
            grid_id=grid,
        )
        road = self.local.road()
        number = self.rng.randint(1, 200)
        buildings = []
        for b in range(self.rng.randint(*figures.BUILDINGS_PER_GRID)):
            building = await self.w.add(
                "buildings",
                {
                    "grid_id": grid,
                    "name": f"{b + 1}号楼",
                    "address": f"{road}{number}号{estate}{b + 1}号楼",
                    "household_count": self.rng.randint(*figures.HOUSEHOLDS_PER_BUILDING),
                    **self.stations.building_point(),
                    **self.stamps(),
                },
            )
            self.stations.placed_building(grid, building)
            buildings.append((building, org))
            self.plan.grid_buildings.setdefault(grid, []).append(building)
            if self.rng.random() < figures.SHARE_OF_BUILDINGS_WITH_A_PARTY_GROUP:
                await self.organization(
                    PartyOrganizationKind.BUILDING_PARTY_GROUP,
                    f"{estate}{b + 1}号楼党小组",
                    org,
                    building_id=building,
                )
        for n in range(residents_in_party):
            home = self.rng.choice(buildings)[0]
            member, member_name = await self.person(home)
            await self.role(member, RoleKind.PARTY_MEMBER, party_organization_id=org)
            grants = [self.home(True, community)]
            if n == 0:
                await self.role(member, RoleKind.SECRETARY, party_organization_id=org)
                grants.insert(0, (AccountRole.GRID_LEADER, "grid_id", grid))
            user = await self.account(member, member_name, grants)
            if n == 0:
                self.plan.grid_leaders[grid] = (member, user)
            residents.append(Resident(member, user, home, True))
        if index in self.plan.cadre_grids:
            cadre, _ = await self.person(None)
            await self.role(
                cadre,
                RoleKind.GRID_CADRE,
                grid_id=grid,
                work_unit_id=self.unit(WorkUnitKind.AGENCY),
                post=self.local.cadre_post(),
                duty=self.local.cadre_duty(),
            )
        return buildings


# Reference data the migrations write (the grid-incident catalogue): not the district's
# rows, kept when the district is emptied.
REFERENCE_TABLES = frozenset(
    {
        "departments",
        "incident_categories",
        "consultation_categories",
        "training_base_steps",
        # The stations' and the delivery industry's catalogues (migration 0011).
        "station_services",
        "industry_measures",
        "commissioner_checklist_items",
    }
)


def district_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in REFERENCE_TABLES]


async def holds_data(connection: AsyncConnection) -> bool:
    """Whether any table has a row: the generator assigns keys from 1 and needs them free."""
    for table in district_tables():
        if await connection.scalar(select(literal(1)).select_from(table).limit(1)) is not None:
            return True
    return False


async def empty_database(connection: AsyncConnection) -> None:
    """Remove every row of every table but the reference data (the schema stays)."""
    tables = list(reversed(district_tables()))
    if connection.dialect.name == "postgresql":
        names = ", ".join(table.name for table in tables)
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            await connection.execute(table.delete())


# The cyclic collector's thresholds during the load: the generator allocates millions of
# short-lived rows (dicts, no cycles), and at the default 700 allocations a collection it
# spent about a tenth of its time collecting.
LOAD_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often while the block runs; what was alive before it (modules,
    the schema's metadata) is left out of the collections (`gc.freeze`)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*LOAD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


async def generate(
    engine: AsyncEngine,
    scale: Scale,
    seed: int,
    *,
    reset: bool = False,
    accounts: bool = True,
    as_of: date = figures.REPORT_DAY,
    on_community: Callable[[], None] = lambda: None,
) -> dict[str, int]:
    """Write the district in one transaction (SQLite set for a bulk load meanwhile:
    simulation/generator/bulk_load.py); returns the rows written per table.
    `accounts` adds the development accounts (simulation/generator/accounts.py); the
    history ends on `as_of` (simulation/generator/timeline.py; `grassroots seed` gives
    today)."""
    async with engine.connect() as connection, bulk_load(connection), connection.begin():
        if await holds_data(connection):
            if not reset:
                raise DistrictExistsError("the database already holds data")
            await empty_database(connection)
        # Secondary indexes (and PostgreSQL's foreign keys) are built once the communities
        # are written rather than kept up row by row (simulation/generator/deferred_indexes.py).
        indexes = DeferredIndexes(connection, district_tables())
        await indexes.drop()
        writer = BulkWriter(connection)
        generator = Generator(writer, scale, seed, accounts=accounts, as_of=as_of)
        with fewer_collections():
            await generator.run(on_community, loaded=indexes.restore)
            await writer.finish()
        await indexes.restore()  # a no-op once run() has restored them
        # A volunteer's no-shows are the no-show events of the history written above.
        # One pass over the events, grouped: a count per volunteer looked up in the
        # events (which have no index on the volunteer) grew with volunteers × events.
        await connection.execute(
            text(
                "UPDATE volunteers SET no_shows = shows.n FROM (SELECT volunteer_id,"
                " count(*) AS n FROM service_order_events WHERE no_show"
                " GROUP BY volunteer_id) AS shows WHERE volunteers.id = shows.volunteer_id"
            )
        )
    # Fresh tables have no planner statistics; without them PostgreSQL picks nested
    # loops that turn the roll-up counts from milliseconds into seconds.
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))
    return dict(writer.counts)
