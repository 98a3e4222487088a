"""The generated district's deliberation: the report's figures at the test scale, and
histories that follow the machines the API moves rows through."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from db.models import (
    Consultation,
    ConsultationCategory,
    ConsultationEvent,
    ConsultationStatus,
    JointMeeting,
    JointMeetingProblem,
    JointMeetingProblemEvent,
    JointProblemStatus,
    MeetingLevel,
)
from resolvers.deliberation.workflow import CONSULTATIONS, PROBLEMS
from resolvers.workflow import Machine
from tests.support.database import TEST_SCALE, Database


def _follows(machine: Machine[Any, Any, Any, Any], events: list[Any], status: Any) -> None:
    """Each event is a declared transition from where the previous one left the row, and
    the last leaves it where the row stands."""
    at = None
    previous = None
    for event in events:
        transition = machine.transition(event.action)
        assert event.from_status == at, (event.action, event.from_status, at)
        assert at in transition.sources and event.to_status in transition.targets
        assert previous is None or event.at >= previous
        at, previous = event.to_status, event.at
    assert at == status


async def test_the_figures_at_the_test_scale(seeded: Database) -> None:
    expected = TEST_SCALE.expected()
    async with seeded.session() as s:
        resolved = await s.scalar(
            select(func.count(Consultation.id)).where(
                Consultation.status == ConsultationStatus.RESOLVED
            )
        )
        categories = await s.scalar(
            select(func.count(func.distinct(Consultation.category_id))).where(
                Consultation.status == ConsultationStatus.RESOLVED
            )
        )
        all_categories = await s.scalar(select(func.count(ConsultationCategory.id)))
        levels = dict(
            (
                await s.execute(
                    select(JointMeeting.level, func.count(JointMeeting.id)).group_by(
                        JointMeeting.level
                    )
                )
            ).all()
        )
        solved = await s.scalar(
            select(func.count(JointMeetingProblem.id)).where(
                JointMeetingProblem.status == JointProblemStatus.SOLVED
            )
        )
    assert resolved == expected["consultations_resolved"]
    assert categories == min(int(all_categories or 0), expected["consultations_resolved"])
    assert levels == {
        MeetingLevel.DISTRICT: expected["district_joint_meetings"],
        MeetingLevel.STREET: expected["street_joint_meetings"],
        MeetingLevel.COMMUNITY: expected["community_joint_meetings"],
    }
    assert solved == expected["joint_meeting_problems_solved"]


async def test_generated_histories_follow_the_machines(seeded: Database) -> None:
    async with seeded.session() as s:
        consultations = (await s.scalars(select(Consultation))).all()
        events: dict[int, list[ConsultationEvent]] = defaultdict(list)
        for event in await s.scalars(select(ConsultationEvent).order_by(ConsultationEvent.id)):
            events[event.consultation_id].append(event)
        problems = {p.id: p for p in await s.scalars(select(JointMeetingProblem))}
        steps: dict[int, list[JointMeetingProblemEvent]] = defaultdict(list)
        for step in await s.scalars(
            select(JointMeetingProblemEvent).order_by(JointMeetingProblemEvent.id)
        ):
            steps[step.problem_id].append(step)
        meetings = {m.id: m for m in await s.scalars(select(JointMeeting))}
    assert consultations and problems
    for row in consultations:
        _follows(CONSULTATIONS, events[row.id], row.status)
        assert row.status_changed_at == events[row.id][-1].at
    for problem in problems.values():
        _follows(PROBLEMS, steps[problem.id], problem.status)
        assert {step.meeting_id for step in steps[problem.id]} == {problem.meeting_id}
    # A passed problem continues one level up, in its street's meeting of the quarter.
    received = [p for p in problems.values() if p.passed_from_id is not None]
    assert received
    for problem in received:
        origin = problems[problem.passed_from_id or 0]
        assert origin.status is JointProblemStatus.PASSED
        here, there = meetings[problem.meeting_id], meetings[origin.meeting_id]
        assert (there.level, here.level) == (MeetingLevel.COMMUNITY, MeetingLevel.STREET)
        assert here.body_id == there.street_id and here.quarter == there.quarter
