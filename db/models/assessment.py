"""Assessment (考核): the observers (基层党建观察员) with their assignments, visits and
findings; the "one body, four rings" (一体四环) records; the annual review (述职评议)
with "bottom rates top" (下评上) ratings; shortfalls (短板) that become next year's
breakthrough projects; "one community, one policy" (一居一策) capacity scores, the
secretary's service-target responsibility letter (目标责任书) and the best-service-centre
award (最佳社区党群服务中心评选)."""

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


class VisitKind(enum.Enum):
    """The four ways an observer looks at a party organisation."""

    ON_SITE_INSPECTION = "ON_SITE_INSPECTION"  # 实地察看
    RESIDENT_POLL = "RESIDENT_POLL"  # 随机听取民意
    INTERVIEW = "INTERVIEW"  # 个别谈话/座谈访谈
    RECORD_REVIEW = "RECORD_REVIEW"  # 查阅资料


class Severity(enum.Enum):
    MINOR = "MINOR"  # 一般
    MODERATE = "MODERATE"  # 较重
    SERIOUS = "SERIOUS"  # 严重


class ShortfallSource(enum.Enum):
    VISIT_FINDING = "VISIT_FINDING"  # an observer's finding (观察员发现问题)
    REVIEW_ITEM = "REVIEW_ITEM"  # an item of the annual review (述职评议短板)


class Ring(enum.Enum):
    """The four rings of "one body, four rings" (一体四环)."""

    LOOK = "LOOK"  # 看
    REPORT = "REPORT"  # 述
    EVALUATE = "EVALUATE"  # 评
    SUPERVISE = "SUPERVISE"  # 督


class ReviewStatus(enum.Enum):
    OPEN = "OPEN"  # 评议中: ratings are collected
    CONCLUDED = "CONCLUDED"  # 已评定: scored


class ReviewAction(enum.Enum):
    """What moves an annual review; the rules are in resolvers/assessment/workflow.py."""

    OPEN = "OPEN"
    CONCLUDE = "CONCLUDE"


class RaterRole(enum.Enum):
    RESIDENT = "RESIDENT"  # 居民
    PARTY_MEMBER = "PARTY_MEMBER"  # 党员


class AwardStatus(enum.Enum):
    APPLIED = "APPLIED"  # 自主申报
    RECOMMENDED = "RECOMMENDED"  # 镇街初审通过
    NOT_RECOMMENDED = "NOT_RECOMMENDED"  # 镇街初审未通过
    DECIDED = "DECIDED"  # 区级复核完成


class AwardAction(enum.Enum):
    """What moves an award application; the rules are in resolvers/assessment/workflow.py."""

    APPLY = "APPLY"
    FIRST_REVIEW = "FIRST_REVIEW"
    RECHECK = "RECHECK"


class AwardOutcome(enum.Enum):
    BEST = "BEST"  # 最佳社区党群服务中心
    MOST_DISTINCTIVE = "MOST_DISTINCTIVE"  # 最具特色社区党群服务中心
    NOT_AWARDED = "NOT_AWARDED"  # 未获评


class AwardAspect(enum.Enum):
    """The five aspects a service centre is scored on."""

    CENTRE_BUILDING = "CENTRE_BUILDING"  # 党群服务中心建设
    SERVICE_METHOD = "SERVICE_METHOD"  # 为民服务工作法
    SERVICE_ACTIVITIES = "SERVICE_ACTIVITIES"  # 服务活动开展
    RESIDENT_SATISFACTION = "RESIDENT_SATISFACTION"  # 群众满意度
    BRAND_INFLUENCE = "BRAND_INFLUENCE"  # 品牌影响力


class AwardStage(enum.Enum):
    STREET = "STREET"  # 镇街初审
    DISTRICT = "DISTRICT"  # 区级复核


class Observer(IdMixin, TimestampMixin, Base):
    """An observer (基层党建观察员): a deputy appointed by the district, who signs in with
    an OBSERVER account."""

    __tablename__ = "observers"

    # Their account; none in a district seeded without accounts.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    appointed_on: Mapped[date] = mapped_column(Date)


class ObserverAssignment(IdMixin, TimestampMixin, Base):
    """A community whose party organisation an observer follows in a year (联系社区)."""

    __tablename__ = "observer_assignments"
    __table_args__ = (
        Index(
            "uq_observer_assignments_observer_community_year",
            "observer_id",
            "community_id",
            "year",
            unique=True,
        ),
        Index("ix_observer_assignments_community_year", "community_id", "year"),
    )

    observer_id: Mapped[int] = mapped_column(ForeignKey("observers.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)


class ObserverVisit(IdMixin, Base):
    """A visit (观察走访) of an observer to a community they are assigned to."""

    __tablename__ = "observer_visits"
    __table_args__ = (Index("ix_observer_visits_community_day", "community_id", "visited_on"),)

    observer_id: Mapped[int] = mapped_column(ForeignKey("observers.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    party_organization_id: Mapped[int] = mapped_column(ForeignKey("party_organizations.id"))
    kind: Mapped[VisitKind] = mapped_column(_enum(VisitKind))
    visited_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(String(1000), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class AnnualReview(IdMixin, TimestampMixin, Base):
    """The annual review (述职评议) of a community's party organisation: the secretary
    reports, residents and members rate (下评上), the district scores and may commend by
    one vote (一票肯优). A secretary replaced after it is recorded here, with the ended
    and the new secretary's roles and the reason."""

    __tablename__ = "annual_reviews"
    __table_args__ = (
        Index("uq_annual_reviews_organization_year", "party_organization_id", "year", unique=True),
        Index("ix_annual_reviews_year", "year"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    party_organization_id: Mapped[int] = mapped_column(ForeignKey("party_organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    secretary_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    status: Mapped[ReviewStatus] = mapped_column(_enum(ReviewStatus))
    report: Mapped[str] = mapped_column(String(2000), default="")
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    commended: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(String(1000), default="")
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    replaced_role_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_roles.id"), default=None
    )
    successor_role_id: Mapped[int | None] = mapped_column(
        ForeignKey("person_roles.id"), default=None
    )
    replacement_reason: Mapped[str | None] = mapped_column(String(300), default=None)


class ReviewEvent(IdMixin, Base):
    """One step of an annual review's history."""

    __tablename__ = "annual_review_events"

    review_id: Mapped[int] = mapped_column(ForeignKey("annual_reviews.id"), index=True)
    action: Mapped[ReviewAction] = mapped_column(_enum(ReviewAction))
    from_status: Mapped[ReviewStatus | None] = mapped_column(_enum(ReviewStatus), default=None)
    to_status: Mapped[ReviewStatus] = mapped_column(_enum(ReviewStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)


class ReviewRating(IdMixin, Base):
    """A "bottom rates top" rating (下评上) of a review by a resident or member of the
    community: 1 (dissatisfied) to 5 (very satisfied)."""

    __tablename__ = "annual_review_ratings"
    __table_args__ = (
        Index("uq_annual_review_ratings_review_person", "review_id", "person_id", unique=True),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    review_id: Mapped[int] = mapped_column(ForeignKey("annual_reviews.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    rater_role: Mapped[RaterRole] = mapped_column(_enum(RaterRole))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(String(500), default="")
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Shortfall(IdMixin, TimestampMixin, Base):
    """A shortfall (短板) of a party organisation: an observer's finding on a visit, or an
    item of its annual review. It may become next year's breakthrough project (突破项目),
    whose `source_shortfall_id` points back here."""

    __tablename__ = "shortfalls"
    __table_args__ = (
        CheckConstraint("(visit_id IS NULL) <> (review_id IS NULL)", name="one_source"),
        Index("ix_shortfalls_community_year", "community_id", "year"),
    )

    source: Mapped[ShortfallSource] = mapped_column(_enum(ShortfallSource))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("observer_visits.id"), index=True, default=None
    )
    review_id: Mapped[int | None] = mapped_column(
        ForeignKey("annual_reviews.id"), index=True, default=None
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    party_organization_id: Mapped[int] = mapped_column(ForeignKey("party_organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    severity: Mapped[Severity] = mapped_column(_enum(Severity))
    text: Mapped[str] = mapped_column(String(500))
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class RingRecord(IdMixin, Base):
    """A record of one of the four rings (一体四环) for a party organisation, kept through
    the year: what was looked at, reported, evaluated or supervised."""

    __tablename__ = "ring_records"
    __table_args__ = (
        Index("ix_ring_records_organization_year", "party_organization_id", "year"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    party_organization_id: Mapped[int] = mapped_column(ForeignKey("party_organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    ring: Mapped[Ring] = mapped_column(_enum(Ring))
    recorded_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000))
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class CapacityScore(IdMixin, TimestampMixin, Base):
    """A community's "one community, one policy" (一居一策) service-capacity score of a
    year on 4 aspects, each 0–25: team (队伍建设), premises (阵地建设), role played (作用
    发挥) and brand (品牌建设)."""

    __tablename__ = "capacity_scores"
    __table_args__ = (
        Index("uq_capacity_scores_community_year", "community_id", "year", unique=True),
        *(
            CheckConstraint(f"{aspect} BETWEEN 0 AND 25", name=f"{aspect}_range")
            for aspect in ("team", "premises", "role_played", "brand")
        ),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)
    team: Mapped[int] = mapped_column(Integer)
    premises: Mapped[int] = mapped_column(Integer)
    role_played: Mapped[int] = mapped_column(Integer)
    brand: Mapped[int] = mapped_column(Integer)
    assessed_on: Mapped[date] = mapped_column(Date)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)


class ResponsibilityLetter(IdMixin, TimestampMixin, Base):
    """The service-target responsibility letter (社区为民服务目标责任书) a community's
    secretary signs for a year."""

    __tablename__ = "responsibility_letters"
    __table_args__ = (
        Index("uq_responsibility_letters_community_year", "community_id", "year", unique=True),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)
    secretary_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    signed_on: Mapped[date] = mapped_column(Date)


class AwardApplication(IdMixin, TimestampMixin, Base):
    """A community's application for the best-service-centre award of a year: self-
    application → street first review → district re-check."""

    __tablename__ = "award_applications"
    __table_args__ = (
        Index("uq_award_applications_community_year", "community_id", "year", unique=True),
        Index("ix_award_applications_year_outcome", "year", "outcome"),
    )

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[AwardStatus] = mapped_column(_enum(AwardStatus))
    outcome: Mapped[AwardOutcome | None] = mapped_column(_enum(AwardOutcome), default=None)
    statement: Mapped[str] = mapped_column(String(2000), default="")
    street_comment: Mapped[str | None] = mapped_column(String(500), default=None)
    district_comment: Mapped[str | None] = mapped_column(String(500), default=None)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    first_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    rechecked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class AwardScore(IdMixin, Base):
    """One aspect's score (0–20) of an application at one stage."""

    __tablename__ = "award_scores"
    __table_args__ = (
        Index(
            "uq_award_scores_application_stage_aspect",
            "application_id",
            "stage",
            "aspect",
            unique=True,
        ),
        CheckConstraint("score BETWEEN 0 AND 20", name="score_range"),
    )

    application_id: Mapped[int] = mapped_column(ForeignKey("award_applications.id"))
    stage: Mapped[AwardStage] = mapped_column(_enum(AwardStage))
    aspect: Mapped[AwardAspect] = mapped_column(_enum(AwardAspect))
    score: Mapped[int] = mapped_column(Integer)


class AwardEvent(IdMixin, Base):
    """One step of an award application's history."""

    __tablename__ = "award_events"

    application_id: Mapped[int] = mapped_column(ForeignKey("award_applications.id"), index=True)
    action: Mapped[AwardAction] = mapped_column(_enum(AwardAction))
    from_status: Mapped[AwardStatus | None] = mapped_column(_enum(AwardStatus), default=None)
    to_status: Mapped[AwardStatus] = mapped_column(_enum(AwardStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)
