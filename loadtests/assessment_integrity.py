"""The integrity check's part for observers and the yearly assessment (观察员与年度考核):
read after the load from the database, it checks that

- every visit an observer saw recorded (the journal) is there, by that observer's account,
  in that community, with as many findings;
- every visit is in a community its observer is assigned to in the visit's year;
- every annual review's and award application's history is one unbroken chain of moves
  (each from where the last one left it), first from nothing, ending at its status;
- each breakthrough project made from a shortfall points back to it both ways: the
  shortfall exists, answers no other project, is of the year before the project's and of
  the same community, and the project is a breakthrough project;
- a secretary replaced after a review: the old term ended, the new one is of the same
  organisation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import (
    AnnualReview,
    AwardApplication,
    AwardEvent,
    ObserverAssignment,
    ObserverVisit,
    PersonRole,
    Project,
    ProjectKind,
    ReviewEvent,
    Shortfall,
    ShortfallSource,
)
from loadtests.journal import Entry
from simulation.ids import key_of

ENTRY_ACTIONS = frozenset({"recordObserverVisit"})

# (from, to) of each move, oldest first
Chain = list[tuple[str | None, str]]


@dataclass
class AssessmentSnapshot:
    # visit → (observer, community, visited on, recording user)
    visits: dict[int, tuple[int, int, date, int | None]] = field(default_factory=dict)
    findings: dict[int, int] = field(default_factory=dict)  # visit → findings
    assignments: set[tuple[int, int, int]] = field(default_factory=set)  # observer, community, year
    reviews: dict[int, str] = field(default_factory=dict)
    review_events: dict[int, Chain] = field(default_factory=lambda: defaultdict(list))
    applications: dict[int, str] = field(default_factory=dict)
    award_events: dict[int, Chain] = field(default_factory=lambda: defaultdict(list))
    # shortfall → (community, year)
    shortfalls: dict[int, tuple[int, int]] = field(default_factory=dict)
    # project → (shortfall, kind, community, year)
    projects: dict[int, tuple[int, ProjectKind, int, int]] = field(default_factory=dict)
    # review → (replaced role, successor role)
    replacements: dict[int, tuple[int | None, int]] = field(default_factory=dict)
    # role → (organisation, ended on)
    roles: dict[int, tuple[int | None, date | None]] = field(default_factory=dict)


async def snapshot(connection: AsyncConnection) -> AssessmentSnapshot:
    s = AssessmentSnapshot()
    v = ObserverVisit
    for key, observer, community, day, user in await connection.execute(
        select(v.id, v.observer_id, v.community_id, v.visited_on, v.recorded_by_user_id)
    ):
        s.visits[key] = (observer, community, day, user)
    for found_in, count in await connection.execute(
        select(Shortfall.visit_id, func.count(Shortfall.id))
        .where(Shortfall.source == ShortfallSource.VISIT_FINDING)
        .group_by(Shortfall.visit_id)
    ):
        if found_in is not None:
            s.findings[found_in] = int(count)
    s.assignments = {
        (observer, community, year)
        for observer, community, year in await connection.execute(
            select(
                ObserverAssignment.observer_id,
                ObserverAssignment.community_id,
                ObserverAssignment.year,
            )
        )
    }
    for key, status, replaced, successor in await connection.execute(
        select(
            AnnualReview.id,
            AnnualReview.status,
            AnnualReview.replaced_role_id,
            AnnualReview.successor_role_id,
        )
    ):
        s.reviews[key] = status.value
        if successor is not None:
            s.replacements[key] = (replaced, successor)
    for review, source, target in await connection.execute(
        select(ReviewEvent.review_id, ReviewEvent.from_status, ReviewEvent.to_status).order_by(
            ReviewEvent.id
        )
    ):
        s.review_events[review].append((source.value if source else None, target.value))
    for key, award_status in await connection.execute(
        select(AwardApplication.id, AwardApplication.status)
    ):
        s.applications[key] = award_status.value
    for application, award_from, award_to in await connection.execute(
        select(AwardEvent.application_id, AwardEvent.from_status, AwardEvent.to_status).order_by(
            AwardEvent.id
        )
    ):
        s.award_events[application].append(
            (award_from.value if award_from else None, award_to.value)
        )
    for key, community, year in await connection.execute(
        select(Shortfall.id, Shortfall.community_id, Shortfall.year)
    ):
        s.shortfalls[key] = (community, year)
    for key, shortfall, kind, community, year in await connection.execute(
        select(Project.id, Project.source_shortfall_id, Project.kind)
        .add_columns(Project.community_id, Project.year)
        .where(Project.source_shortfall_id.is_not(None))
    ):
        s.projects[key] = (shortfall, kind, community, year)
    roles = {role for pair in s.replacements.values() for role in pair if role is not None}
    if roles:
        for key, organization, ended in await connection.execute(
            select(PersonRole.id, PersonRole.party_organization_id, PersonRole.ended_on).where(
                PersonRole.id.in_(sorted(roles))
            )
        ):
            s.roles[key] = (organization, ended)
    return s


def found(entry: Entry, assessment: AssessmentSnapshot, user: int | None) -> str | None:
    """Why a journaled visit is not in the database as recorded, or None when it is."""
    fields = entry.fields
    visit = assessment.visits.get(key_of(fields["visit"]))
    if visit is None:
        return "the visit does not exist"
    _observer, community, _day, by = visit
    if by != user:
        return f"the visit was not recorded by {fields.get('user')}"
    if community != key_of(fields["community"]):
        return "the visit is in another community"
    if assessment.findings.get(key_of(fields["visit"]), 0) != fields["findings"]:
        return f"the visit does not have its {fields['findings']} findings"
    return None


def _chain(kind: str, key: int, status: str, events: Chain, problem: Callable[[str], None]) -> None:
    if not events:
        problem(f"{kind} {key} has no history")
        return
    previous: str | None = None
    for source, target in events:
        if source != previous:
            problem(f"{kind} {key}: a move from {source}, but it was {previous}")
        previous = target
    if previous != status:
        problem(f"{kind} {key} is {status}, its history ends {previous}")


def check(assessment: AssessmentSnapshot, problem: Callable[[str], None]) -> dict[str, object]:
    """The invariants, as problems found; the totals checked."""
    for key, (observer, community, day, _user) in assessment.visits.items():
        if (observer, community, day.year) not in assessment.assignments:
            problem(f"visit {key}: observer {observer} not assigned to {community} in {day.year}")
    for key, status in assessment.reviews.items():
        _chain("review", key, status, assessment.review_events.get(key, []), problem)
    for key, status in assessment.applications.items():
        _chain("award application", key, status, assessment.award_events.get(key, []), problem)
    answered: dict[int, int] = {}
    for key, (shortfall, kind, community, year) in assessment.projects.items():
        if shortfall in answered:
            problem(f"shortfall {shortfall} answers projects {answered[shortfall]} and {key}")
        answered[shortfall] = key
        source = assessment.shortfalls.get(shortfall)
        if source is None:
            problem(f"project {key} points at shortfall {shortfall}, which does not exist")
            continue
        if kind is not ProjectKind.BREAKTHROUGH:
            problem(f"project {key} answers a shortfall but is {kind.value}")
        if source != (community, year - 1):
            problem(f"project {key} ({community}, {year}) answers a shortfall of {source}")
    for review, (replaced, successor) in assessment.replacements.items():
        new = assessment.roles.get(successor)
        old = assessment.roles.get(replaced) if replaced is not None else None
        if new is None or old is None:
            problem(f"review {review}: a replacement without both terms")
        elif old[1] is None or old[0] != new[0]:
            problem(f"review {review}: the old term is open or of another organisation")
    return {
        "observer_visits": len(assessment.visits),
        "annual_reviews": len(assessment.reviews),
        "award_applications": len(assessment.applications),
        "shortfall_projects": len(assessment.projects),
        "secretaries_replaced": len(assessment.replacements),
    }
