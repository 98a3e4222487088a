"""Root query fields for people."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from schema.base import Info
from schema.pagination import (
    FILTER,
    After,
    Before,
    Connection,
    First,
    Last,
    OrderBy,
    connection,
)
from schema.people.types import Person, PersonFilterInput, person_filter


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="People (人员): residents, party members, workers, cadres.")
    def people(
        self,
        info: Info,
        filter: Annotated[PersonFilterInput | None, FILTER] = None,
        order_by: OrderBy = None,
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
