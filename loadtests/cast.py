"""Who plays whom: before the run the runner reads, as the district admin and through the
API, which person holds which role (community secretaries, team leads and their
volunteers, key recipients, unit liaisons), picks the communities where the order chain
is played, and hands Locust the result as a JSON file (GRASSROOTS_LOADTEST_CAST).

The chain only moves when every link of it is played: a resident's order waits for its
community's secretary, a dispatched order for its team's lead. So the load concentrates on
as many communities as there are secretaries among the users, and on as many teams per
community as there are leads; every resident, lead and volunteer is drawn from them.
Complaints are played where companies serve: in as few communities as give the company
users one company each, their key recipients complain about their own building to the
companies serving it, whose staff are cast to handle them.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from loadtests import roles
from simulation.account_names import (
    ADMIN_USERNAME,
    DEVELOPMENT_PASSWORD,
    company_username,
    department_username,
    observer_username,
)
from simulation.ids import key_of
from simulation.scale import INCIDENT_CATEGORY_WEIGHTS, OBSERVERS
from simulation.year.roster import username_of

CAST_ENV = "GRASSROOTS_LOADTEST_CAST"
# The number of Locust processes, so that their users take turns through the cast instead
# of every process starting with its first person.
PROCESSES_ENV = "GRASSROOTS_LOADTEST_PROCESSES"
T = TypeVar("T")

COMMUNITIES = """
query CastCommunities($after: String) {
  communities(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name partyOrganization { secretary { id } } }
  }
}"""
TEAMS = """
query CastTeams($after: String) {
  volunteerTeams(first: 20, after: $after, filter: {level: COMMUNITY}) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id community { id } lead { id person { id } }
      memberships(first: 60) { nodes { leftOn volunteer { id active person { id } } } }
    }
  }
}"""
RECIPIENTS = """
query CastKeyRecipients($after: String) {
  keyRecipients(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { community { id } person { id building { id } } }
  }
}"""
UNITS = """
query CastUnits($after: String) {
  workUnits(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id community { id } memberReports(first: 1) { nodes { person { id } } } }
  }
}"""
COMPANIES = """
query CastCompanies($after: String) {
  propertyCompanies(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id community { id } }
  }
}"""
LOGIN = """
mutation CastLogin($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) { accessToken userErrors { code } }
}"""


class CastError(RuntimeError):
    """The district cannot be cast (no account, or no community with a whole chain)."""


@dataclass(frozen=True)
class Secretary:
    username: str
    community: str
    teams: list[str]  # the played teams it dispatches to


@dataclass(frozen=True)
class Lead:
    username: str
    team: str


@dataclass(frozen=True)
class VolunteerPart:
    username: str
    volunteer: str
    teams: list[str]


@dataclass(frozen=True)
class Resident:
    username: str
    person: str
    community: str
    building: str | None = None  # where they report grid incidents


@dataclass(frozen=True)
class GridLeader:
    username: str
    grid: str
    community: str


@dataclass(frozen=True)
class DepartmentPart:
    username: str
    department: str


@dataclass(frozen=True)
class Liaison:
    username: str
    unit: str


@dataclass(frozen=True)
class Complainant:
    """A resident who complains about their own building to a company serving it."""

    username: str
    person: str
    community: str
    building: str
    companies: list[str]


@dataclass(frozen=True)
class CompanyDesk:
    """A property company's staff account, handling the complaints against it."""

    username: str
    company: str
    community: str


@dataclass
class Cast:
    password: str
    admins: list[str]
    observers: list[str]
    communities: list[str]  # every community, for browsing
    secretaries: list[Secretary] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)
    volunteers: list[VolunteerPart] = field(default_factory=list)
    residents: list[Resident] = field(default_factory=list)
    liaisons: list[Liaison] = field(default_factory=list)
    grid_leaders: list[GridLeader] = field(default_factory=list)
    departments: list[DepartmentPart] = field(default_factory=list)
    complainants: list[Complainant] = field(default_factory=list)
    companies: list[CompanyDesk] = field(default_factory=list)

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Cast:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            password=raw["password"],
            admins=raw["admins"],
            observers=raw["observers"],
            communities=raw["communities"],
            secretaries=[Secretary(**item) for item in raw["secretaries"]],
            leads=[Lead(**item) for item in raw["leads"]],
            volunteers=[VolunteerPart(**item) for item in raw["volunteers"]],
            residents=[Resident(**item) for item in raw["residents"]],
            liaisons=[Liaison(**item) for item in raw["liaisons"]],
            grid_leaders=[GridLeader(**item) for item in raw.get("grid_leaders", [])],
            departments=[DepartmentPart(**item) for item in raw.get("departments", [])],
            complainants=[Complainant(**item) for item in raw.get("complainants", [])],
            companies=[CompanyDesk(**item) for item in raw.get("companies", [])],
        )


@dataclass
class Team:
    id: str
    lead: str
    volunteers: list[tuple[str, str]]  # (username, volunteer id), the lead left out


@dataclass
class Community:
    """One community and everyone who can play its part of the chain."""

    id: str
    secretary: str | None
    teams: list[Team] = field(default_factory=list)
    residents: list[Resident] = field(default_factory=list)

    @property
    def playable(self) -> bool:
        return self.secretary is not None and bool(self.teams) and bool(self.residents)


@dataclass
class District:
    communities: dict[str, Community]
    liaisons: list[Liaison]
    homes: dict[str, str] = field(default_factory=dict)  # person → building
    companies: dict[str, list[str]] = field(default_factory=dict)  # community → companies


class AdminApi:
    """The runner's own GraphQL client, signed in as the district admin."""

    def __init__(self, graphql_url: str, username: str, password: str) -> None:
        self.http = httpx.Client(timeout=60)
        self.url = graphql_url
        self.token = ""
        data = self.query(LOGIN, {"username": username, "password": password})
        token = data["login"]["accessToken"]
        if not token:
            raise CastError(f"cannot log in as {username}: {data['login']['userErrors']}")
        self.token = token

    def query(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.http.post(
            self.url, json={"query": document, "variables": variables}, headers=headers
        )
        response.raise_for_status()
        body = response.json()
        if body.get("errors"):
            raise CastError(f"the cast query failed: {body['errors']}")
        data: dict[str, Any] = body["data"]
        return data

    def nodes(self, document: str) -> Iterator[dict[str, Any]]:
        """Every node of the one connection `document` asks for, page after page."""
        after: str | None = None
        while True:
            connection = next(iter(self.query(document, {"after": after}).values()))
            yield from connection["nodes"]
            if not connection["pageInfo"]["hasNextPage"]:
                return
            after = connection["pageInfo"]["endCursor"]

    def close(self) -> None:
        self.http.close()


def read_district(api: AdminApi) -> District:
    communities: dict[str, Community] = {}
    homes: dict[str, str] = {}
    for node in api.nodes(COMMUNITIES):
        secretary = ((node.get("partyOrganization") or {}).get("secretary") or {}).get("id")
        communities[node["id"]] = Community(
            node["id"], username_of(secretary) if secretary else None
        )
    for node in api.nodes(TEAMS):
        lead = node["lead"]
        home = communities.get((node["community"] or {}).get("id", ""))
        if lead is None or home is None:
            continue
        volunteers = [
            (username_of(m["volunteer"]["person"]["id"]), m["volunteer"]["id"])
            for m in node["memberships"]["nodes"]
            if m["leftOn"] is None
            and m["volunteer"]["active"]
            and m["volunteer"]["id"] != lead["id"]
        ]
        if volunteers:
            home.teams.append(Team(node["id"], username_of(lead["person"]["id"]), volunteers))
    for node in api.nodes(RECIPIENTS):
        person = node["person"]
        home = communities.get(node["community"]["id"])
        if home is not None and person.get("building"):
            home.residents.append(
                Resident(username_of(person["id"]), person["id"], home.id, person["building"]["id"])
            )
            homes[person["id"]] = person["building"]["id"]
    liaisons = [
        Liaison(username_of(node["memberReports"]["nodes"][0]["person"]["id"]), node["id"])
        for node in api.nodes(UNITS)
        if node["memberReports"]["nodes"]
    ]
    companies: dict[str, list[str]] = {}
    for node in api.nodes(COMPANIES):
        if node["community"] is not None:
            companies.setdefault(node["community"]["id"], []).append(node["id"])
    return District(communities, liaisons, homes, companies)


def _round_robin(groups: list[list[T]]) -> list[T]:
    """One from each group in turn, so that the first few cover every group."""
    merged: list[T] = []
    for index in range(max((len(group) for group in groups), default=0)):
        merged.extend(group[index] for group in groups if index < len(group))
    return merged


def choose(
    district: District,
    users: int,
    *,
    admin: str,
    password: str,
    observers: list[str],
    among: Sequence[roles.Role] = roles.ROLES,
) -> Cast:
    """The cast for a run of at most `users` users playing the roles `among` (see the
    module's docstring)."""
    playable = [c for c in district.communities.values() if c.playable]
    if not playable:
        raise CastError("no community has a secretary, a led team and a key recipient")
    playable.sort(key=lambda community: key_of(community.id))
    secretaries = roles.expected_users(roles.SECRETARY, users, among)
    played = playable[: max(1, min(len(playable), round(secretaries)))]
    leads = roles.expected_users(roles.TEAM_LEAD, users, among)
    teams_each = max(1, math.floor(leads / len(played)))
    cast = Cast(
        password=password,
        admins=[admin],
        observers=observers,
        communities=sorted(district.communities, key=key_of),
    )
    teams_by_community: list[list[Team]] = []
    for community in played:
        teams = community.teams[:teams_each]
        teams_by_community.append(teams)
        assert community.secretary is not None
        cast.secretaries.append(
            Secretary(community.secretary, community.id, [team.id for team in teams])
        )
    played_teams = _round_robin(teams_by_community)
    cast.leads = [Lead(team.lead, team.id) for team in played_teams]
    leads_taken = {team.lead for team in played_teams}
    parts: dict[str, VolunteerPart] = {}
    per_team = [[(team.id, *volunteer) for volunteer in team.volunteers] for team in played_teams]
    for team_id, username, volunteer in _round_robin(per_team):
        if username in leads_taken:
            continue  # a lead of another played team plays the lead
        part = parts.setdefault(username, VolunteerPart(username, volunteer, []))
        part.teams.append(team_id)
    cast.volunteers = list(parts.values())
    cast.residents = _round_robin([community.residents for community in played])
    cast.liaisons = district.liaisons
    _cast_complaints(district, users, cast, among)
    return cast


def _cast_complaints(
    district: District, users: int, cast: Cast, among: Sequence[roles.Role]
) -> None:
    """The communities where complaints are played, their companies and complainants."""
    served = sorted(
        (
            community
            for community in district.communities.values()
            if district.companies.get(community.id)
            and any(resident.person in district.homes for resident in community.residents)
        ),
        key=lambda community: key_of(community.id),
    )
    desks = max(1, round(roles.expected_users(roles.COMPANY, users, among)))
    complainants: list[list[Complainant]] = []
    for community in served:
        if len(cast.companies) >= desks:
            break
        companies = district.companies[community.id]
        cast.companies.extend(
            CompanyDesk(company_username(key_of(company)), company, community.id)
            for company in companies
        )
        complainants.append(
            [
                Complainant(
                    resident.username,
                    resident.person,
                    community.id,
                    district.homes[resident.person],
                    companies,
                )
                for resident in community.residents
                if resident.person in district.homes
            ]
        )
    cast.complainants = _round_robin(complainants)


def discover(
    graphql_url: str, users: int, path: Path, among: Sequence[roles.Role] = roles.ROLES
) -> Cast:
    """Read the district through the API, choose the cast for the roles `among` and write
    it to `path`."""
    api = AdminApi(graphql_url, ADMIN_USERNAME, DEVELOPMENT_PASSWORD)
    try:
        district = read_district(api)
    finally:
        api.close()
    observers = [observer_username(number) for number in range(1, OBSERVERS + 1)]
    cast = choose(
        district,
        users,
        admin=ADMIN_USERNAME,
        password=DEVELOPMENT_PASSWORD,
        observers=observers,
        among=among,
    )
    api = AdminApi(graphql_url, ADMIN_USERNAME, DEVELOPMENT_PASSWORD)
    try:
        add_incident_parts(api, cast)
    finally:
        api.close()
    cast.write(path)
    return cast


GRIDS = """
query CastGrids($id: ID!) {
  node(id: $id) {
    ... on Community { grids(first: 50) { nodes { id partyOrganization { secretary { id } } } } }
  }
}"""
DEPARTMENTS = "query CastDepartments { departments { id code } }"
CALLED_DEPARTMENTS = "query CastCatalogue { incidentCategories { code departments { code } } }"


def add_incident_parts(api: AdminApi, cast: Cast) -> None:
    """Grid incidents: the grid leaders of the played communities, and the first staff
    account of every coordinating department, those called most often first (by the
    categories' weights in simulation/scale.py): a short run has a department user or
    two, and they must be the ones the calls name (the property company, in three
    incidents of five, and urban management)."""
    for secretary in cast.secretaries:
        node = api.query(GRIDS, {"id": secretary.community})["node"] or {}
        for grid in (node.get("grids") or {}).get("nodes", []):
            leader = ((grid.get("partyOrganization") or {}).get("secretary") or {}).get("id")
            if leader:
                cast.grid_leaders.append(
                    GridLeader(username_of(leader), grid["id"], secretary.community)
                )
    calls: Counter[str] = Counter()
    for category in api.query(CALLED_DEPARTMENTS, {})["incidentCategories"]:
        for department in category["departments"]:
            calls[department["code"]] += INCIDENT_CATEGORY_WEIGHTS.get(category["code"], 1)
    departments = api.query(DEPARTMENTS, {})["departments"]
    departments.sort(key=lambda d: -calls[d["code"]])  # stable: ties keep the API's order
    cast.departments = [
        DepartmentPart(department_username(d["code"], 1), d["id"]) for d in departments
    ]


def main() -> None:
    """`python -m loadtests.cast URL --users N --output cast.json`, for runs by hand."""
    import argparse

    parser = argparse.ArgumentParser(description="Write the load test's cast file.")
    parser.add_argument("graphql_url", help="e.g. http://127.0.0.1:8000/graphql")
    parser.add_argument("--users", type=int, required=True, help="users at full load")
    parser.add_argument("--output", type=Path, default=Path("cast.json"))
    parser.add_argument("--roles", default="", help="the roles played, comma-separated")
    arguments = parser.parse_args()
    names = [name.strip() for name in arguments.roles.split(",") if name.strip()]
    try:
        among = roles.chosen(names)
    except roles.UnknownRole as error:
        parser.error(str(error))
    cast = discover(arguments.graphql_url, arguments.users, arguments.output, among)
    print(f"{arguments.output}: {len(cast.secretaries)} communities, {len(cast.leads)} teams")


if __name__ == "__main__":
    main()
