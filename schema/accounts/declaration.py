"""The accounts domain's part of the schema."""

from __future__ import annotations

from schema.accounts.audit import AuditEntry, AuditQuery
from schema.accounts.mutations import AccountsMutation
from schema.accounts.queries import AccountsQuery
from schema.accounts.types import User
from schema.domain import SchemaDomain

DOMAIN = SchemaDomain(
    "accounts",
    queries=(AccountsQuery, AuditQuery),
    mutations=(AccountsMutation,),
    types=(User, AuditEntry),
)
