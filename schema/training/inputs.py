"""Inputs of the training, study and party-life mutations, and their list filters."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from schema.training.enums import (
    Attendance,
    CourseMode,
    FiveOnesItem,
    MeetingKind,
    MeetingStatus,
    ProblemSource,
    ProblemStatus,
    TrainingAudience,
)

COURSE = "The course (课程)."
MEETING = "The meeting (会议)."


@strawberry.input(description="Open a training course (开设培训课程).")
class CreateTrainingCourseInput:
    title: str = strawberry.field(description="Title (课程名称).")
    audience: TrainingAudience = strawberry.field(description="Who it trains (培训对象).")
    mode: CourseMode = strawberry.field(description="Online or in person (培训方式).")
    starts_at: datetime = strawberry.field(description="Starts (开始时间).")
    ends_at: datetime = strawberry.field(description="Ends (结束时间).")
    description: str | None = strawberry.field(default=None, description="Content (课程内容).")
    street_id: strawberry.ID | None = strawberry.field(
        default=None, description="The street that runs it (主办街道); none: the district."
    )
    at_training_base: bool = strawberry.field(
        default=False, description="A course of the volunteer training base (基地课程)."
    )
    pass_score: int = strawberry.field(default=60, description="Pass mark 0–100 (合格分数).")


@strawberry.input(description='Keep one of a course\'s "five ones" (落实五个一).')
class RecordCourseFiveOnesInput:
    course_id: strawberry.ID = strawberry.field(description=COURSE)
    item: FiveOnesItem = strawberry.field(description="Which of the five (项目).")
    note: str | None = strawberry.field(default=None, description="What was kept (记录内容).")


@strawberry.input(description="Put people on a course (报名参训).")
class EnrolInCourseInput:
    course_id: strawberry.ID = strawberry.field(description=COURSE)
    person_ids: list[strawberry.ID] = strawberry.field(description="The trainees, 1–100 (学员).")


@strawberry.input(description="A trainee's commitment, attendance and exam (参训情况).")
class RecordCourseResultInput:
    course_id: strawberry.ID = strawberry.field(description=COURSE)
    person_id: strawberry.ID = strawberry.field(description="The trainee (学员).")
    signed_commitment: bool | None = strawberry.field(
        default=None, description="Signed the commitment letter (签订承诺书)."
    )
    attendance: Attendance | None = strawberry.field(default=None, description="Attendance (考勤).")
    exam_score: int | None = strawberry.field(default=None, description="Exam score (考试成绩).")


@strawberry.input(description="A problem found in a study session (查找问题).")
class StudyProblemInput:
    source: ProblemSource = strawberry.field(description="How it was found (问题来源).")
    description: str = strawberry.field(description="The problem (问题描述).")
    due_on: date = strawberry.field(description="To be corrected by (整改时限).")
    owner_person_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who owns its correction (整改责任人)."
    )


@strawberry.input(description="Record a held study session (记录学习研讨).")
class RecordStudySessionInput:
    community_id: strawberry.ID = strawberry.field(description="The community (社区).")
    held_on: date = strawberry.field(description="Held on (研讨日期); not in the future.")
    topic: str = strawberry.field(description="Topic (研讨主题).")
    participants: int = strawberry.field(description="Workers taking part (参加人数).")
    summary: str | None = strawberry.field(default=None, description="Summary (研讨情况).")
    problems: list[StudyProblemInput] = strawberry.field(
        default_factory=list, description="Problems it found, up to 20 (查找问题)."
    )


@strawberry.input(description="Add a problem to a study session (补充问题).")
class AddStudyProblemInput:
    session_id: strawberry.ID = strawberry.field(description="The session (研讨场次).")
    problem: StudyProblemInput = strawberry.field(description="The problem (问题).")


@strawberry.input(description="Record a problem corrected (整改到位).")
class CorrectStudyProblemInput:
    problem_id: strawberry.ID = strawberry.field(description="The problem (问题).")
    correction: str = strawberry.field(description="What was done (整改措施).")


@strawberry.input(description="Schedule a party meeting (安排组织生活).")
class SchedulePartyMeetingInput:
    party_organization_id: strawberry.ID = strawberry.field(
        description="The organisation (党组织)."
    )
    kind: MeetingKind = strawberry.field(description="Which meeting (会议类型).")
    theme: str = strawberry.field(description="Theme (主题).")
    scheduled_at: datetime = strawberry.field(
        description="When (会议时间); a PARTY_DAY on the 28th in Asia/Shanghai."
    )
    agenda: list[str] = strawberry.field(default_factory=list, description="Agenda (议程).")


@strawberry.input(description="A member's attendance (党员出勤).")
class AttendanceInput:
    person_id: strawberry.ID = strawberry.field(description="The member (党员).")
    status: Attendance = strawberry.field(description="Present, absent or excused (出勤).")


@strawberry.input(description="Record a meeting held (召开会议): minutes and attendance.")
class HoldPartyMeetingInput:
    meeting_id: strawberry.ID = strawberry.field(description=MEETING)
    minutes: str = strawberry.field(description="Minutes (会议记录).")
    attendance: list[AttendanceInput] = strawberry.field(
        default_factory=list,
        description="Members' attendance (出勤); members not listed are recorded absent.",
    )


@strawberry.input(description="Cancel a scheduled meeting (取消会议).")
class CancelPartyMeetingInput:
    meeting_id: strawberry.ID = strawberry.field(description=MEETING)
    reason: str = strawberry.field(description="Why (原因).")


@strawberry.input(description="Tie a planned volunteer service to its meeting (结合党内活动).")
class LinkServiceToPartyMeetingInput:
    planned_service_id: strawberry.ID = strawberry.field(
        description="The planned service (计划服务)."
    )
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None, description="The meeting it is held with (会议); none unlinks it."
    )


@strawberry.input(description="Narrow the courses (课程筛选).")
class TrainingCourseFilterInput:
    audience: TrainingAudience | None = strawberry.field(
        default=None, description="Audience (培训对象)."
    )
    at_training_base: bool | None = strawberry.field(
        default=None, description="Courses of the volunteer training base (培训基地课程)."
    )
    starts_from: datetime | None = strawberry.field(
        default=None, description="Starting from (开始时间起)."
    )
    starts_before: datetime | None = strawberry.field(
        default=None, description="Starting before (开始时间止)."
    )


@strawberry.input(description="Narrow the study sessions (研讨筛选).")
class StudySessionFilterInput:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )
    held_from: date | None = strawberry.field(
        default=None, description="Held on or after (起始日期)."
    )
    held_until: date | None = strawberry.field(
        default=None, description="Held on or before (截止日期)."
    )


@strawberry.input(description="Narrow the problems (问题筛选).")
class StudyProblemFilterInput:
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )
    session_id: strawberry.ID | None = strawberry.field(
        default=None, description="Study session (学习研讨)."
    )
    status: ProblemStatus | None = strawberry.field(default=None, description="Status (状态).")
    overdue: bool | None = strawberry.field(default=None, description="Open past due (逾期).")


@strawberry.input(description="Narrow the party meetings (组织生活筛选).")
class PartyMeetingFilterInput:
    party_organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="Party organisation (党组织)."
    )
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Community (社区)."
    )
    street_id: strawberry.ID | None = strawberry.field(default=None, description="Street (街道).")
    kind: MeetingKind | None = strawberry.field(default=None, description="Kind (会议类型).")
    status: MeetingStatus | None = strawberry.field(default=None, description="Status (状态).")
    scheduled_from: datetime | None = strawberry.field(default=None, description="From (起).")
    scheduled_before: datetime | None = strawberry.field(default=None, description="Before (止).")
