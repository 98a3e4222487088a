"""A small assessment scene on the generated test district: one community with its party
organisation and secretary, a resident and a party member living there, a community in
another street, and the users who act; all in 2031, a year the generator does not use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from db.models import (
    AccountRole,
    Building,
    Community,
    District,
    Gender,
    Grid,
    PartyOrganization,
    Person,
    PersonRole,
    RoleKind,
)
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

R = AccountRole
TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2031
SPRING = datetime(YEAR, 4, 1, 10, 0, tzinfo=TZ)
YEAR_END = datetime(YEAR, 12, 20, 10, 0, tzinfo=TZ)
ERRORS = "userErrors { field code message }"


def doc(name: str, input_type: str, payload: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


@dataclass
class Scene:
    community: int
    street: int
    organization: int
    secretary_person: int
    other_community: int
    resident_person: int
    member_person: int
    admin: int
    street_admin: int
    other_street_admin: int
    secretary: int
    other_secretary: int
    worker: int
    observer: int  # an account with an OBSERVER grant
    resident: int
    member: int
    outside_resident: int


async def _living_in(db: Database, community: int, member: bool, name: str) -> int:
    """A new person living in `community`, a party member or not."""
    async with db.session() as s:
        building = await s.scalar(
            select(Building.id)
            .join(Grid, Grid.id == Building.grid_id)
            .where(Grid.community_id == community)
            .order_by(Building.id)
            .limit(1)
        )
        person = Person(name=name, gender=Gender.FEMALE, building_id=building)
        s.add(person)
        await s.flush()
        if member:
            s.add(
                PersonRole(
                    person_id=person.id, kind=RoleKind.PARTY_MEMBER, started_on=date(2020, 1, 1)
                )
            )
        key = person.id
        await s.commit()
    return key


async def scene_of(db: Database, tag: str = "") -> Scene:
    async with db.session() as s:
        community, street, organization, secretary = (
            await s.execute(
                select(
                    Community.id, Community.street_id, PartyOrganization.id, PersonRole.person_id
                )
                .join(PartyOrganization, PartyOrganization.community_id == Community.id)
                .join(PersonRole, PersonRole.party_organization_id == PartyOrganization.id)
                .where(PersonRole.kind == RoleKind.SECRETARY, PersonRole.ended_on.is_(None))
                .order_by(Community.id)
                .limit(1)
            )
        ).one()
        other_community, other_street = (
            await s.execute(
                select(Community.id, Community.street_id)
                .where(Community.street_id != street)
                .order_by(Community.id)
                .limit(1)
            )
        ).one()
        district = await s.scalar(select(District.id))
    assert district is not None
    resident = await _living_in(db, community, False, f"考核居民{tag}")
    member = await _living_in(db, community, True, f"考核党员{tag}")
    outsider = await _living_in(db, other_community, False, f"考核外居民{tag}")
    on = ("community_id", community)
    return Scene(
        community=community,
        street=street,
        organization=organization,
        secretary_person=secretary,
        other_community=other_community,
        resident_person=resident,
        member_person=member,
        admin=await make_user(db, f"as-admin{tag}", (R.DISTRICT_ADMIN, "district_id", district)),
        street_admin=await make_user(db, f"as-street{tag}", (R.STREET_ADMIN, "street_id", street)),
        other_street_admin=await make_user(
            db, f"as-street-b{tag}", (R.STREET_ADMIN, "street_id", other_street)
        ),
        secretary=await make_user(db, f"as-secretary{tag}", (R.COMMUNITY_SECRETARY, *on)),
        other_secretary=await make_user(
            db, f"as-secretary-b{tag}", (R.COMMUNITY_SECRETARY, "community_id", other_community)
        ),
        worker=await make_user(db, f"as-worker{tag}", (R.COMMUNITY_WORKER, *on)),
        observer=await make_user(db, f"as-observer{tag}", (R.OBSERVER, "district_id", district)),
        resident=await make_user(db, f"as-resident{tag}", (R.RESIDENT, *on), person_id=resident),
        member=await make_user(db, f"as-member{tag}", (R.PARTY_MEMBER, *on), person_id=member),
        outside_resident=await make_user(
            db,
            f"as-outsider{tag}",
            (R.RESIDENT, "community_id", other_community),
            person_id=outsider,
        ),
    )


class Actor:
    """A user whose requests are played at a chosen moment (X-Simulated-Time)."""

    def __init__(self, client: GraphQLClient, user: int) -> None:
        self.client = client.as_user(user)

    async def body(self, at: datetime, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={**await self.client.headers(), "X-Simulated-Time": at.isoformat()},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, at: datetime, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.body(at, query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(self, at: datetime, document: str, **fields: Any) -> dict[str, Any]:
        """The payload of the document's one mutation."""
        (payload,) = (await self.data(at, document, input=fields)).values()
        assert isinstance(payload, dict)
        return payload

    async def ok(self, at: datetime, document: str, **fields: Any) -> dict[str, Any]:
        payload = await self.mutate(at, document, **fields)
        assert payload["userErrors"] == [], payload["userErrors"]
        return payload

    async def refused(self, at: datetime, document: str, **fields: Any) -> tuple[str, str]:
        """The one user error (code, input field) of a refused mutation."""
        payload = await self.mutate(at, document, **fields)
        (error,) = payload["userErrors"]
        return error["code"], error["field"][-1]

    async def forbidden(self, at: datetime, document: str, **fields: Any) -> list[str]:
        body = await self.body(at, document, {"input": fields})
        return [error["extensions"]["code"] for error in body.get("errors") or []]
