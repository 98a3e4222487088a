"""Loaders for training and party life: each parent's rows, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db.base import Base
from db.models import (
    CourseEnrolment,
    CourseRecord,
    MeetingAttendance,
    PartyMeetingEvent,
    PersonRole,
    PlannedService,
    RoleKind,
    StudyProblem,
    StudyProblemEvent,
)
from resolvers.loaders import Loaders

M = TypeVar("M", bound=Base)


def _children(loaders: Loaders, model: type[M], column: str) -> DataLoader[int, list[M]]:
    parent: Any = getattr(model, column)

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[M]]:
        found: dict[int, list[M]] = {pk: [] for pk in ids}
        rows = await session.scalars(
            select(model).where(parent.in_(ids)).order_by(model.id)  # type: ignore[attr-defined]
        )
        for row in rows:
            found[getattr(row, column)].append(row)
        return [found[pk] for pk in ids]

    return loaders.custom(f"training_{model.__tablename__}_{column}", load)


def course_records_of(loaders: Loaders) -> DataLoader[int, list[CourseRecord]]:
    return _children(loaders, CourseRecord, "course_id")


def enrolments_of(loaders: Loaders) -> DataLoader[int, list[CourseEnrolment]]:
    return _children(loaders, CourseEnrolment, "course_id")


def problems_of(loaders: Loaders) -> DataLoader[int, list[StudyProblem]]:
    return _children(loaders, StudyProblem, "session_id")


def problem_events_of(loaders: Loaders) -> DataLoader[int, list[StudyProblemEvent]]:
    return _children(loaders, StudyProblemEvent, "problem_id")


def attendance_of(loaders: Loaders) -> DataLoader[int, list[MeetingAttendance]]:
    return _children(loaders, MeetingAttendance, "meeting_id")


def meeting_events_of(loaders: Loaders) -> DataLoader[int, list[PartyMeetingEvent]]:
    return _children(loaders, PartyMeetingEvent, "meeting_id")


def services_of(loaders: Loaders) -> DataLoader[int, list[PlannedService]]:
    return _children(loaders, PlannedService, "party_meeting_id")


def members_of(loaders: Loaders) -> DataLoader[int, list[int]]:
    """Each party organisation's live members (党员), by person key."""

    async def load(session: AsyncSession, ids: Sequence[int]) -> list[list[int]]:
        found: dict[int, list[int]] = {pk: [] for pk in ids}
        rows = await session.execute(
            select(PersonRole.party_organization_id, PersonRole.person_id)
            .where(
                PersonRole.party_organization_id.in_(ids),
                PersonRole.kind == RoleKind.PARTY_MEMBER,
                PersonRole.ended_on.is_(None),
            )
            .distinct()
            .order_by(PersonRole.party_organization_id, PersonRole.person_id)
        )
        for organization, person in rows:
            if organization is not None:
                found[organization].append(person)
        return [found[pk] for pk in ids]

    return loaders.custom("training_organization_members", load)
