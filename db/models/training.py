"""Training with the "five ones" (五个一), the volunteer training base (志愿服务培训基地),
study sessions (学习研讨) with the problems they found, and party life: the 28th-of-the-month
themed party day (28日主题党日) and "three meetings and one lesson" (三会一课)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, native_enum=False, length=40, validate_strings=True)


class TrainingAudience(enum.Enum):
    """Who a course trains (培训对象)."""

    COMMUNITY_COMMITTEE = "COMMUNITY_COMMITTEE"  # 社区"两委"干部
    SUPERVISION_COMMITTEE_HEAD = "SUPERVISION_COMMITTEE_HEAD"  # 居务监督委员会主任
    PROPERTY_PARTY_LEAD = "PROPERTY_PARTY_LEAD"  # 物业服务企业党组织(项目)负责人
    OWNERS_COMMITTEE = "OWNERS_COMMITTEE"  # 业主委员会委员
    VOLUNTEER = "VOLUNTEER"  # 志愿者, at the volunteer training base


class CourseMode(enum.Enum):
    ONLINE = "ONLINE"  # 线上, through the video network (视联网) to every community
    IN_PERSON = "IN_PERSON"  # 线下


class FiveOnesItem(enum.Enum):
    """The five records every course keeps (五个一管理法)."""

    COMMITMENT_LETTER = "COMMITMENT_LETTER"  # 签订一张承诺书
    ATTENDANCE_SHEET = "ATTENDANCE_SHEET"  # 落实一份考勤表
    INSPECTION = "INSPECTION"  # 组建一支检查组
    BULLETIN = "BULLETIN"  # 下发一期通报
    EXAM = "EXAM"  # 组织一场考试


class Attendance(enum.Enum):
    PRESENT = "PRESENT"  # 出席
    ABSENT = "ABSENT"  # 缺席
    EXCUSED = "EXCUSED"  # 请假


class ProblemSource(enum.Enum):
    """How a problem was found (查找问题): 群众提、上级点、互相帮、自己找."""

    RESIDENTS = "RESIDENTS"
    SUPERIORS = "SUPERIORS"
    PEERS = "PEERS"
    SELF = "SELF"


class ProblemStatus(enum.Enum):
    OPEN = "OPEN"  # 待整改
    CORRECTED = "CORRECTED"  # 已整改


class ProblemAction(enum.Enum):
    FIND = "FIND"
    CORRECT = "CORRECT"


class MeetingKind(enum.Enum):
    """A party organisation's regular meetings: the themed party day and the three
    meetings and one lesson."""

    PARTY_DAY = "PARTY_DAY"  # 28日主题党日
    MEMBERS_MEETING = "MEMBERS_MEETING"  # 支部党员大会
    COMMITTEE_MEETING = "COMMITTEE_MEETING"  # 支部委员会
    GROUP_MEETING = "GROUP_MEETING"  # 党小组会
    PARTY_LESSON = "PARTY_LESSON"  # 党课


class MeetingStatus(enum.Enum):
    SCHEDULED = "SCHEDULED"  # 已安排
    HELD = "HELD"  # 已召开
    CANCELLED = "CANCELLED"  # 已取消


class MeetingAction(enum.Enum):
    SCHEDULE = "SCHEDULE"
    HOLD = "HOLD"
    CANCEL = "CANCEL"


class TrainingCourse(IdMixin, TimestampMixin, Base):
    """A course (培训课程) for one audience, run by the district or a street; the courses
    of the volunteer training base have `at_training_base`."""

    __tablename__ = "training_courses"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="time_order"),
        CheckConstraint("pass_score BETWEEN 0 AND 100", name="pass_score_range"),
        Index("ix_training_courses_starts", "starts_at"),
    )

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    audience: Mapped[TrainingAudience] = mapped_column(_enum(TrainingAudience))
    mode: Mapped[CourseMode] = mapped_column(_enum(CourseMode))
    at_training_base: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    pass_score: Mapped[int] = mapped_column(Integer, default=60)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class CourseRecord(IdMixin, Base):
    """One of a course's five records (五个一), kept once."""

    __tablename__ = "training_course_records"
    __table_args__ = (
        Index("uq_training_course_records_course_item", "course_id", "item", unique=True),
    )

    course_id: Mapped[int] = mapped_column(ForeignKey("training_courses.id"))
    item: Mapped[FiveOnesItem] = mapped_column(_enum(FiveOnesItem))
    note: Mapped[str] = mapped_column(String(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class CourseEnrolment(IdMixin, TimestampMixin, Base):
    """A person on a course (参训): the commitment signed, the attendance, the exam score.
    Completed (结业) when signed, present and scoring at least the course's pass mark."""

    __tablename__ = "training_enrolments"
    __table_args__ = (
        Index("uq_training_enrolments_course_person", "course_id", "person_id", unique=True),
        CheckConstraint("exam_score IS NULL OR exam_score BETWEEN 0 AND 100", name="score_range"),
    )

    course_id: Mapped[int] = mapped_column(ForeignKey("training_courses.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    signed_commitment: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance: Mapped[Attendance | None] = mapped_column(_enum(Attendance), default=None)
    exam_score: Mapped[int | None] = mapped_column(Integer, default=None)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)


class TrainingBaseStep(IdMixin, Base):
    """A step of the volunteer training base's "12+YI" process (12+YI全流程培育模式);
    fixed data written by the migration. `from_source` marks the steps the district's
    report names; the others are reconstructed."""

    __tablename__ = "training_base_steps"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(300))
    from_source: Mapped[bool] = mapped_column(Boolean, default=False)


class StudySession(IdMixin, TimestampMixin, Base):
    """A community's study session (学习研讨) of its workers."""

    __tablename__ = "study_sessions"
    __table_args__ = (
        CheckConstraint("participants >= 0", name="participants_not_negative"),
        Index("ix_study_sessions_community_held", "community_id", "held_on"),
        Index("ix_study_sessions_held", "held_on"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200))
    participants: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(String(1000), default="")
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class StudyProblem(IdMixin, TimestampMixin, Base):
    """A problem a study session found (查找问题), tracked to correction (整改): who owns
    it, by when, when and how it was corrected. Overdue when open past `due_on`."""

    __tablename__ = "study_problems"
    __table_args__ = (
        Index("ix_study_problems_community_status", "community_id", "status"),
        Index("ix_study_problems_status_due", "status", "due_on"),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("study_sessions.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    source: Mapped[ProblemSource] = mapped_column(_enum(ProblemSource))
    description: Mapped[str] = mapped_column(String(500))
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ProblemStatus] = mapped_column(_enum(ProblemStatus), default=ProblemStatus.OPEN)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    corrected_on: Mapped[date | None] = mapped_column(Date, default=None)
    correction: Mapped[str | None] = mapped_column(String(500), default=None)


class StudyProblemEvent(IdMixin, Base):
    """One step of a problem's correction (整改记录)."""

    __tablename__ = "study_problem_events"

    problem_id: Mapped[int] = mapped_column(ForeignKey("study_problems.id"), index=True)
    action: Mapped[ProblemAction] = mapped_column(_enum(ProblemAction))
    from_status: Mapped[ProblemStatus | None] = mapped_column(_enum(ProblemStatus), default=None)
    to_status: Mapped[ProblemStatus] = mapped_column(_enum(ProblemStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(500), default=None)


class PartyMeeting(IdMixin, TimestampMixin, Base):
    """A meeting of a party organisation (组织生活): a themed party day on the 28th or one
    of the three meetings and one lesson, with its agenda, its members' attendance and
    minutes."""

    __tablename__ = "party_meetings"
    __table_args__ = (
        Index("ix_party_meetings_organization_scheduled", "party_organization_id", "scheduled_at"),
        Index("ix_party_meetings_scheduled", "scheduled_at"),
        Index("ix_party_meetings_community_scheduled", "community_id", "scheduled_at"),
        Index("ix_party_meetings_street_scheduled", "street_id", "scheduled_at"),
    )

    party_organization_id: Mapped[int] = mapped_column(ForeignKey("party_organizations.id"))
    # The organisation's street and community (none for a street's committee), copied
    # when the meeting is scheduled, so that who sees it is one comparison.
    street_id: Mapped[int] = mapped_column(ForeignKey("streets.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind))
    theme: Mapped[str] = mapped_column(String(200))
    agenda: Mapped[list[str]] = mapped_column(JSON, default=list)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[MeetingStatus] = mapped_column(
        _enum(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    minutes: Mapped[str | None] = mapped_column(String(2000), default=None)
    present: Mapped[int] = mapped_column(Integer, default=0)
    absent: Mapped[int] = mapped_column(Integer, default=0)
    excused: Mapped[int] = mapped_column(Integer, default=0)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class PartyMeetingEvent(IdMixin, Base):
    """One step of a meeting (会议记录): scheduled, held or cancelled."""

    __tablename__ = "party_meeting_events"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("party_meetings.id"), index=True)
    action: Mapped[MeetingAction] = mapped_column(_enum(MeetingAction))
    from_status: Mapped[MeetingStatus | None] = mapped_column(_enum(MeetingStatus), default=None)
    to_status: Mapped[MeetingStatus] = mapped_column(_enum(MeetingStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)


class MeetingAttendance(IdMixin, Base):
    """A member's attendance at a held meeting (出勤)."""

    __tablename__ = "party_meeting_attendance"
    __table_args__ = (
        Index("uq_party_meeting_attendance_meeting_person", "meeting_id", "person_id", unique=True),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("party_meetings.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[Attendance] = mapped_column(_enum(Attendance))
