"""A small district of our own for tests that must not depend on the generated one:
two streets, three communities, a building each, residents and one person without a home;
and a volunteer team in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.models import (
    Building,
    Community,
    District,
    Gender,
    Grid,
    Person,
    Street,
    StreetKind,
    TeamLevel,
    VolunteerTeam,
)
from resolvers.global_ids import encode
from tests.support.database import Database

PHONE = "13812345678"
ID_NUMBER = "370402195001011234"


@dataclass
class Area:
    """A small district of our own: communities A and B in one street, C in another,
    one building each, residents in every building and one person without a home."""

    district: int
    streets: list[int]
    communities: list[int]
    buildings: list[int]
    residents: dict[int, list[int]]  # community → people living there
    homeless: int


async def build_area(db: Database, residents: int = 3) -> Area:
    async with db.session() as session:
        district = District(name="测试区", code="T-001")
        session.add(district)
        await session.flush()
        streets = [
            Street(district_id=district.id, name=name, kind=StreetKind.SUBDISTRICT)
            for name in ("中心街", "光明路街")
        ]
        session.add_all(streets)
        await session.flush()
        communities = [
            Community(street_id=streets[index].id, name=name)
            for index, name in ((0, "和平社区"), (0, "振兴社区"), (1, "光明社区"))
        ]
        session.add_all(communities)
        await session.flush()
        grids = [Grid(community_id=c.id, name="第一网格") for c in communities]
        session.add_all(grids)
        await session.flush()
        buildings = [Building(grid_id=g.id, name="1号楼") for g in grids]
        session.add_all(buildings)
        await session.flush()
        people: dict[int, list[Person]] = {}
        for community, building in zip(communities, buildings, strict=True):
            people[community.id] = [
                Person(
                    name=f"{community.name}居民{index}",
                    gender=Gender.FEMALE,
                    phone=PHONE,
                    id_number=ID_NUMBER,
                    building_id=building.id,
                )
                for index in range(residents)
            ]
            session.add_all(people[community.id])
        homeless = Person(name="无家可归", gender=Gender.MALE, phone=PHONE)
        session.add(homeless)
        await session.commit()
        return Area(
            district=district.id,
            streets=[s.id for s in streets],
            communities=[c.id for c in communities],
            buildings=[b.id for b in buildings],
            residents={pk: [p.id for p in found] for pk, found in people.items()},
            homeless=homeless.id,
        )


async def add_team(db: Database, community_id: int, name: str = "和平志愿服务队") -> int:
    async with db.session() as session:
        team = VolunteerTeam(
            name=name,
            level=TeamLevel.COMMUNITY,
            community_id=community_id,
            categories=["DAILY_CARE"],
            founded_on=date(2024, 1, 1),
        )
        session.add(team)
        await session.commit()
        return team.id


def community_id(pk: int) -> str:
    return encode("Community", pk)


def person_id(pk: int) -> str:
    return encode("Person", pk)
