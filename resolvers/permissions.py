"""Who may do what (权限表): the one table every read and write is checked against,
assembled from the domains' declarations.

Reads are ruled per GraphQL type: public types (the tree's names and counts) are open to
everyone; the others need a role from their rule, and personal data is masked unless a
grant's scope covers the person. Writes are ruled per mutation: a role from the rule,
whose scope covers the mutation's target (the `target` column says which object that is).
A test runs every role against every query and mutation from this table.
"""

from __future__ import annotations

from db.base import Base
from db.models import Person, User
from resolvers.accounts.places import Place, covers, place_of
from resolvers.accounts.viewer import Viewer
from resolvers.context import Context
from resolvers.domains import REGISTRY
from resolvers.errors import ForbiddenError, UnauthenticatedError
from resolvers.rules import PERSONAL_DATA, Read, Write

# Assembled from the domains' declarations (resolvers/<domain>/declaration.py).
READS: dict[str, Read] = REGISTRY.reads
WRITES: dict[str, Write] = REGISTRY.writes


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


def require_scope(viewer: Viewer, operation: str, *places: Place, own: bool = False) -> None:
    """FORBIDDEN unless one grant of an allowed role covers every place. Grants of the
    rule's `own_only` roles count only when the target is the viewer's `own`, and then
    wherever it is."""
    rule = WRITES[operation]
    if rule.roles is None:
        return
    require_role(viewer, operation)
    grants = viewer.grants_of(rule.roles - rule.own_only)
    if own and viewer.grants_of(rule.own_only):
        return
    if not grants:
        raise ForbiddenError(f"{operation}: your roles allow this only on what is your own")
    for place in places:
        if not any(covers(grant, place) for grant in grants):
            raise ForbiddenError(f"{operation} is outside the scope of your roles here")


def running(ctx: Context) -> str:
    """The mutation now running, as the schema's guard named it in the context."""
    if ctx.operation not in WRITES:
        raise RuntimeError(f"no mutation with a write rule is running (got {ctx.operation!r})")
    return ctx.operation


def acts_in_scope(ctx: Context, place: Place) -> bool:
    """Whether a grant of a role that the running mutation allows, and that is not limited
    to its own, covers `place`: staff acting on someone's behalf, as opposed to a resident
    acting for themselves."""
    rule = WRITES[running(ctx)]
    if rule.roles is None:
        return True
    grants = ctx.viewer.grants_of(rule.roles - rule.own_only)
    return any(covers(grant, place) for grant in grants)


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


async def authorize(ctx: Context, *targets: Base | None, own: bool = False) -> None:
    """FORBIDDEN unless the viewer may run the running mutation on every one of `targets`;
    `own` says the targets are the viewer's own (see `Write.own_only`)."""
    operation = running(ctx)
    require_role(ctx.viewer, operation)
    places = [await place_of(ctx, target) for target in targets]
    require_scope(ctx.viewer, operation, *places, own=own)
