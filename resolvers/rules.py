"""The vocabulary of the permission table (权限表): groups of roles, and the read and write
rules that every domain's declaration is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement

from db.models import AccountRole as R
from resolvers.accounts.viewer import Viewer

EVERY_ROLE = frozenset(R)
# Staff read the people of the whole district by name and role; an observer (观察员)
# reads everything in scope and writes nothing.
STAFF = frozenset(
    {
        R.DISTRICT_ADMIN,
        R.STREET_ADMIN,
        R.COMMUNITY_SECRETARY,
        R.COMMUNITY_WORKER,
        R.GRID_LEADER,
        R.OBSERVER,
    }
)
ADMINS = frozenset({R.DISTRICT_ADMIN, R.STREET_ADMIN})
TREE_EDITORS = ADMINS | {R.COMMUNITY_SECRETARY}
COMMUNITY_STAFF = TREE_EDITORS | {R.COMMUNITY_WORKER}
REGISTRARS = COMMUNITY_STAFF | {R.GRID_LEADER}
# Residents (and members, who are residents too) order services and rate them.
ORDERERS = REGISTRARS | {R.RESIDENT, R.PARTY_MEMBER}
# Volunteers and team leads do the service; a team's people read its work.
TEAM_ROLES = frozenset({R.VOLUNTEER, R.TEAM_LEAD})
VOLUNTEER_READERS = STAFF | TEAM_ROLES
# Who runs a project besides the community's staff: the owning member or unit (a member
# bound to the unit) and the owning property company.
PROJECT_OWNERS = frozenset({R.PARTY_MEMBER, R.PROPERTY_COMPANY})
# Roles that act only on what is their own (their order, their profile, their project):
# the resolver says what is theirs, wherever it is.
SELF_SERVICE = frozenset({R.RESIDENT, R.PARTY_MEMBER, R.VOLUNTEER})
# Grants of these roles reveal the personal data (phone, ID number, home address) of the
# people inside their scope; everyone sees their own.
PERSONAL_DATA = STAFF

# The groups by name, for the rendered table (docs/permissions.md).
GROUPS: dict[frozenset[R], str] = {
    STAFF: "staff",
    ADMINS: "admins",
    TREE_EDITORS: "tree editors",
    COMMUNITY_STAFF: "community staff",
    REGISTRARS: "registrars",
    ORDERERS: "orderers",
    TEAM_ROLES: "team roles",
    VOLUNTEER_READERS: "staff and teams",
    EVERY_ROLE: "every role",
}


# The rows of a type a viewer may see, as a SQL condition on its model.
RowRule = Callable[[Viewer], ColumnElement[bool]]


@dataclass(frozen=True)
class Read:
    """Who may read objects of a type; None means everyone, signed in or not. With
    `rows`, only the rows that condition admits, on every route (`node(id:)` included);
    `only` says which in words."""

    roles: frozenset[R] | None
    rows: RowRule | None = None
    only: str = ""


PUBLIC = Read(None)


@dataclass(frozen=True)
class Write:
    """Who may run a mutation, and which object their grant's scope must cover. Roles in
    `own_only` run it only on what is their own (the target says what that is)."""

    roles: frozenset[R] | None
    target: str
    own_only: frozenset[R] = frozenset()
