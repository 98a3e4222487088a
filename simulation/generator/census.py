"""Counting a generated district against the report's figures (docs/domain.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import (
    AnnualReview,
    AwardApplication,
    AwardOutcome,
    Building,
    CapacityScore,
    Community,
    CompanyRating,
    Consultation,
    ConsultationStatus,
    Grid,
    Incident,
    IndustryPartyMember,
    JointMeeting,
    JointMeetingProblem,
    JointProblemStatus,
    KeyRecipient,
    MeetingLevel,
    MemberReport,
    Observer,
    ObserverVisit,
    PartyCommissioner,
    PartyMeeting,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PersonRole,
    Project,
    ProjectKind,
    PropertyCompany,
    PropertyComplaint,
    RedBlackList,
    RedWarmStation,
    RoleKind,
    Shortfall,
    Street,
    StudyProblem,
    StudySession,
    TrainingCourse,
    User,
    UserGrant,
    VolunteerTeam,
    WorkUnit,
)
from simulation.scale import Scale


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: Select[Any]


def _roles(kind: RoleKind) -> Select[Any]:
    return select(func.count(func.distinct(PersonRole.person_id))).where(
        PersonRole.kind == kind, PersonRole.ended_on.is_(None)
    )


def _rows(model: type, *where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).select_from(model).where(*where)


def _members_living_in_the_district() -> Select[Any]:
    """Party members living in the district, as the API's `partyMemberCount` counts them: a
    live PARTY_MEMBER role and a home in a live building of a live grid, community and
    street. Members with no home on record (the street committees' secretaries) are not."""
    return (
        select(func.count(func.distinct(PersonRole.person_id)))
        .select_from(PersonRole)
        .join(Person, Person.id == PersonRole.person_id)
        .join(Building, Building.id == Person.building_id)
        .join(Grid, Grid.id == Building.grid_id)
        .join(Community, Community.id == Grid.community_id)
        .join(Street, Street.id == Community.street_id)
        .where(
            PersonRole.kind == RoleKind.PARTY_MEMBER,
            PersonRole.ended_on.is_(None),
            *(level.archived_at.is_(None) for level in (Building, Grid, Community, Street)),
        )
    )


# The figures the report gives (docs/domain.md); each is exact at scale 1.
DOMAIN_FIGURES = (
    Figure("communities", "urban communities (城市社区)", _rows(Community)),
    Figure(
        "community_workers", "community workers (社区工作者)", _roles(RoleKind.COMMUNITY_WORKER)
    ),
    Figure(
        "street_part_time_members",
        "part-time street committee members (街道党工委兼职委员)",
        _roles(RoleKind.STREET_PART_TIME_MEMBER),
    ),
    Figure(
        "community_part_time_members",
        "part-time community committee members (社区党组织兼职委员)",
        _roles(RoleKind.COMMUNITY_PART_TIME_MEMBER),
    ),
    Figure(
        "linked_district_leaders",
        "communities linked to a district leader (区级领导联系社区)",
        select(func.count(func.distinct(PersonRole.community_id))).where(
            PersonRole.kind == RoleKind.DISTRICT_LEADER, PersonRole.ended_on.is_(None)
        ),
    ),
    Figure("grid_cadres", "cadres sunk into grids (下沉网格干部)", _roles(RoleKind.GRID_CADRE)),
    Figure("dual_reporting_units", "dual-reporting units (双报到单位)", _rows(WorkUnit)),
    Figure(
        "in_service_party_members",
        "in-service party members reporting (在职党员双报到)",
        select(func.count(func.distinct(MemberReport.person_id))).where(
            MemberReport.ended_on.is_(None)
        ),
    ),
    Figure("volunteer_teams", "volunteer teams (志愿服务队伍)", _rows(VolunteerTeam)),
    Figure("key_recipients", "key service recipients (重点服务对象)", _rows(KeyRecipient)),
    Figure(
        "co_building_projects",
        "co-building projects (共驻共建项目)",
        _rows(Project, Project.kind == ProjectKind.CO_BUILDING),
    ),
    Figure(
        "breakthrough_projects",
        "breakthrough projects (突破项目)",
        _rows(Project, Project.kind == ProjectKind.BREAKTHROUGH),
    ),
    Figure(
        "service_items",
        "yearly service items (为民服务事项)",
        _rows(Project, Project.kind == ProjectKind.SERVICE_ITEM),
    ),
    Figure(
        "property_companies",
        "property companies in co-building (物业企业党组织)",
        _rows(PropertyCompany),
    ),
    Figure(
        "property_service_projects",
        "projects adopted by property companies (物业认领项目)",
        _rows(Project, Project.kind == ProjectKind.PROPERTY_SERVICE),
    ),
    Figure("grid_incidents", "grid incidents in the year (网格事件)", _rows(Incident)),
    Figure("property_complaints", "property complaints (物业投诉)", _rows(PropertyComplaint)),
    Figure(
        "rated_companies",
        "property companies rated (季度评价企业)",
        select(func.count(func.distinct(CompanyRating.property_company_id))),
    ),
    Figure("published_red_black_lists", "published red/black lists (红黑榜)", _rows(RedBlackList)),
    Figure(
        "training_base_courses",
        "courses of the volunteer training base (志愿服务培训基地精品课程)",
        _rows(TrainingCourse, TrainingCourse.at_training_base.is_(True)),
    ),
    Figure("study_sessions", "study sessions (学习研讨)", _rows(StudySession)),
    Figure("study_problems", "problems they found (查找问题)", _rows(StudyProblem)),
    Figure("red_warm_stations", "red-warm stations (红·暖之家)", _rows(RedWarmStation)),
    Figure(
        "party_commissioners",
        "party-building commissioners (党建工作专员)",
        _rows(PartyCommissioner),
    ),
    Figure(
        "consultations_resolved",
        '"Let\'s talk it over" consultations resolved (好商量协商解决)',
        _rows(Consultation, Consultation.status == ConsultationStatus.RESOLVED),
    ),
    *(
        Figure(
            f"{level.value.lower()}_joint_meetings",
            f"{level.value.lower()} joint meetings (联席会议, {name})",
            _rows(JointMeeting, JointMeeting.level == level),
        )
        for level, name in (
            (MeetingLevel.DISTRICT, "区级"),
            (MeetingLevel.STREET, "街道"),
            (MeetingLevel.COMMUNITY, "社区"),
        )
    ),
    Figure(
        "joint_meeting_problems_solved",
        "joint-meeting problems solved (联席会议解决问题)",
        _rows(JointMeetingProblem, JointMeetingProblem.status == JointProblemStatus.SOLVED),
    ),
    Figure("observers", "observers (基层党建观察员)", _rows(Observer)),
    Figure("annual_reviews", "annual reviews (述职评议)", _rows(AnnualReview)),
    Figure("capacity_scores", "capacity scores (一居一策测评)", _rows(CapacityScore)),
    Figure(
        "awards_best",
        '"best" service centres (最佳社区党群服务中心)',
        _rows(AwardApplication, AwardApplication.outcome == AwardOutcome.BEST),
    ),
    Figure(
        "awards_most_distinctive",
        '"most distinctive" centres (最具特色社区党群服务中心)',
        _rows(AwardApplication, AwardApplication.outcome == AwardOutcome.MOST_DISTINCTIVE),
    ),
    Figure(
        "secretaries_replaced",
        "secretaries replaced after a review (书记调整)",
        _rows(AnnualReview, AnnualReview.successor_role_id.is_not(None)),
    ),
    Figure(
        "shortfall_projects",
        "breakthrough projects made from shortfalls (短板转化突破项目)",
        _rows(Project, Project.source_shortfall_id.is_not(None)),
    ),
)

# Counts the report leaves open, shown for context.
OTHER_FIGURES = (
    Figure("streets", "subdistricts and towns (街道/镇)", _rows(Street)),
    Figure("grids", "grids (网格)", _rows(Grid)),
    Figure("buildings", "buildings (楼栋)", _rows(Building)),
    Figure(
        "households",
        "households (户)",
        select(func.coalesce(func.sum(Building.household_count), 0)),
    ),
    Figure("people", "people on record (人员)", _rows(Person)),
    Figure(
        "party_members",
        "party members living in the district (居住在辖区的党员)",
        _members_living_in_the_district(),
    ),
    Figure("party_organizations", "party organisations (党组织)", _rows(PartyOrganization)),
    Figure(
        "grid_party_branches",
        "grid party branches (网格党支部)",
        _rows(PartyOrganization, PartyOrganization.kind == PartyOrganizationKind.GRID_PARTY_BRANCH),
    ),
    Figure(
        "building_party_groups",
        "building party groups (楼栋党小组)",
        _rows(
            PartyOrganization, PartyOrganization.kind == PartyOrganizationKind.BUILDING_PARTY_GROUP
        ),
    ),
    Figure(
        "training_courses",
        "the district's rotation courses, besides the base's (轮训课程)",
        _rows(TrainingCourse, TrainingCourse.at_training_base.is_(False)),
    ),
    Figure("party_meetings", "party meetings (主题党日与三会一课)", _rows(PartyMeeting)),
    Figure(
        "industry_party_members",
        "riders in the delivery industry's party committee (外卖行业党员)",
        _rows(IndustryPartyMember),
    ),
    Figure(
        "observers_visiting",
        "observers with visits (开展走访的观察员)",
        select(func.count(func.distinct(ObserverVisit.observer_id))),
    ),
    Figure("observer_visits", "observer visits (观察走访)", _rows(ObserverVisit)),
    Figure("shortfalls", "shortfalls found (短板)", _rows(Shortfall)),
    Figure("users", "accounts (账号)", _rows(User)),
    Figure("user_grants", "roles granted to accounts (账号授权)", _rows(UserGrant)),
    Figure("consultations", "consultations in the year (好商量议题)", _rows(Consultation)),
    Figure(
        "joint_meeting_problems",
        "problems on joint-meeting agendas (联席会议议题)",
        _rows(JointMeetingProblem),
    ),
)


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    generated: int
    expected: int | None  # the reported figure at this scale, if any


async def census(engine: AsyncEngine, scale: Scale) -> list[Line]:
    """Every figure, counted in the database, beside what the scale expects."""
    expected = scale.expected()
    lines = []
    async with engine.connect() as connection:
        for figure in (*DOMAIN_FIGURES, *OTHER_FIGURES):
            generated = int(await connection.scalar(figure.count) or 0)
            lines.append(Line(figure.key, figure.label, generated, expected.get(figure.key)))
    return lines
