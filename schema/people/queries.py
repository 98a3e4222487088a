"""Root query fields for people."""

from __future__ import annotations

import strawberry

from db import models
from schema.pagination import Connection, list_field
from schema.people.types import Person, PersonFilterInput, person_filter


@strawberry.type
class PeopleQuery:
    people: Connection[Person] = list_field(
        models.Person,
        description="People (人员): residents, party members, workers, cadres.",
        filter_input=PersonFilterInput,
        make_filter=person_filter,
    )
