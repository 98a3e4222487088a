"""Volunteer teams through the endpoint: each level formed by the admins of that level,
members registered and added once, one lead at a time, archiving only without open
orders."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from db.models import AccountRole, Community, Street, TeamMembership
from resolvers.global_ids import decode, encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import dump
from tests.support.users import make_user
from tests.support.volunteering_scene import accepted_order, build

R = AccountRole
ERRORS = "userErrors { field code message }"
CREATE = f"""mutation($input: CreateVolunteerTeamInput!) {{ createVolunteerTeam(input: $input) {{
  volunteerTeam {{ id name level categories street {{ id }} community {{ id }} }} {ERRORS} }} }}"""
REGISTER = f"""mutation($input: RegisterVolunteerInput!) {{ registerVolunteer(input: $input) {{
  volunteer {{ id name skills availableWeekdays availableFrom availableUntil }} {ERRORS} }} }}"""
ADD = f"""mutation($input: AddTeamMemberInput!) {{ addTeamMember(input: $input) {{
  teamMembership {{ id isLead }} {ERRORS} }} }}"""
LEAD = f"""mutation($input: MembershipInput!) {{ setTeamLead(input: $input) {{
  teamMembership {{ id isLead team {{ lead {{ name }} }} }} {ERRORS} }} }}"""
ARCHIVE = f"""mutation($input: ArchiveVolunteerTeamInput!) {{ archiveVolunteerTeam(input: $input) {{
  volunteerTeam {{ archivedAt }} {ERRORS} }} }}"""


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


async def test_teams_members_leads_and_archiving(seeded: Database, client: GraphQLClient) -> None:
    async with seeded.session() as s:
        row = (
            await s.execute(select(Community.id, Community.street_id).order_by(Community.id))
        ).first()
    assert row is not None
    community, street = row
    secretary = await make_user(
        seeded, "team-secretary", (R.COMMUNITY_SECRETARY, "community_id", community)
    )
    admin_of_street = await make_user(seeded, "team-street", (R.STREET_ADMIN, "street_id", street))
    c, st = encode("Community", community), encode("Street", street)
    # A community secretary forms the community's teams, not the street's.
    before = await dump(seeded)
    codes_street = await client.as_user(secretary).error_codes(
        CREATE, {"input": {"name": "街道队", "level": "STREET", "nodeId": st}}
    )
    assert codes_street == ["FORBIDDEN"] and await dump(seeded) == before
    wider = await client.as_user(admin_of_street).mutate(
        "createVolunteerTeam",
        CREATE,
        {"input": {"name": "街道应急队", "level": "STREET", "nodeId": st}},
    )
    assert (
        wider["volunteerTeam"]["street"]["id"] == st and wider["volunteerTeam"]["community"] is None
    )
    mismatch = await client.as_user(admin_of_street).error_codes(
        CREATE, {"input": {"name": "错层队", "level": "STREET", "nodeId": c}}
    )
    assert mismatch == ["BAD_USER_INPUT"]  # a STREET team names a Street
    created = await client.as_user(secretary).mutate(
        "createVolunteerTeam",
        CREATE,
        {
            "input": {
                "name": "测试红心队",
                "level": "COMMUNITY",
                "nodeId": c,
                "categories": ["ERRANDS", "DAILY_CARE", "ERRANDS"],
            }
        },
    )
    assert codes(created) == [] and created["volunteerTeam"]["categories"] == [
        "DAILY_CARE",
        "ERRANDS",
    ]
    team = created["volunteerTeam"]["id"]
    taken = await client.as_user(secretary).mutate(
        "createVolunteerTeam",
        CREATE,
        {"input": {"name": "测试红心队", "level": "COMMUNITY", "nodeId": c}},
    )
    assert codes(taken) == ["NAME_TAKEN"]
    local = await client.as_user(secretary).mutate(
        "createVolunteerTeam",
        CREATE,
        {"input": {"name": "本地队", "level": "COMMUNITY", "nodeId": c, "categories": ["LOCAL"]}},
    )
    assert codes(local) == ["INVALID"]
    # Two residents register and join; a second join and a bad time are refused.
    scene = await build(seeded, client, volunteers=0)
    people = [scene.resident.person_id, scene.neighbour.person_id]
    not_yet = await client.mutate(
        "addTeamMember", ADD, {"input": {"teamId": team, "personId": people[0]}}
    )
    assert codes(not_yet) == ["NOT_A_VOLUNTEER"]
    bad_time = await client.mutate(
        "registerVolunteer", REGISTER, {"input": {"personId": people[0], "availableFrom": "25:00"}}
    )
    assert codes(bad_time) == ["INVALID"]
    memberships = []
    for person in people:
        registered = await client.mutate(
            "registerVolunteer",
            REGISTER,
            {
                "input": {
                    "personId": person,
                    "skills": ["HEALTH_CARE"],
                    "availableWeekdays": [6, 7, 6],
                    "availableFrom": "09:00",
                    "availableUntil": "17:30",
                }
            },
        )
        assert registered["volunteer"]["availableWeekdays"] == [6, 7]
        assert registered["volunteer"]["availableUntil"] == "17:30"
        added = await client.mutate(
            "addTeamMember", ADD, {"input": {"teamId": team, "personId": person}}
        )
        assert codes(added) == [] and added["teamMembership"]["isLead"] is False
        memberships.append(added["teamMembership"]["id"])
    again = await client.mutate(
        "addTeamMember", ADD, {"input": {"teamId": team, "personId": people[0]}}
    )
    assert codes(again) == ["ALREADY_REGISTERED"]
    # One lead at a time: appointing the second demotes the first.
    first = await client.mutate("setTeamLead", LEAD, {"input": {"membershipId": memberships[0]}})
    assert first["teamMembership"]["team"]["lead"]["name"] == "居民甲"
    second = await client.mutate("setTeamLead", LEAD, {"input": {"membershipId": memberships[1]}})
    assert second["teamMembership"]["team"]["lead"]["name"] == "居民乙"
    async with seeded.session() as s:
        leads = (
            await s.scalars(
                select(TeamMembership.is_lead).where(TeamMembership.team_id == decode(team)[1])
            )
        ).all()
    assert sorted(leads) == [False, True]
    # A team with an open order cannot be archived; the scene's team has one.
    await accepted_order(scene)
    busy = await client.mutate(
        "archiveVolunteerTeam", ARCHIVE, {"input": {"teamId": scene.team_id}}
    )
    assert codes(busy) == ["HAS_LIVE_CHILDREN"]
    done = await client.mutate("archiveVolunteerTeam", ARCHIVE, {"input": {"teamId": team}})
    assert codes(done) == [] and done["volunteerTeam"]["archivedAt"]
    async with seeded.session() as s:
        live = (
            await s.scalars(
                select(TeamMembership.id).where(
                    TeamMembership.team_id == decode(team)[1], TeamMembership.left_on.is_(None)
                )
            )
        ).all()
        assert await s.get(Street, street) is not None
    assert live == []
