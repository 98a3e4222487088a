"""Personal data (phone, ID number, home building) is shown inside the viewer's scope and
masked outside it, through every path: lists, nested connections and node(id:)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from db.models import AccountRole, Person, User
from resolvers.global_ids import encode
from tests.accounts.test_permissions import Scene, scene_of
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

PERSON = "id name phone idNumber personalDataMasked building { id }"
BY_ID = f"query($id: ID!) {{ node(id: $id) {{ ... on Person {{ {PERSON} }} }} }}"
RESIDENTS = f"""
query($id: ID!) {{
  node(id: $id) {{ ... on Building {{ residents(first: 100) {{ nodes {{ {PERSON} }} }} }} }}
}}
"""


async def stored(db: Database, person_id: int) -> tuple[str, str | None]:
    async with db.session() as session:
        row = (
            await session.execute(
                select(Person.phone, Person.id_number).where(Person.id == person_id)
            )
        ).one()
    assert row.phone is not None
    return row.phone, row.id_number


async def secretary_of_a(db: Database, client: GraphQLClient, scene: Scene) -> GraphQLClient:
    user = await make_user(
        db, "secretary-a", (AccountRole.COMMUNITY_SECRETARY, "community_id", scene.community_a)
    )
    return client.as_user(user)


def shown(person: dict[str, Any], phone: str, id_number: str | None) -> None:
    assert person["personalDataMasked"] is False
    assert person["phone"] == phone
    assert person["idNumber"] == id_number
    assert person["building"] is not None


def masked(person: dict[str, Any], phone: str, id_number: str | None) -> None:
    assert person["personalDataMasked"] is True
    assert person["phone"] == phone[:3] + "****" + phone[-4:]
    if id_number is not None:
        assert person["idNumber"] == "*" * (len(id_number) - 4) + id_number[-4:]
    assert person["building"] is None


async def test_a_secretary_sees_her_community_and_not_another(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    secretary = await secretary_of_a(seeded, client, scene)
    inside = (await secretary.data(BY_ID, {"id": encode("Person", scene.person_a)}))["node"]
    shown(inside, *await stored(seeded, scene.person_a))
    outside = (await secretary.data(BY_ID, {"id": encode("Person", scene.person_b)}))["node"]
    masked(outside, *await stored(seeded, scene.person_b))


async def test_masking_holds_in_lists_and_nested_connections(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    secretary = await secretary_of_a(seeded, client, scene)
    data = await secretary.data(f"{{ people(first: 100) {{ nodes {{ {PERSON} }} }} }}")
    people = data["people"]["nodes"]
    admin_view = {
        p["id"]: p
        for p in (await client.data(f"{{ people(first: 100) {{ nodes {{ {PERSON} }} }} }}"))[
            "people"
        ]["nodes"]
    }
    assert people and all(not p["personalDataMasked"] for p in admin_view.values())
    # Those with a home in community A are shown, everyone else masked.
    in_a = {
        p["id"]
        for p in (
            await client.data(
                "query($c: ID!) { people(first: 100, filter: {communityId: $c}) { nodes { id } } }",
                {"c": encode("Community", scene.community_a)},
            )
        )["people"]["nodes"]
    }
    for person in people:
        assert person["personalDataMasked"] is (person["id"] not in in_a)
        if person["phone"] is not None and person["personalDataMasked"]:
            assert "****" in person["phone"]
            assert person["phone"] != admin_view[person["id"]]["phone"]
    residents = await secretary.data(RESIDENTS, {"id": encode("Building", scene.building_a)})
    assert all(not p["personalDataMasked"] for p in residents["node"]["residents"]["nodes"])


async def test_an_observer_of_a_street_reads_only_its_people_unmasked(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    user = await make_user(
        seeded, "observer-a", (AccountRole.OBSERVER, "street_id", scene.street_a)
    )
    observer = client.as_user(user)
    inside = (await observer.data(BY_ID, {"id": encode("Person", scene.person_a)}))["node"]
    assert inside["personalDataMasked"] is False
    outside = (await observer.data(BY_ID, {"id": encode("Person", scene.person_b)}))["node"]
    assert outside["personalDataMasked"] is True


async def test_a_resident_reads_herself_and_no_one_else(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    async with seeded.engine.begin() as connection:  # the generated account steps aside
        await connection.execute(
            update(User).where(User.person_id == scene.person_a).values(person_id=None)
        )
    user = await make_user(
        seeded,
        "resident-a",
        (AccountRole.RESIDENT, "community_id", scene.community_a),
        person_id=scene.person_a,
    )
    resident = client.as_user(user)
    me = await resident.data(f"{{ viewer {{ username person {{ {PERSON} roles {{ kind }} }} }} }}")
    assert me["viewer"]["username"] == "resident-a"
    shown(me["viewer"]["person"], *await stored(seeded, scene.person_a))
    own = await resident.data(BY_ID, {"id": encode("Person", scene.person_a)})
    assert own["node"]["id"] == encode("Person", scene.person_a)
    assert await resident.error_codes(BY_ID, {"id": encode("Person", scene.person_b)}) == [
        "FORBIDDEN"
    ]
    assert await resident.error_codes("{ people(first: 5) { nodes { id } } }") == ["FORBIDDEN"]


async def test_the_public_sees_the_tree_and_nothing_personal(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    public = client.anonymous()
    tree = await public.data(
        "{ district { name partyMemberCount"
        " streets(first: 20) { nodes { name communityCount } } } }"
    )
    assert tree["district"]["partyMemberCount"] > 0
    assert await public.error_codes(BY_ID, {"id": encode("Person", scene.person_a)}) == [
        "UNAUTHENTICATED"
    ]
    # An unknown person's ID gives the same answer: IDs cannot be probed for existence.
    assert await public.error_codes(BY_ID, {"id": encode("Person", 2_000_000_000)}) == [
        "UNAUTHENTICATED"
    ]
    assert (await public.data("{ viewer { id } }"))["viewer"] is None


async def test_listing_people_by_home_is_limited_to_the_scope(
    seeded: Database, client: GraphQLClient
) -> None:
    """Masking the home building would be moot if people could be listed by building."""
    scene = await scene_of(seeded)
    secretary = await secretary_of_a(seeded, client, scene)
    by_community = "query($c: ID!) { people(filter: {communityId: $c}) { totalCount } }"
    by_building = "query($b: ID!) { people(filter: {buildingId: $b}) { totalCount } }"
    inside = await secretary.data(by_community, {"c": encode("Community", scene.community_a)})
    assert inside["people"]["totalCount"] > 0
    assert await secretary.data(by_building, {"b": encode("Building", scene.building_a)})
    assert await secretary.error_codes(
        by_community, {"c": encode("Community", scene.community_b)}
    ) == ["FORBIDDEN"]
    async with seeded.session() as session:
        building_b = await session.scalar(
            select(Person.building_id).where(Person.id == scene.person_b)
        )
    assert building_b is not None
    assert await secretary.error_codes(by_building, {"b": encode("Building", building_b)}) == [
        "FORBIDDEN"
    ]
    assert await secretary.error_codes(RESIDENTS, {"id": encode("Building", building_b)}) == [
        "FORBIDDEN"
    ]
    # A district admin lists anyone's; the unfiltered list stays open, masked.
    admin = await client.data(by_community, {"c": encode("Community", scene.community_b)})
    assert admin["people"]["totalCount"] > 0
    assert (await secretary.data("{ people(first: 1) { totalCount } }"))["people"]["totalCount"]
