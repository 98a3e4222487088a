"""A small complaint scene on the generated test district, and a client that plays each
request at a chosen moment (the simulated clock)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from db.models import AccountRole, Building, District, Gender, Grid, Person, PropertyCompany
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient, graphql_client
from tests.support.users import make_user

R = AccountRole
ERRORS = "userErrors { field code message }"
COMPLAINT = (
    "complaint { id status level dueAt timeLeftSeconds breached pausedSeconds escalation"
    " reopenCount events { action fromStatus toStatus reason dueAt level escalation } }"
)


def doc(name: str, input_type: str, payload: str = COMPLAINT) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


@dataclass
class Scene:
    community: int
    company: int
    other_company: int
    building: int
    resident_person: int
    resident: int  # users
    company_user: int
    worker: int
    admin: int


async def scene_of(db: Database, tag: str = "") -> Scene:
    """Two companies serving one community, a building and a resident of it, and users:
    the resident, company staff, a community worker and a district admin."""
    async with db.session() as s:
        community, building = (
            await s.execute(
                select(Grid.community_id, Building.id)
                .join(Grid, Grid.id == Building.grid_id)
                .order_by(Building.id)
                .limit(1)
            )
        ).one()
        resident = Person(name=f"投诉人{tag}", gender=Gender.FEMALE, building_id=building)
        s.add(resident)
        companies = [
            PropertyCompany(name=f"投诉测试物业甲{tag}", community_id=community),
            PropertyCompany(name=f"投诉测试物业乙{tag}", community_id=community),
        ]
        s.add_all(companies)
        await s.flush()
        district_id = await s.scalar(select(District.id))
        company, other, person = companies[0].id, companies[1].id, resident.id
        await s.commit()
    assert district_id is not None
    return Scene(
        community=community,
        company=company,
        other_company=other,
        building=building,
        resident_person=person,
        resident=await make_user(
            db, f"cmp-complainant{tag}", (R.RESIDENT, "community_id", community), person_id=person
        ),
        company_user=await make_user(
            db, f"cmp-company{tag}", (R.PROPERTY_COMPANY, "property_company_id", company)
        ),
        worker=await make_user(
            db, f"cmp-worker{tag}", (R.COMMUNITY_WORKER, "community_id", community)
        ),
        admin=await make_user(
            db, f"cmp-admin{tag}", (R.DISTRICT_ADMIN, "district_id", district_id)
        ),
    )


class Clocked:
    """A viewer whose requests are played at `at` (X-Simulated-Time)."""

    def __init__(self, client: GraphQLClient, user: int) -> None:
        self.client = client.as_user(user)

    async def post(self, at: datetime, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={**await self.client.headers(), "X-Simulated-Time": at.isoformat()},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(self, at: datetime, name: str, document: str, **fields: Any) -> Any:
        return (await self.post(at, document, {"input": fields}))[name]


@asynccontextmanager
async def clocked_client(db: Database) -> AsyncIterator[GraphQLClient]:
    async with graphql_client(db, simulated_clock=True) as client:
        yield client


def ids(scene: Scene) -> dict[str, str]:
    return {
        "company": encode("PropertyCompany", scene.company),
        "other": encode("PropertyCompany", scene.other_company),
        "building": encode("Building", scene.building),
        "community": encode("Community", scene.community),
    }


FILE = doc("fileComplaint", "FileComplaintInput")


async def file_general(resident: Clocked, scene: Scene, at: datetime, title: str) -> Any:
    """A general complaint about the scene's building against its first company, filed by
    `resident` at `at`: the mutation's payload."""
    key = ids(scene)
    return await resident.mutate(
        at,
        "fileComplaint",
        FILE,
        propertyCompanyId=key["company"],
        buildingId=key["building"],
        level="GENERAL",
        title=title,
    )
