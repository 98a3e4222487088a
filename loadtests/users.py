"""One Locust user class per role of the district (weights and think times: roles.py).

Together they play the volunteer order chain end to end: residents order for themselves,
secretaries dispatch to their teams, leads accept or decline, volunteers race to claim,
then serve and complete, and the residents rate. Around them browsers read the tree and
the public lists, unit liaisons report on their co-building projects and admins read the
audit log. Beside the orders runs the "2310" complaint chain: residents complain about
their building, the company's staff acknowledge, handle, pause and resume, and resolve,
the residents confirm, and the secretaries' sweep escalates what is overdue. The
secretaries also keep the community's "Let's talk it over" desk (topics scheduled, recorded
with follow-up items, resolved) and its quarter's joint meeting (problems raised, decided
and solved). Every
mutation that succeeds is written to the journal with what the integrity check needs to
find it in the database afterwards.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from locust import between, task

from loadtests import operations as ops
from loadtests import roles
from loadtests.base_user import GraphQLUser
from loadtests.cast import (
    CompanyDesk,
    Complainant,
    DepartmentPart,
    GridLeader,
    Lead,
    Liaison,
    Resident,
    Secretary,
    VolunteerPart,
)
from simulation.district_time import DISTRICT_TZ
from simulation.scale import INCIDENT_CATEGORY_WEIGHTS, MAP_CENTRE

# Outcomes of a race between users, not faults: a second volunteer claiming an order
# (ALREADY_CLAIMED), a volunteer whose other claim overlaps (DOUBLE_BOOKED), two users
# acting on an order that has moved on meanwhile (INVALID_TRANSITION).
RACES = frozenset({"INVALID_TRANSITION"})
CLAIM_RACES = frozenset({"ALREADY_CLAIMED", "DOUBLE_BOOKED", "INVALID_TRANSITION"})
# Two reports on one milestone at once: the later one would move it back (INVALID).
PROGRESS_RACES = frozenset({"INVALID", "INVALID_TRANSITION"})

SERVICES = {
    "HOME_ENVIRONMENT": ("打扫卫生", "整理房间"),
    "DAILY_CARE": ("助餐送餐", "助浴理发"),
    "TUTORING_AND_CHILD_CARE": ("课业辅导", "放学托管"),
    "ERRANDS": ("代买药品", "代缴水电费"),
    "PSYCHOLOGICAL_COUNSELLING": ("谈心陪伴", "电话问候"),
    "HEALTH_CARE": ("陪同就医", "测量血压"),
}
DECLINE_SHARE = 0.1
# Complaints: what residents complain about, and how often the company pauses the clock
# (parts on order, the owner away) instead of settling at once.
COMPLAINTS = ("楼道灯不亮", "电梯故障", "垃圾清运不及时", "楼顶漏水", "小区绿化缺管护")
COMPLAINT_LEVELS = ("GENERAL", "IMPORTANT", "MAJOR")
COMPLAINT_LEVEL_WEIGHTS = (70, 25, 5)
PAUSE_SHARE = 0.1
# How a study session's problems were found (群众提、上级点、互相帮、自己找).
PROBLEM_SOURCES = ("RESIDENTS", "SUPERIORS", "PEERS", "SELF")
# Observers' visits: the four ways of visiting, and what they find short.
VISIT_KINDS = ("ON_SITE_INSPECTION", "RESIDENT_POLL", "INTERVIEW", "RECORD_REVIEW")
OBSERVER_FINDINGS = ("党群服务中心开放时间不足", "议事记录不全", "党员联系群众台账未更新")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def service_window(now: datetime) -> tuple[str, str]:
    """A day or two ahead, in the district's working day, one to three hours long."""
    day = now.astimezone(DISTRICT_TZ).date() + timedelta(days=random.randint(1, 2))
    start = datetime.combine(day, time(random.randint(8, 16), random.choice((0, 30))), DISTRICT_TZ)
    end = start + timedelta(minutes=random.choice((60, 90, 120, 180)))
    return _iso(start), _iso(end)


def this_month() -> tuple[int, int]:
    today = datetime.now(DISTRICT_TZ)
    return today.year, today.month


def this_quarter() -> tuple[int, int]:
    year, month = this_month()
    return year, (month - 1) // 3 + 1


def _nodes(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = data[field]["nodes"]
    return nodes


class Browser(GraphQLUser):
    """The district's public pages; every other browser is one of the 23 observers
    (基层党建观察员), who also read orders and projects."""

    weight = roles.BROWSER.weight
    wait_time = between(*roles.BROWSER.think_seconds)

    def on_start(self) -> None:
        serial = self.serial()
        if serial % 2:
            observers = self.cast.observers
            self.sign_in(observers[(serial // 2) % len(observers)])

    def _community(self) -> str:
        return random.choice(self.cast.communities)

    @task(4)
    def district_tree(self) -> None:
        self.call(ops.DISTRICT_TREE)

    @task(4)
    def community_page(self) -> None:
        self.call(ops.COMMUNITY_PAGE, {"id": self._community()})

    @task(3)
    def community_teams(self) -> None:
        self.call(ops.COMMUNITY_TEAMS, {"community": self._community()})

    @task(2)
    def service_plans(self) -> None:
        self.call(ops.SERVICE_PLANS, {"community": self._community()})

    @task(1)
    def monthly_publications(self) -> None:
        self.call(ops.MONTHLY_PUBLICATIONS, {"community": self._community()})

    @task(2)
    def orders_or_projects(self) -> None:
        if self.username is None:
            self.call(ops.COMMUNITY_PAGE, {"id": self._community()})
        elif random.random() < 0.5:
            self.call(ops.DISTRICT_ORDERS, {"community": self._community()})
        else:
            self.call(ops.COMMUNITY_PROJECTS, {"community": self._community()})


class ResidentUser(GraphQLUser):
    """A key recipient (重点服务对象) who orders services for themselves and rates them."""

    weight = roles.RESIDENT.weight
    wait_time = between(*roles.RESIDENT.think_seconds)
    persona: Resident

    def on_start(self) -> None:
        residents = self.cast.residents
        self.persona = residents[self.serial() % len(residents)]
        self.sign_in(self.persona.username)

    @task(3)
    def place_order(self) -> None:
        category = random.choice(list(SERVICES))
        start, end = service_window(datetime.now(UTC))
        variables = {
            "input": {
                "recipientId": self.persona.person,
                "category": category,
                "title": random.choice(SERVICES[category]),
                "description": "负载测试下单",
                "scheduledStart": start,
                "scheduledEnd": end,
            }
        }
        outcome = self.call(ops.PLACE_ORDER, variables)
        if outcome.ok:
            order = outcome.payload("placeServiceOrder")["serviceOrder"]
            self.journal.write(
                ops.PLACE_ORDER.name,
                order=order["id"],
                person=self.persona.person,
                user=self.username,
            )

    @task(4)
    def my_orders(self) -> None:
        self.call(ops.MY_ORDERS, {"statuses": None})

    @task(2)
    def rate_completed(self) -> None:
        outcome = self.call(ops.MY_ORDERS, {"statuses": ["COMPLETED"]})
        if not outcome.ok or outcome.data is None:
            return
        # A resident's list holds only the orders they placed or receive.
        completed = _nodes(outcome.data, "serviceOrders")
        if not completed:
            return
        order = random.choice(completed)
        rating = random.choices((5, 4, 3), weights=(70, 25, 5))[0]
        variables = {"id": order["id"], "rating": rating, "comment": "服务很周到"}
        if self.call(ops.RATE_ORDER, variables, expected=RACES).ok:
            self.journal.write(
                ops.RATE_ORDER.name, order=order["id"], rating=rating, user=self.username
            )

    @task(1)
    def report_incident(self) -> None:
        if self.persona.building is not None:
            report_incident(self, {"buildingId": self.persona.building})

    @task(1)
    def answer_callback(self) -> None:
        """The reporter answers the callback on their resolved incidents (回访)."""
        answer_callbacks(self, {"statuses": ["RESOLVED"]}, ops.REPORTED_INCIDENTS)


# Riders: where they ask from (within this many km of the district's centre), the services
# they want, and how often a question ends in a recorded visit.
RIDER_RADIUS_KM = 9.0
RIDER_SERVICES = ("CHARGING", "WATER_AND_REST", "WARM_MEALS", "TOILET", "SUMMER_COOLING")
VISIT_SHARE = 0.2


class RiderUser(GraphQLUser):
    """A courier or delivery rider (快递、外卖小哥) asking for the nearest open red-warm
    station with a service, between deliveries; riders sign in as the residents they
    are."""

    weight = roles.RIDER.weight
    wait_time = between(*roles.RIDER.think_seconds)
    persona: Resident

    def on_start(self) -> None:
        residents = self.cast.residents
        self.persona = residents[self.serial() % len(residents)]
        self.sign_in(self.persona.username)

    @task
    def nearest_station(self) -> None:
        r = RIDER_RADIUS_KM * math.sqrt(random.random())
        angle = random.uniform(0, math.tau)
        latitude = MAP_CENTRE[0] + r * math.cos(angle) / 111.195
        longitude = MAP_CENTRE[1] + r * math.sin(angle) / (
            111.195 * math.cos(math.radians(MAP_CENTRE[0]))
        )
        service = random.choice(RIDER_SERVICES)
        variables = {"latitude": latitude, "longitude": longitude, "service": service}
        outcome = self.call(ops.NEAREST_STATION, variables)
        if not outcome.ok or outcome.data is None or random.random() >= VISIT_SHARE:
            return
        found = outcome.data["stationsNear"]
        if not found:
            return
        station = found[0]["station"]["id"]
        visit = self.call(ops.RECORD_STATION_VISIT, {"station": station, "service": service})
        if visit.ok:
            recorded = visit.payload("recordStationVisit")["visit"]
            self.journal.write(
                ops.RECORD_STATION_VISIT.name,
                visit=recorded["id"],
                station=station,
                service=service,
                user=self.username,
            )


class SecretaryUser(GraphQLUser):
    """A community party secretary at the desk: dispatches placed orders (社区派单) to the
    community's teams, watches the overdue list and the month's figures, runs the
    community's consultations and records its joint meeting."""

    weight = roles.SECRETARY.weight
    wait_time = between(*roles.SECRETARY.think_seconds)
    persona: Secretary

    def on_start(self) -> None:
        secretaries = self.cast.secretaries
        self.persona = secretaries[self.serial() % len(secretaries)]
        self.sign_in(self.persona.username)

    @task(5)
    def dispatch_placed(self) -> None:
        variables = {"community": self.persona.community, "statuses": ["PLACED"]}
        outcome = self.call(ops.COMMUNITY_ORDERS, variables)
        if not outcome.ok or outcome.data is None:
            return
        for order in _nodes(outcome.data, "serviceOrders")[:5]:
            team = random.choice(self.persona.teams)
            result = self.call(
                ops.DISPATCH_ORDER, {"id": order["id"], "team": team}, expected=RACES
            )
            if result.ok:
                self.journal.write(
                    ops.DISPATCH_ORDER.name, order=order["id"], team=team, user=self.username
                )

    @task(2)
    def overdue(self) -> None:
        self.call(ops.OVERDUE_ORDERS, {"community": self.persona.community})

    @task(1)
    def monthly_summary(self) -> None:
        year, month = this_month()
        self.call(ops.MONTHLY_SUMMARY, {"year": year, "month": month})

    @task(4)
    def incident_desk(self) -> None:
        """The community's incident desk in one visit, as each step waits on the one
        before: the call (社区吹哨) on new incidents, a dated task for the department
        that answered, and the callback (回访) to the reporters of resolved ones."""
        where = {"communityId": self.persona.community}
        reported = incidents_of(self, {**where, "statuses": ["REPORTED"]})
        for incident in reported[:3]:
            journal_step(self, ops.CALL_INCIDENT, {"incidentId": incident["id"]}, incident["id"])
        for incident in incidents_of(self, {**where, "statuses": ["RESPONDING"]})[:3]:
            answered = [p for p in incident["participants"] if p["respondedAt"]]
            if not answered:
                continue
            due = _iso(datetime.now(UTC) + timedelta(days=1))
            task_input = {
                "incidentId": incident["id"],
                "departmentId": answered[0]["department"]["id"],
                "title": "负载测试处置任务",
                "dueAt": due,
            }
            outcome = self.call(ops.ADD_INCIDENT_TASK, {"input": task_input}, expected=RACES)
            if outcome.ok:
                task_id = outcome.payload("addIncidentTask")["task"]["id"]
                self.journal.write(
                    ops.ADD_INCIDENT_TASK.name,
                    incident=incident["id"],
                    task=task_id,
                    user=self.username,
                )
        answer_callbacks(self, {**where, "statuses": ["RESOLVED"]})

    @task(1)
    def record_study_session(self) -> None:
        """The community's study session (学习研讨) with the problems it found."""
        today = datetime.now(DISTRICT_TZ).date()
        due = (today + timedelta(days=random.randint(30, 60))).isoformat()
        topic = f"负载测试研讨 {uuid.uuid4().hex[:12]}"
        variables = {
            "input": {
                "communityId": self.persona.community,
                "heldOn": today.isoformat(),
                "topic": topic,
                "participants": random.randint(5, 10),
                "problems": [
                    {
                        "source": random.choice(PROBLEM_SOURCES),
                        "description": "台账不全",
                        "dueOn": due,
                    }
                    for _ in range(random.randint(1, 3))
                ],
            }
        }
        outcome = self.call(ops.RECORD_STUDY_SESSION, variables)
        if outcome.ok:
            session = outcome.payload("recordStudySession")["session"]
            self.journal.write(
                ops.RECORD_STUDY_SESSION.name,
                session=session["id"],
                topic=topic,
                problems=len(session["problems"]),
                user=self.username,
            )

    @task(1)
    def escalate_overdue_complaints(self) -> None:
        """The community's sweep (超时督办) over its breached complaints."""
        outcome = self.call(ops.ESCALATE_OVERDUE, {"community": self.persona.community})
        if outcome.ok:
            for complaint in outcome.payload("escalateOverdueComplaints")["complaints"]:
                self.journal.write(
                    ops.ESCALATE_OVERDUE.name, complaint=complaint["id"], user=self.username
                )

    @task(2)
    def consultation_desk(self) -> None:
        """The community's "Let's talk it over" desk (好商量) in one visit: each open
        consultation one step on (scheduled, recorded with a follow-up item, items done,
        resolved), and a new topic when few are open."""
        outcome = self.call(ops.COMMUNITY_CONSULTATIONS, {"community": self.persona.community})
        if not outcome.ok or outcome.data is None:
            return
        rows = _nodes(outcome.data, "consultations")
        for row in rows[:3]:
            advance_consultation(self, row)
        if len(rows) < 3:
            propose_consultation(self, self.persona.community)

    @task(1)
    def joint_meeting_desk(self) -> None:
        """The community's joint meeting of the quarter (联席会议), as its secretary keeps
        it: convened once, problems raised, decided with an owner and a due day, solved."""
        year, quarter = this_quarter()
        where = {"community": self.persona.community, "year": year, "quarter": quarter}
        outcome = self.call(ops.COMMUNITY_JOINT_MEETING, where)
        if not outcome.ok or outcome.data is None:
            return
        meetings = _nodes(outcome.data, "jointMeetings")
        if meetings:
            meeting = meetings[0]
        else:
            # Convened, the meeting takes its first problems in the same visit.
            fields = {
                "level": "COMMUNITY",
                "bodyId": self.persona.community,
                "year": year,
                "quarter": quarter,
                "scheduledOn": datetime.now(DISTRICT_TZ).date().isoformat(),
            }
            convened = self.call(
                ops.CONVENE_JOINT_MEETING, {"input": fields}, expected=MEETING_RACES
            )
            if not convened.ok:
                return
            meeting = {**convened.payload("conveneJointMeeting")["meeting"], "problems": []}
        open_problems = [p for p in meeting["problems"] if p["status"] in ("RAISED", "DECIDED")]
        for problem in open_problems[:3]:
            advance_problem(self, problem)
        if len(open_problems) < 2:
            fields = {
                "meetingId": meeting["id"],
                "title": f"负载测试议题 {uuid.uuid4().hex[:8]}",
                "raisedByName": "社区党组织兼职委员",
            }
            raised = self.call(ops.RAISE_PROBLEM, {"input": fields})
            if raised.ok:
                key = raised.payload("raiseJointMeetingProblem")["problem"]["id"]
                self.journal.write(ops.RAISE_PROBLEM.name, problem=key, user=self.username)


class TeamLeadUser(GraphQLUser):
    """A volunteer team's lead: accepts the orders dispatched to the team (队伍接单), or
    now and then declines one with a reason."""

    weight = roles.TEAM_LEAD.weight
    wait_time = between(*roles.TEAM_LEAD.think_seconds)
    persona: Lead

    def on_start(self) -> None:
        leads = self.cast.leads
        self.persona = leads[self.serial() % len(leads)]
        self.sign_in(self.persona.username)

    @task(3)
    def answer_dispatched(self) -> None:
        variables = {"team": self.persona.team, "statuses": ["DISPATCHED"]}
        outcome = self.call(ops.TEAM_ORDERS, variables)
        if not outcome.ok or outcome.data is None:
            return
        for order in _nodes(outcome.data, "serviceOrders")[:3]:
            if random.random() < DECLINE_SHARE:
                reason = "本周队员已满员"
                result = self.call(
                    ops.DECLINE_ORDER, {"id": order["id"], "reason": reason}, expected=RACES
                )
                operation = ops.DECLINE_ORDER
            else:
                result = self.call(ops.ACCEPT_ORDER, {"id": order["id"]}, expected=RACES)
                operation = ops.ACCEPT_ORDER
            if result.ok:
                self.journal.write(operation.name, order=order["id"], user=self.username)

    @task(1)
    def team_orders(self) -> None:
        self.call(ops.TEAM_ORDERS, {"team": self.persona.team, "statuses": None})


class VolunteerUser(GraphQLUser):
    """A team member: races the others for accepted orders (成员领单), then starts and
    completes the services they claimed."""

    weight = roles.VOLUNTEER.weight
    wait_time = between(*roles.VOLUNTEER.think_seconds)
    persona: VolunteerPart

    def on_start(self) -> None:
        volunteers = self.cast.volunteers
        self.persona = volunteers[self.serial() % len(volunteers)]
        self.sign_in(self.persona.username)

    @task(4)
    def claim(self) -> None:
        team = random.choice(self.persona.teams)
        outcome = self.call(ops.TEAM_ORDERS, {"team": team, "statuses": ["ACCEPTED"]})
        if not outcome.ok or outcome.data is None:
            return
        open_orders = _nodes(outcome.data, "serviceOrders")
        if not open_orders:
            return
        order = random.choice(open_orders[:5])
        if self.call(ops.CLAIM_ORDER, {"id": order["id"]}, expected=CLAIM_RACES).ok:
            self.journal.write(
                ops.CLAIM_ORDER.name,
                order=order["id"],
                volunteer=self.persona.volunteer,
                user=self.username,
            )

    @task(3)
    def serve(self) -> None:
        team = random.choice(self.persona.teams)
        statuses = ["CLAIMED", "IN_SERVICE"]
        outcome = self.call(ops.TEAM_ORDERS, {"team": team, "statuses": statuses})
        if not outcome.ok or outcome.data is None:
            return
        mine = [
            order
            for order in _nodes(outcome.data, "serviceOrders")
            if (order.get("claimer") or {}).get("id") == self.persona.volunteer
        ]
        for order in mine[:2]:
            if order["status"] == "CLAIMED":
                if self.call(ops.START_SERVICE, {"id": order["id"]}, expected=RACES).ok:
                    self.journal.write(
                        ops.START_SERVICE.name, order=order["id"], user=self.username
                    )
                continue
            minutes = random.randint(30, 180)
            variables = {"id": order["id"], "minutes": minutes}
            if self.call(ops.COMPLETE_SERVICE, variables, expected=RACES).ok:
                self.journal.write(
                    ops.COMPLETE_SERVICE.name,
                    order=order["id"],
                    minutes=minutes,
                    user=self.username,
                )


class UnitUser(GraphQLUser):
    """A dual-reporting unit's liaison (双报到): reads the unit's co-building projects and
    reports progress on an open milestone."""

    weight = roles.UNIT.weight
    wait_time = between(*roles.UNIT.think_seconds)
    persona: Liaison

    def on_start(self) -> None:
        liaisons = self.cast.liaisons
        self.persona = liaisons[self.serial() % len(liaisons)]
        self.sign_in(self.persona.username)

    def _projects(self) -> list[dict[str, Any]]:
        outcome = self.call(ops.UNIT_PROJECTS, {"unit": self.persona.unit})
        if not outcome.ok or outcome.data is None or outcome.data["node"] is None:
            return []
        return _nodes(outcome.data["node"], "projects")

    @task(3)
    def projects(self) -> None:
        self._projects()

    @task(1)
    def my_training_record(self) -> None:
        """The liaison, a party member, reads their training record (培训档案)."""
        self.call(ops.MY_TRAINING_RECORD)

    @task(1)
    def my_party_meetings(self) -> None:
        """… and the meetings of their organisation with the attendance counted."""
        self.call(ops.MY_PARTY_MEETINGS)

    @task(2)
    def report_progress(self) -> None:
        open_projects = [p for p in self._projects() if p["status"] in ("PROPOSED", "IN_PROGRESS")]
        if not open_projects:
            return
        project = random.choice(open_projects)
        note = f"负载测试进展 {uuid.uuid4().hex[:12]}"
        report: dict[str, Any] = {"projectId": project["id"], "note": note}
        milestone = next((m for m in project["milestones"] if m["progress"] < 100), None)
        if milestone is not None:
            report["milestoneId"] = milestone["id"]
            report["progress"] = min(100, milestone["progress"] + random.randint(5, 20))
        outcome = self.call(ops.REPORT_PROGRESS, {"input": report}, expected=PROGRESS_RACES)
        if outcome.ok:
            self.journal.write(
                ops.REPORT_PROGRESS.name, project=project["id"], note=note, user=self.username
            )


class AdminUser(GraphQLUser):
    """The district admin: the audit log (审计日志) and the district's overview."""

    weight = roles.ADMIN.weight
    wait_time = between(*roles.ADMIN.think_seconds)

    def on_start(self) -> None:
        admins = self.cast.admins
        self.sign_in(admins[self.serial() % len(admins)])

    @task(3)
    def audit_log(self) -> None:
        self.call(ops.AUDIT_LOG)

    @task(2)
    def district_overview(self) -> None:
        self.call(ops.DISTRICT_OVERVIEW)

    @task(1)
    def monthly_summary(self) -> None:
        year, month = this_month()
        self.call(ops.MONTHLY_SUMMARY, {"year": year, "month": month})


# --- Grid incidents (网格事件) -------------------------------------------------------------
# Two users acting on one incident at once (a second call, a callback already recorded).
INCIDENT_RACES = frozenset({"INVALID_TRANSITION", "INVALID"})
_CATALOGUE: list[dict[str, Any]] = []


def incidents_of(
    user: GraphQLUser, filter: dict[str, Any], operation: ops.Operation = ops.INCIDENTS
) -> list[dict[str, Any]]:
    outcome = user.call(operation, {"filter": filter})
    if not outcome.ok or outcome.data is None:
        return []
    return _nodes(outcome.data, "incidents")


def journal_step(
    user: GraphQLUser, operation: ops.Operation, fields: dict[str, Any], incident: str
) -> bool:
    """Send one incident step; a success goes to the journal."""
    outcome = user.call(operation, {"input": fields}, expected=INCIDENT_RACES)
    if outcome.ok:
        user.journal.write(operation.name, incident=incident, user=user.username)
    return bool(outcome.ok)


def report_incident(user: GraphQLUser, where: dict[str, str]) -> None:
    """Report an incident of a random category with its required attributes."""
    if not _CATALOGUE:
        outcome = user.call(ops.INCIDENT_CATALOGUE)
        if not outcome.ok or outcome.data is None:
            return
        _CATALOGUE.extend(outcome.data["incidentCategories"])
    # As often as the district reports each category (the generator's weights).
    weights = [INCIDENT_CATEGORY_WEIGHTS.get(c["code"], 1) for c in _CATALOGUE]
    category = random.choices(_CATALOGUE, weights=weights)[0]
    attributes = []
    for spec in category["attributes"]:
        if not spec["required"]:
            continue
        value = {"NUMBER": "12", "BOOLEAN": "false"}.get(spec["datatype"])
        attributes.append({"code": spec["code"], "value": value or random.choice(spec["values"])})
    fields = {
        "categoryId": category["id"],
        "description": f"负载测试事件 {uuid.uuid4().hex[:12]}",
        "photos": ["https://files.example.org/loadtest.jpg"],
        "attributes": attributes,
        **where,
    }
    outcome = user.call(ops.REPORT_INCIDENT, {"input": fields})
    if outcome.ok:
        incident = outcome.payload("reportIncident")["incident"]["id"]
        user.journal.write(ops.REPORT_INCIDENT.name, incident=incident, user=user.username)


def answer_callbacks(
    user: GraphQLUser, filter: dict[str, Any], operation: ops.Operation = ops.INCIDENTS
) -> None:
    for incident in incidents_of(user, filter, operation)[:2]:
        if incident["callbackResult"] is not None:
            continue
        result = random.choices(("SATISFIED", "UNREACHABLE"), weights=(9, 1))[0]
        journal_step(
            user,
            ops.RECORD_INCIDENT_CALLBACK,
            {"incidentId": incident["id"], "result": result, "comment": "负载测试回访"},
            incident["id"],
        )


class GridLeaderUser(GraphQLUser):
    """A grid leader on patrol (网格长巡查): reports what they find in the grid, and
    verifies on the spot the incidents whose tasks are done (核查办结)."""

    weight = roles.GRID_LEADER.weight
    wait_time = between(*roles.GRID_LEADER.think_seconds)
    persona: GridLeader

    def on_start(self) -> None:
        leaders = self.cast.grid_leaders
        if not leaders:
            self.stop()
            return
        self.persona = leaders[self.serial() % len(leaders)]
        self.sign_in(self.persona.username)

    @task(1)
    def report(self) -> None:
        report_incident(self, {"gridId": self.persona.grid})

    @task(1)
    def patrol(self) -> None:
        """The grid's open incidents; those in disposal whose tasks are all finished
        are verified on the spot."""
        filter = {"gridId": self.persona.grid, "openOnly": True}
        disposed = [i for i in incidents_of(self, filter) if i["status"] == "IN_DISPOSAL"]
        for incident in disposed[:2]:
            tasks = incident["tasks"]
            if not tasks or any(t["status"] in ("OPEN", "IN_PROGRESS") for t in tasks):
                continue
            journal_step(
                self,
                ops.VERIFY_INCIDENT,
                {"incidentId": incident["id"], "resolution": "负载测试核查办结"},
                incident["id"],
            )


class DepartmentUser(GraphQLUser):
    """A coordinating department's staff (部门报到): answers the calls naming the
    department, and works its tasks to done."""

    weight = roles.DEPARTMENT.weight
    wait_time = between(*roles.DEPARTMENT.think_seconds)
    persona: DepartmentPart

    def on_start(self) -> None:
        departments = self.cast.departments
        if not departments:
            self.stop()
            return
        self.persona = departments[self.serial() % len(departments)]
        self.sign_in(self.persona.username)

    @task
    def desk(self) -> None:
        """The department's desk in one visit: the calls naming it, then its tasks."""
        self.respond()
        self.work_tasks()

    def respond(self) -> None:
        for incident in incidents_of(self, {"statuses": ["CALLED", "RESPONDING"]}):
            mine = [
                p
                for p in incident["participants"]
                if p["department"]["id"] == self.persona.department and not p["respondedAt"]
            ]
            if mine:
                journal_step(
                    self,
                    ops.RESPOND_TO_INCIDENT,
                    {"incidentId": incident["id"], "departmentId": self.persona.department},
                    incident["id"],
                )
                return

    def work_tasks(self) -> None:
        outcome = self.call(ops.DEPARTMENT_TASKS, {"department": self.persona.department})
        if not outcome.ok or outcome.data is None:
            return
        for item in _nodes(outcome.data, "incidentTasks")[:2]:
            fields = {"taskId": item["id"], "status": "DONE", "resolutionNote": "负载测试办结"}
            result = self.call(ops.UPDATE_INCIDENT_TASK, {"input": fields}, expected=INCIDENT_RACES)
            if result.ok:
                self.journal.write(
                    ops.UPDATE_INCIDENT_TASK.name,
                    incident=item["incident"]["id"],
                    task=item["id"],
                    user=self.username,
                )


class CompanyUser(GraphQLUser):
    """A property company's desk (物业企业): works the complaints against it on the "2310"
    clock — acknowledges, reports handling, now and then pauses and later resumes, resolves
    — and reads its on-time rate and breach list."""

    weight = roles.COMPANY.weight
    wait_time = between(*roles.COMPANY.think_seconds)
    persona: CompanyDesk

    def on_start(self) -> None:
        desks = self.cast.companies
        self.persona = desks[self.serial() % len(desks)]
        self.sign_in(self.persona.username)

    def _next_step(self, complaint: dict[str, Any]) -> tuple[ops.Operation, dict[str, Any]]:
        id_ = complaint["id"]
        status = complaint["status"]
        if status == "FILED":
            return ops.ACKNOWLEDGE_COMPLAINT, {"id": id_}
        if status == "ACKNOWLEDGED":
            return ops.HANDLE_COMPLAINT, {"id": id_, "note": "已安排维修人员上门"}
        if status == "PAUSED":
            return ops.RESUME_COMPLAINT, {"id": id_}
        if random.random() < PAUSE_SHARE:
            return ops.PAUSE_COMPLAINT, {"id": id_, "reason": "等待配件到货"}
        return ops.RESOLVE_COMPLAINT, {"id": id_, "resolution": "已维修完毕"}

    @task(5)
    def work_complaints(self) -> None:
        outcome = self.call(ops.COMPANY_COMPLAINTS, {"company": self.persona.company})
        if not outcome.ok or outcome.data is None:
            return
        for complaint in _nodes(outcome.data, "complaints")[:3]:
            if complaint["status"] == "RESOLVED":
                continue  # the complainant's turn
            operation, variables = self._next_step(complaint)
            if self.call(operation, variables, expected=RACES).ok:
                self.journal.write(operation.name, complaint=complaint["id"], user=self.username)

    @task(2)
    def on_time_rate(self) -> None:
        year, quarter = this_quarter()
        variables = {"groupBy": "COMPANY", "year": year, "quarter": quarter}
        self.call(ops.ON_TIME_RATES, variables)

    @task(1)
    def breach_list(self) -> None:
        variables = {"company": self.persona.company, "community": None}
        self.call(ops.BREACHED_COMPLAINTS, variables)


class ComplainantUser(GraphQLUser):
    """A resident who complains (投诉) about their building to a company serving it,
    watches the clock on it, and confirms once it is resolved."""

    weight = roles.COMPLAINANT.weight
    wait_time = between(*roles.COMPLAINANT.think_seconds)
    persona: Complainant

    def on_start(self) -> None:
        complainants = self.cast.complainants
        self.persona = complainants[self.serial() % len(complainants)]
        self.sign_in(self.persona.username)

    @task(2)
    def file_complaint(self) -> None:
        company = random.choice(self.persona.companies)
        level = random.choices(COMPLAINT_LEVELS, COMPLAINT_LEVEL_WEIGHTS)[0]
        variables = {
            "input": {
                "propertyCompanyId": company,
                "buildingId": self.persona.building,
                "level": level,
                "title": random.choice(COMPLAINTS),
                "description": "负载测试投诉",
            }
        }
        outcome = self.call(ops.FILE_COMPLAINT, variables)
        if outcome.ok:
            complaint = outcome.payload("fileComplaint")["complaint"]
            self.journal.write(
                ops.FILE_COMPLAINT.name,
                complaint=complaint["id"],
                person=self.persona.person,
                user=self.username,
            )

    @task(3)
    def my_complaints(self) -> None:
        self.call(ops.MY_COMPLAINTS, {"status": None})

    @task(2)
    def confirm_resolved(self) -> None:
        outcome = self.call(ops.MY_COMPLAINTS, {"status": "RESOLVED"})
        if not outcome.ok or outcome.data is None:
            return
        resolved = _nodes(outcome.data, "complaints")
        if not resolved:
            return
        complaint = random.choice(resolved)
        variables = {"id": complaint["id"], "comment": "处理及时，满意"}
        if self.call(ops.CONFIRM_COMPLAINT, variables, expected=RACES).ok:
            self.journal.write(
                ops.CONFIRM_COMPLAINT.name, complaint=complaint["id"], user=self.username
            )


# Deliberation: two desks of one community may move the same row at once.
CONSULTATION_RACES = frozenset({"INVALID_TRANSITION", "ALREADY_RECORDED", "FOLLOW_UPS_OPEN"})
MEETING_RACES = frozenset({"ALREADY_RECORDED", "INVALID_TRANSITION"})
_CATEGORIES: list[str] = []


def propose_consultation(user: GraphQLUser, community: str) -> None:
    """A topic raised at the desk, in a category of the catalogue."""
    if not _CATEGORIES:
        outcome = user.call(ops.CONSULTATION_CATEGORIES)
        if not outcome.ok or outcome.data is None:
            return
        _CATEGORIES.extend(c["id"] for c in outcome.data["consultationCategories"])
    fields = {
        "communityId": community,
        "categoryId": random.choice(_CATEGORIES),
        "topic": f"负载测试议题 {uuid.uuid4().hex[:8]}",
    }
    outcome = user.call(ops.PROPOSE_CONSULTATION, {"input": fields})
    if outcome.ok:
        key = outcome.payload("proposeConsultation")["consultation"]["id"]
        user.journal.write(ops.PROPOSE_CONSULTATION.name, consultation=key, user=user.username)


def advance_consultation(user: GraphQLUser, row: dict[str, Any]) -> None:
    """One step of an open consultation, by where it stands."""
    key, status = row["id"], row["status"]
    now = datetime.now(UTC)
    steps: list[tuple[ops.Operation, dict[str, Any], dict[str, Any]]] = []
    if status == "PROPOSED":
        fields = {
            "consultationId": key,
            "scheduledFor": _iso(now + timedelta(hours=1)),
            "venue": "社区议事厅",
            "signPosted": True,
        }
        steps.append((ops.SCHEDULE_CONSULTATION, fields, {}))
    elif status == "SCHEDULED":
        due = (now.astimezone(DISTRICT_TZ).date() + timedelta(days=14)).isoformat()
        fields = {
            "consultationId": key,
            "minutes": "三方协商,形成一致意见",
            "attendeesCount": random.randint(8, 30),
            "decisions": "明确整改事项",
            "followUps": [{"decision": "落实协商决定", "ownerName": "社区居委会", "dueOn": due}],
        }
        steps.append((ops.RECORD_CONSULTATION, fields, {}))
    else:  # HELD or FOLLOWING_UP: the items done, then resolved
        for item in row["followUps"]:
            if item["doneAt"] is None:
                fields = {"followUpId": item["id"], "note": "已落实"}
                steps.append((ops.COMPLETE_FOLLOW_UP, fields, {"followUp": item["id"]}))
        fields = {"consultationId": key, "resolved": True, "outcome": "协商事项全部落实"}
        steps.append((ops.CLOSE_CONSULTATION, fields, {"action": "RESOLVE"}))
    for operation, fields, extra in steps:
        outcome = user.call(operation, {"input": fields}, expected=CONSULTATION_RACES)
        if not outcome.ok:
            return
        user.journal.write(operation.name, consultation=key, user=user.username, **extra)


def advance_problem(user: GraphQLUser, problem: dict[str, Any]) -> None:
    """A raised problem decided (owner, due in a month), a decided one solved."""
    if problem["status"] == "RAISED":
        due = (datetime.now(DISTRICT_TZ).date() + timedelta(days=30)).isoformat()
        fields = {
            "problemId": problem["id"],
            "decision": "列入专项资金计划",
            "ownerName": "街道办事处",
            "dueOn": due,
        }
        operation = ops.DECIDE_PROBLEM
    else:
        fields = {"problemId": problem["id"], "resolution": "资金到位,已完成"}
        operation = ops.SOLVE_PROBLEM
    outcome = user.call(operation, {"input": fields}, expected=MEETING_RACES)
    if outcome.ok:
        user.journal.write(operation.name, problem=problem["id"], user=user.username)


class ObserverUser(GraphQLUser):
    """An observer (基层党建观察员) after a visit: records it in one of the communities
    assigned to them this year, with what falls short, and the look (看) ring; reads
    their visits and the year's figures."""

    weight = roles.OBSERVER.weight
    wait_time = between(*roles.OBSERVER.think_seconds)
    observer: str
    communities: list[str]

    def on_start(self) -> None:
        observers = self.cast.observers
        username = observers[self.serial() % len(observers)]
        self.sign_in(username)
        self.year = datetime.now(DISTRICT_TZ).year
        outcome = self.call(ops.OBSERVERS)
        if not outcome.ok or outcome.data is None:
            self.stop()
            return
        number = username.removeprefix("observer")
        mine = [o for o in _nodes(outcome.data, "observers") if o["name"].endswith(number)]
        if not mine:
            self.stop()
            return
        self.observer = mine[0]["id"]
        variables = {"observer": self.observer, "year": self.year}
        outcome = self.call(ops.OBSERVER_ASSIGNMENTS, variables)
        if not outcome.ok or outcome.data is None:
            self.stop()
            return
        self.communities = [
            a["community"]["id"] for a in _nodes(outcome.data, "observerAssignments")
        ]
        if not self.communities:
            self.stop()

    @task(3)
    def record_visit(self) -> None:
        community = random.choice(self.communities)
        findings = [
            {"severity": random.choice(("MINOR", "MODERATE")), "text": text}
            for text in random.sample(OBSERVER_FINDINGS, random.randint(0, 2))
        ]
        fields = {
            "communityId": community,
            "kind": random.choice(VISIT_KINDS),
            "summary": "负载测试观察走访",
            "findings": findings,
        }
        outcome = self.call(ops.RECORD_OBSERVER_VISIT, {"input": fields})
        if not outcome.ok:
            return
        visit = outcome.payload("recordObserverVisit")["visit"]
        self.journal.write(
            ops.RECORD_OBSERVER_VISIT.name,
            visit=visit["id"],
            community=community,
            findings=len(visit["findings"]),
            year=self.year,
            user=self.username,
        )
        ring = {"communityId": community, "ring": "LOOK", "note": "负载测试现场查看"}
        self.call(ops.RECORD_RING, {"input": ring})

    @task(2)
    def my_visits(self) -> None:
        self.call(ops.OBSERVER_VISITS, {"observer": self.observer, "year": self.year})

    @task(1)
    def year_figures(self) -> None:
        self.call(ops.ASSESSMENT_YEAR, {"year": self.year})
