"""docs/permissions.md, rendered from the permission table so that it cannot drift."""

from __future__ import annotations

from db.models import AccountRole
from resolvers.domain import TreePath
from resolvers.domains import REGISTRY
from resolvers.rules import GROUPS, PERSONAL_DATA, Read


def _roles(roles: frozenset[AccountRole] | None) -> str:
    if roles is None:
        return "everyone, without a token"
    return GROUPS.get(roles) or ", ".join(sorted(role.value for role in roles))


def _own(roles: frozenset[AccountRole]) -> str:
    return f" ({', '.join(sorted(role.value for role in roles))}: own only)" if roles else ""


def _read(rule: Read) -> str:
    return f"{_roles(rule.roles)}: only {rule.only}" if rule.only else _roles(rule.roles)


def _path(path: TreePath) -> str:
    filled = ", ".join(f"{slot} = {column}" for slot, column in path.slots.items())
    where = path.describe()
    if path.narrower is not None:
        hop = path.narrower
        where += f"; {hop.column} → {hop.target.__name__} within the same community"
    return f"{where} ({filled})" if filled else where


def _table(title: str, header: tuple[str, ...], rows: list[str]) -> list[str]:
    """A domain's section of the document; nothing when it declares no rows."""
    if not rows:
        return []
    head = f"| {' | '.join(header)} |"
    return ["", f"### {title}", "", head, "|" + " --- |" * len(header), *rows]


def render() -> str:
    lines = [
        "# Who may do what (权限表)",
        "",
        "Rendered from the domains' declarations (`resolvers/<domain>/declaration.py`) by"
        " `grassroots export-permissions`; a test fails when it is stale.",
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
    lines += [
        "",
        "## Reading",
        "",
        "Each type sits in the tree where its declared path leads (the foreign keys followed",
        "up, the first that is set); a grant covers it when the grant's node is on that path.",
        "Everyone reads their own account and person, wherever a field names them (a",
        "resident's own complaint names them as its complainant), whatever their roles.",
    ]
    for domain in REGISTRY.domains:
        lines += _table(
            domain.description,
            ("type", "who may read it", "where it sits"),
            [
                f"| `{node.name}` | {_read(node.read)} | {_path(node.path)} |"
                for node in domain.nodes
                if node.read is not None and node.path is not None
            ],
        )
    lines += [
        "",
        "Personal data of a person (phone, ID number, home building) is shown to the person",
        "and to these roles when their grant's scope contains the person's home:"
        f" {_roles(PERSONAL_DATA)}. Everyone else gets it masked (`personalDataMasked`).",
        "Listing people by where they live (`Building.residents`, `people` filtered by",
        "`buildingId` or `communityId`) would tell the same, so outside those scopes it is",
        "FORBIDDEN.",
        "",
        "## Mutations",
    ]
    for domain in REGISTRY.domains:
        lines += _table(
            domain.description,
            ("mutation", "who may run it", "whose scope must cover"),
            [
                f"| `{name}` | {_roles(rule.roles)}{_own(rule.own_only)} | {rule.target} |"
                for name, rule in domain.writes.items()
            ],
        )
    return "\n".join(lines) + "\n"
