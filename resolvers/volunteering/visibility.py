"""Which service orders a viewer takes part in, as SQL: the one rule behind every list of
orders and `node(id:)` alike.

Staff see the orders of the area their grants cover, teams their own orders, and anyone
the orders they placed, receive or claimed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true

from db.models import Building, Community, OrderEvent, Person, ServiceOrder, Volunteer
from resolvers.accounts.viewer import Grant, ScopeLevel, Viewer
from resolvers.rules import STAFF, TEAM_ROLES


@dataclass(frozen=True)
class Visibility:
    """The orders a viewer takes part in, from their grants (hashable, for loaders)."""

    everything: bool = False
    streets: tuple[int, ...] = ()
    communities: tuple[int, ...] = ()
    grids: tuple[int, ...] = ()
    teams: tuple[int, ...] = ()
    person_id: int | None = None
    user_id: int | None = None

    @classmethod
    def of(cls, viewer: Viewer) -> Visibility:
        staff = viewer.grants_of(STAFF)

        def keys(grants: Sequence[Grant], level: ScopeLevel) -> tuple[int, ...]:
            return tuple(sorted({grant.scope_id for grant in grants if grant.level is level}))

        return cls(
            everything=any(grant.level is ScopeLevel.DISTRICT for grant in staff),
            streets=keys(staff, ScopeLevel.STREET),
            communities=keys(staff, ScopeLevel.COMMUNITY),
            grids=keys(staff, ScopeLevel.GRID),
            teams=keys(viewer.grants_of(TEAM_ROLES), ScopeLevel.TEAM),
            person_id=viewer.person_id,
            user_id=viewer.user_id,
        )

    def clause(self) -> ColumnElement[bool]:
        if self.everything:
            return true()
        seen: list[ColumnElement[bool]] = []
        if self.streets:
            seen.append(
                ServiceOrder.community_id.in_(
                    select(Community.id).where(Community.street_id.in_(self.streets))
                )
            )
        if self.communities:
            seen.append(ServiceOrder.community_id.in_(self.communities))
        if self.grids:
            seen.append(
                ServiceOrder.recipient_id.in_(
                    select(Person.id)
                    .join(Building, Building.id == Person.building_id)
                    .where(Building.grid_id.in_(self.grids))
                )
            )
        if self.teams:
            seen.append(ServiceOrder.team_id.in_(self.teams))
        if self.person_id is not None:
            seen.append(ServiceOrder.recipient_id == self.person_id)
            seen.append(
                ServiceOrder.claimer_id.in_(
                    select(Volunteer.id).where(Volunteer.person_id == self.person_id)
                )
            )
        if self.user_id is not None:
            seen.append(ServiceOrder.placed_by_user_id == self.user_id)
        return or_(*seen) if seen else false()


def orders_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return Visibility.of(viewer).clause()


def order_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return OrderEvent.order_id.in_(select(ServiceOrder.id).where(orders_seen_by(viewer)))
