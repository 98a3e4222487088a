"""What the compiler has been taught: for each GraphQL type, its model and how each of its
fields is read. A field missing here sends the whole operation through the resolvers."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from db import models
from db.base import Base
from resolvers.incidents.workflow import OPEN_STATUSES
from resolvers.loaders.organization import Rollup
from resolvers.organization.tree import AnyNodeModel
from resolvers.paging import NEWEST_FIRST, Ordering, SortField

BY_NAME = Ordering()
BY_KEY = Ordering(SortField.ID)


class Kind(enum.Enum):
    TEXT = "text"  # strings, integers and enums (stored by name) come out as stored
    TIMESTAMP = "timestamp"
    DATE = "date"  # an ISO day, YYYY-MM-DD
    FLOAT = "float"  # a double, written as the resolvers write it (repr)
    JSON = "json"  # a JSON column (a list of enum names) embedded as it is


@dataclass(frozen=True)
class Column:
    column: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Count:
    """A roll-up count below the node (resolvers.loaders.organization)."""

    level: AnyNodeModel
    rollup: Rollup


@dataclass(frozen=True)
class Parent:
    """The row a foreign key points at (`nullable` where the key may be unset). With
    `implied`, whoever sees this row sees that one (a task's incident): its type's row
    rule need not be written again."""

    column: str
    type_name: str
    nullable: bool = False
    implied: bool = False


@dataclass(frozen=True)
class Overdue:
    """Whether the row is still in one of `statuses` past its `column` (a due time) at
    the request's moment (the simulated one in a simulation)."""

    statuses: tuple[str, ...]
    column: str = "due_at"


@dataclass(frozen=True)
class Children:
    """A connection of the rows whose `parent_column` holds this row's id, in `ordering`
    (by name unless the resolver fixes another)."""

    type_name: str
    parent_column: str
    ordering: Ordering = BY_NAME


@dataclass(frozen=True)
class Organization:
    """The live party organisation sitting on the node (`column` of the organisation)."""

    column: str


@dataclass(frozen=True)
class Secretary:
    """The current secretary of a party organisation."""


@dataclass(frozen=True)
class Personal:
    """A personal column, masked outside the viewer's scope (resolvers.accounts.personal_data)."""

    column: str
    keep_start: int
    keep_end: int


@dataclass(frozen=True)
class MaskedFlag:
    """Person.personalDataMasked."""


@dataclass(frozen=True)
class Home:
    """Person.building: null outside the viewer's scope."""


@dataclass(frozen=True)
class Scalar:
    """A value read by a scalar subquery, `{row}` standing for the row's alias; every
    alias inside is its own (`x_`…), so that it cannot meet the statement's `t`… ones."""

    sql: str


@dataclass(frozen=True)
class Rows:
    """A plain list (not a connection) of the `type_name` rows whose `parent_column` holds
    this row's id, by key: all of them, as the resolvers' child loaders give them. The
    parent's row rule chose the parent, so the children's (the same rule, seen from
    them) holds."""

    type_name: str
    parent_column: str
    order: str = "id"  # the column they come in order of (then by key)


@dataclass(frozen=True)
class PersonName:
    """The name of the person `column` points at; with `masked`, starred but for its
    first character outside the scope that shows the person's personal data (张**)."""

    column: str
    masked: bool = False


Field = (
    Column
    | Count
    | Parent
    | Children
    | Organization
    | Secretary
    | Personal
    | MaskedFlag
    | Home
    | Scalar
    | Rows
    | PersonName
    | Overdue
)


@dataclass(frozen=True)
class TypeInfo:
    model: type[Base]
    fields: dict[str, Field]

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @property
    def archivable(self) -> bool:
        return "archived_at" in self.model.__table__.columns


NAMED = {"id": Column("id"), "name": Column("name")}
STAMPS = {
    "createdAt": Column("created_at", Kind.TIMESTAMP),
    "archivedAt": Column("archived_at", Kind.TIMESTAMP),
}
M = models
R = Rollup

TYPES: dict[str, TypeInfo] = {
    "District": TypeInfo(
        M.District,
        {
            **NAMED,
            "code": Column("code"),
            "streets": Children("Street", "district_id"),
            "streetCount": Count(M.District, R.STREETS),
            "communityCount": Count(M.District, R.COMMUNITIES),
            "gridCount": Count(M.District, R.GRIDS),
            "buildingCount": Count(M.District, R.BUILDINGS),
            "partyMemberCount": Count(M.District, R.PARTY_MEMBERS),
            "workerCount": Count(M.District, R.WORKERS),
        },
    ),
    "Street": TypeInfo(
        M.Street,
        {
            **NAMED,
            **STAMPS,
            "kind": Column("kind"),
            "district": Parent("district_id", "District"),
            "communities": Children("Community", "street_id"),
            "partyOrganization": Organization("street_id"),
            "communityCount": Count(M.Street, R.COMMUNITIES),
            "gridCount": Count(M.Street, R.GRIDS),
            "buildingCount": Count(M.Street, R.BUILDINGS),
            "partyMemberCount": Count(M.Street, R.PARTY_MEMBERS),
            "workerCount": Count(M.Street, R.WORKERS),
        },
    ),
    "Community": TypeInfo(
        M.Community,
        {
            **NAMED,
            **STAMPS,
            "street": Parent("street_id", "Street"),
            "grids": Children("Grid", "community_id"),
            "partyOrganization": Organization("community_id"),
            "gridCount": Count(M.Community, R.GRIDS),
            "buildingCount": Count(M.Community, R.BUILDINGS),
            "partyMemberCount": Count(M.Community, R.PARTY_MEMBERS),
            "workerCount": Count(M.Community, R.WORKERS),
        },
    ),
    "Grid": TypeInfo(
        M.Grid,
        {
            **NAMED,
            **STAMPS,
            "latitude": Column("latitude", Kind.FLOAT),
            "longitude": Column("longitude", Kind.FLOAT),
            "community": Parent("community_id", "Community"),
            "buildings": Children("Building", "grid_id"),
            "partyOrganization": Organization("grid_id"),
            "buildingCount": Count(M.Grid, R.BUILDINGS),
            "partyMemberCount": Count(M.Grid, R.PARTY_MEMBERS),
            "residentCount": Count(M.Grid, R.RESIDENTS),
            "cadreCount": Count(M.Grid, R.CADRES),
        },
    ),
    "Building": TypeInfo(
        M.Building,
        {
            **NAMED,
            **STAMPS,
            "address": Column("address"),
            "householdCount": Column("household_count"),
            "latitude": Column("latitude", Kind.FLOAT),
            "longitude": Column("longitude", Kind.FLOAT),
            "grid": Parent("grid_id", "Grid"),
            "partyOrganization": Organization("building_id"),
            "partyMemberCount": Count(M.Building, R.PARTY_MEMBERS),
            "residentCount": Count(M.Building, R.RESIDENTS),
        },
    ),
    "PartyOrganization": TypeInfo(
        M.PartyOrganization,
        {
            **NAMED,
            **STAMPS,
            "kind": Column("kind"),
            "parent": Parent("parent_id", "PartyOrganization", nullable=True),
            "secretary": Secretary(),
        },
    ),
    "Person": TypeInfo(
        M.Person,
        {
            **NAMED,
            "gender": Column("gender"),
            "createdAt": Column("created_at", Kind.TIMESTAMP),
            "phone": Personal("phone", 3, 4),
            "idNumber": Personal("id_number", 0, 4),
            "personalDataMasked": MaskedFlag(),
            "building": Home(),
        },
    ),
}


def columns(kind: Kind, *names: str) -> dict[str, Field]:
    """Fields of one kind by column, each named as GraphQL names it (`due_at`: `dueAt`)."""
    return {_camel(name): Column(name, kind) for name in names}


def texts(*names: str) -> dict[str, Field]:
    """Fields read as stored, by column."""
    return columns(Kind.TEXT, *names)


def _camel(column: str) -> str:
    head, *rest = column.split("_")
    return head + "".join(word.title() for word in rest)


# A project's owner by name: its work unit's, its company's or its person's, else "".
OWNER_NAME = (
    "COALESCE((SELECT x_w.name FROM work_units x_w WHERE x_w.id = {row}.owner_work_unit_id),"
    " (SELECT x_c.name FROM property_companies x_c"
    " WHERE x_c.id = {row}.owner_property_company_id),"
    " (SELECT x_p.name FROM people x_p WHERE x_p.id = {row}.owner_person_id), '')"
)
# A person's name through the volunteer row a column points at.
VOLUNTEER_NAME = (
    "(SELECT x_p.name FROM volunteers x_v JOIN people x_p ON x_p.id = x_v.person_id"
    " WHERE x_v.id = {row}.%s)"
)

TYPES.update(
    {
        "VolunteerTeam": TypeInfo(
            M.VolunteerTeam,
            {
                **NAMED,
                **STAMPS,
                "level": Column("level"),
                "foundedOn": Column("founded_on", Kind.DATE),
                "categories": Column("categories", Kind.JSON),
                "street": Parent("street_id", "Street", nullable=True),
                "community": Parent("community_id", "Community", nullable=True),
            },
        ),
        "Volunteer": TypeInfo(
            M.Volunteer,
            {
                "id": Column("id"),
                "name": PersonName("person_id"),
                "registeredOn": Column("registered_on", Kind.DATE),
                "noShows": Column("no_shows"),
            },
        ),
        "ServiceOrder": TypeInfo(
            M.ServiceOrder,
            {
                "id": Column("id"),
                "title": Column("title"),
                "description": Column("description"),
                "category": Column("category"),
                "status": Column("status"),
                **columns(
                    Kind.TIMESTAMP,
                    "scheduled_start",
                    "scheduled_end",
                    "status_changed_at",
                    "placed_at",
                    "dispatched_at",
                    "accepted_at",
                    "claimed_at",
                    "started_at",
                    "completed_at",
                    "rated_at",
                    "cancelled_at",
                ),
                "cancelReason": Column("cancel_reason"),
                "minutes": Column("minutes"),
                "rating": Column("rating"),
                "ratingComment": Column("rating_comment"),
                "community": Parent("community_id", "Community"),
                "team": Parent("team_id", "VolunteerTeam", nullable=True),
                "claimer": Parent("claimer_id", "Volunteer", nullable=True),
                "claimerName": Scalar(VOLUNTEER_NAME % "claimer_id"),
                "recipientName": PersonName("recipient_id"),
            },
        ),
        "ServicePlan": TypeInfo(
            M.ServicePlan,
            {
                "id": Column("id"),
                **texts("kind", "year", "title", "notes"),
                "createdAt": Column("created_at", Kind.TIMESTAMP),
                "month": Scalar("NULLIF({row}.month, 0)"),
                "community": Parent("community_id", "Community"),
                "services": Children("PlannedService", "plan_id", BY_KEY),
            },
        ),
        "PlannedService": TypeInfo(
            M.PlannedService,
            {
                "id": Column("id"),
                "scheduledOn": Column("scheduled_on", Kind.DATE),
                **texts("category", "title", "tie_in"),
                "createdAt": Column("created_at", Kind.TIMESTAMP),
                "team": Parent("team_id", "VolunteerTeam", nullable=True),
            },
        ),
        "MonthlyPublication": TypeInfo(
            M.MonthlyPublication,
            {
                "id": Column("id"),
                **texts(
                    "year",
                    "month",
                    "services",
                    "minutes",
                    "volunteers",
                    "recipients_served",
                    "key_recipients_served",
                    "ratings",
                ),
                "averageRating": Column("average_rating", Kind.FLOAT),
                "publishedAt": Column("published_at", Kind.TIMESTAMP),
                "community": Parent("community_id", "Community"),
            },
        ),
        "Project": TypeInfo(
            M.Project,
            {
                "id": Column("id"),
                **texts(
                    "kind",
                    "category",
                    "title",
                    "description",
                    "source",
                    "year",
                    "owner_kind",
                    "status",
                    "progress",
                    "evaluation_score",
                    "evaluation_comment",
                    "cancel_reason",
                ),
                **columns(Kind.DATE, "started_on", "due_on", "completed_on"),
                **columns(Kind.TIMESTAMP, "evaluated_at", "created_at"),
                "community": Parent("community_id", "Community"),
                "ownerName": Scalar(OWNER_NAME),
                "milestones": Rows("ProjectMilestone", "project_id", "position"),
            },
        ),
        "WorkUnit": TypeInfo(
            M.WorkUnit,
            {
                **NAMED,
                **STAMPS,
                **texts("kind", "address"),
                "reportedOn": Column("reported_on", Kind.DATE),
                "community": Parent("community_id", "Community"),
                "projects": Children("Project", "owner_work_unit_id", BY_KEY),
            },
        ),
        "ProjectMilestone": TypeInfo(
            M.ProjectMilestone,
            {
                "id": Column("id"),
                **texts("position", "title", "weight", "progress"),
                "dueOn": Column("due_on", Kind.DATE),
                "completedOn": Column("completed_on", Kind.DATE),
            },
        ),
        "Department": TypeInfo(
            M.Department,
            {"id": Column("id"), **texts("code", "name", "english_name", "tier")},
        ),
        "Incident": TypeInfo(
            M.Incident,
            {
                "id": Column("id"),
                **texts(
                    "description",
                    "address",
                    "channel",
                    "status",
                    "tier",
                    "escalations",
                    "resolution",
                    "callback_result",
                    "callback_comment",
                    "reopen_count",
                ),
                "photos": Column("photos", Kind.JSON),
                "latitude": Column("latitude", Kind.FLOAT),
                "longitude": Column("longitude", Kind.FLOAT),
                **columns(
                    Kind.TIMESTAMP,
                    "reported_at",
                    "status_changed_at",
                    "due_at",
                    "called_at",
                    "responded_at",
                    "disposal_started_at",
                    "closed_at",
                    "verified_at",
                    "callback_at",
                ),
                "community": Parent("community_id", "Community"),
                "grid": Parent("grid_id", "Grid"),
                "building": Parent("building_id", "Building", nullable=True),
                "reporterName": PersonName("reporter_person_id", masked=True),
                "participants": Rows("IncidentParticipant", "incident_id"),
                "tasks": Rows("IncidentTask", "incident_id"),
            },
        ),
        "IncidentParticipant": TypeInfo(
            M.IncidentParticipant,
            {
                "id": Column("id"),
                **columns(Kind.TIMESTAMP, "joined_at", "responded_at"),
                "department": Parent("department_id", "Department"),
            },
        ),
        "IncidentTask": TypeInfo(
            M.IncidentTask,
            {
                "id": Column("id"),
                **texts("title", "status", "resolution_note"),
                "assignees": Column("assignees", Kind.JSON),
                **columns(Kind.TIMESTAMP, "due_at", "done_at", "created_at"),
                "overdue": Overdue(("OPEN", "IN_PROGRESS")),
                "department": Parent("department_id", "Department"),
                "incident": Parent("incident_id", "Incident", implied=True),
            },
        ),
    }
)


@dataclass(frozen=True)
class RootList:
    """A root connection: its item type and the order its resolver fixes (by name, the
    default `orderBy`, where it fixes none)."""

    type_name: str
    ordering: Ordering = BY_NAME


# Root connections the compiler answers, by field.
ROOT_LISTS = {
    "streets": RootList("Street"),
    "communities": RootList("Community"),
    "grids": RootList("Grid"),
    "buildings": RootList("Building"),
    "people": RootList("Person"),
    "volunteerTeams": RootList("VolunteerTeam"),
    "serviceOrders": RootList("ServiceOrder", NEWEST_FIRST),
    "incidents": RootList("Incident", NEWEST_FIRST),
    "servicePlans": RootList("ServicePlan", NEWEST_FIRST),
    "monthlyPublications": RootList("MonthlyPublication", NEWEST_FIRST),
    "projects": RootList("Project", NEWEST_FIRST),
    "incidentTasks": RootList("IncidentTask", NEWEST_FIRST),
}


class By(enum.Enum):
    """How a filter's value is compared with its column."""

    KEY = "key"  # a global ID of the filter's `target` type: that row's key
    ENUM = "enum"  # an enum member, stored by name
    NUMBER = "number"  # an integer as given
    ENUMS = "enums"  # any of a list of members (an empty list filters nothing)
    STREET = "street"  # a Street's ID: rows whose community (the column) lies in it
    FLAG = "flag"  # true: the column holds one of `values`; false: no filter


@dataclass(frozen=True)
class Filter:
    column: str
    by: By
    target: str = ""
    values: tuple[str, ...] = ()


def key(column: str, target: str) -> Filter:
    return Filter(column, By.KEY, target)


COMMUNITY = key("community_id", "Community")
IN_STREET = Filter("community_id", By.STREET)
ENUM = By.ENUM
# The filters of lists the compiler applies as the resolvers' filters do, by type and
# argument; those that are more than a comparison (a search, a parent, a person's role or
# community) are in schema/compiled/walk.py.
FILTERS: dict[str, dict[str, Filter]] = {
    "Street": {"kind": Filter("kind", ENUM)},
    "Person": {"buildingId": key("building_id", "Building")},
    "VolunteerTeam": {
        "level": Filter("level", ENUM),
        "communityId": COMMUNITY,
        "streetId": key("street_id", "Street"),
    },
    "ServiceOrder": {
        "statuses": Filter("status", By.ENUMS),
        "communityId": COMMUNITY,
        "teamId": key("team_id", "VolunteerTeam"),
        "category": Filter("category", ENUM),
    },
    "Incident": {
        "statuses": Filter("status", By.ENUMS),
        "openOnly": Filter("status", By.FLAG, values=tuple(s.name for s in OPEN_STATUSES)),
        "categoryId": key("category_id", "IncidentCategory"),
        "tier": Filter("tier", ENUM),
        "streetId": IN_STREET,
        "communityId": COMMUNITY,
        "gridId": key("grid_id", "Grid"),
    },
    "IncidentTask": {
        "incidentId": key("incident_id", "Incident"),
        "departmentId": key("department_id", "Department"),
        "statuses": Filter("status", By.ENUMS),
    },
    "ServicePlan": {
        "communityId": COMMUNITY,
        "kind": Filter("kind", ENUM),
        "year": Filter("year", By.NUMBER),
        "month": Filter("month", By.NUMBER),
    },
    "Project": {
        "kind": Filter("kind", ENUM),
        "category": Filter("category", ENUM),
        "status": Filter("status", ENUM),
        "communityId": COMMUNITY,
        "streetId": IN_STREET,
        "year": Filter("year", By.NUMBER),
        "ownerWorkUnitId": key("owner_work_unit_id", "WorkUnit"),
        "ownerPersonId": key("owner_person_id", "Person"),
        "ownerPropertyCompanyId": key("owner_property_company_id", "PropertyCompany"),
    },
    "MonthlyPublication": {
        "communityId": COMMUNITY,
        "streetId": IN_STREET,
        "year": Filter("year", By.NUMBER),
        "month": Filter("month", By.NUMBER),
    },
}
