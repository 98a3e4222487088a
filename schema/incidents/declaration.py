"""The grid-incident domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.incidents.mutations import IncidentsMutation
from schema.incidents.queries import IncidentsQuery
from schema.incidents.types import (
    Department,
    Incident,
    IncidentCategory,
    IncidentEvent,
    IncidentParticipant,
    IncidentTask,
)

DOMAIN = SchemaDomain(
    "incidents",
    queries=(IncidentsQuery,),
    mutations=(IncidentsMutation,),
    types=(
        Incident,
        IncidentCategory,
        Department,
        IncidentParticipant,
        IncidentTask,
        IncidentEvent,
    ),
)
