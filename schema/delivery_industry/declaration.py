"""The delivery industry's part of the schema."""

from __future__ import annotations

from schema.delivery_industry.mutations import DeliveryIndustryMutation
from schema.delivery_industry.queries import DeliveryIndustryQuery
from schema.delivery_industry.types import (
    CommissionerChecklistItem,
    IndustryMeasureProgress,
    IndustryPartyCommittee,
    IndustryPartyMember,
    IndustryProgressEvent,
    PartyCommissioner,
)
from schema.domain import SchemaDomain

DOMAIN = SchemaDomain(
    "delivery_industry",
    queries=(DeliveryIndustryQuery,),
    mutations=(DeliveryIndustryMutation,),
    types=(
        IndustryPartyCommittee,
        IndustryPartyMember,
        IndustryMeasureProgress,
        PartyCommissioner,
        CommissionerChecklistItem,
        IndustryProgressEvent,
    ),
)
