"""The people domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.people.mutations import PeopleMutation
from schema.people.queries import PeopleQuery
from schema.people.types import Person, PersonRole

DOMAIN = SchemaDomain(
    "people", queries=(PeopleQuery,), mutations=(PeopleMutation,), types=(Person, PersonRole)
)
