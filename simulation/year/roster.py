"""Who is who in a served district, read through the API as the district admin: the
communities with their secretaries, grids and households, the volunteer teams with their
leads and members, key recipients, residents who order for themselves, units and
property companies. The simulated year and the load tests cast their users from it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from simulation.account_names import company_username, person_username
from simulation.ids import key_of
from simulation.year.api import Api

ADMIN = "admin"

COMMUNITIES = """
query RosterCommunities($after: String) {
  communities(first: 4, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name street { id }
      partyOrganization { secretary { id } }
      grids(first: 30) {
        nodes {
          id
          partyOrganization { secretary { id } }
          buildings(first: 20) { nodes { householdCount } }
        }
      }
    }
  }
}"""
TEAMS = """
query RosterTeams($after: String) {
  volunteerTeams(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id level categories community { id } street { id } lead { person { id } }
      memberships(first: 60) { nodes { leftOn volunteer { id active skills person { id } } } }
    }
  }
}"""
RECIPIENTS = """
query RosterKeyRecipients($after: String) {
  keyRecipients(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id needs community { id } person { id building { grid { id } } } }
  }
}"""
MEMBERS = """
query RosterResidents($community: ID!) {
  people(first: 30, filter: {communityId: $community, roleKind: PARTY_MEMBER}) {
    nodes { id building { grid { id } } }
  }
}"""
UNITS = """
query RosterUnits($after: String) {
  workUnits(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name community { id } memberReports(first: 1) { nodes { person { id } } } }
  }
}"""
COMPANIES = """
query RosterCompanies($after: String) {
  propertyCompanies(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name community { id } }
  }
}"""
LOCAL_ITEMS = """
query RosterLocalItems($after: String) {
  localServiceItems(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id community { id } }
  }
}"""


def username_of(person_id: str) -> str:
    """The generated account of a person the API gave the ID of."""
    return person_username(key_of(person_id))


@dataclass(frozen=True)
class Volunteer:
    id: str
    username: str
    skills: tuple[str, ...]


@dataclass
class Team:
    id: str
    level: str
    community_id: str | None
    street_id: str | None
    lead: str | None
    categories: tuple[str, ...]
    volunteers: list[Volunteer] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    """Someone served: a key recipient (key_recipient_id set) or a resident member."""

    person_id: str
    username: str
    grid_id: str | None
    needs: tuple[str, ...] = ()
    key_recipient_id: str | None = None


@dataclass(frozen=True)
class Grid:
    id: str
    households: int
    leader: str | None


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    liaison: str | None


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    username: str


@dataclass
class Community:
    id: str
    name: str
    street_id: str
    secretary: str | None
    secretary_id: str | None
    grids: list[Grid] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    key_recipients: list[Recipient] = field(default_factory=list)
    residents: list[Recipient] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    local_items: list[str] = field(default_factory=list)

    @property
    def households(self) -> int:
        return sum(grid.households for grid in self.grids)


@dataclass
class Roster:
    communities: dict[str, Community]
    teams: list[Team]

    def teams_serving(self, community: Community) -> list[Team]:
        """Its own teams first, then its street's, then the district's (社区派单 order)."""
        street = [
            t for t in self.teams if t.level == "STREET" and t.street_id == community.street_id
        ]
        district = [t for t in self.teams if t.level == "DISTRICT"]
        return [*community.teams, *street, *district]

    @property
    def key_recipients(self) -> int:
        return sum(len(c.key_recipients) for c in self.communities.values())

    @property
    def households(self) -> int:
        return sum(c.households for c in self.communities.values())


async def pages(
    api: Api, document: str, variables: dict[str, Any] | None = None
) -> AsyncIterator[dict[str, Any]]:
    """Every node of the one connection a roster query asks for, page after page."""
    after: str | None = None
    while True:
        data = await api.query(document, {**(variables or {}), "after": after}, user=ADMIN)
        connection = next(iter(data.values()))
        for node in connection["nodes"]:
            yield node
        if not connection["pageInfo"]["hasNextPage"]:
            return
        after = connection["pageInfo"]["endCursor"]


def _secretary(node: dict[str, Any]) -> str | None:
    organization = node.get("partyOrganization") or {}
    secretary = organization.get("secretary")
    return username_of(secretary["id"]) if secretary else None


async def load_roster(api: Api) -> Roster:
    communities: dict[str, Community] = {}
    async for node in pages(api, COMMUNITIES):
        secretary = (node.get("partyOrganization") or {}).get("secretary")
        community = Community(
            node["id"],
            node["name"],
            node["street"]["id"],
            _secretary(node),
            secretary["id"] if secretary else None,
        )
        for grid in node["grids"]["nodes"]:
            households = sum(b["householdCount"] for b in grid["buildings"]["nodes"])
            community.grids.append(Grid(grid["id"], households, _secretary(grid)))
        communities[community.id] = community
    teams: list[Team] = []
    async for node in pages(api, TEAMS):
        lead = node["lead"]
        team = Team(
            node["id"],
            node["level"],
            (node["community"] or {}).get("id"),
            (node["street"] or {}).get("id"),
            username_of(lead["person"]["id"]) if lead else None,
            tuple(node["categories"]),
        )
        for membership in node["memberships"]["nodes"]:
            volunteer = membership["volunteer"]
            if membership["leftOn"] is None and volunteer["active"]:
                username = username_of(volunteer["person"]["id"])
                team.volunteers.append(
                    Volunteer(volunteer["id"], username, tuple(volunteer["skills"]))
                )
        teams.append(team)
        if team.community_id in communities:
            communities[team.community_id].teams.append(team)
    async for node in pages(api, RECIPIENTS):
        person = node["person"]
        building = person.get("building") or {}
        communities[node["community"]["id"]].key_recipients.append(
            Recipient(
                person["id"],
                username_of(person["id"]),
                (building.get("grid") or {}).get("id"),
                tuple(node["needs"]),
                node["id"],
            )
        )
    for community in communities.values():
        data = await api.query(MEMBERS, {"community": community.id}, user=ADMIN)
        for person in data["people"]["nodes"]:
            grid = ((person.get("building") or {}).get("grid") or {}).get("id")
            community.residents.append(Recipient(person["id"], username_of(person["id"]), grid))
    async for node in pages(api, UNITS):
        reports = node["memberReports"]["nodes"]
        liaison = username_of(reports[0]["person"]["id"]) if reports else None
        communities[node["community"]["id"]].units.append(Unit(node["id"], node["name"], liaison))
    async for node in pages(api, COMPANIES):
        company = Company(node["id"], node["name"], company_username(key_of(node["id"])))
        communities[node["community"]["id"]].companies.append(company)
    async for node in pages(api, LOCAL_ITEMS):
        communities[node["community"]["id"]].local_items.append(node["id"])
    return Roster(communities, teams)
