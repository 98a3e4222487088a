"""Inputs of the delivery industry's mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.delivery_industry.enums import DeliveryPlatform


@strawberry.input(description="A rider who is a party member joins the committee (骑手党员入册).")
class AddIndustryPartyMemberInput:
    committee_id: strawberry.ID = strawberry.field(description="The committee (行业党委).")
    person_id: strawberry.ID = strawberry.field(description="The rider (骑手).")
    platform: DeliveryPlatform = strawberry.field(description="Platform (配送平台).")
    delivery_station: str = strawberry.field(description="Delivery station (配送站点).")
    joined_on: date | None = strawberry.field(default=None, description="Since (入册日期).")


@strawberry.input(description="Report a measure's progress (举措落实进展).")
class ReportMeasureProgressInput:
    measure_progress_id: strawberry.ID = strawberry.field(description="The measure (举措).")
    progress: int = strawberry.field(
        description="Percent done (完成进度), 0 to 100; 100 completes it."
    )
    note: str | None = strawberry.field(default=None, description="What was done (进展说明).")
    owner: str | None = strawberry.field(default=None, description="Who carries it (责任单位).")


@strawberry.input(description="Report a commissioner's item progress (专员履职进展).")
class ReportChecklistProgressInput:
    checklist_progress_id: strawberry.ID = strawberry.field(description="The item (清单事项).")
    progress: int = strawberry.field(
        description="Percent done (完成进度), 0 to 100; 100 completes it."
    )
    note: str | None = strawberry.field(default=None, description="What was done (进展说明).")
