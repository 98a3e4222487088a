"""The training domain's part of the schema."""

from __future__ import annotations

from schema.domain import SchemaDomain
from schema.training.mutations import TrainingMutation
from schema.training.queries import TrainingQuery
from schema.training.types import (
    CourseEnrolment,
    CourseRecord,
    MeetingAttendance,
    PartyMeeting,
    PartyMeetingEvent,
    StudyProblem,
    StudyProblemEvent,
    StudySession,
    TrainingCourse,
)

DOMAIN = SchemaDomain(
    "training",
    queries=(TrainingQuery,),
    mutations=(TrainingMutation,),
    types=(
        TrainingCourse,
        CourseRecord,
        CourseEnrolment,
        StudySession,
        StudyProblem,
        StudyProblemEvent,
        PartyMeeting,
        PartyMeetingEvent,
        MeetingAttendance,
    ),
)
