"""Who may do what (权限表): the one table every read and write is checked against.

Reads are ruled per GraphQL type: public types (the tree's names and counts) are open to
everyone; the others need a role from their rule, and personal data is masked unless a
grant's scope covers the person. Writes are ruled per mutation: a role from the rule,
whose scope covers the mutation's target (the `target` column says which object that is).
A test runs every role against every query and mutation from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.base import Base
from db.models import AccountRole as R
from db.models import Person, User
from resolvers.accounts.places import Place, covers, place_of
from resolvers.accounts.viewer import Viewer
from resolvers.context import Context
from resolvers.errors import ForbiddenError, UnauthenticatedError

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


@dataclass(frozen=True)
class Read:
    """Who may read objects of a type; None means everyone, signed in or not."""

    roles: frozenset[R] | None


PUBLIC = Read(None)

READS: dict[str, Read] = {
    "District": PUBLIC,
    "Street": PUBLIC,
    "Community": PUBLIC,
    "Grid": PUBLIC,
    "Building": PUBLIC,
    "PartyOrganization": PUBLIC,
    "Person": Read(STAFF),
    "PersonRole": Read(STAFF),
    "MemberReport": Read(STAFF),
    "WorkUnit": Read(EVERY_ROLE),
    "User": Read(frozenset({R.DISTRICT_ADMIN})),
    "AuditEntry": Read(frozenset({R.DISTRICT_ADMIN})),
}
# Grants of these roles reveal the personal data (phone, ID number, home address) of the
# people inside their scope; everyone sees their own.
PERSONAL_DATA = STAFF


@dataclass(frozen=True)
class Write:
    """Who may run a mutation, and which object their grant's scope must cover."""

    roles: frozenset[R] | None
    target: str


WRITES: dict[str, Write] = {
    "login": Write(None, "none: anyone may try to log in"),
    "refreshSession": Write(None, "none: the refresh token is the credential"),
    "logout": Write(None, "none: the refresh token is the credential"),
    "createStreet": Write(frozenset({R.DISTRICT_ADMIN}), "the district"),
    "createCommunity": Write(ADMINS, "the street"),
    "createGrid": Write(TREE_EDITORS, "the community"),
    "createBuilding": Write(COMMUNITY_STAFF, "the grid"),
    "renameNode": Write(TREE_EDITORS, "the node's parent"),
    "moveNode": Write(TREE_EDITORS, "the node's parent and the new parent"),
    "archiveNode": Write(TREE_EDITORS, "the node's parent"),
    "createPartyOrganization": Write(TREE_EDITORS, "the node it is attached to"),
    "appointSecretary": Write(TREE_EDITORS, "the parent of the organisation's node"),
    "createPerson": Write(REGISTRARS, "the home building (the district when none)"),
    "assignRole": Write(TREE_EDITORS, "the node or organisation the role is bound to"),
    "endRole": Write(TREE_EDITORS, "the node or organisation the role is bound to"),
    "registerWorkUnit": Write(COMMUNITY_STAFF, "the community the unit reports to"),
    "registerMemberReport": Write(COMMUNITY_STAFF, "the member's home community"),
}


def _signed_in(viewer: Viewer) -> None:
    if not viewer.authenticated:
        raise UnauthenticatedError("log in first: this needs an access token")


def owns(viewer: Viewer, row: object) -> bool:
    """Whether `row` is the viewer's own account or person: everyone reads their own."""
    if isinstance(row, User):
        return row.id == viewer.user_id
    if isinstance(row, Person):
        return row.id == viewer.person_id
    return False


def can_read(viewer: Viewer, type_name: str) -> bool:
    rule = READS[type_name]
    return rule.roles is None or bool(viewer.grants_of(rule.roles))


def require_read(viewer: Viewer, type_name: str) -> None:
    """UNAUTHENTICATED or FORBIDDEN unless `viewer` may read objects of `type_name`."""
    rule = READS[type_name]
    if rule.roles is None:
        return
    _signed_in(viewer)
    if not viewer.grants_of(rule.roles):
        raise ForbiddenError(f"your roles do not allow reading {type_name} data")


def require_role(viewer: Viewer, operation: str) -> None:
    """The check before any work: signed in, with a role the operation allows anywhere."""
    rule = WRITES[operation]
    if rule.roles is None:
        return
    _signed_in(viewer)
    if not viewer.grants_of(rule.roles):
        raise ForbiddenError(f"your roles do not allow {operation}")


def require_scope(viewer: Viewer, operation: str, *places: Place) -> None:
    """FORBIDDEN unless one grant of an allowed role covers every place."""
    rule = WRITES[operation]
    if rule.roles is None:
        return
    require_role(viewer, operation)
    grants = viewer.grants_of(rule.roles)
    for place in places:
        if not any(covers(grant, place) for grant in grants):
            raise ForbiddenError(f"{operation} is outside the scope of your roles here")


def shows_personal_data(viewer: Viewer, place: Place) -> bool:
    """Whether a grant shows the personal data of people living at `place`."""
    return any(covers(grant, place) for grant in viewer.grants_of(PERSONAL_DATA))


def require_personal_scope(viewer: Viewer, place: Place) -> None:
    """Listing people by where they live tells their home address: only inside a scope
    that shows personal data (FORBIDDEN elsewhere; the unfiltered list masks instead)."""
    if not shows_personal_data(viewer, place):
        raise ForbiddenError(
            "listing people by where they live is limited to the scope of your roles"
        )


async def authorize(ctx: Context, operation: str, *targets: Base | None) -> None:
    """FORBIDDEN unless the viewer may run `operation` on every one of `targets`."""
    require_role(ctx.viewer, operation)
    places = [await place_of(ctx, target) for target in targets]
    require_scope(ctx.viewer, operation, *places)
