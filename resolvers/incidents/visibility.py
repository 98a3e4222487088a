"""Which grid incidents a viewer may read, as SQL: the one rule behind every list of
incidents, their tasks and events, and `node(id:)` alike.

Staff read the incidents of the area their grants cover (a grid leader their grid's),
a department's staff those of the district or the street their grant is bound to, and
anyone the incidents they reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true

from db.models import (
    AccountRole,
    Community,
    Incident,
    IncidentEvent,
    IncidentParticipant,
    IncidentTask,
)
from resolvers.accounts.viewer import Grant, ScopeLevel, Viewer
from resolvers.rules import STAFF

AREA_READERS = STAFF | {AccountRole.DEPARTMENT_STAFF}


@dataclass(frozen=True)
class IncidentVisibility:
    """The incidents a viewer reads, from their grants (hashable, for loaders)."""

    everything: bool = False
    streets: tuple[int, ...] = ()
    communities: tuple[int, ...] = ()
    grids: tuple[int, ...] = ()
    person_id: int | None = None
    user_id: int | None = None

    @classmethod
    def of(cls, viewer: Viewer) -> IncidentVisibility:
        area = viewer.grants_of(AREA_READERS)

        def keys(grants: Sequence[Grant], level: ScopeLevel) -> tuple[int, ...]:
            return tuple(sorted({grant.scope_id for grant in grants if grant.level is level}))

        return cls(
            everything=any(grant.level is ScopeLevel.DISTRICT for grant in area),
            streets=keys(area, ScopeLevel.STREET),
            communities=keys(area, ScopeLevel.COMMUNITY),
            grids=keys(area, ScopeLevel.GRID),
            person_id=viewer.person_id,
            user_id=viewer.user_id,
        )

    def clause(self) -> ColumnElement[bool]:
        if self.everything:
            return true()
        seen: list[ColumnElement[bool]] = []
        if self.streets:
            seen.append(
                Incident.community_id.in_(
                    select(Community.id).where(Community.street_id.in_(self.streets))
                )
            )
        if self.communities:
            seen.append(Incident.community_id.in_(self.communities))
        if self.grids:
            seen.append(Incident.grid_id.in_(self.grids))
        if self.person_id is not None:
            seen.append(Incident.reporter_person_id == self.person_id)
        if self.user_id is not None:
            seen.append(Incident.reported_by_user_id == self.user_id)
        return or_(*seen) if seen else false()


def incidents_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return IncidentVisibility.of(viewer).clause()


def incident_events_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return IncidentEvent.incident_id.in_(select(Incident.id).where(incidents_seen_by(viewer)))


def incident_tasks_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return IncidentTask.incident_id.in_(select(Incident.id).where(incidents_seen_by(viewer)))


def incident_participants_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    return IncidentParticipant.incident_id.in_(select(Incident.id).where(incidents_seen_by(viewer)))
