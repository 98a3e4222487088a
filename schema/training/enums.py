"""Enums of training and party life, shared with the models."""

from __future__ import annotations

import strawberry

from db import models

strawberry.enum(
    models.TrainingAudience,
    description=(
        "Who a course trains (培训对象): COMMUNITY_COMMITTEE (社区两委干部),"
        " SUPERVISION_COMMITTEE_HEAD (居务监督委员会主任), PROPERTY_PARTY_LEAD (物业服务企业"
        "党组织负责人), OWNERS_COMMITTEE (业主委员会委员), VOLUNTEER (志愿者, at the training"
        " base)."
    ),
)
strawberry.enum(
    models.CourseMode,
    description=(
        "How a course is given (培训方式): ONLINE (线上, the video network 视联网),"
        " IN_PERSON (线下)."
    ),
)
strawberry.enum(
    models.FiveOnesItem,
    description=(
        'The "five ones" of a course (五个一): COMMITMENT_LETTER (一张承诺书), ATTENDANCE_SHEET'
        " (一份考勤表), INSPECTION (一支检查组), BULLETIN (一期通报), EXAM (一场考试)."
    ),
)
strawberry.enum(
    models.Attendance,
    description="Attendance (出勤): PRESENT (出席), ABSENT (缺席), EXCUSED (请假).",
)
strawberry.enum(
    models.ProblemSource,
    description=(
        "How a problem was found (问题来源): RESIDENTS (群众提), SUPERIORS (上级点), PEERS"
        " (互相帮), SELF (自己找)."
    ),
)
strawberry.enum(
    models.ProblemStatus,
    description="Where a problem stands (整改状态): OPEN (待整改), CORRECTED (已整改).",
)
strawberry.enum(
    models.ProblemAction,
    description="A step of a problem (整改操作): FIND (查找), CORRECT (整改).",
)
strawberry.enum(
    models.MeetingKind,
    description=(
        "A party organisation's meeting (组织生活): PARTY_DAY (28日主题党日), and the three"
        " meetings and one lesson (三会一课): MEMBERS_MEETING (支部党员大会), COMMITTEE_MEETING"
        " (支部委员会), GROUP_MEETING (党小组会), PARTY_LESSON (党课)."
    ),
)
strawberry.enum(
    models.MeetingStatus,
    description=(
        "Where a meeting stands (会议状态): SCHEDULED (已安排), HELD (已召开), CANCELLED (已取消)."
    ),
)
strawberry.enum(
    models.MeetingAction,
    description="A step of a meeting (会议操作): SCHEDULE (安排), HOLD (召开), CANCEL (取消).",
)

TrainingAudience = models.TrainingAudience
CourseMode = models.CourseMode
FiveOnesItem = models.FiveOnesItem
Attendance = models.Attendance
ProblemSource = models.ProblemSource
ProblemStatus = models.ProblemStatus
ProblemAction = models.ProblemAction
MeetingKind = models.MeetingKind
MeetingStatus = models.MeetingStatus
MeetingAction = models.MeetingAction
