"""The generated volunteer services and projects hold the rules the API enforces: the
order chain step by step with the API's stamps, no double booking, the hours ledger, the
weekly minimum, one lead per team, publications that add up, projects' weighted progress,
the ten links in order and a status history that leads to each project's status."""

from __future__ import annotations

import itertools
from collections import defaultdict

from sqlalchemy import func, select

from db.models import (
    CoBuildingLink,
    Community,
    HoursEntry,
    KeyRecipient,
    MonthlyPublication,
    OrderEvent,
    OrderStatus,
    Project,
    ProjectAction,
    ProjectCheckpoint,
    ProjectEvent,
    ProjectMilestone,
    ProjectStatus,
    ServiceOrder,
    TeamMembership,
    Volunteer,
    VolunteerTeam,
)
from resolvers.clock import DISTRICT_TZ
from resolvers.projects.workflow import PROJECTS
from resolvers.volunteering.workflow import ORDERS
from simulation import scale as figures
from simulation.generator.timeline import Timeline
from tests.support.database import TEST_AS_OF, Database

DONE = (OrderStatus.COMPLETED, OrderStatus.RATED)


async def test_orders_follow_the_chain_and_the_ledger_balances(seeded: Database) -> None:
    async with seeded.session() as s:
        orders = {o.id: o for o in (await s.scalars(select(ServiceOrder))).all()}
        events: dict[int, list[OrderEvent]] = defaultdict(list)
        for event in (
            await s.scalars(select(OrderEvent).order_by(OrderEvent.at, OrderEvent.id))
        ).all():
            events[event.order_id].append(event)
        hours = {h.order_id: h for h in (await s.scalars(select(HoursEntry))).all()}
        no_shows = {v: n for v, n in (await s.execute(select(Volunteer.id, Volunteer.no_shows)))}
    assert orders
    counted: dict[int, int] = defaultdict(int)
    for key, order in orders.items():
        chain = events[key]
        assert chain[0].action.value == "PLACE" and chain[0].from_status is None
        for before, after in itertools.pairwise(chain):
            assert after.from_status == before.to_status, (key, before.action, after.action)
            assert after.from_status in ORDERS.transition(after.action).sources, (key, after.action)
            assert after.at >= before.at
        assert chain[-1].to_status == order.status
        assert order.status_changed_at == chain[-1].at
        stamped: dict[str, object] = {}  # each stamp: the time of the last move that set it
        for event in chain:
            stamped |= dict.fromkeys(ORDERS.stamps(event.action, event.to_status), event.at)
        assert {column: getattr(order, column) for column in stamped} == stamped, key
        for event in chain:
            if event.no_show:
                assert event.volunteer_id is not None
                counted[event.volunteer_id] += 1
        if order.status in DONE:
            entry = hours[key]
            assert (entry.minutes, entry.volunteer_id, entry.team_id) == (
                order.minutes, order.claimer_id, order.team_id,
            )  # fmt: skip
            assert order.started_at is not None
            assert entry.served_on == order.started_at.astimezone(DISTRICT_TZ).date()
        else:
            assert key not in hours
    assert {v: n for v, n in no_shows.items() if n} == dict(counted)
    # Nobody is booked twice: a volunteer's claimed services never overlap.
    booked: dict[int, list[tuple[object, object]]] = defaultdict(list)
    for order in orders.values():
        if order.claimer_id is not None and order.status is not OrderStatus.CANCELLED:
            booked[order.claimer_id].append((order.scheduled_start, order.scheduled_end))
    for spans in booked.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start  # type: ignore[operator]


async def test_every_community_serves_every_week_and_publications_add_up(
    seeded: Database,
) -> None:
    async with seeded.session() as s:
        communities = (await s.scalars(select(Community.id))).all()
        served = (await s.execute(select(HoursEntry.community_id, HoursEntry.served_on))).all()
        orders = (await s.scalars(select(ServiceOrder).where(ServiceOrder.status.in_(DONE)))).all()
        keys = set((await s.scalars(select(KeyRecipient.person_id))).all())
        publications = (await s.scalars(select(MonthlyPublication))).all()
    weeks = defaultdict(set)
    for community, day in served:
        weeks[community].add((day - Timeline(TEST_AS_OF).orders_start).days // 7)
    for community in communities:
        assert set(range(figures.HISTORY_WEEKS)) <= weeks[community], community
    figures_by_month: dict[tuple[int, int], list[ServiceOrder]] = defaultdict(list)
    for order in orders:
        assert order.started_at is not None
        day = order.started_at.astimezone(DISTRICT_TZ).date()
        figures_by_month[(order.community_id, day.month)].append(order)
    assert publications
    for publication in publications:
        done = figures_by_month[(publication.community_id, publication.month)]
        ratings = [o.rating for o in done if o.rating is not None]
        assert (
            publication.services, publication.minutes, publication.volunteers,
            publication.recipients_served, publication.key_recipients_served, publication.ratings,
        ) == (
            len(done), sum(o.minutes or 0 for o in done), len({o.claimer_id for o in done}),
            len({o.recipient_id for o in done}),
            len({o.recipient_id for o in done} & keys), len(ratings),
        )  # fmt: skip
        if ratings:
            assert publication.average_rating == round(sum(ratings) / len(ratings), 2)


async def test_teams_have_one_lead_and_projects_follow_their_workflow(seeded: Database) -> None:
    async with seeded.session() as s:
        leads = dict(
            (
                await s.execute(
                    select(VolunteerTeam.id, func.count(TeamMembership.id))
                    .outerjoin(
                        TeamMembership,
                        (TeamMembership.team_id == VolunteerTeam.id)
                        & TeamMembership.is_lead
                        & TeamMembership.left_on.is_(None),
                    )
                    .group_by(VolunteerTeam.id)
                )
            ).all()
        )
        projects = (await s.scalars(select(Project))).all()
        milestones = defaultdict(list)
        for milestone in (await s.scalars(select(ProjectMilestone))).all():
            milestones[milestone.project_id].append(milestone)
        links = defaultdict(list)
        for checkpoint in (
            await s.scalars(select(ProjectCheckpoint).order_by(ProjectCheckpoint.id))
        ).all():
            links[checkpoint.project_id].append(checkpoint.link)
    assert set(leads.values()) == {1}
    order = list(CoBuildingLink)
    for project in projects:
        mine = milestones[project.id]
        weights = sum(m.weight for m in mine)
        assert project.progress == round(sum(m.weight * m.progress for m in mine) / weights)
        recorded = links[project.id]
        assert recorded == order[: len(recorded)]
        if project.status in (ProjectStatus.COMPLETED, ProjectStatus.EVALUATED):
            assert all(m.progress == 100 for m in mine)
            assert project.completed_on is not None
        if project.kind.value == "CO_BUILDING" and project.status is ProjectStatus.COMPLETED:
            assert len(recorded) >= order.index(CoBuildingLink.PROCESS_RECORDED) + 1
        if len(recorded) > order.index(CoBuildingLink.PROCESS_RECORDED) + 1:
            assert project.status in (ProjectStatus.COMPLETED, ProjectStatus.EVALUATED)
        assert (project.evaluation_score is not None) == (project.status is ProjectStatus.EVALUATED)


# Events a project has by its status: it was proposed, started, completed, evaluated.
EVENTS_BY_STATUS = {
    ProjectStatus.PROPOSED: 1,
    ProjectStatus.IN_PROGRESS: 2,
    ProjectStatus.COMPLETED: 3,
    ProjectStatus.EVALUATED: 4,
}


async def test_project_histories_lead_to_each_projects_status(seeded: Database) -> None:
    async with seeded.session() as s:
        projects = {p.id: p for p in (await s.scalars(select(Project))).all()}
        events: dict[int, list[ProjectEvent]] = defaultdict(list)
        for event in (
            await s.scalars(select(ProjectEvent).order_by(ProjectEvent.at, ProjectEvent.id))
        ).all():
            events[event.project_id].append(event)
    assert projects
    assert set(events) == set(projects)
    for key, project in projects.items():
        chain = events[key]
        assert len(chain) == EVENTS_BY_STATUS[project.status], key
        assert chain[0].action is ProjectAction.PROPOSE and chain[0].from_status is None
        for before, after in itertools.pairwise(chain):
            assert after.from_status == before.to_status, key
            assert after.from_status in PROJECTS.transition(after.action).sources, key
        assert chain[-1].to_status == project.status
        for event in chain:
            assert event.actor_person_id is not None
            for column in PROJECTS.stamps(event.action, event.to_status):
                assert getattr(project, column) == PROJECTS.stamp_value(column, event.at), key
