"""Training, study sessions and party life through the endpoint, on both databases: a
course's five ones and a trainee's record, a session's problems corrected, a party day
held with its members' attendance and the volunteer service held with it, each refused
for the roles that may not, with the year's figures computed from the history made here
(in 2015, a year the generated district does not use)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    Building,
    Community,
    District,
    Gender,
    Grid,
    PartyOrganization,
    PartyTieIn,
    Person,
    PersonRole,
    PlanKind,
    PlannedService,
    RoleKind,
    ServiceCategory,
    ServicePlan,
    StudyProblemEvent,
)
from resolvers.global_ids import encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.users import make_user

R = AccountRole
ERRORS = "userErrors { field code message }"
YEAR = 2015


def doc(name: str, input_type: str, payload: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


COURSE = "course { id fiveOnesComplete missingFiveOnes enrolments { person { id } completed } }"
CREATE = doc("createTrainingCourse", "CreateTrainingCourseInput", COURSE)
FIVE = doc("recordCourseFiveOnes", "RecordCourseFiveOnesInput", COURSE)
ENROL = doc("enrolInCourse", "EnrolInCourseInput", COURSE)
RESULT = doc(
    "recordCourseResult",
    "RecordCourseResultInput",
    "enrolment { completed examScore attendance signedCommitment }",
)
SESSION = doc(
    "recordStudySession",
    "RecordStudySessionInput",
    "session { id problems { id status overdue events { action toStatus } } }",
)
CORRECT = doc(
    "correctStudyProblem",
    "CorrectStudyProblemInput",
    "problem { id status correctedOn correction overdue events { action toStatus } }",
)
MEETING = (
    "meeting { id status kind present absent excused minutes"
    " attendance { status person { id } } events { action toStatus }"
    " plannedServices { id tieIn } }"
)
SCHEDULE = doc("schedulePartyMeeting", "SchedulePartyMeetingInput", MEETING)
HOLD = doc("holdPartyMeeting", "HoldPartyMeetingInput", MEETING)
LINK = doc(
    "linkServiceToPartyMeeting",
    "LinkServiceToPartyMeetingInput",
    "plannedService { id tieIn partyMeeting { id kind } }",
)
FIGURES = """query($year: Int!) { trainingFigures(year: $year) {
  courses completeCourses enrolments completions studySessions studyProblems
  correctedProblems overdueProblems partyDays threeMeetingsOneLesson attendanceRate } }"""


@dataclass
class Scene:
    community: int
    other_community: int
    organization: int
    members: list[int]
    member_count: int  # the organisation's live members, ours and the generated ones
    outsider: int
    planned: int
    admin: int
    worker: int
    other_worker: int
    member: int  # the first member's account
    resident: int


async def scene_of(db: Database) -> Scene:
    """A grid organisation of the first community with three members of our own, a
    monthly plan of 2015 with a service tied to the party day, and the accounts."""
    async with db.session() as s:
        district = await s.scalar(select(District.id))
        communities = list(await s.scalars(select(Community.id).order_by(Community.id).limit(2)))
        community, other = communities
        organization, building = (
            await s.execute(
                select(PartyOrganization.id, Building.id)
                .join(Grid, Grid.id == PartyOrganization.grid_id)
                .join(Building, Building.grid_id == Grid.id)
                .where(Grid.community_id == community)
                .order_by(PartyOrganization.id, Building.id)
                .limit(1)
            )
        ).one()
        people = [
            Person(name=f"党员{n}", gender=Gender.MALE, building_id=building) for n in range(4)
        ]
        s.add_all(people)
        await s.flush()
        s.add_all(
            PersonRole(
                person_id=person.id,
                kind=RoleKind.PARTY_MEMBER,
                party_organization_id=organization,
                started_on=date(2010, 1, 1),
            )
            for person in people[:3]
        )
        plan = ServicePlan(
            community_id=community, kind=PlanKind.MONTHLY, year=YEAR, month=6, title="六月安排"
        )
        s.add(plan)
        await s.flush()
        planned = PlannedService(
            plan_id=plan.id,
            scheduled_on=date(YEAR, 6, 28),
            category=ServiceCategory.HOME_ENVIRONMENT,
            title="党日清洁家园",
            tie_in=PartyTieIn.PARTY_DAY,
        )
        s.add(planned)
        await s.flush()
        keys = [person.id for person in people]
        planned_id = planned.id
        member_count = len(
            set(
                await s.scalars(
                    select(PersonRole.person_id).where(
                        PersonRole.party_organization_id == organization,
                        PersonRole.kind == RoleKind.PARTY_MEMBER,
                        PersonRole.ended_on.is_(None),
                    )
                )
            )
        )
        await s.commit()
    assert district is not None
    return Scene(
        community=community,
        other_community=other,
        organization=organization,
        members=keys[:3],
        member_count=member_count,
        outsider=keys[3],
        planned=planned_id,
        admin=await make_user(db, "tr-admin", (R.DISTRICT_ADMIN, "district_id", district)),
        worker=await make_user(db, "tr-worker", (R.COMMUNITY_WORKER, "community_id", community)),
        other_worker=await make_user(
            db, "tr-worker-b", (R.COMMUNITY_WORKER, "community_id", other)
        ),
        member=await make_user(
            db, "tr-member", (R.PARTY_MEMBER, "community_id", community), person_id=keys[0]
        ),
        resident=await make_user(db, "tr-resident", (R.RESIDENT, "community_id", community)),
    )


def person(key: int) -> str:
    return encode("Person", key)


async def test_a_course_with_its_five_ones_and_a_trainees_record(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    admin, worker = client.as_user(scene.admin), client.as_user(scene.worker)
    course_input = {
        "title": "物业党建负责人轮训",
        "audience": "PROPERTY_PARTY_LEAD",
        "mode": "ONLINE",
        "startsAt": f"{YEAR}-05-10T01:00:00+00:00",
        "endsAt": f"{YEAR}-05-10T04:00:00+00:00",
        "passScore": 70,
    }
    assert await worker.error_codes(CREATE, {"input": course_input}) == ["FORBIDDEN"]
    created = await admin.mutate("createTrainingCourse", CREATE, {"input": course_input})
    assert created["userErrors"] == []
    course = created["course"]
    assert course["fiveOnesComplete"] is False and len(course["missingFiveOnes"]) == 5
    for item in ("COMMITMENT_LETTER", "ATTENDANCE_SHEET", "INSPECTION", "BULLETIN", "EXAM"):
        kept = await admin.mutate(
            "recordCourseFiveOnes", FIVE, {"input": {"courseId": course["id"], "item": item}}
        )
        assert kept["userErrors"] == []
    assert kept["course"]["fiveOnesComplete"] is True and kept["course"]["missingFiveOnes"] == []
    again = await admin.mutate(
        "recordCourseFiveOnes", FIVE, {"input": {"courseId": course["id"], "item": "EXAM"}}
    )
    assert [e["code"] for e in again["userErrors"]] == ["ALREADY_RECORDED"]

    first, second = scene.members[0], scene.members[1]
    enrolled = await admin.mutate(
        "enrolInCourse",
        ENROL,
        {"input": {"courseId": course["id"], "personIds": [person(first), person(second)]}},
    )
    assert len(enrolled["course"]["enrolments"]) == 2
    twice = await admin.mutate(
        "enrolInCourse", ENROL, {"input": {"courseId": course["id"], "personIds": [person(first)]}}
    )
    assert twice["userErrors"][0]["code"] == "ALREADY_REGISTERED"
    passed = await admin.mutate(
        "recordCourseResult",
        RESULT,
        {
            "input": {
                "courseId": course["id"],
                "personId": person(first),
                "signedCommitment": True,
                "attendance": "PRESENT",
                "examScore": 70,
            }
        },
    )
    assert passed["enrolment"]["completed"] is True
    failed = await admin.mutate(
        "recordCourseResult",
        RESULT,
        {
            "input": {
                "courseId": course["id"],
                "personId": person(second),
                "signedCommitment": True,
                "attendance": "PRESENT",
                "examScore": 69,
            }
        },
    )
    assert failed["enrolment"]["completed"] is False
    bad = await admin.mutate(
        "recordCourseResult",
        RESULT,
        {"input": {"courseId": course["id"], "personId": person(first), "examScore": 101}},
    )
    assert [e["code"] for e in bad["userErrors"]] == ["OUT_OF_RANGE"]

    # The member reads their own record, and sees only themselves on the course.
    member = client.as_user(scene.member)
    record = await member.data(
        "{ trainingRecord(first: 10) { nodes { completed examScore course { title"
        " enrolments { id completed } } } } }"
    )
    nodes = record["trainingRecord"]["nodes"]
    assert [(n["completed"], n["examScore"], n["course"]["title"]) for n in nodes] == [
        (True, 70, "物业党建负责人轮训")
    ]
    assert [e["completed"] for e in nodes[0]["course"]["enrolments"]] == [True]
    # Someone else's record is not theirs to read.
    other = await member.data(
        "query($p: ID!) { trainingRecord(personId: $p, first: 10) { totalCount } }",
        {"p": person(second)},
    )
    assert other["trainingRecord"]["totalCount"] == 0
    figures = (await admin.data(FIGURES, {"year": YEAR}))["trainingFigures"]
    assert (figures["courses"], figures["completeCourses"]) == (1, 1)
    assert (figures["enrolments"], figures["completions"]) == (2, 1)


async def test_the_training_base_process_is_data(client: GraphQLClient) -> None:
    steps = (await client.anonymous().data("{ trainingBaseProcess { number name fromSource } }"))[
        "trainingBaseProcess"
    ]
    assert [s["number"] for s in steps] == list(range(1, 14))
    assert [s["name"] for s in steps if s["fromSource"]] == ["开展1次志愿服务", "组建1个临时党支部"]


async def test_a_study_session_and_its_problems_corrected(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    worker = client.as_user(scene.worker)
    session_input: dict[str, Any] = {
        "communityId": encode("Community", scene.community),
        "heldOn": f"{YEAR}-03-28",
        "topic": "对标对表找差距",
        "participants": 9,
        "problems": [
            {
                "source": "RESIDENTS",
                "description": "办事窗口午间无人",
                "dueOn": f"{YEAR}-04-30",
                "ownerPersonId": person(scene.members[0]),
            },
            {"source": "SELF", "description": "台账不全", "dueOn": f"{YEAR}-05-31"},
            {"source": "PEERS", "description": "", "dueOn": f"{YEAR}-01-01"},
        ],
    }
    refused = await worker.mutate("recordStudySession", SESSION, {"input": session_input})
    assert refused["session"] is None
    assert sorted((tuple(e["field"]), e["code"]) for e in refused["userErrors"]) == [
        (("input", "problems", "2", "description"), "BLANK"),
        (("input", "problems", "2", "dueOn"), "DATE_ORDER"),
    ]
    session_input["problems"].pop()
    outsider = client.as_user(scene.other_worker)
    assert await outsider.error_codes(SESSION, {"input": session_input}) == ["FORBIDDEN"]
    resident = client.as_user(scene.resident)
    assert await resident.error_codes(SESSION, {"input": session_input}) == ["FORBIDDEN"]
    recorded = await worker.mutate("recordStudySession", SESSION, {"input": session_input})
    problems = recorded["session"]["problems"]
    assert [p["status"] for p in problems] == ["OPEN", "OPEN"]
    assert all(p["overdue"] for p in problems)  # due in 2015, still open
    assert problems[0]["events"] == [{"action": "FIND", "toStatus": "OPEN"}]

    blank = await worker.mutate(
        "correctStudyProblem",
        CORRECT,
        {"input": {"problemId": problems[0]["id"], "correction": " "}},
    )
    assert [e["code"] for e in blank["userErrors"]] == ["REASON_REQUIRED"]
    corrected = await worker.mutate(
        "correctStudyProblem",
        CORRECT,
        {"input": {"problemId": problems[0]["id"], "correction": "实行午间轮班"}},
    )
    problem = corrected["problem"]
    assert (problem["status"], problem["overdue"], problem["correction"]) == (
        "CORRECTED",
        False,
        "实行午间轮班",
    )
    assert problem["events"][-1] == {"action": "CORRECT", "toStatus": "CORRECTED"}
    before = await _events(seeded)
    again = await worker.mutate(
        "correctStudyProblem",
        CORRECT,
        {"input": {"problemId": problems[0]["id"], "correction": "再次"}},
    )
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]
    assert await _events(seeded) == before

    figures = (await worker.data(FIGURES, {"year": YEAR}))["trainingFigures"]
    assert (
        figures["studySessions"],
        figures["studyProblems"],
        figures["correctedProblems"],
        figures["overdueProblems"],
    ) == (1, 2, 1, 1)
    # Another community's worker sees none of it.
    theirs = (await outsider.data(FIGURES, {"year": YEAR}))["trainingFigures"]
    assert (theirs["studySessions"], theirs["studyProblems"]) == (0, 0)
    found = await outsider.post(
        "query($id: ID!) { node(id: $id) { id } }", {"id": recorded["session"]["id"]}
    )
    assert found["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await resident.error_codes(FIGURES, {"year": YEAR}) == ["FORBIDDEN"]


async def _events(db: Database) -> int:
    async with db.session() as s:
        return len(list(await s.scalars(select(StudyProblemEvent.id))))


async def test_a_party_day_held_with_attendance_and_its_service(
    seeded: Database, client: GraphQLClient
) -> None:
    scene = await scene_of(seeded)
    worker = client.as_user(scene.worker)
    organization = encode("PartyOrganization", scene.organization)
    schedule: dict[str, Any] = {
        "partyOrganizationId": organization,
        "kind": "PARTY_DAY",
        "theme": "重温入党誓词",
        "scheduledAt": f"{YEAR}-06-27T07:00:00+00:00",  # the 27th in Shanghai
        "agenda": ["重温入党誓词", "志愿服务"],
    }
    wrong_day = await worker.mutate("schedulePartyMeeting", SCHEDULE, {"input": schedule})
    assert [(e["field"], e["code"]) for e in wrong_day["userErrors"]] == [
        (["input", "scheduledAt"], "INVALID")
    ]
    # 18:00 UTC on the 27th is 02:00 on the 28th in Shanghai.
    schedule["scheduledAt"] = f"{YEAR}-06-27T18:00:00+00:00"
    outsider = client.as_user(scene.other_worker)
    assert await outsider.error_codes(SCHEDULE, {"input": schedule}) == ["FORBIDDEN"]
    scheduled = await worker.mutate("schedulePartyMeeting", SCHEDULE, {"input": schedule})
    meeting = scheduled["meeting"]
    assert (meeting["status"], meeting["kind"]) == ("SCHEDULED", "PARTY_DAY")

    first, second, third = scene.members
    not_member = await worker.mutate(
        "holdPartyMeeting",
        HOLD,
        {
            "input": {
                "meetingId": meeting["id"],
                "minutes": "学习并开展志愿服务",
                "attendance": [{"personId": person(scene.outsider), "status": "PRESENT"}],
            }
        },
    )
    assert [(e["field"], e["code"]) for e in not_member["userErrors"]] == [
        (["input", "attendance", "0", "personId"], "NOT_A_PARTY_MEMBER")
    ]
    held = await worker.mutate(
        "holdPartyMeeting",
        HOLD,
        {
            "input": {
                "meetingId": meeting["id"],
                "minutes": "学习并开展志愿服务",
                "attendance": [
                    {"personId": person(first), "status": "PRESENT"},
                    {"personId": person(second), "status": "EXCUSED"},
                ],
            }
        },
    )
    meeting = held["meeting"]
    # Members not listed are recorded absent.
    absent = scene.member_count - 2
    assert (meeting["status"], meeting["present"], meeting["excused"], meeting["absent"]) == (
        "HELD",
        1,
        1,
        absent,
    )
    statuses = {a["person"]["id"]: a["status"] for a in meeting["attendance"]}
    assert len(statuses) == scene.member_count
    assert [statuses[person(key)] for key in (first, second, third)] == [
        "PRESENT",
        "EXCUSED",
        "ABSENT",
    ]
    assert [e["action"] for e in meeting["events"]] == ["SCHEDULE", "HOLD"]
    again = await worker.mutate(
        "holdPartyMeeting", HOLD, {"input": {"meetingId": meeting["id"], "minutes": "再"}}
    )
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]

    linked = await worker.mutate(
        "linkServiceToPartyMeeting",
        LINK,
        {
            "input": {
                "plannedServiceId": encode("PlannedService", scene.planned),
                "meetingId": meeting["id"],
            }
        },
    )
    assert linked["plannedService"]["tieIn"] == "PARTY_DAY"
    assert linked["plannedService"]["partyMeeting"] == {"id": meeting["id"], "kind": "PARTY_DAY"}

    # The member reads the meeting of their organisation with the service held with it.
    member = client.as_user(scene.member)
    seen = await member.data(
        "query($o: ID!) { partyMeetings(filter: {partyOrganizationId: $o}, first: 5)"
        " { nodes { id present plannedServices { id } attendance { status } } } }",
        {"o": organization},
    )
    nodes = seen["partyMeetings"]["nodes"]
    assert [n["id"] for n in nodes] == [meeting["id"]]
    assert nodes[0]["plannedServices"] == [{"id": encode("PlannedService", scene.planned)}]
    resident = client.as_user(scene.resident)
    assert await resident.error_codes("{ partyMeetings(first: 1) { totalCount } }") == ["FORBIDDEN"]
    figures = (await worker.data(FIGURES, {"year": YEAR}))["trainingFigures"]
    assert (figures["partyDays"], figures["threeMeetingsOneLesson"]) == (1, 0)
    assert figures["attendanceRate"] == round(1 / scene.member_count, 4)
