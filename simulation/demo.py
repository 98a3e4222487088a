"""A small built-in demo district, written straight through the models.

It carries the real names of Shizhong's six subdistricts and five towns and a few
communities under each, with grids, buildings, party organisations, people, roles, work
units and dual reports, so that every field of the API returns real rows. `scale` multiplies
the number of communities (tests use it to compare query costs on larger data).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import (
    Building,
    Community,
    District,
    Gender,
    Grid,
    MemberReport,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PersonRole,
    RoleKind,
    Street,
    StreetKind,
    WorkUnit,
    WorkUnitKind,
)

SUBDISTRICTS = ("中心街街道", "垎塔埠街道", "矿区街道", "文化路街道", "龙山路街道", "光明路街道")
TOWNS = ("税郭镇", "孟庄镇", "齐村镇", "永安镇", "西王庄镇")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "霞", "平", "刚")
COMMUNITY_WORDS = ("和平", "振兴", "光明", "新华", "青檀", "建设", "幸福", "文化", "龙山", "东湖")
START = date(2022, 1, 1)


class DistrictExistsError(RuntimeError):
    """The database already holds a district; seeding again needs a reset."""


async def load_demo(session: AsyncSession, *, scale: int = 1) -> dict[str, int]:
    """Write the demo district in one transaction; returns the row count per table."""
    if await session.scalar(select(func.count()).select_from(District)):
        raise DistrictExistsError("the database already holds a district")
    writer = _DemoWriter(session)
    await writer.write(scale)
    await session.commit()
    # Fresh tables have no planner statistics; without them PostgreSQL picks nested
    # loops that turn the roll-up counts from milliseconds into seconds.
    await session.execute(text("ANALYZE"))
    await session.commit()
    return writer.counts


class _DemoWriter:
    """Writes the district level by level, one flush (a few batched INSERTs) per level."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.counts: dict[str, int] = {}
        self.people = 0

    async def add(self, rows: Sequence[Base]) -> None:
        self.session.add_all(rows)
        await self.session.flush()
        for row in rows:
            table = row.__tablename__
            self.counts[table] = self.counts.get(table, 0) + 1

    def person(self, building: Building | None) -> Person:
        n = self.people = self.people + 1
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]
        return Person(
            name=name + ("" if n % 3 else GIVEN[n % len(GIVEN)]),
            gender=Gender.FEMALE if n % 2 else Gender.MALE,
            phone=f"139{n:08d}",
            building_id=building.id if building else None,
        )

    async def write(self, scale: int) -> None:
        district = District(name="市中区", code="370402")
        await self.add([district])
        names = SUBDISTRICTS + TOWNS
        streets = [
            Street(
                district_id=district.id,
                name=name,
                kind=StreetKind.SUBDISTRICT if name in SUBDISTRICTS else StreetKind.TOWN,
            )
            for name in names
        ]
        await self.add(streets)
        street_orgs = [
            PartyOrganization(
                kind=PartyOrganizationKind.STREET_WORKING_COMMITTEE,
                name=f"{street.name}党工委",
                street_id=street.id,
            )
            for street in streets
        ]
        await self.add(street_orgs)

        communities: list[tuple[Street, PartyOrganization, Community]] = []
        for street, committee in zip(streets, street_orgs, strict=True):
            if street.kind is StreetKind.TOWN:
                continue  # the towns' communities are rural: not part of the demo
            for _ in range(2 * scale):
                n = len(communities)
                word = COMMUNITY_WORDS[n % len(COMMUNITY_WORDS)]
                communities.append(
                    (street, committee, Community(street_id=street.id, name=f"{word}社区{n + 1}"))
                )
        await self.add([c for _, _, c in communities])
        committees = [
            PartyOrganization(
                kind=PartyOrganizationKind.COMMUNITY_PARTY_COMMITTEE,
                name=f"{community.name}党委",
                parent_id=street_org.id,
                community_id=community.id,
            )
            for _, street_org, community in communities
        ]
        units = [
            WorkUnit(
                name=f"{community.name}供电所",
                kind=WorkUnitKind.ENTERPRISE,
                community_id=community.id,
                address=f"{street.name}{community.name[:2]}路{n + 1}号",
                reported_on=START,
            )
            for n, (street, _, community) in enumerate(communities)
        ]
        await self.add([*committees, *units])

        grids = [
            (c, Grid(community_id=community.id, name=f"第{g + 1}网格"))
            for c, (_, _, community) in enumerate(communities)
            for g in range(2)
        ]
        await self.add([grid for _, grid in grids])
        branches = [
            PartyOrganization(
                kind=PartyOrganizationKind.GRID_PARTY_BRANCH,
                name=f"{communities[c][2].name}{grid.name}党支部",
                parent_id=committees[c].id,
                grid_id=grid.id,
            )
            for c, grid in grids
        ]
        await self.add(branches)
        buildings = [
            (
                g,
                Building(
                    grid_id=grid.id,
                    name=f"{b + 1}号楼",
                    address=f"{communities[c][2].name}{grid.name}{b + 1}号楼",
                    household_count=24,
                ),
            )
            for g, (c, grid) in enumerate(grids)
            for b in range(2)
        ]
        await self.add([building for _, building in buildings])

        residents = [
            (g, b, r, self.person(building))
            for b, (g, building) in enumerate(buildings)
            for r in range(3)
        ]
        cadres = [self.person(None) for _ in grids]
        staff = [[self.person(None) for _ in range(3)] for _ in communities]
        await self.add([p for *_, p in residents] + cadres + [p for team in staff for p in team])

        roles: list[Base] = []
        for g, b, r, person in residents:
            if r:
                continue
            roles.append(
                self.role(person, RoleKind.PARTY_MEMBER, party_organization_id=branches[g].id)
            )
            c = grids[g][0]
            if b % 2 == 0:
                roles.append(
                    MemberReport(
                        person_id=person.id,
                        work_unit_id=units[c].id,
                        home_community_id=communities[c][2].id,
                        reported_on=START,
                    )
                )
        for (c, grid), cadre in zip(grids, cadres, strict=True):
            roles.append(
                self.role(
                    cadre,
                    RoleKind.GRID_CADRE,
                    grid_id=grid.id,
                    work_unit_id=units[c].id,
                    post="网格指导员",
                    duty="联系群众、收集民意",
                )
            )
        for c, (secretary, *workers) in enumerate(staff):
            committee = committees[c]
            community = communities[c][2]
            roles += [
                self.role(secretary, RoleKind.PARTY_MEMBER, party_organization_id=committee.id),
                self.role(secretary, RoleKind.SECRETARY, party_organization_id=committee.id),
                *(
                    self.role(person, RoleKind.COMMUNITY_WORKER, community_id=community.id)
                    for person in (secretary, *workers)
                ),
            ]
        await self.add(roles)

    @staticmethod
    def role(person: Person, kind: RoleKind, **scope: object) -> PersonRole:
        return PersonRole(person_id=person.id, kind=kind, started_on=START, **scope)
