"""A small deliberation scene on the generated test district: two communities in two
streets, people of community A, and the users who run or take part in consultations and
joint meetings. Requests are played on the simulated clock in 2031, a year the generator
does not use."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import AccountRole, Building, Community, District, Gender, Grid, Person
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient, graphql_client
from tests.support.users import make_user

R = AccountRole
TZ = ZoneInfo("Asia/Shanghai")
ERRORS = "userErrors { field code message }"
Json = dict[str, Any]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def doc(name: str, input_type: str, payload: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


@dataclass
class Scene:
    district: int
    street_a: int
    community_a: int
    grid_a: int
    building_a: int
    street_b: int
    community_b: int
    resident_person: int
    neighbour_person: int
    # users
    resident: int
    neighbour: int
    worker: int
    secretary: int
    street_admin: int
    district_admin: int
    secretary_b: int
    street_admin_b: int

    def id(self, type_name: str, key: int) -> str:
        return encode(type_name, key)


async def scene_of(db: Database, tag: str = "") -> Scene:
    async with db.session() as s:
        district = await s.scalar(select(District.id))
        community_a, street_a, grid_a, building_a = (
            await s.execute(
                select(Community.id, Community.street_id, Grid.id, Building.id)
                .join(Grid, Grid.community_id == Community.id)
                .join(Building, Building.grid_id == Grid.id)
                .order_by(Community.id, Grid.id, Building.id)
                .limit(1)
            )
        ).one()
        community_b, street_b = (
            await s.execute(
                select(Community.id, Community.street_id)
                .where(Community.street_id != street_a)
                .order_by(Community.id)
                .limit(1)
            )
        ).one()
        people = [
            Person(name=f"议事居民{tag}", gender=Gender.FEMALE, building_id=building_a),
            Person(name=f"议事邻居{tag}", gender=Gender.MALE, building_id=building_a),
        ]
        s.add_all(people)
        await s.flush()
        resident_person, neighbour_person = people[0].id, people[1].id
        await s.commit()
    assert district is not None
    on_a = ("community_id", community_a)
    return Scene(
        district=district,
        street_a=street_a,
        community_a=community_a,
        grid_a=grid_a,
        building_a=building_a,
        street_b=street_b,
        community_b=community_b,
        resident_person=resident_person,
        neighbour_person=neighbour_person,
        resident=await make_user(
            db, f"dl-resident{tag}", (R.RESIDENT, *on_a), person_id=resident_person
        ),
        neighbour=await make_user(
            db, f"dl-neighbour{tag}", (R.PARTY_MEMBER, *on_a), person_id=neighbour_person
        ),
        worker=await make_user(db, f"dl-worker{tag}", (R.COMMUNITY_WORKER, *on_a)),
        secretary=await make_user(db, f"dl-secretary{tag}", (R.COMMUNITY_SECRETARY, *on_a)),
        street_admin=await make_user(
            db, f"dl-street{tag}", (R.STREET_ADMIN, "street_id", street_a)
        ),
        district_admin=await make_user(
            db, f"dl-district{tag}", (R.DISTRICT_ADMIN, "district_id", district)
        ),
        secretary_b=await make_user(
            db, f"dl-secretary-b{tag}", (R.COMMUNITY_SECRETARY, "community_id", community_b)
        ),
        street_admin_b=await make_user(
            db, f"dl-street-b{tag}", (R.STREET_ADMIN, "street_id", street_b)
        ),
    )


class Player:
    """A viewer whose requests are played at a chosen moment (X-Simulated-Time)."""

    def __init__(self, client: GraphQLClient, user: int | None) -> None:
        self.client = client.as_user(user) if user is not None else client.anonymous()

    async def body(self, when: datetime, query: str, variables: Json | None = None) -> Json:
        response = await self.client.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={**await self.client.headers(), "X-Simulated-Time": when.isoformat()},
        )
        assert response.status_code == 200, response.text
        body: Json = response.json()
        return body

    async def data(self, when: datetime, query: str, variables: Json | None = None) -> Json:
        body = await self.body(when, query, variables)
        assert "errors" not in body, body["errors"]
        data: Json = body["data"]
        return data

    async def ok(self, when: datetime, name: str, document: str, **fields: Any) -> Json:
        """Run a mutation that must succeed; its payload."""
        payload: Json = (await self.data(when, document, {"input": fields}))[name]
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    async def refused(self, when: datetime, name: str, document: str, **fields: Any) -> list[str]:
        """Run a mutation that must fail: its user-error codes, or its top-level codes."""
        body = await self.body(when, document, {"input": fields})
        if body.get("errors"):
            return [error["extensions"]["code"] for error in body["errors"]]
        codes = [error["code"] for error in body["data"][name]["userErrors"]]
        assert codes, body
        return codes


@asynccontextmanager
async def clocked_client(db: Database) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(db, simulated_clock=True) as client:
        yield client
