"""Enums of people and roles, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(models.Gender, description="Gender (性别).")

strawberry.enum(
    models.RoleKind,
    description=(
        "Kind of role (身份): PARTY_MEMBER (党员), COMMUNITY_WORKER (社区工作者),"
        " STREET_PART_TIME_MEMBER (街道党工委兼职委员), COMMUNITY_PART_TIME_MEMBER"
        " (社区党组织兼职委员), GRID_CADRE (下沉网格干部), DISTRICT_LEADER"
        " (联系社区的区级领导), SECRETARY (书记)."
    ),
)

# The models' enums, registered above with their GraphQL descriptions.
Gender = models.Gender
RoleKind = models.RoleKind
