"""The projects domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.projects.mutations import ProjectsMutation
from schema.projects.queries import ProjectsQuery
from schema.projects.types import (
    NegativeListViolation,
    Project,
    ProjectCheckpoint,
    ProjectEvent,
    ProjectMilestone,
    ProjectUpdate,
)

DOMAIN = SchemaDomain(
    "projects",
    queries=(ProjectsQuery,),
    mutations=(ProjectsMutation,),
    types=(
        Project,
        ProjectMilestone,
        ProjectUpdate,
        ProjectCheckpoint,
        ProjectEvent,
        NegativeListViolation,
    ),
)
