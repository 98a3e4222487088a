"""The order chain through the endpoint, with the accounts each step belongs to:
resident orders → secretary dispatches → team lead accepts → volunteer claims, serves and
completes → resident rates; every step refused for the wrong role, with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from db.models import AccountRole as R
from db.models import Community, HoursEntry, OrderEvent, ServiceOrder, Volunteer
from resolvers.global_ids import decode, encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import dump
from tests.support.users import make_user
from tests.support.volunteering_scene import (
    ACCEPT,
    CANCEL,
    CLAIM,
    COMPLETE,
    DECLINE,
    DISPATCH,
    PLACE,
    RATE,
    REASSIGN,
    START,
    Actor,
    accepted_order,
    build,
    order_input,
    step,
    window,
)


async def refused(db: Database, actor: Actor, name: str, doc: str, **fields: object) -> None:
    """`actor` may not run this step: FORBIDDEN, and not a row changed."""
    before = await dump(db)
    codes = await actor.client.error_codes(doc, {"input": fields})
    assert codes == ["FORBIDDEN"], (name, codes)
    assert await dump(db) == before


async def test_the_whole_chain_each_step_by_its_role_only(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await build(seeded, client)
    resident, neighbour, secretary, lead = (
        scene.resident, scene.neighbour, scene.secretary, scene.lead,
    )  # fmt: skip
    volunteer, other_volunteer = scene.volunteers
    # 点单: a resident orders only for themselves.
    await refused(
        seeded, neighbour, "placeServiceOrder", PLACE, **order_input(resident.person_id)["input"]
    )
    placed = await resident.client.mutate(
        "placeServiceOrder", PLACE, order_input(resident.person_id)
    )
    assert placed["userErrors"] == []
    order = placed["serviceOrder"]["id"]
    assert placed["serviceOrder"]["status"] == "PLACED"
    # 派单: the community's staff, not the resident nor the team.
    for wrong in (resident, lead, volunteer):
        await refused(
            seeded, wrong, "dispatchServiceOrder", DISPATCH, orderId=order, teamId=scene.team_id
        )
    dispatched = await step(
        secretary, "dispatchServiceOrder", DISPATCH, orderId=order, teamId=scene.team_id
    )
    assert dispatched["serviceOrder"]["status"] == "DISPATCHED"
    # 接单: the team's lead only.
    for wrong in (secretary, volunteer, resident):
        await refused(seeded, wrong, "acceptServiceOrder", ACCEPT, orderId=order)
    assert (await step(lead, "acceptServiceOrder", ACCEPT, orderId=order))["serviceOrder"][
        "status"
    ] == "ACCEPTED"
    # 领单: a member of that team; another team's volunteer and the secretary cannot.
    assert scene.outsider_volunteer is not None
    for wrong in (scene.outsider_volunteer, secretary, resident):
        await refused(seeded, wrong, "claimServiceOrder", CLAIM, orderId=order)
    claimed = await step(volunteer, "claimServiceOrder", CLAIM, orderId=order)
    assert claimed["serviceOrder"]["status"] == "CLAIMED"
    assert claimed["serviceOrder"]["claimerName"] == "志愿者0"
    again = await step(other_volunteer, "claimServiceOrder", CLAIM, orderId=order)
    assert [e["code"] for e in again["userErrors"]] == ["ALREADY_CLAIMED"]
    # 服务: only the claimer (a plain volunteer acts on their own claims only).
    await refused(seeded, other_volunteer, "startService", START, orderId=order)
    assert (await step(volunteer, "startService", START, orderId=order))["serviceOrder"][
        "status"
    ] == "IN_SERVICE"
    await refused(seeded, other_volunteer, "completeService", COMPLETE, orderId=order, minutes=90)
    bad = await step(volunteer, "completeService", COMPLETE, orderId=order, minutes=0)
    assert [e["code"] for e in bad["userErrors"]] == ["OUT_OF_RANGE"]
    done = await step(volunteer, "completeService", COMPLETE, orderId=order, minutes=90)
    assert done["serviceOrder"]["status"] == "COMPLETED"
    # 评单: the resident, not a neighbour nor the volunteer.
    await refused(seeded, neighbour, "rateServiceOrder", RATE, orderId=order, rating=5)
    await refused(seeded, volunteer, "rateServiceOrder", RATE, orderId=order, rating=5)
    rated = await step(resident, "rateServiceOrder", RATE, orderId=order, rating=5, comment="很好")
    assert rated["serviceOrder"]["status"] == "RATED"
    assert rated["serviceOrder"]["rating"] == 5

    key = decode(order)[1]
    async with seeded.session() as s:
        actions = (
            await s.scalars(
                select(OrderEvent.action).where(OrderEvent.order_id == key).order_by(OrderEvent.id)
            )
        ).all()
        hours = (await s.scalars(select(HoursEntry).where(HoursEntry.order_id == key))).all()
        claimer = await s.scalar(
            select(Volunteer.person_id)
            .join(ServiceOrder, ServiceOrder.claimer_id == Volunteer.id)
            .where(ServiceOrder.id == key)
        )
    assert [a.value for a in actions] == [
        "PLACE", "DISPATCH", "ACCEPT", "CLAIM", "START", "COMPLETE", "RATE",
    ]  # fmt: skip
    assert [(h.minutes, h.team_id) for h in hours] == [(90, scene.team)]
    assert claimer == volunteer.person
    # A finished order moves no further.
    late = await step(secretary, "cancelServiceOrder", CANCEL, orderId=order, reason="晚了")
    assert [e["code"] for e in late["userErrors"]] == ["INVALID_TRANSITION"]


HISTORY = """query($id: ID!) { node(id: $id) { ... on ServiceOrder {
  status team { id } claimerName events { action fromStatus toStatus reason noShow }
  contact { name phone address masked } waiting { step overdue } } } }"""


async def test_decline_reassign_no_show_and_cancel(seeded: Database, client: GraphQLClient) -> None:
    scene = await build(seeded, client)
    volunteer = scene.volunteers[0]
    placed = await scene.resident.client.mutate(
        "placeServiceOrder", PLACE, order_input(scene.resident.person_id)
    )
    order = placed["serviceOrder"]["id"]
    await step(
        scene.secretary, "dispatchServiceOrder", DISPATCH, orderId=order, teamId=scene.team_id
    )
    blank = await step(scene.lead, "declineServiceOrder", DECLINE, orderId=order, reason="  ")
    assert [e["code"] for e in blank["userErrors"]] == ["REASON_REQUIRED"]
    declined = await step(
        scene.lead, "declineServiceOrder", DECLINE, orderId=order, reason="人手不足"
    )
    assert declined["serviceOrder"]["status"] == "PLACED"
    assert declined["serviceOrder"]["team"] is None
    # A team of another street does not serve this community.
    away = await step(
        scene.secretary,
        "dispatchServiceOrder",
        DISPATCH,
        orderId=order,
        teamId=encode("VolunteerTeam", scene.other_team),
    )
    assert [e["code"] for e in away["userErrors"]] == ["OUT_OF_AREA"]
    await step(
        scene.secretary, "dispatchServiceOrder", DISPATCH, orderId=order, teamId=scene.team_id
    )
    await step(scene.lead, "acceptServiceOrder", ACCEPT, orderId=order)
    await step(volunteer, "claimServiceOrder", CLAIM, orderId=order)
    # The resident cannot cancel a claimed order; the community reassigns a no-show.
    kept = await step(
        scene.resident, "cancelServiceOrder", CANCEL, orderId=order, reason="不需要了"
    )
    assert [e["code"] for e in kept["userErrors"]] == ["INVALID_TRANSITION"]
    moved = await step(scene.secretary, "reassignServiceOrder", REASSIGN, orderId=order,
                       reason="志愿者未到", teamId=scene.team_id, noShow=True)  # fmt: skip
    assert moved["userErrors"] == []
    assert moved["serviceOrder"]["status"] == "DISPATCHED"
    assert moved["serviceOrder"]["claimerName"] is None
    async with seeded.session() as s:
        no_shows = await s.scalar(
            select(Volunteer.no_shows).where(Volunteer.person_id == volunteer.person)
        )
    assert no_shows == 1
    cancelled = await step(
        scene.resident, "cancelServiceOrder", CANCEL, orderId=order, reason="不需要了"
    )
    assert cancelled["serviceOrder"]["status"] == "CANCELLED"
    history = (await scene.resident.client.data(HISTORY, {"id": order}))["node"]
    assert [(e["action"], e["toStatus"]) for e in history["events"]] == [
        ("PLACE", "PLACED"), ("DISPATCH", "DISPATCHED"), ("DECLINE", "PLACED"),
        ("DISPATCH", "DISPATCHED"), ("ACCEPT", "ACCEPTED"), ("CLAIM", "CLAIMED"),
        ("REASSIGN", "DISPATCHED"), ("CANCEL", "CANCELLED"),
    ]  # fmt: skip
    assert [e["noShow"] for e in history["events"]].count(True) == 1
    assert history["events"][2]["reason"] == "人手不足"
    assert history["waiting"] is None
    # Invalid transitions are user errors that name the status.
    invalid = await step(scene.lead, "acceptServiceOrder", ACCEPT, orderId=order)
    assert [e["code"] for e in invalid["userErrors"]] == ["INVALID_TRANSITION"]
    assert "CANCELLED" in invalid["userErrors"][0]["message"]


async def test_no_double_booking_contact_masking_and_visibility(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await build(seeded, client, volunteers=2)
    volunteer, other = scene.volunteers
    first = await accepted_order(scene)
    overlapping = await accepted_order(scene, **window(days=2, hours=2, start_hour=2))
    apart = await accepted_order(scene, **window(days=4))
    assert (await step(volunteer, "claimServiceOrder", CLAIM, orderId=first))["userErrors"] == []
    clash = await step(volunteer, "claimServiceOrder", CLAIM, orderId=overlapping)
    assert [e["code"] for e in clash["userErrors"]] == ["DOUBLE_BOOKED"]
    assert (await step(volunteer, "claimServiceOrder", CLAIM, orderId=apart))["userErrors"] == []
    assert (await step(other, "claimServiceOrder", CLAIM, orderId=overlapping))["userErrors"] == []

    # The claimer and the lead read the recipient's contact; another member sees it masked.
    def contact(body: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = body["node"]["contact"]
        return found

    mine = contact(await volunteer.client.data(HISTORY, {"id": first}))
    assert mine["masked"] is False and mine["phone"] == "13800001234" and mine["address"]
    assert contact(await scene.lead.client.data(HISTORY, {"id": first}))["masked"] is False
    theirs = contact(await other.client.data(HISTORY, {"id": first}))
    assert theirs["masked"] is True and theirs["address"] is None
    assert theirs["phone"] == "138****1234"

    assert scene.outsider_volunteer is not None
    # The scene's team is new: the generated district's orders are not among its own.
    listing = """query($team: ID!) { serviceOrders(first: 50, filter: {teamId: $team}) {
      totalCount nodes { id } } }"""
    counts = {
        name: (await actor.client.data(listing, {"team": scene.team_id}))["serviceOrders"][
            "totalCount"
        ]
        for name, actor in (
            ("resident", scene.resident), ("neighbour", scene.neighbour),
            ("secretary", scene.secretary), ("lead", scene.lead), ("volunteer", volunteer),
            ("outsider", scene.outsider_volunteer),
        )
    }  # fmt: skip
    assert counts == {
        "resident": 3, "neighbour": 0, "secretary": 3, "lead": 3, "volunteer": 3, "outsider": 0,
    }  # fmt: skip
    # node(id:) follows the lists' rule: to those who take no part, the order and its
    # events are not there (the same answer as for an ID that names nothing).
    events = """query($id: ID!) { node(id: $id) { ... on ServiceOrder { events { id } } } }"""
    event_ids = [e["id"] for e in (await scene.secretary.client.data(events, {"id": first}))[
        "node"]["events"]]  # fmt: skip
    one_event = "query($id: ID!) { node(id: $id) { id } }"
    for actor in (scene.resident, scene.lead, volunteer):
        assert (await actor.client.data(HISTORY, {"id": first}))["node"]["status"] == "CLAIMED"
        assert (await actor.client.data(one_event, {"id": event_ids[0]}))["node"]
    async with seeded.session() as session:
        elsewhere = await session.scalar(
            select(Community.id).where(Community.id != scene.community).order_by(Community.id)
        )
    assert elsewhere is not None
    grant = (R.COMMUNITY_SECRETARY, "community_id", elsewhere)
    other_secretary = client.as_user(await make_user(seeded, "other-secretary", grant))
    outsiders = (scene.neighbour.client, scene.outsider_volunteer.client, other_secretary)
    for outsider in outsiders:
        assert await outsider.error_codes(HISTORY, {"id": first}) == ["NOT_FOUND"]
        assert await outsider.error_codes(one_event, {"id": event_ids[0]}) == ["NOT_FOUND"]


OVERDUE = """{ overdueServiceOrders(first: 10) { totalCount nodes { id status
  waiting { step overdue overdueMinutes } } } }"""


async def test_the_overdue_view(seeded: Database, client: GraphQLClient) -> None:
    scene = await build(seeded, client)
    fresh = await scene.resident.client.mutate(
        "placeServiceOrder", PLACE, order_input(scene.resident.person_id)
    )
    stale = await scene.resident.client.mutate(
        "placeServiceOrder", PLACE, order_input(scene.resident.person_id)
    )
    assert (await scene.secretary.client.data(OVERDUE))["overdueServiceOrders"]["totalCount"] == 0
    async with seeded.session() as s:
        await s.execute(
            update(ServiceOrder)
            .where(ServiceOrder.id == decode(stale["serviceOrder"]["id"])[1])
            .values(status_changed_at=datetime.now(UTC) - timedelta(hours=30))
        )
        await s.commit()
    found = (await scene.secretary.client.data(OVERDUE))["overdueServiceOrders"]
    assert [node["id"] for node in found["nodes"]] == [stale["serviceOrder"]["id"]]
    waiting = found["nodes"][0]["waiting"]
    assert waiting["overdue"] is True and 5 * 60 - 2 <= waiting["overdueMinutes"] <= 6 * 60
    assert "dispatch" in waiting["step"]
    # The team does not see the community's undispatched orders.
    assert (await scene.lead.client.data(OVERDUE))["overdueServiceOrders"]["totalCount"] == 0
    assert fresh["serviceOrder"]["id"] != stale["serviceOrder"]["id"]


NESTED = """query($n: Int!, $team: ID!) { serviceOrders(first: $n, filter: {teamId: $team}) {
  nodes { id status
  community { name } team { name lead { name } } claimerName contact { masked }
  events { action team { name } } waiting { step } } } }"""


async def test_order_lists_cost_the_same_statements_at_any_page_size(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await build(seeded, client, volunteers=1)
    for days in range(2, 9):
        await accepted_order(scene, **window(days=days))
    counts = []
    for size in (2, 7):
        with seeded.count_statements() as statements:
            data = await scene.secretary.client.data(NESTED, {"n": size, "team": scene.team_id})
        assert len(data["serviceOrders"]["nodes"]) == size
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    async with seeded.session() as s:
        mine = select(func.count()).where(ServiceOrder.team_id == scene.team)
        assert await s.scalar(mine) == 7
