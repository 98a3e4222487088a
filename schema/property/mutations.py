"""Mutations of the property domain: registering property companies."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.property import mutations
from schema.base import Info
from schema.errors import UserError
from schema.mutation import Input, result, run, user_errors
from schema.property.inputs import RegisterPropertyCompanyInput
from schema.property.types import PropertyCompany


@strawberry.type(description="Result of registerPropertyCompany (物业企业登记).")
class PropertyCompanyPayload:
    property_company: PropertyCompany | None = result("The company (企业).")
    user_errors: list[UserError] = user_errors()


@strawberry.type
class PropertyMutation:
    @strawberry.mutation(description="Register a property company in co-building (物业联建).")
    async def register_property_company(
        self, info: Info, input: Annotated[RegisterPropertyCompanyInput, Input]
    ) -> PropertyCompanyPayload:
        return await run(
            info,
            PropertyCompanyPayload,
            "property_company",
            lambda: mutations.register_company(
                info.context,
                name=input.name,
                community_id=input.community_id,
                party_organization_name=input.party_organization_name,
                agreement_signed_on=input.agreement_signed_on,
            ),
        )
