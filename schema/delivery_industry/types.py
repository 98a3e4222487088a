"""The industry's party committee, its rider members and measures; the commissioners and
their checklists; the progress events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db import models
from schema.base import Info, Node, is_model
from schema.delivery_industry.enums import (
    ChecklistKind,
    CommissionerSector,
    DeliveryPlatform,
    ProgressAction,
    ProgressStatus,
)
from schema.lazy import PersonT, WorkUnitT
from schema.pagination import Connection, list_field

if TYPE_CHECKING:
    from schema.people.types import Person
    from schema.units.types import WorkUnit


async def _events(
    session: AsyncSession, column: str, keys: Sequence[int]
) -> list[list[models.ProgressEvent]]:
    owner = getattr(models.ProgressEvent, column)
    rows = (
        await session.scalars(
            select(models.ProgressEvent)
            .where(owner.in_(keys))
            .order_by(models.ProgressEvent.at, models.ProgressEvent.id)
        )
    ).all()
    found: dict[int, list[models.ProgressEvent]] = {key: [] for key in keys}
    for row in rows:
        found[getattr(row, column)].append(row)
    return [found[key] for key in keys]


async def _events_of(info: Info, column: str, key: int) -> list[IndustryProgressEvent]:
    async def load(session: AsyncSession, keys: Sequence[int]) -> list[list[models.ProgressEvent]]:
        return await _events(session, column, keys)

    loader = info.context.loaders.custom(("industry_events", column), load)
    return cast(list[IndustryProgressEvent], await loader.load(key))


@strawberry.type(description="One step of a measure's or item's progress (进展记录).")
class IndustryProgressEvent(Node):
    is_type_of = is_model(models.ProgressEvent)

    action: ProgressAction = strawberry.field(description="What was done (操作).")
    from_status: ProgressStatus | None = strawberry.field(description="Status before (原状态).")
    to_status: ProgressStatus = strawberry.field(description="Status after (新状态).")
    progress: int = strawberry.field(description="Percent done after it (进度).")
    note: str | None = strawberry.field(description="What was reported (说明).")
    at: datetime = strawberry.field(description="When (时间).")


@strawberry.type(description="How far the committee has carried one of the 15 measures (举措落实).")
class IndustryMeasureProgress(Node):
    is_type_of = is_model(models.MeasureProgress)

    status: ProgressStatus = strawberry.field(description="Where it stands (状态).")
    progress: int = strawberry.field(description="Percent done (进度).")
    owner: str = strawberry.field(description="Who carries it (责任单位).")
    note: str = strawberry.field(description="Latest report (最新进展).")
    done_at: datetime | None = strawberry.field(description="When it was completed (完成时间).")

    @strawberry.field(description="Aspect number 1–5 (方面).")
    async def aspect(self, root: strawberry.Parent[models.MeasureProgress], info: Info) -> int:
        return (await info.context.loaders.required(models.IndustryMeasure, root.measure_id)).aspect

    @strawberry.field(description="The aspect's name (方面名称).")
    async def aspect_name(self, root: strawberry.Parent[models.MeasureProgress], info: Info) -> str:
        measure = await info.context.loaders.required(models.IndustryMeasure, root.measure_id)
        return measure.aspect_name

    @strawberry.field(description="Measure number 1–15 (举措序号).")
    async def number(self, root: strawberry.Parent[models.MeasureProgress], info: Info) -> int:
        return (await info.context.loaders.required(models.IndustryMeasure, root.measure_id)).number

    @strawberry.field(description="The measure (举措内容).")
    async def title(self, root: strawberry.Parent[models.MeasureProgress], info: Info) -> str:
        return (await info.context.loaders.required(models.IndustryMeasure, root.measure_id)).title

    @strawberry.field(description="Its progress steps, oldest first (进展记录).")
    async def events(
        self, root: strawberry.Parent[models.MeasureProgress], info: Info
    ) -> list[IndustryProgressEvent]:
        return await _events_of(info, "measure_progress_id", root.id)


@strawberry.type(description="A rider in the industry committee (外卖行业党员).")
class IndustryPartyMember(Node):
    is_type_of = is_model(models.IndustryPartyMember)

    platform: DeliveryPlatform = strawberry.field(description="Platform (配送平台).")
    delivery_station: str = strawberry.field(description="Delivery station (配送站点).")
    joined_on: date = strawberry.field(description="Since (入册日期).")

    @strawberry.field(description="The rider (骑手).")
    async def person(
        self, root: strawberry.Parent[models.IndustryPartyMember], info: Info
    ) -> PersonT:
        return cast("Person", await info.context.loaders.required(models.Person, root.person_id))


@strawberry.type(description="The food-delivery industry party committee (外卖送餐行业综合党委).")
class IndustryPartyCommittee(Node):
    is_type_of = is_model(models.IndustryPartyCommittee)

    name: str = strawberry.field(description="Name (名称).")
    established_on: date = strawberry.field(description="Established (成立日期).")
    members: Connection[IndustryPartyMember] = list_field(
        models.IndustryPartyMember,
        parent="committee_id",
        description="Its rider members (骑手党员).",
    )

    @strawberry.field(description="The policy's 15 measures in order (5个方面15条举措).")
    async def measures(
        self, root: strawberry.Parent[models.IndustryPartyCommittee], info: Info
    ) -> list[IndustryMeasureProgress]:
        async def load(
            session: AsyncSession, keys: Sequence[int]
        ) -> list[list[models.MeasureProgress]]:
            rows = (
                await session.scalars(
                    select(models.MeasureProgress)
                    .where(models.MeasureProgress.committee_id.in_(keys))
                    .order_by(models.MeasureProgress.measure_id)
                )
            ).all()
            found: dict[int, list[models.MeasureProgress]] = {key: [] for key in keys}
            for row in rows:
                found[row.committee_id].append(row)
            return [found[key] for key in keys]

        loader = info.context.loaders.custom(("committee_measures",), load)
        return cast(list[IndustryMeasureProgress], await loader.load(root.id))


@strawberry.type(
    description="A commissioner's item of the handbook, a goal or a duty (专员清单事项)."
)
class CommissionerChecklistItem(Node):
    is_type_of = is_model(models.ChecklistProgress)

    status: ProgressStatus = strawberry.field(description="Where it stands (状态).")
    progress: int = strawberry.field(description="Percent done (进度).")
    note: str = strawberry.field(description="Latest report (最新进展).")
    done_at: datetime | None = strawberry.field(description="When it was completed (完成时间).")

    @strawberry.field(description="Which list (清单).")
    async def kind(
        self, root: strawberry.Parent[models.ChecklistProgress], info: Info
    ) -> ChecklistKind:
        return (await info.context.loaders.required(models.ChecklistItem, root.item_id)).kind

    @strawberry.field(description="Its number in the list (序号).")
    async def number(self, root: strawberry.Parent[models.ChecklistProgress], info: Info) -> int:
        return (await info.context.loaders.required(models.ChecklistItem, root.item_id)).number

    @strawberry.field(description="The handbook's aspect (方面), for handbook items.")
    async def aspect_name(
        self, root: strawberry.Parent[models.ChecklistProgress], info: Info
    ) -> str | None:
        item = await info.context.loaders.required(models.ChecklistItem, root.item_id)
        return item.aspect_name

    @strawberry.field(description="The item (事项内容).")
    async def title(self, root: strawberry.Parent[models.ChecklistProgress], info: Info) -> str:
        return (await info.context.loaders.required(models.ChecklistItem, root.item_id)).title

    @strawberry.field(description="Its progress steps, oldest first (进展记录).")
    async def events(
        self, root: strawberry.Parent[models.ChecklistProgress], info: Info
    ) -> list[IndustryProgressEvent]:
        return await _events_of(info, "checklist_progress_id", root.id)


async def _checklist_by_commissioner(
    session: AsyncSession, keys: Sequence[int]
) -> list[list[models.ChecklistProgress]]:
    rows = (
        await session.scalars(
            select(models.ChecklistProgress)
            .where(models.ChecklistProgress.commissioner_id.in_(keys))
            .order_by(models.ChecklistProgress.item_id)
        )
    ).all()
    found: dict[int, list[models.ChecklistProgress]] = {key: [] for key in keys}
    for row in rows:
        found[row.commissioner_id].append(row)
    return [found[key] for key in keys]


async def _checklist_rows(info: Info, commissioner: int) -> list[models.ChecklistProgress]:
    loader = info.context.loaders.custom(("commissioner_checklist",), _checklist_by_commissioner)
    rows: list[models.ChecklistProgress] = await loader.load(commissioner)
    return rows


@strawberry.type(description="A party-building commissioner (两新组织党建工作专员).")
class PartyCommissioner(Node):
    is_type_of = is_model(models.PartyCommissioner)

    sector: CommissionerSector = strawberry.field(description="Where placed (驻点行业).")
    appointed_on: date = strawberry.field(description="Appointed (选派日期).")

    @strawberry.field(description="The commissioner (专员).")
    async def person(
        self, root: strawberry.Parent[models.PartyCommissioner], info: Info
    ) -> PersonT:
        return cast("Person", await info.context.loaders.required(models.Person, root.person_id))

    @strawberry.field(description="The work unit placed with (驻点单位), if one.")
    async def work_unit(
        self, root: strawberry.Parent[models.PartyCommissioner], info: Info
    ) -> WorkUnitT | None:
        return cast(
            "WorkUnit | None",
            await info.context.loaders.optional(models.WorkUnit, root.work_unit_id),
        )

    @strawberry.field(
        description="The checklist (专员清单) in order, one list or all: 31 + 4 + 10 items."
    )
    async def checklist(
        self,
        root: strawberry.Parent[models.PartyCommissioner],
        info: Info,
        kind: Annotated[
            ChecklistKind | None,
            strawberry.argument(
                description="One list only (清单类别): handbook items, goals or duties."
            ),
        ] = None,
    ) -> list[CommissionerChecklistItem]:
        rows = await _checklist_rows(info, root.id)
        if kind is not None:
            items = {
                row.item_id: await info.context.loaders.required(models.ChecklistItem, row.item_id)
                for row in rows
            }
            rows = [row for row in rows if items[row.item_id].kind is kind]
        return cast(list[CommissionerChecklistItem], rows)

    @strawberry.field(description="Items done of all its items (完成事项数).")
    async def done_count(
        self, root: strawberry.Parent[models.PartyCommissioner], info: Info
    ) -> int:
        rows = await _checklist_rows(info, root.id)
        return sum(1 for row in rows if row.status is ProgressStatus.DONE)
