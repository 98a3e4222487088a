"""A small volunteer-service scene in the test district: a community with a resident,
its secretary, a team with a lead and volunteers (each with an account), and a team of
another street. Written through the ORM, so tests of the order chain start from known
rows whatever the generator makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    Building,
    Community,
    Gender,
    Grid,
    Person,
    TeamLevel,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

R = AccountRole
ORDER_FIELDS = "id status team { id } claimerName minutes rating"
PAYLOAD = f"serviceOrder {{ {ORDER_FIELDS} }} userErrors {{ field message code }}"


def document(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {PAYLOAD} }} }}"


PLACE = document("placeServiceOrder", "PlaceServiceOrderInput")
DISPATCH = document("dispatchServiceOrder", "DispatchServiceOrderInput")
ACCEPT = document("acceptServiceOrder", "OrderInput")
DECLINE = document("declineServiceOrder", "OrderReasonInput")
CLAIM = document("claimServiceOrder", "OrderInput")
START = document("startService", "OrderInput")
COMPLETE = document("completeService", "CompleteServiceInput")
RATE = document("rateServiceOrder", "RateServiceOrderInput")
CANCEL = document("cancelServiceOrder", "OrderReasonInput")
REASSIGN = document("reassignServiceOrder", "ReassignServiceOrderInput")


@dataclass
class Actor:
    person: int
    user: int
    client: GraphQLClient

    @property
    def person_id(self) -> str:
        return encode("Person", self.person)


@dataclass
class Scene:
    community: int
    team: int
    other_team: int
    resident: Actor
    neighbour: Actor  # another resident of the community
    secretary: Actor
    lead: Actor
    volunteers: list[Actor] = field(default_factory=list)
    outsider_volunteer: Actor | None = None

    @property
    def team_id(self) -> str:
        return encode("VolunteerTeam", self.team)


async def _person(db: Database, building: int | None, name: str) -> int:
    async with db.session() as s:
        person = Person(name=name, gender=Gender.FEMALE, phone="13800001234", building_id=building)
        s.add(person)
        await s.commit()
        return person.id


async def _volunteer(db: Database, person: int, *teams: tuple[int, bool]) -> None:
    async with db.session() as s:
        volunteer = Volunteer(
            person_id=person, skills=["DAILY_CARE"], registered_on=date(2022, 1, 1)
        )
        s.add(volunteer)
        await s.flush()
        for team, lead in teams:
            s.add(
                TeamMembership(
                    team_id=team,
                    volunteer_id=volunteer.id,
                    is_lead=lead,
                    joined_on=date(2022, 1, 1),
                )
            )
        await s.commit()


async def build(db: Database, client: GraphQLClient, volunteers: int = 2) -> Scene:
    async with db.session() as s:
        community, street = (
            await s.execute(select(Community.id, Community.street_id).order_by(Community.id))
        ).first()  # type: ignore[misc]
        other = await s.scalar(
            select(Community.id).where(Community.street_id != street).order_by(Community.id)
        )
        buildings = (
            await s.scalars(
                select(Building.id)
                .join(Grid, Grid.id == Building.grid_id)
                .where(Grid.community_id == community)
                .order_by(Building.id)
                .limit(2)
            )
        ).all()
        other_building = await s.scalar(
            select(Building.id)
            .join(Grid, Grid.id == Building.grid_id)
            .where(Grid.community_id == other)
        )
        team = VolunteerTeam(
            name="场景红心志愿服务队", level=TeamLevel.COMMUNITY, community_id=community,
            categories=["DAILY_CARE"], founded_on=date(2022, 1, 1),
        )  # fmt: skip
        other_team = VolunteerTeam(
            name="场景外街志愿服务队", level=TeamLevel.COMMUNITY, community_id=other,
            categories=["DAILY_CARE"], founded_on=date(2022, 1, 1),
        )  # fmt: skip
        s.add_all([team, other_team])
        await s.commit()
        team_key, other_key = team.id, other_team.id

    async def actor(name: str, building: int | None, *grants: tuple[R, str, int]) -> Actor:
        person = await _person(db, building, name)
        user = await make_user(db, f"scene-{name}", *grants, person_id=person)
        return Actor(person, user, client.as_user(user))

    resident = await actor("居民甲", buildings[0], (R.RESIDENT, "community_id", community))
    neighbour = await actor("居民乙", buildings[-1], (R.RESIDENT, "community_id", community))
    secretary = await actor(
        "书记", buildings[0], (R.COMMUNITY_SECRETARY, "community_id", community)
    )
    lead = await actor(
        "队长",
        buildings[-1],
        (R.TEAM_LEAD, "team_id", team_key),
        (R.VOLUNTEER, "team_id", team_key),
    )
    await _volunteer(db, lead.person, (team_key, True))
    members = []
    for n in range(volunteers):
        member = await actor(f"志愿者{n}", buildings[0], (R.VOLUNTEER, "team_id", team_key))
        await _volunteer(db, member.person, (team_key, False))
        members.append(member)
    outsider = await actor("外队志愿者", other_building, (R.VOLUNTEER, "team_id", other_key))
    await _volunteer(db, outsider.person, (other_key, False))
    return Scene(
        community, team_key, other_key, resident, neighbour, secretary, lead, members, outsider
    )


def window(days: int = 2, hours: int = 2, start_hour: int = 1) -> dict[str, str]:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days, hours=start_hour)
    return {
        "scheduledStart": start.isoformat(),
        "scheduledEnd": (start + timedelta(hours=hours)).isoformat(),
    }


def order_input(recipient: str, **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "recipientId": recipient,
            "category": "DAILY_CARE",
            "title": "陪同就医",
            **window(),
            **extra,
        }
    }


async def step(actor: Actor | GraphQLClient, name: str, doc: str, **fields: Any) -> dict[str, Any]:
    """Run one step of the chain as `actor`; returns its payload (top-level errors fail)."""
    client = actor.client if isinstance(actor, Actor) else actor
    return await client.mutate(name, doc, {"input": fields})


async def accepted_order(scene: Scene, **extra: Any) -> str:
    """An order of the resident, dispatched to the scene's team and accepted by its lead."""
    placed = await scene.resident.client.mutate(
        "placeServiceOrder", PLACE, order_input(scene.resident.person_id, **extra)
    )
    assert placed["userErrors"] == [], placed
    order = placed["serviceOrder"]["id"]
    dispatched = await step(
        scene.secretary, "dispatchServiceOrder", DISPATCH, orderId=order, teamId=scene.team_id
    )
    assert dispatched["userErrors"] == [], dispatched
    accepted = await step(scene.lead, "acceptServiceOrder", ACCEPT, orderId=order)
    assert accepted["userErrors"] == [], accepted
    return str(order)
