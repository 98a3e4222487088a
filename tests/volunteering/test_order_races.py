"""Racing claims, sent at the same moment through the endpoint: each request runs in
its own transaction on its own connection, so the claims meet at the database (row locks
on PostgreSQL, the write lock on SQLite) — exactly one claimer wins, the others get
ALREADY_CLAIMED, and nobody is double-booked."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from db.models import OrderAction, OrderEvent, ServiceOrder, Volunteer
from resolvers.global_ids import decode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.volunteering_scene import CLAIM, accepted_order, build, window

RACERS = 6
ROUNDS = 3


async def test_of_racing_volunteers_exactly_one_claims(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await build(seeded, client, volunteers=RACERS)
    for round_ in range(ROUNDS):
        order = await accepted_order(scene, **window(days=2 + round_))
        bodies = await asyncio.gather(
            *(
                volunteer.client.post(CLAIM, {"input": {"orderId": order}})
                for volunteer in scene.volunteers
            )
        )
        assert all("errors" not in body for body in bodies), bodies
        payloads = [body["data"]["claimServiceOrder"] for body in bodies]
        winners = [
            volunteer
            for volunteer, payload in zip(scene.volunteers, payloads, strict=True)
            if payload["userErrors"] == []
        ]
        losers = [payload["userErrors"][0]["code"] for payload in payloads if payload["userErrors"]]
        assert len(winners) == 1, payloads
        assert losers == ["ALREADY_CLAIMED"] * (RACERS - 1)
        key = decode(order)[1]
        async with seeded.session() as s:
            claimer = await s.scalar(
                select(Volunteer.person_id)
                .join(ServiceOrder, ServiceOrder.claimer_id == Volunteer.id)
                .where(ServiceOrder.id == key)
            )
            claims = await s.scalar(
                select(func.count())
                .select_from(OrderEvent)
                .where(OrderEvent.order_id == key, OrderEvent.action == OrderAction.CLAIM)
            )
        assert claimer == winners[0].person
        assert claims == 1


async def test_one_volunteer_racing_for_two_overlapping_orders_books_one(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await build(seeded, client, volunteers=1)
    volunteer = scene.volunteers[0]
    orders = [
        await accepted_order(scene, **window(days=3, hours=3)),
        await accepted_order(scene, **window(days=3, hours=3, start_hour=2)),
    ]
    bodies = await asyncio.gather(
        *(volunteer.client.post(CLAIM, {"input": {"orderId": order}}) for order in orders)
    )
    codes = sorted(
        error["code"]
        for body in bodies
        for error in body["data"]["claimServiceOrder"]["userErrors"]
    )
    assert codes == ["DOUBLE_BOOKED"], bodies
    async with seeded.session() as s:
        booked = await s.scalar(
            select(func.count())
            .select_from(ServiceOrder)
            .join(Volunteer, Volunteer.id == ServiceOrder.claimer_id)
            .where(Volunteer.person_id == volunteer.person)
        )
    assert booked == 1
