"""Filters and mutation inputs for key recipients and local service items."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import global_ids
from resolvers.volunteering.recipients import LocalItemFilter, RecipientFilter
from schema.volunteering.enums import RecipientKind, ServiceCategory


@strawberry.input(description="Which local service items (社区自定服务项目) to list.")
class LocalServiceItemFilter:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community's items (所属社区)."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived items (含已归档)."
    )


def local_item_filter(given: LocalServiceItemFilter | None) -> LocalItemFilter:
    if given is None:
        return LocalItemFilter()
    return LocalItemFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        include_archived=given.include_archived,
    )


@strawberry.input(description="Which key recipients (重点服务对象) to list.")
class KeyRecipientFilter:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this community's recipients (所属社区)."
    )
    kind: RecipientKind | None = strawberry.field(
        default=None, description="Only this kind (类别)."
    )
    need: ServiceCategory | None = strawberry.field(
        default=None, description="Only those who need this item (服务需求)."
    )
    include_ended: bool = strawberry.field(
        default=False, description="Also list ended registrations (含已结束)."
    )


def recipient_filter(given: KeyRecipientFilter | None) -> RecipientFilter:
    if given is None:
        return RecipientFilter()
    return RecipientFilter(
        community_id=global_ids.key_of(given.community_id, "Community"),
        kind=given.kind,
        need=given.need,
        include_ended=given.include_ended,
    )


@strawberry.input(
    description=(
        'Define one of a community\'s own service items (社区自定服务项目, the "N" of "6+N").'
    )
)
class DefineLocalServiceItemInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    name: str = strawberry.field(description="Name (项目名称), unique among the community's.")
    description: str | None = strawberry.field(
        default=None, description="What the service is (项目说明)."
    )


@strawberry.input(description="Register a key service recipient (登记重点服务对象).")
class RegisterKeyRecipientInput:
    person_id: strawberry.ID = strawberry.field(
        description="The person (人员); they must live in a building of the district."
    )
    kind: RecipientKind = strawberry.field(description="Why they are a key recipient (类别).")
    needs: list[ServiceCategory] = strawberry.field(description="What they need (服务需求).")
    needs_note: str | None = strawberry.field(
        default=None, description="Notes on needs and circumstances (需求备注), personal data."
    )


@strawberry.input(description="Change a key recipient's registration (修改重点服务对象).")
class UpdateKeyRecipientInput:
    key_recipient_id: strawberry.ID = strawberry.field(description="The registration (登记).")
    kind: RecipientKind | None = strawberry.field(
        default=None, description="New kind (类别); unchanged when left out."
    )
    needs: list[ServiceCategory] | None = strawberry.field(
        default=None,
        description="New needs (服务需求), replacing the old; unchanged when left out.",
    )
    needs_note: str | None = strawberry.field(
        default=None, description="New needs note (需求备注); unchanged when left out."
    )


@strawberry.input(description="End a key recipient's registration (结束重点服务).")
class EndKeyRecipientInput:
    key_recipient_id: strawberry.ID = strawberry.field(description="The registration (登记).")
    ended_on: date | None = strawberry.field(
        default=None, description="Last day (结束日期); default today, never in the future."
    )
