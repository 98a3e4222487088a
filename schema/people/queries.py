"""Root query fields for people."""

from __future__ import annotations

import strawberry

from db import models
from schema.base import Info
from schema.pagination import After, Before, Connection, First, Last, NameOrder, connection
from schema.people.types import Person, PersonFilterInput, person_filter


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="People (人员): residents, party members, workers, cadres.")
    def people(
        self,
        info: Info,
        filter: PersonFilterInput | None = None,
        order_by: NameOrder | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Person]:
        return connection(
            info,
            models.Person,
            filter=person_filter(filter),
            order=order_by,
            first=first,
            after=after,
            last=last,
            before=before,
        )
