"""Courses with the "five ones" (五个一): creating a course, keeping its five records,
enrolling people and recording each one's commitment, attendance and exam."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from db.models import (
    Attendance,
    CourseEnrolment,
    CourseMode,
    CourseRecord,
    FiveOnesItem,
    Person,
    Street,
    TrainingAudience,
    TrainingCourse,
)
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.permissions import authorize
from resolvers.rules import ADMINS
from resolvers.validation import Checks, clean_text

MAX_ENROLMENT = 100  # people per enrolInCourse


def completes(course: TrainingCourse, enrolment: CourseEnrolment) -> bool:
    """结业: signed the commitment, was present and scored at least the pass mark."""
    return (
        enrolment.signed_commitment
        and enrolment.attendance is Attendance.PRESENT
        and enrolment.exam_score is not None
        and enrolment.exam_score >= course.pass_score
    )


def _district_of_viewer(ctx: Context) -> int:
    for grant in ctx.viewer.grants_of(ADMINS):
        if grant.level is ScopeLevel.DISTRICT:
            return grant.scope_id
    raise UserErrors.single(
        "a street's course names its street", UserErrorCode.SCOPE_REQUIRED, "streetId"
    )


async def create(
    ctx: Context,
    *,
    title: str,
    description: str | None,
    audience: TrainingAudience,
    mode: CourseMode,
    starts_at: datetime,
    ends_at: datetime,
    street_id: str | None,
    at_training_base: bool,
    pass_score: int,
) -> TrainingCourse:
    """开设培训课程: by the district, or by a street for its own people."""
    course = TrainingCourse(
        audience=audience,
        mode=mode,
        starts_at=starts_at,
        ends_at=ends_at,
        at_training_base=at_training_base,
        pass_score=pass_score,
        created_by_user_id=ctx.viewer.user_id,
    )
    if street_id is not None:
        street = await load_as(ctx, street_id, Street)
        course.street_id, course.district_id = street.id, street.district_id
    else:
        course.district_id = _district_of_viewer(ctx)
    await authorize(ctx, course)
    check = Checks()
    course.title = check(clean_text, title, "title", max_length=100) or ""
    course.description = (
        check(clean_text, description or "", "description", max_length=500, required=False) or ""
    )
    if starts_at >= ends_at:
        check.fail("a course ends after it starts", UserErrorCode.DATE_ORDER, "endsAt")
    if not 0 <= pass_score <= 100:
        check.fail("the pass mark is 0 to 100", UserErrorCode.OUT_OF_RANGE, "passScore")
    if at_training_base and audience is not TrainingAudience.VOLUNTEER:
        check.fail("the training base trains volunteers", UserErrorCode.INVALID, "atTrainingBase")
    check.done()
    ctx.session.add(course)
    await ctx.session.flush()
    return course


async def _course(ctx: Context, course_id: str) -> TrainingCourse:
    course = await load_as(ctx, course_id, TrainingCourse)
    await authorize(ctx, course)
    return course


async def record_five_ones(
    ctx: Context, *, course_id: str, item: FiveOnesItem, note: str | None
) -> TrainingCourse:
    """Keep one of the course's five records, once each."""
    course = await _course(ctx, course_id)
    text = clean_text(note or "", "note", max_length=500, required=False)
    exists = await ctx.session.scalar(
        select(CourseRecord.id).where(
            CourseRecord.course_id == course.id, CourseRecord.item == item
        )
    )
    if exists is not None:
        raise UserErrors.single(
            f"the course's {item.value} is already recorded", UserErrorCode.ALREADY_RECORDED, "item"
        )
    ctx.session.add(
        CourseRecord(
            course_id=course.id, item=item, note=text, recorded_by_user_id=ctx.viewer.user_id
        )
    )
    await ctx.session.flush()
    return course


async def enrol(ctx: Context, *, course_id: str, person_ids: Sequence[str]) -> TrainingCourse:
    """Put people on the course (参训名单); someone already on it is refused."""
    course = await _course(ctx, course_id)
    if not 1 <= len(person_ids) <= MAX_ENROLMENT:
        raise UserErrors.single(
            f"enrol 1 to {MAX_ENROLMENT} people at a time", UserErrorCode.OUT_OF_RANGE, "personIds"
        )
    people = [await load_as(ctx, each, Person) for each in person_ids]
    keys = [person.id for person in people]
    taken = set(
        await ctx.session.scalars(
            select(CourseEnrolment.person_id).where(
                CourseEnrolment.course_id == course.id, CourseEnrolment.person_id.in_(keys)
            )
        )
    )
    check = Checks()
    seen: set[int] = set()
    for index, key in enumerate(keys):
        if key in taken or key in seen:
            check.errors.extend(
                UserErrors.single(
                    "already on the course",
                    UserErrorCode.ALREADY_REGISTERED,
                    "personIds",
                    str(index),
                ).errors
            )
        seen.add(key)
    check.done()
    ctx.session.add_all(CourseEnrolment(course_id=course.id, person_id=key) for key in keys)
    await ctx.session.flush()
    return course


async def record_result(
    ctx: Context,
    *,
    course_id: str,
    person_id: str,
    signed_commitment: bool | None,
    attendance: Attendance | None,
    exam_score: int | None,
) -> CourseEnrolment:
    """Record a trainee's commitment letter, attendance and exam score (given ones only)."""
    course = await _course(ctx, course_id)
    person = await load_as(ctx, person_id, Person)
    enrolment = await ctx.session.scalar(
        select(CourseEnrolment).where(
            CourseEnrolment.course_id == course.id, CourseEnrolment.person_id == person.id
        )
    )
    if enrolment is None:
        raise UserErrors.single("not on the course", UserErrorCode.INVALID, "personId")
    if exam_score is not None and not 0 <= exam_score <= 100:
        raise UserErrors.single("a score is 0 to 100", UserErrorCode.OUT_OF_RANGE, "examScore")
    if signed_commitment is not None:
        enrolment.signed_commitment = signed_commitment
    if attendance is not None:
        enrolment.attendance = attendance
    if exam_score is not None:
        enrolment.exam_score = exam_score
    enrolment.completed = completes(course, enrolment)
    await ctx.session.flush()
    return enrolment
