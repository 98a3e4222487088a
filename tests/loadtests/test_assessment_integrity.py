"""The assessment's part of the post-load audit on the generated district, on both
backends: the generated history passes it; a journaled visit that is not there is lost,
and a breakthrough project pointing at a shortfall of another year, a review whose status
its history does not reach and a visit outside its observer's assignment are problems."""

from __future__ import annotations

from sqlalchemy import select, update

from db.models import (
    AnnualReview,
    ObserverAssignment,
    ObserverVisit,
    Project,
    ReviewStatus,
)
from loadtests.assessment_integrity import ENTRY_ACTIONS
from loadtests.integrity import audit
from loadtests.journal import OK, Entry
from loadtests.operations import assessment
from resolvers.global_ids import encode
from tests.support.database import Database


def test_the_audit_knows_every_assessment_step_the_users_send() -> None:
    mutations = {op.name for op in assessment.OPERATIONS if op.payload is not None}
    assert mutations - {"recordRing"} == ENTRY_ACTIONS


async def test_the_assessment_audit_finds_lost_visits_and_broken_links(seeded: Database) -> None:
    clean = await audit(seeded.engine, [])
    assert clean.passed, clean.problems
    assert clean.totals["shortfall_projects"] > 0 and clean.totals["observer_visits"] > 0
    async with seeded.engine.begin() as connection:
        project = await connection.scalar(
            select(Project.id).where(Project.source_shortfall_id.is_not(None)).limit(1)
        )
        review = await connection.scalar(
            select(AnnualReview.id).where(AnnualReview.status == ReviewStatus.CONCLUDED).limit(1)
        )
        visit, observer, community, day = (
            await connection.execute(
                select(ObserverVisit.id, ObserverVisit.observer_id, ObserverVisit.community_id)
                .add_columns(ObserverVisit.visited_on)
                .order_by(ObserverVisit.id)
                .limit(1)
            )
        ).one()
        await connection.execute(update(Project).where(Project.id == project).values(year=2040))
        await connection.execute(
            update(AnnualReview).where(AnnualReview.id == review).values(status=ReviewStatus.OPEN)
        )
        await connection.execute(
            update(ObserverAssignment)
            .where(
                ObserverAssignment.observer_id == observer,
                ObserverAssignment.community_id == community,
                ObserverAssignment.year == day.year,
            )
            .values(year=2040)
        )
    entry = {
        "visit": encode("ObserverVisit", 2_000_000),
        "community": encode("Community", community),
        "findings": 0,
        "user": "observer01",
    }
    report = await audit(seeded.engine, [Entry("recordObserverVisit", OK, entry)])
    assert not report.passed
    assert report.lost_count == 1 and "the visit does not exist" in report.lost[0]
    problems = "\n".join(report.problems)
    assert f"project {project} (" in problems and "answers a shortfall of" in problems
    assert f"review {review} is OPEN, its history ends CONCLUDED" in problems
    assert f"visit {visit}: observer {observer} not assigned to {community}" in problems
