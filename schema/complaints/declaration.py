"""The complaints domain's part of the schema."""

from __future__ import annotations

from schema.complaints.mutations import ComplaintsMutation
from schema.complaints.queries import ComplaintsQuery
from schema.complaints.types import (
    CompanyRating,
    PropertyComplaint,
    PropertyComplaintEvent,
    RedBlackList,
    RedBlackListEntry,
)
from schema.domain import SchemaDomain

DOMAIN = SchemaDomain(
    "complaints",
    queries=(ComplaintsQuery,),
    mutations=(ComplaintsMutation,),
    types=(
        PropertyComplaint,
        PropertyComplaintEvent,
        CompanyRating,
        RedBlackList,
        RedBlackListEntry,
    ),
)
