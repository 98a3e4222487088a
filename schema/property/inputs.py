"""Inputs of the property domain's mutations."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="Register a property company in co-building (物业企业联建登记).")
class RegisterPropertyCompanyInput:
    name: str = strawberry.field(description="Name (企业名称), unique among live companies.")
    community_id: strawberry.ID = strawberry.field(
        description="The community it signed with (联建社区)."
    )
    party_organization_name: str | None = strawberry.field(
        default=None, description="Its party organisation (党组织)."
    )
    agreement_signed_on: date | None = strawberry.field(
        default=None, description="Day the agreement was signed (签约日期)."
    )
