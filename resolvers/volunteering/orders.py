"""The order chain (群众点单 → 社区派单 → 队伍接单 → 成员领单 → 服务 → 评单).

Each step locks the order row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every
mutation already holds the write lock from its first statement) and moves it through the
order chain's machine (resolvers/volunteering/workflow.py), which checks the step under
the lock and records it, so of several requests racing for one order exactly one wins and
the others get a user error. A claim also locks the claimer's volunteer row, so two claims
by one volunteer cannot both pass the double-booking check.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from db.models import (
    Community,
    HoursEntry,
    LocalServiceItem,
    OrderAction,
    OrderStatus,
    Person,
    ServiceCategory,
    ServiceOrder,
    TeamLevel,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers import clock
from resolvers.accounts.places import building_place, place_of
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import acts_in_scope, authorize
from resolvers.validation import Checks, clean_text
from resolvers.volunteering import workflow
from resolvers.volunteering.teams import volunteer_of_person
from resolvers.volunteering.workflow import ORDERS
from resolvers.workflow import locked

A = OrderAction


def _reason(reason: str | None) -> str:
    text = clean_text(reason or "", "reason", max_length=300, required=False)
    if not text:
        raise UserErrors.single(
            "say why (a reason is required)", UserErrorCode.REASON_REQUIRED, "reason"
        )
    return text


async def _home_community(ctx: Context, person: Person) -> int:
    # The building's place was loaded (and cached) when the order was authorised.
    community = (await building_place(ctx, person.building_id)).community_id
    if community is None:
        raise UserErrors.single(
            f"{person.name} has no home building: an order is served where the recipient lives",
            UserErrorCode.INVALID,
            "recipientId",
        )
    return int(community)


def _window(start: datetime, end: datetime) -> None:
    if end <= start:
        raise UserErrors.single(
            "scheduledEnd must be after scheduledStart", UserErrorCode.DATE_ORDER, "scheduledEnd"
        )
    if end - start > workflow.LONGEST_SERVICE:
        raise UserErrors.single(
            "a service lasts at most 12 hours", UserErrorCode.OUT_OF_RANGE, "scheduledEnd"
        )
    if end <= clock.now():
        raise UserErrors.single(
            "the service time is already over", UserErrorCode.OUT_OF_RANGE, "scheduledEnd"
        )


async def place(
    ctx: Context,
    *,
    recipient_id: str,
    category: ServiceCategory,
    local_item_id: str | None,
    title: str,
    description: str | None,
    scheduled_start: datetime,
    scheduled_end: datetime,
) -> ServiceOrder:
    """群众点单: a resident orders for themselves, or staff for a resident."""
    recipient = await load_as(ctx, recipient_id, Person)
    own = recipient.id == ctx.viewer.person_id
    await authorize(ctx, recipient, own=own)
    community = await _home_community(ctx, recipient)
    check = Checks()
    title = check(clean_text, title, "title", max_length=100) or ""
    description = check(
        clean_text, description or "", "description", max_length=500, required=False
    )
    check(_window, scheduled_start, scheduled_end)
    check.done()
    item_key = None
    if category is ServiceCategory.LOCAL:
        if local_item_id is None:
            raise UserErrors.single(
                "a LOCAL order names one of the community's own items",
                UserErrorCode.INVALID,
                "localItemId",
            )
        item = await load_as(ctx, local_item_id, LocalServiceItem)
        if item.community_id != community or item.archived_at is not None:
            raise UserErrors.single(
                f"{item.name!r} is not a live item of the recipient's community",
                UserErrorCode.OUT_OF_AREA,
                "localItemId",
            )
        item_key = item.id
    elif local_item_id is not None:
        raise UserErrors.single(
            "only LOCAL orders name a local item", UserErrorCode.INVALID, "localItemId"
        )
    order = ServiceOrder(
        community_id=community,
        recipient_id=recipient.id,
        placed_by_user_id=ctx.viewer.user_id,
        category=category,
        local_item_id=item_key,
        title=title,
        description=description or "",
        scheduled_start=scheduled_start,
        scheduled_end=scheduled_end,
    )
    await ORDERS.advance(ctx, order, A.PLACE)
    await ctx.session.flush()
    return order


async def _serving_team(ctx: Context, order: ServiceOrder, team_id: str) -> VolunteerTeam:
    """A live team whose area contains the order's community (OUT_OF_AREA otherwise)."""
    team = await load_as(ctx, team_id, VolunteerTeam)
    if team.archived_at is not None:
        raise UserErrors.single(f"team {team.name!r} is archived", UserErrorCode.ARCHIVED, "teamId")
    community = await ctx.loaders.by_id(Community).load(order.community_id)
    assert community is not None
    serves = (
        team.level is TeamLevel.DISTRICT
        or (team.level is TeamLevel.STREET and team.street_id == community.street_id)
        or (team.level is TeamLevel.COMMUNITY and team.community_id == community.id)
    )
    if not serves:
        raise UserErrors.single(
            f"team {team.name!r} does not serve {community.name}",
            UserErrorCode.OUT_OF_AREA,
            "teamId",
        )
    return team


async def dispatch(ctx: Context, *, order_id: str, team_id: str) -> ServiceOrder:
    """社区派单: the community gives the order to a team that serves it."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order)
    move = await ORDERS.begin(ctx, order, A.DISPATCH)
    team = await _serving_team(ctx, order, team_id)
    order.team_id = team.id
    await move.finish()
    await ctx.session.flush()
    return order


async def accept(ctx: Context, *, order_id: str) -> ServiceOrder:
    """队伍接单: the team's lead takes the order on."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order)
    await ORDERS.advance(ctx, order, A.ACCEPT)
    await ctx.session.flush()
    return order


async def decline(ctx: Context, *, order_id: str, reason: str | None) -> ServiceOrder:
    """The team's lead hands the order back to the community, saying why."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order)
    move = await ORDERS.begin(ctx, order, A.DECLINE)
    why = _reason(reason)
    await move.finish(reason=why)  # names the team that declined
    order.team_id = None
    await ctx.session.flush()
    return order


async def claim(ctx: Context, *, order_id: str) -> ServiceOrder:
    """成员领单: a member of the order's team claims it; exactly one claimer wins."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order)
    if order.claimer_id is not None and order.status is not OrderStatus.ACCEPTED:
        raise UserErrors.single(
            "another volunteer has already claimed this order",
            UserErrorCode.ALREADY_CLAIMED,
            "orderId",
        )
    move = await ORDERS.begin(ctx, order, A.CLAIM)
    person = ctx.viewer.person_id
    volunteer = None if person is None else await volunteer_of_person(ctx, person)
    if volunteer is None or not volunteer.active:
        raise UserErrors.single(
            "only an active volunteer can claim an order", UserErrorCode.NOT_A_VOLUNTEER, "orderId"
        )
    # Lock the claimer too: their other claims wait here, then see this one's booking.
    await ctx.session.scalar(
        select(Volunteer.id).where(Volunteer.id == volunteer.id).with_for_update()
    )
    member = await ctx.session.scalar(
        select(TeamMembership.id).where(
            TeamMembership.team_id == order.team_id,
            TeamMembership.volunteer_id == volunteer.id,
            TeamMembership.left_on.is_(None),
        )
    )
    if member is None:
        raise UserErrors.single(
            "you are not a member of the team this order was given to",
            UserErrorCode.NOT_A_TEAM_MEMBER,
            "orderId",
        )
    clash = await ctx.session.scalar(
        select(ServiceOrder.title).where(
            ServiceOrder.claimer_id == volunteer.id,
            ServiceOrder.status.in_(workflow.BOOKED),
            ServiceOrder.scheduled_start < order.scheduled_end,
            ServiceOrder.scheduled_end > order.scheduled_start,
            ServiceOrder.id != order.id,
        )
    )
    if clash is not None:
        raise UserErrors.single(
            f"you are already booked at that time ({clash!r})",
            UserErrorCode.DOUBLE_BOOKED,
            "orderId",
        )
    order.claimer_id = volunteer.id
    await move.finish()
    await ctx.session.flush()
    return order


async def _claimer_acts(ctx: Context, order: ServiceOrder) -> None:
    own = False
    if order.claimer_id is not None and ctx.viewer.person_id is not None:
        claimer = await ctx.loaders.by_id(Volunteer).load(order.claimer_id)
        own = claimer is not None and claimer.person_id == ctx.viewer.person_id
    await authorize(ctx, order, own=own)


async def start(ctx: Context, *, order_id: str) -> ServiceOrder:
    order = await locked(ctx, ServiceOrder, order_id)
    await _claimer_acts(ctx, order)
    await ORDERS.advance(ctx, order, A.START)
    await ctx.session.flush()
    return order


async def complete(ctx: Context, *, order_id: str, minutes: int) -> ServiceOrder:
    """Done: the minutes served go to the hours ledger (服务时长台账) in the same step."""
    order = await locked(ctx, ServiceOrder, order_id)
    await _claimer_acts(ctx, order)
    move = await ORDERS.begin(ctx, order, A.COMPLETE)
    if not 1 <= minutes <= workflow.LONGEST_SERVICE_MINUTES:
        raise UserErrors.single(
            f"minutes must be between 1 and {workflow.LONGEST_SERVICE_MINUTES}",
            UserErrorCode.OUT_OF_RANGE,
            "minutes",
        )
    order.minutes = minutes
    await move.finish()
    assert order.claimer_id is not None
    assert order.team_id is not None
    started = order.started_at or clock.now()
    ctx.session.add(
        HoursEntry(
            order_id=order.id,
            volunteer_id=order.claimer_id,
            team_id=order.team_id,
            community_id=order.community_id,
            served_on=started.astimezone(clock.DISTRICT_TZ).date(),
            minutes=minutes,
        )
    )
    await ctx.session.flush()
    return order


def _resident_owns(ctx: Context, order: ServiceOrder) -> bool:
    viewer = ctx.viewer
    return (viewer.person_id is not None and order.recipient_id == viewer.person_id) or (
        viewer.user_id is not None and order.placed_by_user_id == viewer.user_id
    )


async def rate(ctx: Context, *, order_id: str, rating: int, comment: str | None) -> ServiceOrder:
    """评单: the resident (or staff who asked them) rates the finished service."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order, own=_resident_owns(ctx, order))
    move = await ORDERS.begin(ctx, order, A.RATE)
    if not 1 <= rating <= 5:
        raise UserErrors.single("rating is 1 to 5", UserErrorCode.OUT_OF_RANGE, "rating")
    order.rating = rating
    order.rating_comment = (
        clean_text(comment or "", "comment", max_length=300, required=False) or None
    )
    await move.finish()
    await ctx.session.flush()
    return order


async def cancel(ctx: Context, *, order_id: str, reason: str | None) -> ServiceOrder:
    """A resident cancels before a volunteer claims; staff also after."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order, own=_resident_owns(ctx, order))
    move = await ORDERS.begin(ctx, order, A.CANCEL)
    staff = acts_in_scope(ctx, await place_of(ctx, order))
    if not staff and order.status not in workflow.RESIDENT_CANCELLABLE:
        raise UserErrors.single(
            "a volunteer has claimed this order: ask the community to cancel it",
            UserErrorCode.INVALID_TRANSITION,
            "orderId",
        )
    why = _reason(reason)
    order.cancel_reason = why
    await move.finish(reason=why)
    await ctx.session.flush()
    return order


async def reassign(
    ctx: Context, *, order_id: str, reason: str | None, team_id: str | None, no_show: bool
) -> ServiceOrder:
    """改派: the community moves the order to another team, or back to itself; a claimer
    who did not turn up is counted (no-show)."""
    order = await locked(ctx, ServiceOrder, order_id)
    await authorize(ctx, order)
    move = await ORDERS.begin(ctx, order, A.REASSIGN)
    why = _reason(reason)
    if no_show:
        if order.status is not OrderStatus.CLAIMED or order.claimer_id is None:
            raise UserErrors.single(
                "only a claimed order's volunteer can fail to turn up",
                UserErrorCode.INVALID_TRANSITION,
                "noShow",
            )
        claimer = await ctx.session.get(Volunteer, order.claimer_id, with_for_update=True)
        assert claimer is not None
        claimer.no_shows += 1
    target = OrderStatus.PLACED
    new_team = None
    if team_id is not None:
        new_team = (await _serving_team(ctx, order, team_id)).id
        target = OrderStatus.DISPATCHED
    event = await move.finish(to=target, reason=why)  # names the team it left
    event.no_show = no_show
    order.team_id = new_team
    order.claimer_id = None
    await ctx.session.flush()
    return order
