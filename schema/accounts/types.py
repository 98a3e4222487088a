"""Accounts (账号): users, the roles they are granted and where those roles apply."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from db import models
from resolvers.accounts.viewer import SCOPE_MODELS
from resolvers.accounts.viewer import Grant as GrantRow
from resolvers.loaders.accounts import grants_of
from schema.base import Info, Node, is_model

if TYPE_CHECKING:
    from schema.people.types import Person

PersonT = Annotated["Person", strawberry.lazy("schema.people.types")]

strawberry.enum(
    models.AccountRole,
    description=(
        "Role of an account (账号角色): DISTRICT_ADMIN (区级管理员), STREET_ADMIN (街道管理员),"
        " COMMUNITY_SECRETARY (社区书记), COMMUNITY_WORKER (社区工作者), GRID_LEADER"
        " (网格长), PARTY_MEMBER (党员), VOLUNTEER (志愿者), TEAM_LEAD (志愿服务队队长),"
        " RESIDENT (居民), PROPERTY_COMPANY (物业企业), OBSERVER (观察员, reads only),"
        " DEPARTMENT_STAFF (协同部门工作人员)."
    ),
)
AccountRole = models.AccountRole


@strawberry.type(description="A role granted to an account, within a scope (角色授权).")
class Grant:
    role: AccountRole = strawberry.field(description="The role (角色).")
    grant: strawberry.Private[GrantRow]

    @strawberry.field(
        description=(
            "Where the role applies (授权范围): the district, a street, community or grid,"
            " or a work unit."
        )
    )
    async def scope(self, info: Info) -> Node | None:
        model = SCOPE_MODELS[self.grant.level]
        row = await info.context.loaders.by_id(model).load(self.grant.scope_id)
        return cast("Node | None", row)


@strawberry.type(description="An account that logs in (用户账号).")
class User(Node):
    is_type_of = is_model(models.User)

    username: str = strawberry.field(description="Login name (登录名).")
    display_name: str = strawberry.field(description="Name shown to others (显示名称).")
    active: bool = strawberry.field(description="Whether it may log in (启用).")
    last_login_at: datetime | None = strawberry.field(description="Last login (最近登录时间).")
    created_at: datetime = strawberry.field(description="When it was created (创建时间).")

    @strawberry.field(description="The person of the district behind the account (对应人员).")
    async def person(self, root: strawberry.Parent[models.User], info: Info) -> PersonT | None:
        if root.person_id is None:
            return None
        row = await info.context.loaders.by_id(models.Person).load(root.person_id)
        return cast("Person | None", row)

    @strawberry.field(description="Roles granted, oldest first (角色授权).")
    async def grants(self, root: strawberry.Parent[models.User], info: Info) -> list[Grant]:
        grants = await grants_of(info.context.loaders).load(root.id)
        return [Grant(role=grant.role, grant=grant) for grant in grants]
