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
    # Volunteer services: teams, items, plans and the monthly publication are published;
    # orders are read by everyone signed in, each list limited to what the viewer takes
    # part in (resolvers/volunteering); people and recipients stay with staff and teams.
    "PropertyCompany": Read(EVERY_ROLE),
    "LocalServiceItem": PUBLIC,
    "VolunteerTeam": PUBLIC,
    "Volunteer": Read(VOLUNTEER_READERS),
    "TeamMembership": Read(VOLUNTEER_READERS),
    "KeyRecipient": Read(VOLUNTEER_READERS),
    "ServiceOrder": Read(EVERY_ROLE),
    "ServiceOrderEvent": Read(EVERY_ROLE),
    "HoursEntry": Read(VOLUNTEER_READERS),
    "ServicePlan": PUBLIC,
    "PlannedService": PUBLIC,
    "MonthlyPublication": PUBLIC,
    # Projects are the community's public business; breaches of the negative list are
    # shown on members' and units' records, to staff.
    "Project": Read(EVERY_ROLE),
    "ProjectMilestone": Read(EVERY_ROLE),
    "ProjectUpdate": Read(EVERY_ROLE),
    "ProjectCheckpoint": Read(EVERY_ROLE),
    "ProjectEvent": Read(EVERY_ROLE),
    "NegativeListViolation": Read(STAFF),
}
# Grants of these roles reveal the personal data (phone, ID number, home address) of the
# people inside their scope; everyone sees their own.
PERSONAL_DATA = STAFF


@dataclass(frozen=True)
class Write:
    """Who may run a mutation, and which object their grant's scope must cover. Roles in
    `own_only` run it only on what is their own (the target says what that is)."""

    roles: frozenset[R] | None
    target: str
    own_only: frozenset[R] = frozenset()


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
    # Volunteer teams, volunteers and key recipients
    "defineLocalServiceItem": Write(COMMUNITY_STAFF, "the community"),
    "createVolunteerTeam": Write(COMMUNITY_STAFF, "the district, street or community of the team"),
    "archiveVolunteerTeam": Write(COMMUNITY_STAFF, "the team's district, street or community"),
    "registerVolunteer": Write(REGISTRARS, "the person's home building"),
    "updateVolunteerProfile": Write(
        REGISTRARS | {R.VOLUNTEER},
        "the volunteer's home building; a volunteer: their own profile",
        own_only=frozenset({R.VOLUNTEER}),
    ),
    "addTeamMember": Write(COMMUNITY_STAFF | {R.TEAM_LEAD}, "the team"),
    "removeTeamMember": Write(COMMUNITY_STAFF | {R.TEAM_LEAD}, "the team"),
    "setTeamLead": Write(COMMUNITY_STAFF, "the team"),
    "registerKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    "updateKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    "endKeyRecipient": Write(REGISTRARS, "the recipient's home building"),
    # The order chain: order → dispatch → accept → claim → serve → complete → rate
    "placeServiceOrder": Write(
        ORDERERS,
        "the recipient's home building; a resident or member: an order for themselves",
        own_only=frozenset({R.RESIDENT, R.PARTY_MEMBER}),
    ),
    "dispatchServiceOrder": Write(COMMUNITY_STAFF, "the order's community"),
    "acceptServiceOrder": Write(frozenset({R.TEAM_LEAD}), "the order's team"),
    "declineServiceOrder": Write(frozenset({R.TEAM_LEAD}), "the order's team"),
    "claimServiceOrder": Write(TEAM_ROLES, "the order's team (the viewer claims it)"),
    "startService": Write(
        TEAM_ROLES,
        "the order's team; a volunteer: an order they claimed",
        own_only=frozenset({R.VOLUNTEER}),
    ),
    "completeService": Write(
        TEAM_ROLES,
        "the order's team; a volunteer: an order they claimed",
        own_only=frozenset({R.VOLUNTEER}),
    ),
    "rateServiceOrder": Write(
        ORDERERS,
        "the recipient's home; a resident or member: an order for or by themselves",
        own_only=frozenset({R.RESIDENT, R.PARTY_MEMBER}),
    ),
    "cancelServiceOrder": Write(
        ORDERERS,
        "the recipient's home; a resident or member: an order for or by themselves",
        own_only=frozenset({R.RESIDENT, R.PARTY_MEMBER}),
    ),
    "reassignServiceOrder": Write(COMMUNITY_STAFF, "the order's community"),
    # Plans and the monthly publication
    "createServicePlan": Write(COMMUNITY_STAFF, "the community"),
    "addPlannedService": Write(COMMUNITY_STAFF, "the plan's community"),
    "publishMonthlyReport": Write(COMMUNITY_STAFF, "the community"),
    # Projects, property companies and the negative list
    "registerPropertyCompany": Write(COMMUNITY_STAFF, "the community it signed with"),
    "createProject": Write(
        COMMUNITY_STAFF | {R.PROPERTY_COMPANY},
        "the project's community; a property company: its own projects",
    ),
    "addProjectMilestone": Write(
        COMMUNITY_STAFF | PROJECT_OWNERS,
        "the project; a member: a project they own or their unit owns",
        own_only=frozenset({R.PARTY_MEMBER}),
    ),
    "reportProjectProgress": Write(
        COMMUNITY_STAFF | PROJECT_OWNERS,
        "the project; a member: a project they own or their unit owns",
        own_only=frozenset({R.PARTY_MEMBER}),
    ),
    "recordProjectCheckpoint": Write(
        COMMUNITY_STAFF | PROJECT_OWNERS,
        "the project; a member: a project they own or their unit owns",
        own_only=frozenset({R.PARTY_MEMBER}),
    ),
    "completeProject": Write(COMMUNITY_STAFF, "the project's community"),
    "evaluateProject": Write(TREE_EDITORS, "the project's community"),
    "cancelProject": Write(TREE_EDITORS, "the project's community"),
    "recordNegativeListViolation": Write(COMMUNITY_STAFF, "the community where it happened"),
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


def acts_in_scope(viewer: Viewer, operation: str, place: Place) -> bool:
    """Whether a grant of a role that is not limited to its own covers `place`: staff
    acting on someone's behalf, as opposed to a resident acting for themselves."""
    rule = WRITES[operation]
    if rule.roles is None:
        return True
    return any(covers(grant, place) for grant in viewer.grants_of(rule.roles - rule.own_only))


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


async def authorize(ctx: Context, operation: str, *targets: Base | None, own: bool = False) -> None:
    """FORBIDDEN unless the viewer may run `operation` on every one of `targets`; `own`
    says the targets are the viewer's own (see `Write.own_only`)."""
    require_role(ctx.viewer, operation)
    places = [await place_of(ctx, target) for target in targets]
    require_scope(ctx.viewer, operation, *places, own=own)
