"""A small built-in demo district, written straight through the models.

It carries the real names of Shizhong's six subdistricts and five towns and a few
communities under each, with grids, buildings, party organisations, people, roles, work
units and dual reports, so that every field of the API returns real rows. `scale` multiplies
the number of communities (tests use it to compare query costs on larger data).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

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
    return writer.counts


class _DemoWriter:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.counts: dict[str, int] = {}
        self.people = 0

    async def add(self, row: object) -> None:
        self.session.add(row)
        await self.session.flush()
        table = type(row).__tablename__  # type: ignore[attr-defined]
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

    async def role(self, person: Person, kind: RoleKind, **scope: object) -> None:
        await self.add(PersonRole(person_id=person.id, kind=kind, started_on=START, **scope))

    async def write(self, scale: int) -> None:
        district = District(name="市中区", code="370402")
        await self.add(district)
        for index, name in enumerate(SUBDISTRICTS + TOWNS):
            kind = StreetKind.SUBDISTRICT if index < len(SUBDISTRICTS) else StreetKind.TOWN
            street = Street(district_id=district.id, name=name, kind=kind)
            await self.add(street)
            committee = PartyOrganization(
                kind=PartyOrganizationKind.STREET_WORKING_COMMITTEE,
                name=f"{name}党工委",
                street_id=street.id,
            )
            await self.add(committee)
            if kind is StreetKind.SUBDISTRICT:
                for c in range(2 * scale):
                    await self.community(street, committee, index * 2 * scale + c)

    async def community(self, street: Street, committee: PartyOrganization, n: int) -> None:
        word = COMMUNITY_WORDS[n % len(COMMUNITY_WORDS)]
        community = Community(street_id=street.id, name=f"{word}社区{n + 1}")
        await self.add(community)
        party = PartyOrganization(
            kind=PartyOrganizationKind.COMMUNITY_PARTY_COMMITTEE,
            name=f"{community.name}党委",
            parent_id=committee.id,
            community_id=community.id,
        )
        await self.add(party)
        unit = WorkUnit(
            name=f"{community.name}供电所",
            kind=WorkUnitKind.ENTERPRISE,
            community_id=community.id,
            address=f"{street.name}{word}路{n + 1}号",
            reported_on=START,
        )
        await self.add(unit)
        for g in range(2):
            grid = Grid(community_id=community.id, name=f"第{g + 1}网格")
            await self.add(grid)
            branch = PartyOrganization(
                kind=PartyOrganizationKind.GRID_PARTY_BRANCH,
                name=f"{community.name}第{g + 1}网格党支部",
                parent_id=party.id,
                grid_id=grid.id,
            )
            await self.add(branch)
            for b in range(2):
                building = Building(
                    grid_id=grid.id,
                    name=f"{g + 1}号院{b + 1}号楼",
                    address=f"{word}路{n + 1}号{g + 1}号院{b + 1}号楼",
                    household_count=24,
                )
                await self.add(building)
                for r in range(3):
                    resident = self.person(building)
                    await self.add(resident)
                    if r == 0:
                        await self.role(
                            resident, RoleKind.PARTY_MEMBER, party_organization_id=branch.id
                        )
                        if b == 0:
                            await self.add(
                                MemberReport(
                                    person_id=resident.id,
                                    work_unit_id=unit.id,
                                    home_community_id=community.id,
                                    reported_on=START,
                                )
                            )
            cadre = self.person(None)
            await self.add(cadre)
            await self.role(
                cadre,
                RoleKind.GRID_CADRE,
                grid_id=grid.id,
                work_unit_id=unit.id,
                post="网格指导员",
                duty="联系群众、收集民意",
            )
        secretary = self.person(None)
        await self.add(secretary)
        await self.role(secretary, RoleKind.PARTY_MEMBER, party_organization_id=party.id)
        await self.role(secretary, RoleKind.SECRETARY, party_organization_id=party.id)
        await self.role(secretary, RoleKind.COMMUNITY_WORKER, community_id=community.id)
        for _ in range(2):
            worker = self.person(None)
            await self.add(worker)
            await self.role(worker, RoleKind.COMMUNITY_WORKER, community_id=community.id)
