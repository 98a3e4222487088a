"""Root query fields for people."""

from __future__ import annotations

import strawberry

from db import models
from resolvers.accounts.personal_data import require_home_scope
from resolvers.paging import SqlFilter
from resolvers.people.queries import PersonFilter
from schema.base import Info
from schema.pagination import Connection, list_field
from schema.people.types import Person, PersonFilterInput, person_filter


async def home_filter_scope(_root: object, info: Info, filter: SqlFilter) -> None:
    assert isinstance(filter, PersonFilter)
    if filter.building_id is not None or filter.community_id is not None:
        await require_home_scope(
            info.context, building_id=filter.building_id, community_id=filter.community_id
        )


@strawberry.type
class PeopleQuery:
    people: Connection[Person] = list_field(
        models.Person,
        description=(
            "People (人员): residents, party members, workers, cadres. Filtering by building"
            " or community is limited to the scope of your roles (it tells home addresses)."
        ),
        filter_input=PersonFilterInput,
        make_filter=person_filter,
        precheck=home_filter_scope,
    )
