"""Three-level joint meetings through the endpoint, on a known small history in 2031: the
district's, street A's and community A's meetings, problems raised, decided, solved, one
overdue and one passed up to the street, where it continues and is solved; the roll-ups
per level and quarter computed from that history for each viewer; and the refusals."""

from __future__ import annotations

from typing import Any

from tests.deliberation.scene import Player, Scene, at, clocked_client, doc, scene_of
from tests.support.database import Database

MEETING = "meeting { id level year quarter title problems { id status } }"
PROBLEM_FIELDS = (
    "id status ownerName dueOn overdue owningLevel raisedByName"
    " meeting { id level } passedFrom { id status } passedTo { id status }"
    " events { action fromStatus toStatus reason }"
)
PROBLEM = f"problem {{ {PROBLEM_FIELDS} }}"
CONVENE = doc("conveneJointMeeting", "ConveneJointMeetingInput", MEETING)
RECORD = doc("recordJointMeeting", "RecordJointMeetingInput", MEETING)
RAISE = doc("raiseJointMeetingProblem", "RaiseJointMeetingProblemInput", PROBLEM)
DECIDE = doc("decideJointMeetingProblem", "DecideJointMeetingProblemInput", PROBLEM)
SOLVE = doc("solveJointMeetingProblem", "SolveJointMeetingProblemInput", PROBLEM)
PASS = doc("passJointMeetingProblem", "PassJointMeetingProblemInput", PROBLEM)
ROLLUPS = """query($year: Int!) { jointMeetingRollups(year: $year) {
  level quarter meetings raised solved open overdue passed } }"""
PROBLEM_NODE = (
    f"query($id: ID!) {{ node(id: $id) {{ ... on JointMeetingProblem {{ {PROBLEM_FIELDS} }} }} }}"
)


async def _convene(
    player: Player, scene: Scene, level: str, body: str, quarter: int, day: str
) -> str:
    done = await player.ok(
        at(f"{day}T08:00"),
        "conveneJointMeeting",
        CONVENE,
        level=level,
        bodyId=body,
        year=2031,
        quarter=quarter,
        scheduledOn=day,
    )
    meeting: dict[str, Any] = done["meeting"]
    assert (meeting["level"], meeting["quarter"]) == (level, quarter)
    return str(meeting["id"])


async def _raise(player: Player, meeting: str, title: str, day: str) -> str:
    done = await player.ok(
        at(f"{day}T09:00"),
        "raiseJointMeetingProblem",
        RAISE,
        meetingId=meeting,
        title=title,
        raisedByName="社区党组织兼职委员",
    )
    return str(done["problem"]["id"])


async def _decide(player: Player, problem: str, due: str, day: str) -> None:
    await player.ok(
        at(f"{day}T10:00"),
        "decideJointMeetingProblem",
        DECIDE,
        problemId=problem,
        decision="专项资金解决",
        ownerName="区住建局",
        dueOn=due,
    )


async def test_a_quarter_of_three_levels_and_its_rollups(seeded: Database) -> None:
    scene = await scene_of(seeded)
    async with clocked_client(seeded) as client:
        district = Player(client, scene.district_admin)
        street = Player(client, scene.street_admin)
        secretary = Player(client, scene.secretary)
        d1 = await _convene(
            district, scene, "DISTRICT", scene.id("District", scene.district), 1, "2031-01-15"
        )
        s1 = await _convene(
            street, scene, "STREET", scene.id("Street", scene.street_a), 1, "2031-01-20"
        )
        community = scene.id("Community", scene.community_a)
        c1 = await _convene(secretary, scene, "COMMUNITY", community, 1, "2031-01-25")
        await _convene(secretary, scene, "COMMUNITY", community, 2, "2031-04-25")
        await secretary.ok(
            at("2031-01-25T12:00"),
            "recordJointMeeting",
            RECORD,
            meetingId=c1,
            minutes="研究老旧小区改造资金等三个问题",
            attendeesCount=12,
        )
        # Community A, Q1: one solved, one overdue, one passed up to the street.
        solved = await _raise(secretary, c1, "小区雨污分流改造资金", "2031-01-25")
        await _decide(secretary, solved, "2031-03-01", "2031-01-25")
        await secretary.ok(
            at("2031-02-20T10:00"),
            "solveJointMeetingProblem",
            SOLVE,
            problemId=solved,
            resolution="资金到位,已完工",
        )
        late = await _raise(secretary, c1, "社区用房产权移交", "2031-01-25")
        await _decide(secretary, late, "2031-02-01", "2031-01-25")
        up = await _raise(secretary, c1, "跨社区道路维修", "2031-01-25")
        passed = await secretary.ok(
            at("2031-01-26T09:00"),
            "passJointMeetingProblem",
            PASS,
            problemId=up,
            reason="涉及两个社区,需街道统筹",  # up, to the street's meeting of the quarter
        )
        received = passed["problem"]
        assert received["status"] == "RAISED" and received["owningLevel"] == "STREET"
        assert received["meeting"]["id"] == s1
        assert received["passedFrom"]["id"] == up
        assert received["passedFrom"]["status"] == "PASSED"
        assert [e["action"] for e in received["events"]] == ["RECEIVE"]
        # The street takes it on and solves it.
        await _decide(street, received["id"], "2031-03-31", "2031-01-27")
        await street.ok(
            at("2031-03-10T10:00"),
            "solveJointMeetingProblem",
            SOLVE,
            problemId=received["id"],
            resolution="街道统筹维修完成",
        )
        # The district's problem stays open, not yet decided.
        await _raise(district, d1, "基层治理经费统筹", "2031-01-15")

        # Origin and destination point at each other; the history stays with each.
        origin = await secretary.data(at("2031-03-20T09:00"), PROBLEM_NODE, {"id": up})
        node = origin["node"]
        assert node["status"] == "PASSED" and node["owningLevel"] == "COMMUNITY"
        # The community does not see the street's agenda.
        assert node["passedTo"] is None
        assert [e["action"] for e in node["events"]] == ["RAISE", "PASS_UP"]
        seen_by_street = await street.data(at("2031-03-20T09:00"), PROBLEM_NODE, {"id": up})
        assert seen_by_street["node"]["passedTo"]["id"] == received["id"]
        assert seen_by_street["node"]["passedTo"]["status"] == "SOLVED"

        when = at("2031-03-20T09:00")
        figures = (await district.data(when, ROLLUPS, {"year": 2031}))["jointMeetingRollups"]
        rows = [
            (
                r["level"],
                r["quarter"],
                r["meetings"],
                r["raised"],
                r["solved"],
                r["open"],
                r["overdue"],
                r["passed"],
            )
            for r in figures
        ]
        assert rows == [
            ("DISTRICT", 1, 1, 1, 0, 1, 0, 0),
            ("STREET", 1, 1, 1, 1, 0, 0, 0),
            ("COMMUNITY", 1, 1, 3, 1, 1, 1, 1),
            ("COMMUNITY", 2, 1, 0, 0, 0, 0, 0),
        ]
        # The street sees its own level and the communities under it, not the district's.
        mine = (await street.data(when, ROLLUPS, {"year": 2031}))["jointMeetingRollups"]
        assert [(r["level"], r["quarter"]) for r in mine] == [
            ("STREET", 1),
            ("COMMUNITY", 1),
            ("COMMUNITY", 2),
        ]
        # A community secretary its own meetings only.
        own = (await secretary.data(when, ROLLUPS, {"year": 2031}))["jointMeetingRollups"]
        assert [(r["level"], r["raised"]) for r in own] == [("COMMUNITY", 3), ("COMMUNITY", 0)]
        # Before the due date passed, the late problem was not overdue.
        earlier = (await district.data(at("2031-01-31T09:00"), ROLLUPS, {"year": 2031}))[
            "jointMeetingRollups"
        ]
        assert [r["overdue"] for r in earlier if r["level"] == "COMMUNITY"] == [0, 0]


async def test_the_wrong_body_role_or_level_is_refused(seeded: Database) -> None:
    scene = await scene_of(seeded)
    async with clocked_client(seeded) as client:
        street = Player(client, scene.street_admin)
        secretary = Player(client, scene.secretary)
        worker = Player(client, scene.worker)
        when = at("2031-07-10T09:00")
        street_a = scene.id("Street", scene.street_a)
        quarter = {"year": 2031, "quarter": 3, "scheduledOn": "2031-07-10"}
        # A community secretary does not convene the street's meeting; a worker none.
        assert await secretary.refused(
            when, "conveneJointMeeting", CONVENE, level="STREET", bodyId=street_a, **quarter
        ) == ["FORBIDDEN"]
        assert await worker.refused(
            when,
            "conveneJointMeeting",
            CONVENE,
            level="COMMUNITY",
            bodyId=scene.id("Community", scene.community_a),
            **quarter,
        ) == ["FORBIDDEN"]
        # The level must match the body; one meeting per body and quarter; in its quarter.
        assert await street.refused(
            when, "conveneJointMeeting", CONVENE, level="DISTRICT", bodyId=street_a, **quarter
        ) == ["WRONG_LEVEL"]
        s3 = await _convene(street, scene, "STREET", street_a, 3, "2031-07-10")
        assert await street.refused(
            when, "conveneJointMeeting", CONVENE, level="STREET", bodyId=street_a, **quarter
        ) == ["ALREADY_RECORDED"]
        assert await street.refused(
            when,
            "conveneJointMeeting",
            CONVENE,
            level="STREET",
            bodyId=street_a,
            year=2031,
            quarter=4,
            scheduledOn="2031-07-10",
        ) == ["DATE_ORDER"]
        # Another street's admin neither raises problems here nor sees the meeting.
        other = Player(client, scene.street_admin_b)
        assert await other.refused(
            when, "raiseJointMeetingProblem", RAISE, meetingId=s3, title="x", raisedByName="y"
        ) == ["FORBIDDEN"]
        hidden = await other.body(when, "query($id: ID!) { node(id: $id) { id } }", {"id": s3})
        assert [e["extensions"]["code"] for e in hidden["errors"]] == ["NOT_FOUND"]
        # Solved only once decided; passed only to a body just above or below it.
        problem = await _raise(street, s3, "背街小巷改造", "2031-07-10")
        assert await street.refused(
            when, "solveJointMeetingProblem", SOLVE, problemId=problem, resolution="完成"
        ) == ["INVALID_TRANSITION"]
        other_c = await _convene(
            Player(client, scene.secretary_b),
            scene,
            "COMMUNITY",
            scene.id("Community", scene.community_b),
            3,
            "2031-07-10",
        )
        assert await street.refused(
            when,
            "passJointMeetingProblem",
            PASS,
            problemId=problem,
            toMeetingId=other_c,
            reason="下交社区",
        ) == ["WRONG_LEVEL"]
