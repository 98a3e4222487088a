"""docs/permissions.md, rendered from the permission table so that it cannot drift."""

from __future__ import annotations

from db.models import AccountRole
from resolvers import permissions as p

GROUPS = {
    p.STAFF: "staff",
    p.ADMINS: "admins",
    p.TREE_EDITORS: "tree editors",
    p.COMMUNITY_STAFF: "community staff",
    p.REGISTRARS: "registrars",
    p.ORDERERS: "orderers",
    p.TEAM_ROLES: "team roles",
    p.VOLUNTEER_READERS: "staff and teams",
    p.EVERY_ROLE: "every role",
}


def _roles(roles: frozenset[AccountRole] | None) -> str:
    if roles is None:
        return "everyone, without a token"
    return GROUPS.get(roles) or ", ".join(sorted(role.value for role in roles))


def _own(roles: frozenset[AccountRole]) -> str:
    return f" ({', '.join(sorted(role.value for role in roles))}: own only)" if roles else ""


def render() -> str:
    lines = [
        "# Who may do what (权限表)",
        "",
        "Rendered from `resolvers/permissions.py` by `grassroots export-permissions`;"
        " a test fails when it is stale.",
        "",
        "A role counts only inside the scope of its grant: the district covers everything,",
        "a street its communities, grids and buildings, a community its grids and buildings,",
        "a grid its buildings, a work unit, volunteer team or property company itself (and",
        "a team or company also what it is assigned or owns: a team's orders, a company's",
        "projects). Roles marked *own only* act only on what is their own — their order,",
        "their profile, their claimed service, their project — wherever it is.",
        "",
        "| group | roles |",
        "| --- | --- |",
    ]
    lines += [
        f"| {name} | {', '.join(sorted(role.value for role in roles))} |"
        for roles, name in GROUPS.items()
    ]
    lines += ["", "## Reading", "", "| type | who may read it |", "| --- | --- |"]
    lines += [f"| `{name}` | {_roles(rule.roles)} |" for name, rule in p.READS.items()]
    lines += [
        "",
        "Personal data of a person (phone, ID number, home building) is shown to the person",
        "and to these roles when their grant's scope contains the person's home:"
        f" {_roles(p.PERSONAL_DATA)}. Everyone else gets it masked (`personalDataMasked`).",
        "Listing people by where they live (`Building.residents`, `people` filtered by",
        "`buildingId` or `communityId`) would tell the same, so outside those scopes it is",
        "FORBIDDEN.",
        "",
        "## Mutations",
        "",
        "| mutation | who may run it | whose scope must cover |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| `{name}` | {_roles(rule.roles)}{_own(rule.own_only)} | {rule.target} |"
        for name, rule in p.WRITES.items()
    ]
    return "\n".join(lines) + "\n"
