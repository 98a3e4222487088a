"""The workflow core against a real database: declarations that name real states,
operations and columns; a refused transition that writes nothing; a move that stamps,
records its event and is audited with its mutation; one lock per row and transaction;
waits that agree with the overdue query."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from db.models import (
    AccountRole,
    AuditEntry,
    OrderAction,
    OrderStatus,
    Person,
    Project,
    ProjectAction,
    ProjectEvent,
    ProjectStatus,
    ServiceOrder,
    User,
)
from resolvers import clock
from resolvers.accounts.viewer import Viewer
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.global_ids import encode
from resolvers.permissions import WRITES
from resolvers.projects.workflow import PROJECTS
from resolvers.transaction import commit_pending, in_transaction
from resolvers.volunteering.workflow import ORDERS
from resolvers.workflow import Machine, State, StateKind, Transition, Wait, locked
from schema import schema
from tests.support.database import Database
from tests.support.mutations import dump
from tests.support.users import make_user

P, PA = ProjectStatus, ProjectAction
T = TypeVar("T")
MACHINES = (ORDERS, PROJECTS)
# 20:00 UTC is the next morning in the district: a date stamp takes the district's day.
AT = datetime(2022, 3, 1, 20, 0, tzinfo=UTC)

# A machine declared over an existing model, as a new workflow would declare its own.
REVIEWS = Machine(
    noun="a review",
    field="reviewId",
    model=Project,
    states=(
        State(
            P.PROPOSED,
            StateKind.OPEN,
            wait=Wait(timedelta(days=30), "created_at", "waiting to start (待启动)"),
        ),
        State(P.IN_PROGRESS, StateKind.OPEN, "started_on"),
        State(P.CANCELLED, StateKind.CLOSED),
    ),
    transitions=(
        Transition(PA.START, frozenset({P.PROPOSED}), P.IN_PROGRESS, ("reportProjectProgress",)),
        Transition(
            PA.CANCEL, frozenset({P.PROPOSED, P.IN_PROGRESS}), P.CANCELLED, ("cancelProject",)
        ),
    ),
    event=PROJECTS.event,
)


def test_machines_name_real_operations_and_ask_the_permission_table_for_roles() -> None:
    mutations = set(schema._schema.mutation_type.fields)  # type: ignore[union-attr]
    for machine in MACHINES:
        assert set(machine.operations()) <= mutations & set(WRITES)
        for transition in machine.transitions:
            assert transition.operations, transition.action
    assert ORDERS.operations()["reassignServiceOrder"] == (OrderAction.REASSIGN,)
    assert PROJECTS.operations()["reportProjectProgress"] == (PA.START,)
    assert PROJECTS.operations()["recordProjectCheckpoint"] == (PA.START,)
    assert ORDERS.roles(OrderAction.ACCEPT) == frozenset({AccountRole.TEAM_LEAD})
    assert PROJECTS.roles(PA.START) == (
        WRITES["reportProjectProgress"].roles | WRITES["recordProjectCheckpoint"].roles  # type: ignore[operator]
    )
    assert ORDERS.statuses(StateKind.OPEN) == (
        OrderStatus.PLACED,
        OrderStatus.DISPATCHED,
        OrderStatus.ACCEPTED,
        OrderStatus.CLAIMED,
        OrderStatus.IN_SERVICE,
    )
    assert ORDERS.stamps(OrderAction.PLACE, OrderStatus.PLACED) == ("placed_at",)
    assert ORDERS.stamps(OrderAction.DECLINE, OrderStatus.PLACED) == ()
    assert ORDERS.stamps(OrderAction.REASSIGN, OrderStatus.DISPATCHED) == ("dispatched_at",)


def test_a_machine_refuses_undeclared_states_and_missing_columns() -> None:
    with pytest.raises(ValueError, match="undeclared"):
        Machine(
            noun="a review",
            field="reviewId",
            model=Project,
            states=(State(P.PROPOSED, StateKind.OPEN),),
            transitions=(Transition(PA.START, frozenset({P.PROPOSED}), P.IN_PROGRESS, ("x",)),),
            event=PROJECTS.event,
        )
    with pytest.raises(ValueError, match="no_such_column"):
        Machine(
            noun="a review",
            field="reviewId",
            model=Project,
            states=(State(P.PROPOSED, StateKind.OPEN, "no_such_column"),),
            transitions=(),
            event=PROJECTS.event,
        )


async def run(
    db: Database, operation: str, work: Callable[[Context], Awaitable[T]], viewer: Viewer
) -> T | UserErrors:
    """`work` as the mutation `operation` runs it: one transaction, audited."""
    async with db.session() as session:
        ctx = Context(session=session, viewer=viewer, operation=operation)
        with clock.simulated(AT):
            outcome = await in_transaction(ctx, lambda: work(ctx))
            await commit_pending(ctx)  # as the operation's end does
            return outcome


async def project_in(db: Database, status: ProjectStatus) -> int:
    async with db.session() as s:
        key = await s.scalar(
            select(Project.id).where(Project.status == status).order_by(Project.id)
        )
    assert key is not None
    return key


async def actor(db: Database) -> Viewer:
    async with db.session() as s:
        person = await s.scalar(
            select(Person.id)
            .where(Person.id.not_in(select(User.person_id).where(User.person_id.is_not(None))))
            .order_by(Person.id)
        )
    assert person is not None
    return Viewer(user_id=await make_user(db, "mover", person_id=person), person_id=person)


async def test_an_invalid_transition_is_refused_with_its_code_and_writes_nothing(
    seeded: Database,
) -> None:
    viewer = await actor(seeded)
    proposed = encode("Project", await project_in(seeded, P.PROPOSED))
    async with seeded.session() as s:
        rated = await s.scalar(
            select(ServiceOrder.id).where(ServiceOrder.status == OrderStatus.RATED)
        )
    assert rated is not None
    before = await dump(seeded)

    async def evaluate(ctx: Context) -> ProjectEvent:
        project = await locked(ctx, Project, proposed)
        return await PROJECTS.advance(ctx, project, PA.EVALUATE)

    async def accept(ctx: Context) -> object:
        order = await locked(ctx, ServiceOrder, encode("ServiceOrder", rated))
        return await ORDERS.advance(ctx, order, OrderAction.ACCEPT)

    async def review(ctx: Context) -> ProjectEvent:
        return await REVIEWS.advance(ctx, await locked(ctx, Project, proposed), PA.CANCEL)

    refused = [
        await run(seeded, "evaluateProject", evaluate, viewer),
        await run(seeded, "acceptServiceOrder", accept, viewer),
    ]
    errors = [e for r in refused if isinstance(r, UserErrors) for e in r.errors]
    assert [(e.message, e.code, e.field) for e in errors] == [
        (
            "cannot evaluate a project that is PROPOSED (only from COMPLETED)",
            UserErrorCode.INVALID_TRANSITION,
            ("input", "projectId"),
        ),
        (
            "cannot accept an order that is RATED (only from DISPATCHED)",
            UserErrorCode.INVALID_TRANSITION,
            ("input", "orderId"),
        ),
    ]
    assert await dump(seeded) == before
    # A transition is made only by the operations declared for it.
    with pytest.raises(RuntimeError, match="evaluateProject does not CANCEL a review"):
        await run(seeded, "evaluateProject", review, viewer)
    assert await dump(seeded) == before


async def test_advance_stamps_records_the_event_and_is_audited_with_its_mutation(
    seeded: Database,
) -> None:
    viewer = await actor(seeded)
    key = await project_in(seeded, P.PROPOSED)

    async def start_then_cancel(ctx: Context) -> ProjectEvent:
        project = await locked(ctx, Project, encode("Project", key))
        ctx.operation = "reportProjectProgress"
        await REVIEWS.advance(ctx, project, PA.START)
        ctx.operation = "cancelProject"
        pending = await PROJECTS.begin(ctx, project, PA.CANCEL)
        project.cancel_reason = "撤销"
        return await pending.finish(reason="撤销")

    event = await run(seeded, "reportProjectProgress", start_then_cancel, viewer)
    assert isinstance(event, ProjectEvent)
    async with seeded.session() as s:
        project = await s.get(Project, key)
        events = (
            await s.scalars(
                select(ProjectEvent).where(ProjectEvent.project_id == key).order_by(ProjectEvent.id)
            )
        ).all()
        entries = (
            await s.scalars(
                select(AuditEntry)
                .where(AuditEntry.object_type.in_(("Project", "ProjectEvent")))
                .order_by(AuditEntry.id)
            )
        ).all()
    assert project is not None
    assert project.status is P.CANCELLED
    assert project.started_on == date(2022, 3, 2)  # the district's day of AT
    moves = [
        (e.action, e.from_status, e.to_status, e.at, e.actor_user_id, e.actor_person_id, e.reason)
        for e in events[1:]  # after the generated PROPOSE
    ]
    who = (viewer.user_id, viewer.person_id)
    assert moves == [
        (PA.START, P.PROPOSED, P.IN_PROGRESS, AT, *who, None),
        (PA.CANCEL, P.IN_PROGRESS, P.CANCELLED, AT, *who, "撤销"),
    ]
    # The mutation's audit covers the moves: the project's net change and each event.
    assert sorted((e.object_type, e.action, e.object_id) for e in entries) == [
        ("Project", "UPDATE", key),
        ("ProjectEvent", "CREATE", events[1].id),
        ("ProjectEvent", "CREATE", events[2].id),
    ]
    (change,) = [e for e in entries if e.object_type == "Project"]
    assert change.after is not None
    assert change.after["status"] == "CANCELLED"
    assert {e.operation for e in entries} == {"cancelProject"}
    assert {e.user_id for e in entries} == {viewer.user_id}


async def test_a_new_row_enters_by_its_initial_transition(seeded: Database) -> None:
    viewer = await actor(seeded)
    async with seeded.session() as s:
        template = await s.scalar(select(Project).order_by(Project.id))
    assert template is not None

    async def propose(ctx: Context) -> ProjectEvent:
        project = Project(
            kind=template.kind,
            category=template.category,
            title="新项目",
            community_id=template.community_id,
            year=2022,
            owner_kind=template.owner_kind,
            owner_work_unit_id=template.owner_work_unit_id,
            owner_person_id=template.owner_person_id,
            owner_property_company_id=template.owner_property_company_id,
        )
        return await PROJECTS.advance(ctx, project, PA.PROPOSE)

    event = await run(seeded, "createProject", propose, viewer)
    assert isinstance(event, ProjectEvent)
    assert (event.from_status, event.to_status, event.at) == (None, P.PROPOSED, AT)
    async with seeded.session() as s:
        created = await s.get(Project, event.project_id)
    assert created is not None
    assert created.status is P.PROPOSED


async def test_a_row_is_locked_once_per_transaction(seeded: Database) -> None:
    viewer = await actor(seeded)
    proposed = encode("Project", await project_in(seeded, P.PROPOSED))

    async def locked_then_advanced(ctx: Context) -> ProjectEvent:
        project = await locked(ctx, Project, proposed)
        return await REVIEWS.advance(ctx, project, PA.START)

    with seeded.count_statements() as statements:
        await run(seeded, "reportProjectProgress", locked_then_advanced, viewer)
    reads = [s for s in statements if s.lstrip().startswith("SELECT") and "FROM projects" in s]
    assert len(reads) == 1, reads
    if seeded.backend == "postgresql":
        assert "FOR UPDATE" in reads[0]
    key = await project_in(seeded, P.PROPOSED)  # another one: the first has moved on

    async def loaded_then_advanced(ctx: Context) -> ProjectEvent:
        project = await ctx.session.get(Project, key)
        assert project is not None
        return await REVIEWS.advance(ctx, project, PA.CANCEL)  # locks it itself

    with seeded.count_statements() as statements:
        await run(seeded, "cancelProject", loaded_then_advanced, viewer)
    reads = [s for s in statements if s.lstrip().startswith("SELECT") and "FROM projects" in s]
    assert len(reads) == 2, reads  # the plain read, then the lock
    if seeded.backend == "postgresql":
        assert "FOR UPDATE" in reads[1]

    async def changed_then_advanced(ctx: Context) -> ProjectEvent:
        project = await ctx.session.get(Project, changed)
        assert project is not None
        project.title = "改名"
        return await REVIEWS.advance(ctx, project, PA.CANCEL)

    changed = await project_in(seeded, P.PROPOSED)
    with pytest.raises(RuntimeError, match="lock the Project before changing it"):
        await run(seeded, "cancelProject", changed_then_advanced, viewer)


async def test_waits_agree_with_the_overdue_query(seeded: Database) -> None:
    """Each state's wait, row by row, finds the rows the overdue query finds."""
    checks: list[tuple[Machine[Any, Any, Any, Any], datetime]] = [
        (ORDERS, datetime(2022, 7, 7, tzinfo=UTC)),  # in the last week of open orders
        (REVIEWS, datetime(2022, 8, 10, tzinfo=UTC)),
    ]
    for machine, now in checks:
        async with seeded.session() as s:
            rows = (await s.scalars(select(machine.model))).all()
            overdue = set(
                (await s.scalars(select(machine.model.id).where(machine.overdue_clause(now)))).all()
            )
        late = set()
        for row in rows:
            if machine.status_of(row) not in {state.status for state in machine.states}:
                continue
            found = machine.waiting_since(row)
            if found is not None and found[1] + found[0].allowed < now:
                late.add(row.id)
        assert overdue, machine.noun
        assert overdue == late, machine.noun
        assert len(late) < len(rows), machine.noun
    # A closed state has no wait.
    async with seeded.session() as s:
        rated = await s.scalar(select(ServiceOrder).where(ServiceOrder.status == OrderStatus.RATED))
    assert rated is not None
    assert ORDERS.waiting_since(rated) is None
