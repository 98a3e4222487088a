"""Which orders a viewer sees, the order filters and the overdue view, all as SQL.

Orders are read by everyone signed in, but each list holds only the orders the viewer
takes part in: staff see the orders of the area their grants cover, teams their own
orders, and anyone the orders they placed, receive or claimed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, select

from db.models import (
    OrderStatus,
    Person,
    ServiceCategory,
    ServiceOrder,
    TeamLevel,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers.filters import ListFilter, equal
from resolvers.validation import search_term
from resolvers.volunteering.visibility import Visibility
from resolvers.volunteering.workflow import ORDERS


def overdue_clause(now: datetime) -> ColumnElement[bool]:
    """Orders that have waited longer than their step allows (the chain's waits)."""
    return ORDERS.overdue_clause(now)


@dataclass(frozen=True)
class OrderFilter:
    visibility: Visibility
    statuses: tuple[OrderStatus, ...] = ()
    community_id: int | None = None
    team_id: int | None = None
    category: ServiceCategory | None = None
    scheduled_from: datetime | None = None
    scheduled_to: datetime | None = None
    overdue_at: datetime | None = None  # only orders overdue at this time

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses = [self.visibility.clause()]
        if self.statuses:
            clauses.append(ServiceOrder.status.in_(self.statuses))
        if self.community_id is not None:
            clauses.append(ServiceOrder.community_id == self.community_id)
        if self.team_id is not None:
            clauses.append(ServiceOrder.team_id == self.team_id)
        if self.category is not None:
            clauses.append(ServiceOrder.category == self.category)
        if self.scheduled_from is not None:
            clauses.append(ServiceOrder.scheduled_start >= self.scheduled_from)
        if self.scheduled_to is not None:
            clauses.append(ServiceOrder.scheduled_start < self.scheduled_to)
        if self.overdue_at is not None:
            clauses.append(overdue_clause(self.overdue_at))
        return clauses


@dataclass(frozen=True)
class TeamFilter(ListFilter):
    model = VolunteerTeam
    level: TeamLevel | None = equal()
    community_id: int | None = equal()
    street_id: int | None = equal()


@dataclass(frozen=True)
class MembershipFilter:
    include_former: bool = False

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        return () if self.include_former else (TeamMembership.left_on.is_(None),)


@dataclass(frozen=True)
class VolunteerFilter:
    team_id: int | None = None
    skill: ServiceCategory | None = None
    name_contains: str | None = None
    include_inactive: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name_contains", search_term(self.name_contains, "nameContains"))

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if not self.include_inactive:
            clauses.append(Volunteer.active.is_(True))
        if self.team_id is not None:
            clauses.append(
                Volunteer.id.in_(
                    select(TeamMembership.volunteer_id).where(
                        TeamMembership.team_id == self.team_id, TeamMembership.left_on.is_(None)
                    )
                )
            )
        if self.skill is not None:
            # Skills are a short JSON list of names: match the quoted name in its text.
            clauses.append(Volunteer.skills.cast(String).contains(f'"{self.skill.value}"'))
        if self.name_contains:
            clauses.append(
                Volunteer.person_id.in_(
                    select(Person.id).where(
                        Person.name.icontains(self.name_contains, autoescape=True)
                    )
                )
            )
        return clauses
