"""The audit log (审计日志): what every mutation changed, for district admins.

Who may read it is ruled by READS["AuditEntry"] (resolvers/permissions.py), which the
schema guard applies to `auditLog` and to `node(id:)` alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from strawberry.scalars import JSON

from db import models
from resolvers import global_ids
from resolvers.accounts.audit_log import AuditFilter
from resolvers.audit import AuditAction
from resolvers.nodes import NODE_MODELS
from resolvers.paging import NEWEST_FIRST
from resolvers.permissions import require_read
from schema.accounts.types import User
from schema.base import Info, Node, is_model
from schema.pagination import Connection, list_field

if TYPE_CHECKING:
    from schema.people.types import Person

PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]

strawberry.enum(
    AuditAction,
    description=(
        "What happened to the object (审计动作): CREATE (新建), UPDATE (修改), DELETE (删除),"
        " LOGIN (登录: the account's last login time was stamped)."
    ),
)


@strawberry.type(
    description=(
        "Audit log entry (审计日志): one object changed by one mutation — who, which"
        " operation, before and after, when."
    )
)
class AuditEntry(Node):
    is_type_of = is_model(models.AuditEntry)

    at: datetime = strawberry.field(description="When the change was made (操作时间), in UTC.")
    operation: str = strawberry.field(
        description="The mutation that made it (操作), e.g. `createPerson`."
    )
    action: AuditAction = strawberry.field(description="What happened to the object (审计动作).")
    object_type: str = strawberry.field(
        description="GraphQL type of the changed object (对象类型), e.g. `Person`."
    )
    before: JSON | None = strawberry.field(
        description=(
            "Column values before the change (变更前), keyed by database column; for UPDATE"
            " only the changed columns, null for CREATE. Secrets are never recorded."
        )
    )
    after: JSON | None = strawberry.field(
        description=(
            "Column values after the change (变更后), keyed by database column; for UPDATE"
            " only the changed columns, null for DELETE."
        )
    )
    request_id: str | None = strawberry.field(
        description="The HTTP request that made the change (请求标识), as in X-Request-ID."
    )

    @strawberry.field(description="Global ID of the changed object (对象标识).")
    def object_id(self, root: strawberry.Parent[models.AuditEntry]) -> strawberry.ID:
        return strawberry.ID(global_ids.encode(root.object_type, root.object_id))

    @strawberry.field(
        name="object",
        description=(
            "The changed object as it is now (变更对象); null when it no longer exists or"
            " is not fetchable by ID."
        ),
    )
    async def changed_object(
        self, root: strawberry.Parent[models.AuditEntry], info: Info
    ) -> Node | None:
        model = NODE_MODELS.get(root.object_type)
        if model is None:
            return None
        require_read(info.context.viewer, root.object_type)
        return cast("Node | None", await info.context.loaders.by_id(model).load(root.object_id))

    @strawberry.field(
        description="Who made the change (操作人); null for a caller without an account."
    )
    async def actor(self, root: strawberry.Parent[models.AuditEntry], info: Info) -> User | None:
        if root.user_id is None:
            return None
        return cast("User | None", await info.context.loaders.by_id(models.User).load(root.user_id))

    @strawberry.field(
        description=(
            "The person the change concerns (相关人员): the person changed, or the one a"
            " changed role, report or account belongs to; null otherwise."
        )
    )
    async def person(
        self, root: strawberry.Parent[models.AuditEntry], info: Info
    ) -> PersonT | None:
        if root.person_id is None:
            return None
        row = await info.context.loaders.by_id(models.Person).load(root.person_id)
        return cast("Person | None", row)


@strawberry.input(description="Which audit log entries (审计日志) to list.")
class AuditLogFilter:
    object_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes of this object (对象标识), of any type."
    )
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes concerning this person (相关人员)."
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes made by this account (操作人)."
    )
    operation: str | None = strawberry.field(
        default=None, description="Only changes made by this mutation (操作), e.g. `moveNode`."
    )
    since: datetime | None = strawberry.field(
        default=None, description="Only changes at or after this time (起始时间); UTC if no zone."
    )
    until: datetime | None = strawberry.field(
        default=None, description="Only changes before this time (截止时间); UTC if no zone."
    )


def audit_filter(given: AuditLogFilter | None) -> AuditFilter:
    if given is None:
        return AuditFilter()
    return AuditFilter.of(
        object_id=given.object_id,
        person_id=given.person_id,
        actor_id=given.actor_id,
        operation=given.operation,
        since=given.since,
        until=given.until,
    )


@strawberry.type
class AuditQuery:
    audit_log: Connection[AuditEntry] = list_field(
        models.AuditEntry,
        description=(
            "The audit log (审计日志), newest first: every object changed by a mutation."
            " District admins only."
        ),
        filter_input=AuditLogFilter,
        make_filter=audit_filter,
        fixed_order=NEWEST_FIRST,
    )
