"""Every number the generator uses, with its reason. Nothing else holds numbers.

Reported figures come from the district's own report of 2022 (docs/domain.md) and are
exact at scale 1. The others fill what the report leaves open; each says why it was chosen.
`Scale(n)` multiplies the district: more subdistricts, communities and grids of the same
shape, never more people in one building.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

# --- The real district -------------------------------------------------------------------
DISTRICT_NAME = "市中区"
DISTRICT_CODE = "370402"  # the administrative division code of Shizhong District, Zaozhuang
SUBDISTRICT_NAMES = (
    "中心街街道",
    "垎塔埠街道",
    "矿区街道",
    "文化路街道",
    "龙山路街道",
    "光明路街道",
)
TOWN_NAMES = ("税郭镇", "孟庄镇", "齐村镇", "永安镇", "西王庄镇")
# How the 59 communities fall to the six subdistricts: the two central, densest
# subdistricts have the most; the count per subdistrict is not in the report.
COMMUNITIES_PER_SUBDISTRICT = (11, 11, 9, 10, 9, 9)

# --- Reported figures, exact at scale 1 ----------------------------------------------------
COMMUNITIES = 59
COMMUNITY_WORKERS = 436
STREET_PART_TIME_MEMBERS = 30
COMMUNITY_PART_TIME_MEMBERS = 122
LINKED_DISTRICT_LEADERS = 11  # each linked to one community
GRID_CADRES = 320
DUAL_REPORTING_UNITS = 93
IN_SERVICE_PARTY_MEMBERS = 5_600

# --- Where the report is silent --------------------------------------------------------------
# The district has about 533 residential estates, most of them old; grid lines in old
# towns follow estate boundaries, so there is one grid per estate on average.
RESIDENTIAL_ESTATES = 533
# Old estates are rows of six-storey walk-ups: 4 to 20 buildings each, 12 on average.
BUILDINGS_PER_GRID = (4, 20)
# Two or three entrances of six floors with two flats a landing: 24 to 48 households.
HOUSEHOLDS_PER_BUILDING = (24, 48)
# Resident (retired or non-working) party members per grid, besides the in-service members
# reporting home: enough to staff a branch (three or more) in most grids.
RESIDENT_PARTY_MEMBERS_PER_GRID = (2, 12)
# A grid with at least this many resident members forms a party branch, else a party group
# (the party constitution asks for three full members for a branch).
MEMBERS_FOR_A_BRANCH = 3
# About one building in five has a building party group in the "red building" drive.
SHARE_OF_BUILDINGS_WITH_A_PARTY_GROUP = 0.2
# The town committees are counted, but their villages are rural, outside the urban
# programme: towns carry no communities.
COMMUNITIES_PER_TOWN = 0
# Of the 436 workers, each community's party secretary is one (书记兼主任, the usual
# arrangement); the rest are spread as evenly as the totals allow.
SECRETARY_IS_A_WORKER = True
# Dual reporting started in 2019; records run from then to the day the generated history
# ends (`grassroots seed --as-of`, simulation/generator/timeline.py). The report's own day
# is the reference its calendar is written on, and the as-of that reproduces the report.
REPORTING_SINCE = date(2019, 1, 1)
REPORT_DAY = date(2022, 7, 4)
# The earliest as-of day: the records' own beginnings (volunteers from mid-2019, key
# recipients and property companies' agreements from 2020) must lie before it.
EARLIEST_AS_OF = date(2020, 1, 1)
# Ages of the people on record: working-age staff and members, retirees among residents.
BIRTH_YEARS = (1950, 2000)

# --- Accounts ------------------------------------------------------------------------------
# The district appointed 23 observers (基层党建观察员), as reported; each gets a read-only account
# on the whole district. They serve the district, not a community, and QA finds them by
# name, so there are 23 (observer01 … observer23) at every scale.
OBSERVERS = 23

# --- Assessment (docs/domain.md: observers, "one body, four rings", awards) ---------------
# The history's assessment year is the one before the report's (the reviews, the award
# round and the shortfalls behind this year's 65 breakthrough projects are 2021's). Each
# observer follows a few communities, every community has one; they visit each of theirs
# once a quarter, by one of the four ways, and half the visits find something (one or two
# findings). Each ring of the four is recorded once a quarter per community. Every
# community's organisation is reviewed at the year's end: the score is drawn around 85,
# one in ten is commended by one vote, and it lists one shortfall more than the
# breakthrough projects its secretary leads this year (each project answers one). A third
# of the communities apply for the award; the streets pass on 3 in 5, and the district
# names 5 best and 3 most distinctive (2021). 4 secretaries were replaced, after the
# lowest reviews. Capacity scores ("one community, one policy") cover every community in
# the report's year, each aspect 12–25.
VISITS_PER_ASSIGNMENT_YEAR = 4
SHARE_OF_VISITS_WITH_FINDINGS = 0.5
REVIEW_SCORES = (60, 98)
SHARE_COMMENDED = 0.1
SHARE_APPLYING_FOR_AWARD = 1 / 3
SHARE_RECOMMENDED = 0.6
BEST_CENTRES = 5
MOST_DISTINCTIVE_CENTRES = 3
SECRETARIES_REPLACED = 4
CAPACITY_ASPECT_RANGE = (12, 25)

# --- Volunteer services (docs/domain.md) --------------------------------------------------
VOLUNTEER_TEAMS = 422
KEY_RECIPIENTS = 1_085
# The report counts 422 teams without levels. A few district-wide specialist teams
# (medical, legal, counselling, …) and two per subdistrict serve wider areas; the rest
# are community teams, so that every community has teams of its own to dispatch to.
# Each community is served by six district teams, one of each specialty: at scale 1 the
# six serve all 59 communities; a larger district has more teams of each specialty, each
# serving its own run of about 59 communities, so that no team grows with the scale.
DISTRICT_TEAMS = 6
STREET_TEAMS_PER_SUBDISTRICT = 2
# Members of a community team; wider teams take one or two members from each community.
TEAM_MEMBERS = (6, 14)
WIDER_TEAM_MEMBERS_PER_COMMUNITY = (1, 2)
# A community's own "N" service items beside the six named ones.
LOCAL_ITEMS_PER_COMMUNITY = (1, 3)
# Key recipients are 鳏寡孤独 and similar: mostly elderly (born before 1962), orphans young.
RECIPIENT_BIRTH_YEARS = (1930, 1961)
ORPHAN_BIRTH_YEARS = (2008, 2016)
RECIPIENT_KIND_SHARES = {
    "WIDOWER": 0.14,
    "WIDOW": 0.22,
    "ORPHAN": 0.03,
    "CHILDLESS_ELDERLY": 0.16,
    "ELDERLY_LIVING_ALONE": 0.25,
    "DISABLED": 0.12,
    "LOW_INCOME": 0.08,
}
# The order history covers the 26 weeks before the as-of day: for the report, "this year"
# from 2022-01-03 (its first Monday) to the report's day.
HISTORY_WEEKS = 26
# Reported: at least one volunteer service a week in each community. Completed services
# a community-week: 1 or 2 (the programme's minimum and a little more).
SERVICES_PER_WEEK = (1, 2)
# Of the orders: most serve key recipients; a few are declined once and re-dispatched,
# a few cancelled, a few claimers do not turn up and are replaced (no-shows).
SHARE_FOR_KEY_RECIPIENTS = 0.75
SHARE_DECLINED_ONCE = 0.05
SHARE_CANCELLED = 0.04
SHARE_NO_SHOW = 0.02
SHARE_RATED = 0.85
# Ratings skew high, as residents' satisfaction surveys in the programme report.
RATING_WEIGHTS = {5: 0.62, 4: 0.28, 3: 0.07, 2: 0.02, 1: 0.01}
SERVICE_MINUTES = (30, 240)
# Orders still open on the as-of day, per community, due in the week it begins.
OPEN_ORDERS_PER_COMMUNITY = (0, 3)
# Planned services on a monthly schedule (one on the 28th party day, one tied to
# "three meetings and one lesson", the rest ordinary).
PLANNED_SERVICES_PER_MONTH = (3, 5)

# --- Projects and property companies (docs/domain.md) -------------------------------------
CO_BUILDING_PROJECTS = 266
BREAKTHROUGH_PROJECTS = 65
SERVICE_ITEMS = 108
PROPERTY_COMPANIES = 72
PROPERTY_SERVICE_PROJECTS = 134
# Co-building projects are adopted by units mostly; in-service members adopt the rest.
SHARE_OF_PROJECTS_BY_MEMBERS = 0.25
# Where projects stand on the report's day (early July, the year half gone); another as-of
# day moves their dates, not their shares.
PROJECT_STATUS_SHARES = {"PROPOSED": 0.15, "IN_PROGRESS": 0.6, "COMPLETED": 0.15, "EVALUATED": 0.1}
MILESTONES_PER_PROJECT = (2, 5)
# A few breaches of the negative list are on record, per community at most.
VIOLATIONS_PER_COMMUNITY = (0, 1)

# --- Grid incidents (网格事件) -------------------------------------------------------------
# The report: 370+ grid cases a year handled jointly with police, urban management and
# property companies ("街乡吹哨、部门报到"); the generator writes the year before the as-of.
GRID_INCIDENTS = 370
# What grids report most: the seed's typical problems (parking, stalls, illegal structures)
# and rubbish lead; safety hazards and facilities follow; the rest share what is left.
INCIDENT_CATEGORY_WEIGHTS = {
    "ILLEGAL_PARKING": 14,
    "STREET_STALL": 11,
    "GARBAGE": 11,
    "ILLEGAL_STRUCTURE": 8,
    "FIRE_HAZARD": 7,
    "PROPERTY_SERVICE": 7,
    "NEIGHBOUR_DISPUTE": 5,
    "STREETLIGHT": 4,
    "ROAD_DAMAGE": 4,
    "WATER_LEAK": 4,
    "DRAINAGE": 3,
    "NOISE": 3,
    "FLYPOSTING": 3,
    "GREENERY": 3,
    "CATERING_FUMES": 2,
    "HEATING": 3,
    "VULNERABLE_PERSON": 3,
    "PUBLIC_ORDER": 2,
    "BUILDING_SAFETY": 1,
    "GAS_SAFETY": 1,
    "FOOD_SAFETY": 1,
}
# Grid leaders find most on patrol; residents report a third; staff register the rest for
# residents who phone or walk in.
INCIDENT_CHANNEL_SHARES = {"GRID_LEADER": 0.6, "RESIDENT": 0.3, "STAFF": 0.1}
# Most are resolved; a few are not the district's to handle, referred, or repeats.
INCIDENT_OUTCOME_SHARES = {
    "RESOLVED": 0.88,
    "NOT_RESPONSIBLE": 0.04,
    "REFERRED": 0.04,
    "DUPLICATE": 0.04,
}
# The community calls within hours; a department answers within the day; tasks follow.
INCIDENT_CALL_HOURS = (0.5, 6.0)
INCIDENT_RESPONSE_HOURS = (1.0, 12.0)
# Closing takes part of the category's deadline; one in ten closes late.
SHARE_OF_INCIDENTS_LATE = 0.1
INCIDENT_ON_TIME_FRACTION = (0.3, 0.95)
INCIDENT_LATE_FRACTION = (1.05, 1.8)
# Escalated one tier up when the community cannot settle it.
SHARE_OF_INCIDENTS_ESCALATED = 0.08
# Called back a day or three after closing; reporters are mostly satisfied, and most who
# are not have it reopened (a second round then satisfies them).
INCIDENT_CALLBACK_DAYS = (1, 3)
INCIDENT_CALLBACK_SHARES = {"SATISFIED": 0.88, "NOT_SATISFIED": 0.05, "UNREACHABLE": 0.07}
SHARE_REOPENED_WHEN_NOT_SATISFIED = 0.7
# Accounts of each coordinating department's staff (the load tests' department users).
DEPARTMENT_STAFF_ACCOUNTS = 2
# --- Property complaints ("2310") and company ratings (simulation/generator/complaints.py) --
# The report: 1,740 property complaints a year settled within "2310" (general 2 days,
# important 3, major 10), 72 companies rated every quarter. The history holds the year
# before the as-of day, spread evenly over it.
PROPERTY_COMPLAINTS = 1_740
# Most complaints are everyday matters (lights, cleaning, repairs); a quarter touch
# safety or many households, a few are major (structural leaks, lifts out for days).
COMPLAINT_LEVEL_SHARES = {"GENERAL": 0.7, "IMPORTANT": 0.25, "MAJOR": 0.05}
# The programme reports "2310" settlement as nearly complete: about 6 % of complaints miss
# their deadline; 8 % are paused a while (parts on order, the owner away), 4 % are
# reopened once by a complainant who is not satisfied.
SHARE_COMPLAINTS_BREACHED = 0.06
SHARE_COMPLAINTS_PAUSED = 0.08
SHARE_COMPLAINTS_REOPENED = 0.04
# Residents file some complaints themselves through the app (自行投诉); most still come
# through the community's 2310 line, which registers them on their behalf (代登记).
SHARE_COMPLAINTS_SELF_FILED = 0.3
# Of the breached ones, those late by the level's days again reach the street (督办): a
# third of them.
SHARE_BREACHED_TO_STREET = 0.33
# Hours: the company signs within a working day; a pause lasts half a day to two days;
# a breached complaint is settled up to a day and a half late (the street's ones later);
# complainants confirm within two days; a reopened one is handled again within a day.
ACKNOWLEDGE_HOURS = (0.5, 8.0)
PAUSE_HOURS = (4.0, 48.0)
LATE_HOURS = (2.0, 36.0)
CONFIRM_HOURS = (2.0, 48.0)
REOPEN_HOURS = (4.0, 24.0)
# Quarterly ratings: a company meets most of the 15 positive items; one in ten is found
# in one negative item, one in thirty in two (which puts it on the black list).
RATED_QUARTERS = 4
POSITIVE_ITEMS_MET = (9, 15)
SHARE_ONE_NEGATIVE = 0.1
SHARE_TWO_NEGATIVES = 0.03

# --- Training, study sessions and party life (simulation/generator/training.py) ----------
# The report: every community committee member, supervision-committee head, property
# companies' party lead and owners' committee member is trained in rotation, online to all
# 59 communities or in person, each course under the "five ones"; the volunteer training
# base offers 23 courses. The district's courses do not grow with the scale (one district
# runs them); the base's 23 are its catalogue. A rotation a year: the committees every
# quarter, the other three audiences twice.
TRAINING_COURSES_PER_AUDIENCE = {
    "COMMUNITY_COMMITTEE": 4,
    "SUPERVISION_COMMITTEE_HEAD": 2,
    "PROPERTY_PARTY_LEAD": 2,
    "OWNERS_COMMITTEE": 2,
}
TRAINING_BASE_COURSES = 23
# Most rotation courses go out over the video network (视联网); the base teaches in person.
SHARE_COURSES_ONLINE = 0.6
# A course past its end has all five records but for one in ten, whose bulletin is still
# to be issued; the exam is passed at 60.
SHARE_COURSES_WITHOUT_BULLETIN = 0.1
COURSE_PASS_SCORE = 60
# Trainees (the community's workers on the committee courses): nearly all sign the
# commitment letter; attendance and scores as a well-run rotation reports them.
SHARE_TRAINEES_SIGNED = 0.98
TRAINEE_ATTENDANCE_SHARES = {"PRESENT": 0.92, "EXCUSED": 0.06, "ABSENT": 0.02}
EXAM_SCORES = (55, 100)
# The report: 436 workers of 59 communities held 108 study sessions and found "250 and more"
# problems (250余条): 256 here, 1 to 4 a session, most corrected within one to two months.
STUDY_SESSIONS = 108
STUDY_PROBLEMS = 256
PROBLEM_DUE_DAYS = (30, 60)
SHARE_PROBLEMS_CORRECTED = 0.9  # of those due before the as-of day
# A community party committee's year of meetings: a themed party day on every 28th, and
# "three meetings and one lesson" — its committee monthly, its members' meeting and its
# party lesson every quarter (the usual rule of branch life). Grid organisations' meetings
# are played in the simulated year; generating them for every grid would add millions of
# attendance rows at scale 100.
COMMITTEE_MEETINGS_PER_YEAR = {
    "PARTY_DAY": 12,
    "COMMITTEE_MEETING": 12,
    "MEMBERS_MEETING": 4,
    "PARTY_LESSON": 4,
}
MEETING_ATTENDANCE_SHARES = {"PRESENT": 0.88, "EXCUSED": 0.08, "ABSENT": 0.04}
# --- Red-warm stations and the delivery industry (红·暖之家, 新就业群体) -----------------
# The report: 16 red-warm homes at grid red stations, drawn on a map so that every rider
# has one within a 15-minute circle; the industry's party committee; 6 commissioners.
RED_WARM_STATIONS = 16
PARTY_COMMISSIONERS = 6
# The map: Shizhong's centre (the district government, about 34.86°N 117.56°E); each
# subdistrict a sector around it, its centre 3 to 11 km out; communities within 3.5 km of
# their subdistrict's centre, grids within 450 m of their community's, buildings within
# 120 m of their grid's. The outer estates fall outside a 15-minute ride on purpose, as
# the district's own map shows gaps the coverage view must find.
MAP_CENTRE = (34.86, 117.56)
STREET_RING_KM = (3.0, 11.0)
COMMUNITY_SPREAD_KM = 3.5
GRID_SPREAD_KM = 0.45
BUILDING_SPREAD_KM = 0.12
# Stations are drawn where the grids are, at least 2.5 km apart within a subdistrict.
STATION_SPACING_KM = 2.5
# Not in the report: riders who are party members in the industry committee (the
# district's food-delivery riders number in the low thousands, about one in twenty-five
# a member), by platform share.
INDUSTRY_PARTY_MEMBERS = 80
PLATFORM_SHARES = {"MEITUAN": 0.6, "ELEME": 0.35, "OTHER": 0.05}
# Stations: most open 08:00–20:00 every day, some round the clock, some late for the
# evening rush (10:00–02:00, overnight); each offers 7 to 10 of the ten standard services
# and 1 to 3 local extras.
STATION_HOURS_SHARES = {"DAY": 0.6, "ALL_DAY": 0.2, "LATE": 0.2}
STANDARD_SERVICES_OFFERED = (7, 10)
LOCAL_SERVICES_OFFERED = (1, 3)
LOCAL_SERVICES = ("雨具借用", "爱心义剪", "微波加热", "快递暂存", "免费体检", "手机贴膜")
# How far the measures and the commissioners' checklists stand at the as-of day: a share
# done, a share under way (progress 20–90 %), the rest not started.
SHARE_ITEMS_DONE = 0.45
SHARE_ITEMS_UNDER_WAY = 0.4
# The simulated year (not in the report): riders' recorded station visits a day across
# the district (a sample; riders stop by far more often than they sign a record), each
# after asking for the nearest open station from within a few km of one; each station's
# community changes its hours once a year (summer evenings); every month the district
# reports progress on two measures and on a sixth of the commissioners' open items.
STATION_VISITS_PER_DAY = 16
RIDER_SPREAD_KM = 3.0
MEASURES_REPORTED_MONTHLY = 2
CHECKLIST_SHARE_REPORTED_MONTHLY = 1 / 6
# --- Deliberation: consultations and joint meetings (simulation/generator/deliberation.py) --
# The report: "Let's talk it over" (好商量) covers 15 categories of topics and resolved 74
# disputes this year (private construction inside estates, renovation of old estates, …).
# The history holds the year before the as-of day. Some topics end without agreement,
# and a few are still under way on the as-of day.
CONSULTATIONS_RESOLVED = 74
CONSULTATIONS_NOT_RESOLVED = 5
CONSULTATIONS_UNDER_WAY = 7
# The three named categories (city management, sanitation, livelihood) and the two named
# disputes (private construction, old estates) carry more of the topics than the rest.
CONSULTATION_CATEGORY_WEIGHTS = {
    "CITY_MANAGEMENT": 3.0,
    "SANITATION": 3.0,
    "LIVELIHOOD": 3.0,
    "PRIVATE_CONSTRUCTION": 2.5,
    "OLD_ESTATE_RENOVATION": 2.5,
}
# A consultation is held one to three weeks after the topic is raised, with 8 to 30
# residents; it turns one to three decisions into follow-up items due within 2–6 weeks;
# two or three parties give feedback, mostly satisfied (4–5 of 5).
CONSULTATION_LEAD_DAYS = (7, 21)
CONSULTATION_ATTENDEES = (8, 30)
CONSULTATION_FOLLOW_UPS = (1, 3)
FOLLOW_UP_DAYS = (14, 42)
CONSULTATION_FEEDBACK = (2, 3)
# Joint meetings (联席会议): once a quarter at the district, each urban subdistrict (the
# towns have no urban party-building joint meeting) and each community, for the four whole
# quarters before the as-of day. They solved "120+" problems touching structures and
# money: 124 here. Those problems sit mostly at the district and the streets, which hold
# the money; a community's meeting raises one now and then and passes some up.
MEETING_QUARTERS = 4
JOINT_MEETING_PROBLEMS_SOLVED = 124
PROBLEM_WEIGHT_BY_LEVEL = {"DISTRICT": 8.0, "STREET": 4.0, "COMMUNITY": 1.0}
# Problems still open on the as-of day, in the last two quarters' meetings; those decided
# carry a due day one to three months on, so most are past it by the as-of day (the
# roll-ups' overdue).
JOINT_MEETING_PROBLEMS_OPEN = 16
SHARE_OPEN_DECIDED = 0.6
# A fifth of the problems a street's meeting solves came up from one of its communities'
# meetings of the same quarter (passed up: they need the street's money).
SHARE_PASSED_UP = 0.2
# Decided at the meeting or within days, due in one to three months, solved before that.
PROBLEM_DUE_DAYS = (30, 90)
MEETING_ATTENDEES = {"DISTRICT": (25, 40), "STREET": (15, 30), "COMMUNITY": (10, 20)}

# --- Writing ------------------------------------------------------------------------------
# Rows per INSERT batch: large enough to amortise round trips and the per-table work of a
# flush (about 40 tables' parts a batch; 20,000 rows took a tenth off the generator's and
# SQLite's threads against 5,000, 50,000 no more), small enough that memory stays bounded
# by a batch at any scale.
BATCH_ROWS = 20_000


@dataclass(frozen=True)
class Scale:
    """The district's figures at `factor` times its real size."""

    factor: float = 1.0

    def of(self, figure: int) -> int:
        """A figure at this scale: rounded, and at least one."""
        return max(1, round(figure * self.factor))

    @property
    def subdistricts(self) -> int:
        # Above the real size, subdistricts multiply so that each keeps about ten
        # communities; below it, the six real ones stay and get fewer communities.
        return max(len(SUBDISTRICT_NAMES), math.ceil(len(SUBDISTRICT_NAMES) * self.factor))

    @property
    def towns(self) -> int:
        return max(len(TOWN_NAMES), math.ceil(len(TOWN_NAMES) * self.factor))

    @property
    def communities(self) -> int:
        return self.of(COMMUNITIES)

    @property
    def grids(self) -> int:
        return max(self.communities, self.of(RESIDENTIAL_ESTATES))

    @property
    def leaders(self) -> int:
        return min(self.of(LINKED_DISTRICT_LEADERS), self.communities)

    @property
    def cadres(self) -> int:
        return min(self.of(GRID_CADRES), self.grids)

    def expected(self) -> dict[str, int]:
        """The counts the generator must produce, by the names the summary uses."""
        return {
            "communities": self.communities,
            "community_workers": self.of(COMMUNITY_WORKERS),
            "street_part_time_members": self.of(STREET_PART_TIME_MEMBERS),
            "community_part_time_members": self.of(COMMUNITY_PART_TIME_MEMBERS),
            "linked_district_leaders": self.leaders,
            "grid_cadres": self.cadres,
            "dual_reporting_units": self.of(DUAL_REPORTING_UNITS),
            "in_service_party_members": self.of(IN_SERVICE_PARTY_MEMBERS),
            "volunteer_teams": self.teams,
            "key_recipients": self.of(KEY_RECIPIENTS),
            "property_companies": self.of(PROPERTY_COMPANIES),
            "co_building_projects": self.of(CO_BUILDING_PROJECTS),
            "breakthrough_projects": self.of(BREAKTHROUGH_PROJECTS),
            "service_items": self.of(SERVICE_ITEMS),
            "property_service_projects": self.of(PROPERTY_SERVICE_PROJECTS),
            "grid_incidents": self.of(GRID_INCIDENTS),
            "property_complaints": self.of(PROPERTY_COMPLAINTS),
            "rated_companies": self.of(PROPERTY_COMPANIES),
            "published_red_black_lists": RATED_QUARTERS,
            "training_base_courses": TRAINING_BASE_COURSES,
            "study_sessions": self.of(STUDY_SESSIONS),
            "study_problems": self.of(STUDY_PROBLEMS),
            "red_warm_stations": self.of(RED_WARM_STATIONS),
            "party_commissioners": self.of(PARTY_COMMISSIONERS),
            "consultations_resolved": self.of(CONSULTATIONS_RESOLVED),
            "district_joint_meetings": MEETING_QUARTERS,
            "street_joint_meetings": MEETING_QUARTERS * self.subdistricts,
            "community_joint_meetings": MEETING_QUARTERS * self.communities,
            "joint_meeting_problems_solved": self.of(JOINT_MEETING_PROBLEMS_SOLVED),
            "observers": OBSERVERS,
            "annual_reviews": self.communities,
            "capacity_scores": self.communities,
            "awards_best": self.of(BEST_CENTRES),
            "awards_most_distinctive": self.of(MOST_DISTINCTIVE_CENTRES),
            "secretaries_replaced": self.of(SECRETARIES_REPLACED),
            "shortfall_projects": self.of(BREAKTHROUGH_PROJECTS),
        }

    @property
    def teams(self) -> int:
        # At least one community team per community, besides the wider ones.
        return max(self.of(VOLUNTEER_TEAMS), self.communities + self.wider_teams)

    @property
    def wider_teams(self) -> int:
        return self.of(DISTRICT_TEAMS) + STREET_TEAMS_PER_SUBDISTRICT * self.subdistricts


# Kinds of the dual-reporting units: district agencies and public institutions make up
# about half in an old industrial district; the rest are enterprises and "two new"
# organisations (the report names all four kinds but not their shares).
UNIT_KIND_SHARES = {
    "AGENCY": 0.3,
    "ENTERPRISE": 0.35,
    "INSTITUTION": 0.2,
    "TWO_NEW_ORGANIZATION": 0.15,
}
# Communities differ in size: each community's share of grids, workers and members is
# drawn within ±30 % of the mean.
SIZE_SPREAD = 0.3
# Share of community workers other than the secretary who are party members.
SHARE_OF_WORKERS_IN_THE_PARTY = 0.6


# --- The simulated year (simulation/year/loop.py and activities/) ------------------------
# Arrival processes of the year played through the API; the figures they should come out
# near are the report's. The year starts on the first Monday of 2023, so that its projects
# are "this year's"; the district it plays on is seeded with its history ending the day
# before (`--as-of` 2023-01-01: the history reports on 2022, the year just ended).
YEAR_START = date(2023, 1, 2)
# Residents' own orders arrive as a Poisson process in waking hours: 0.6 a community-week
# on top of the planned services, so that demand alone often misses a week and the plans
# and the Friday check are what keep "at least one service a week" (docs/domain.md).
DEMAND_ORDERS_PER_COMMUNITY_WEEK = 0.6
ORDER_HOURS = (8, 20)
# Orders are made one to three days ahead, for a morning or an afternoon slot.
ORDER_LEAD_DAYS = (1, 3)
SERVICE_SLOTS = (9, 14)
# Elderly and disabled key recipients mostly order through their grid leader or the
# community (代点单) and give their rating on the follow-up visit (回访); the rest order
# for themselves on their phones, as resident members do.
SHARE_ORDERED_ON_BEHALF = 0.7
# How long each step waits (hours, uniform): office staff dispatch within a working
# morning, leads accept within the day, volunteers claim before the slot.
DISPATCH_HOURS = (0.5, 4.0)
ACCEPT_HOURS = (0.5, 6.0)
CLAIM_HOURS = (0.5, 8.0)
RATE_HOURS = (2.0, 48.0)
# A volunteer's core: the first members of a team take most claims (the usual Pareto
# pattern of volunteer groups), so a team is mostly served by a handful of people.
CORE_VOLUNTEERS = 3
CORE_WEIGHT = 4
# On Friday morning a secretary who sees no service of the week done or taken on by a team
# places one for Sunday (two days ahead, like any planned service) for a key recipient:
# the programme's weekly minimum. Like any order it may still be cancelled.
WEEKLY_CHECK_WEEKDAY = 4  # Friday
# On Saturday the secretary looks at the week again, in the morning and in the afternoon:
# when no service of the week is done or still on its way (the only one was cancelled, as
# recipients cancel about one order in 25, the Friday booking among them; or no team or
# volunteer could take it), they book one for Sunday afternoon for a key recipient.
# Two looks, because the morning's own booking can be cancelled too, and because a look
# sees for certain only what happened a simulated day before it (SIMULATION_WINDOW_HOURS):
# the afternoon look sees Friday's booking settled (cancelled by 14:00 at the latest).
WEEKEND_RECHECK_WEEKDAY = 5  # Saturday
WEEKEND_RECHECK_HOURS = (9, 15)
# The afternoon slot, so that the afternoon look's booking still has 23 hours for the chain:
# dispatch and accept take at most 10 hours (21 when a lead declines and the community
# re-dispatches), and the volunteer claims an hour before the start.
WEEKEND_SERVICE_SLOT = 14
# Planned services per community-month come from PLANNED_SERVICES_PER_MONTH; each is
# placed two days ahead by the secretary for a key recipient.
PLANNED_ORDER_LEAD_DAYS = 2
# Units' group services (集体服务; reported: 21 by 93 units) are run as co-building
# projects of life services, owned by the unit, and counted apart in the report.
GROUP_SERVICES = 21
# Projects of the year: created in January, each milestone done by a due date spread
# over the year; a few slip past the year's end or are cancelled.
PROJECT_SHARE_LATE = 0.08
PROJECT_SHARE_CANCELLED = 0.02
# Owners report each milestone done, with evidence; about a third also report it halfway.
SHARE_REPORTED_HALFWAY = 0.35
# Evaluation scores of completed projects (the residents' review, 群众评议).
EVALUATION_SCORES = (70, 100)
# How far the simulated year may run ahead of its oldest unfinished event: a day, so that
# a day's events go to the API together; nothing in the programme turns on the hour
# (the weekly check runs on Friday for Sunday, publications wait until the 3rd).
SIMULATION_WINDOW_HOURS = 24
# The report's yearly figures (reach, completion, the projects run) are judged only on a
# period this long (simulation/year/minimum_periods.py).
WHOLE_YEAR_DAYS = 300
# The average rating is judged on four whole weeks or more: a month of follow-up visits
# (the programme publishes monthly), so that a few low ratings in a small district's
# first days do not decide it.
RATINGS_JUDGED_OVER_WEEKS = 4
# The previous month is published on this day of the next, once its services are in.
PUBLICATION_DAY = 3
