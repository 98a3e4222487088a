"""Root fields of training, study sessions and party life."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select

from db import models
from resolvers import clock, global_ids
from resolvers.errors import BadUserInputError
from resolvers.paging import NEWEST_FIRST
from resolvers.permissions import require_read
from resolvers.training import queries
from resolvers.training.queries import (
    CourseFilter,
    EnrolmentFilter,
    MeetingFilter,
    ProblemFilter,
    SessionFilter,
)
from schema.base import Info
from schema.pagination import FILTER, After, Before, Connection, First, Last, connection
from schema.training.inputs import (
    PartyMeetingFilterInput,
    StudyProblemFilterInput,
    StudySessionFilterInput,
    TrainingCourseFilterInput,
)
from schema.training.types import (
    CourseEnrolment,
    PartyMeeting,
    StudyProblem,
    StudySession,
    TrainingBaseStep,
    TrainingCourse,
    TrainingFigures,
)


@strawberry.type
class TrainingQuery:
    @strawberry.field(description="Training courses (培训课程), newest first.")
    def training_courses(
        self,
        info: Info,
        filter: Annotated[TrainingCourseFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[TrainingCourse]:
        given = filter or TrainingCourseFilterInput()
        return connection(
            info,
            models.TrainingCourse,
            filter=CourseFilter(
                audience=given.audience,
                at_training_base=given.at_training_base,
                starts_from=given.starts_from,
                starts_before=given.starts_before,
            ),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "A person's training record (培训档案): the courses they are on, newest first;"
            " by default the viewer's own. Staff read anyone's."
        )
    )
    def training_record(
        self,
        info: Info,
        person_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The person (人员).")
        ] = None,
        completed: Annotated[
            bool | None, strawberry.argument(description="Only completed ones (结业).")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CourseEnrolment]:
        return connection(
            info,
            models.CourseEnrolment,
            filter=EnrolmentFilter(
                info.context.viewer,
                person_id=global_ids.key_of(person_id, "Person"),
                completed=completed,
            ),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description='The volunteer training base\'s "12+YI" process (12+YI全流程培育模式),'
        " in order."
    )
    async def training_base_process(self, info: Info) -> list[TrainingBaseStep]:
        rows = await info.context.loaders.run(
            lambda session: session.scalars(
                select(models.TrainingBaseStep).order_by(models.TrainingBaseStep.number)
            )
        )
        return [
            TrainingBaseStep(
                number=row.number,
                name=row.name,
                description=row.description,
                from_source=row.from_source,
            )
            for row in rows
        ]

    @strawberry.field(description="Study sessions (学习研讨) of your area, newest first.")
    def study_sessions(
        self,
        info: Info,
        filter: Annotated[StudySessionFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[StudySession]:
        require_read(info.context.viewer, "StudySession")
        given = filter or StudySessionFilterInput()
        return connection(
            info,
            models.StudySession,
            filter=SessionFilter(
                info.context.viewer,
                community_id=global_ids.key_of(given.community_id, "Community"),
                held_from=given.held_from,
                held_until=given.held_until,
            ),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description="Problems found in study sessions (查找问题) of your area, newest first."
    )
    def study_problems(
        self,
        info: Info,
        filter: Annotated[StudyProblemFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[StudyProblem]:
        require_read(info.context.viewer, "StudyProblem")
        given = filter or StudyProblemFilterInput()
        return connection(
            info,
            models.StudyProblem,
            filter=ProblemFilter(
                info.context.viewer,
                clock.today(),
                community_id=global_ids.key_of(given.community_id, "Community"),
                session_id=global_ids.key_of(given.session_id, "StudySession"),
                status=given.status,
                overdue=given.overdue,
            ),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "Party meetings (组织生活) you see, newest first: staff those of their area, a"
            " member those of their organisations."
        )
    )
    def party_meetings(
        self,
        info: Info,
        filter: Annotated[PartyMeetingFilterInput | None, FILTER] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PartyMeeting]:
        require_read(info.context.viewer, "PartyMeeting")
        given = filter or PartyMeetingFilterInput()
        return connection(
            info,
            models.PartyMeeting,
            filter=MeetingFilter(
                info.context.viewer,
                party_organization_id=global_ids.key_of(
                    given.party_organization_id, "PartyOrganization"
                ),
                community_id=global_ids.key_of(given.community_id, "Community"),
                street_id=global_ids.key_of(given.street_id, "Street"),
                kind=given.kind,
                status=given.status,
                scheduled_from=given.scheduled_from,
                scheduled_before=given.scheduled_before,
            ),
            fixed_order=NEWEST_FIRST,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(
        description=(
            "A year's training and party-life figures (培训与组织生活统计) as you see them:"
            " courses and completions, study sessions and problems, meetings held."
        )
    )
    async def training_figures(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="Year (年度), 2000–2100.")],
    ) -> TrainingFigures:
        if not 2000 <= year <= 2100:
            raise BadUserInputError("a year from 2000 to 2100")
        require_read(info.context.viewer, "StudySession")
        viewer = info.context.viewer
        found = await info.context.loaders.run(
            lambda session: queries.figures(session, viewer, year, clock.today())
        )
        return TrainingFigures(
            year=year,
            courses=found.courses,
            base_courses=found.base_courses,
            complete_courses=found.complete_courses,
            enrolments=found.enrolments,
            completions=found.completions,
            study_sessions=found.study_sessions,
            study_problems=found.study_problems,
            corrected_problems=found.corrected_problems,
            overdue_problems=found.overdue_problems,
            party_days=found.party_days,
            three_meetings_one_lesson=found.three_meetings_one_lesson,
            attendance_rate=found.attendance_rate,
        )
