"""Root fields of the delivery industry's party work; staff read them."""

from __future__ import annotations

import strawberry

from db import models
from resolvers.paging import Ordering, SortField
from schema.delivery_industry.types import IndustryPartyCommittee, PartyCommissioner
from schema.pagination import Connection, list_field

BY_ID = Ordering(SortField.ID)


@strawberry.type
class DeliveryIndustryQuery:
    industry_party_committees: Connection[IndustryPartyCommittee] = list_field(
        models.IndustryPartyCommittee,
        description="The delivery industry's party committees (外卖送餐行业综合党委); staff.",
        fixed_order=BY_ID,
    )
    party_commissioners: Connection[PartyCommissioner] = list_field(
        models.PartyCommissioner,
        description="Party-building commissioners (两新组织党建工作专员); staff.",
        fixed_order=BY_ID,
    )
