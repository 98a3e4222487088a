"""The property domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.property.mutations import PropertyMutation
from schema.property.types import PropertyCompany

DOMAIN = SchemaDomain("property", mutations=(PropertyMutation,), types=(PropertyCompany,))
