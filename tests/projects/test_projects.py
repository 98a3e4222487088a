"""Projects through the endpoint: ownership, weighted progress, the ten links in order,
completion and evaluation, property companies acting on their own projects only, the
negative list on members' records, and the history every status change leaves."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    Community,
    MemberReport,
    Person,
    PersonRole,
    ProjectEvent,
    RoleKind,
    User,
    WorkUnit,
)
from resolvers.global_ids import decode, encode
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import dump
from tests.support.users import make_user

R = AccountRole
PROJECT = "project { id status progress nextLink checkpoints { link } loop { link recordedAt } }"
ERRORS = "userErrors { field code message }"


def doc(name: str, input_type: str, payload: str = PROJECT) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {payload} {ERRORS} }} }}"


CREATE = doc("createProject", "CreateProjectInput")
MILESTONE = doc("addProjectMilestone", "AddProjectMilestoneInput", "project { id progress }")
PROGRESS = doc("reportProjectProgress", "ReportProjectProgressInput")
LINK = doc("recordProjectCheckpoint", "RecordProjectCheckpointInput")
COMPLETE = doc("completeProject", "ProjectInput")
EVALUATE = doc("evaluateProject", "EvaluateProjectInput")
COMPANY = doc("registerPropertyCompany", "RegisterPropertyCompanyInput", "propertyCompany { id }")
VIOLATION = doc(
    "recordNegativeListViolation", "RecordNegativeListViolationInput", "violation { id }"
)
MILESTONES = """query($id: ID!) { node(id: $id) { ... on Project { progress
  milestones { id weight progress } } } }"""


async def run(
    client: GraphQLClient, operation: str, document: str, /, **fields: Any
) -> dict[str, Any]:
    return await client.mutate(operation, document, {"input": fields})


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


async def two_units(db: Database) -> tuple[int, int, int, int]:
    """A community with two units, and a reporting member of the first unit."""
    async with db.session() as s:
        rows = (
            await s.execute(
                select(WorkUnit.community_id, WorkUnit.id).order_by(
                    WorkUnit.community_id, WorkUnit.id
                )
            )
        ).all()
        by_community: dict[int, list[int]] = {}
        for community, unit in rows:
            by_community.setdefault(community, []).append(unit)
        community, (unit, other, *_) = next(
            (c, units) for c, units in by_community.items() if len(units) >= 2
        )
        member = await s.scalar(
            select(MemberReport.person_id).where(MemberReport.work_unit_id == unit)
        )
    assert member is not None
    return community, unit, other, member


async def test_a_co_building_project_through_its_loop(
    seeded: Database, client: GraphQLClient
) -> None:
    community, unit, other_unit, _ = await two_units(seeded)
    c = encode("Community", community)
    created = await run(
        client,
        "createProject",
        CREATE,
        kind="CO_BUILDING",
        category="LIFE_SERVICES",
        title="爱心早餐",
        communityId=c,
        ownerWorkUnitId=encode("WorkUnit", unit),
    )
    assert codes(created) == []
    project = created["project"]["id"]
    no_category = await run(
        client,
        "createProject",
        CREATE,
        kind="CO_BUILDING",
        title="x",
        communityId=c,
        ownerWorkUnitId=encode("WorkUnit", unit),
    )
    assert codes(no_category) == ["INVALID"]
    # A member bound to the owning unit runs it; one bound to another unit may not.
    liaison = await make_user(seeded, "liaison", (R.PARTY_MEMBER, "work_unit_id", unit))
    stranger = await make_user(seeded, "stranger", (R.PARTY_MEMBER, "work_unit_id", other_unit))
    before = await dump(seeded)
    refused = await client.as_user(stranger).error_codes(
        MILESTONE, {"input": {"projectId": project, "title": "调研", "weight": 1}}
    )
    assert refused == ["FORBIDDEN"]
    assert await dump(seeded) == before
    owner = client.as_user(liaison)
    first = await run(
        owner, "addProjectMilestone", MILESTONE, projectId=project, title="调研", weight=1
    )
    await run(owner, "addProjectMilestone", MILESTONE, projectId=project, title="实施", weight=3)
    assert first["project"]["progress"] == 0
    milestones = (await client.data(MILESTONES, {"id": project}))["node"]["milestones"]
    done = await run(
        owner,
        "reportProjectProgress",
        PROGRESS,
        projectId=project,
        milestoneId=milestones[0]["id"],
        progress=100,
        note="完成调研",
        evidence=[{"title": "照片", "url": "https://example.cn/a.jpg"}],
    )
    assert codes(done) == [] and done["project"]["progress"] == 25  # 1×100 / (1+3)
    assert done["project"]["status"] == "IN_PROGRESS"
    back = await run(
        owner,
        "reportProjectProgress",
        PROGRESS,
        projectId=project,
        milestoneId=milestones[0]["id"],
        progress=50,
    )
    assert codes(back) == ["INVALID"]
    bad_link = await run(
        owner,
        "reportProjectProgress",
        PROGRESS,
        projectId=project,
        evidence=[{"title": "x", "url": "javascript:alert(1)"}],
    )
    assert codes(bad_link) == ["INVALID"]
    # The ten links, in order only, once each; the last step after completion.
    skipped = await run(
        owner, "recordProjectCheckpoint", LINK, projectId=project, link="LIST_PUBLISHED"
    )
    assert codes(skipped) == ["LINK_OUT_OF_ORDER"]
    for link in (
        "UNIT_REPORTS",
        "MEMBERS_REPORT",
        "NEEDS_COLLECTED",
        "LIST_PUBLISHED",
        "PROJECT_ADOPTED",
        "PLAN_MADE",
        "CARRIED_OUT",
    ):
        assert (
            codes(await run(owner, "recordProjectCheckpoint", LINK, projectId=project, link=link))
            == []
        )
    twice = await run(owner, "recordProjectCheckpoint", LINK, projectId=project, link="CARRIED_OUT")
    assert codes(twice) == ["ALREADY_RECORDED"]
    early = await run(client, "completeProject", COMPLETE, projectId=project)
    assert codes(early) == ["INVALID"]  # a milestone is still at 0
    await run(
        owner,
        "reportProjectProgress",
        PROGRESS,
        projectId=project,
        milestoneId=milestones[1]["id"],
        progress=100,
    )
    unrecorded = await run(client, "completeProject", COMPLETE, projectId=project)
    assert codes(unrecorded) == ["LINK_OUT_OF_ORDER"]
    recorded = await run(
        owner, "recordProjectCheckpoint", LINK, projectId=project, link="PROCESS_RECORDED"
    )
    assert recorded["project"]["nextLink"] == "RESIDENTS_EVALUATE"
    too_soon = await run(
        owner, "recordProjectCheckpoint", LINK, projectId=project, link="RESIDENTS_EVALUATE"
    )
    assert codes(too_soon) == ["INVALID_TRANSITION"]
    completed = await run(client, "completeProject", COMPLETE, projectId=project)
    assert completed["project"]["status"] == "COMPLETED" and completed["project"]["progress"] == 100
    for link in ("RESIDENTS_EVALUATE", "FEEDBACK_FILED"):
        assert (
            codes(await run(owner, "recordProjectCheckpoint", LINK, projectId=project, link=link))
            == []
        )
    evaluated = await run(
        client, "evaluateProject", EVALUATE, projectId=project, score=92, comment="好"
    )
    assert evaluated["project"]["status"] == "EVALUATED"
    loop = evaluated["project"]["loop"]
    assert len(loop) == 10 and all(item["recordedAt"] for item in loop)


async def test_companies_act_on_their_own_projects_and_the_negative_list(
    seeded: Database, client: GraphQLClient
) -> None:
    community, _, _, member = await two_units(seeded)
    c = encode("Community", community)
    mine = await run(client, "registerPropertyCompany", COMPANY, name="测试物业甲", communityId=c)
    theirs = await run(client, "registerPropertyCompany", COMPANY, name="测试物业乙", communityId=c)
    mine_id, theirs_id = mine["propertyCompany"]["id"], theirs["propertyCompany"]["id"]
    company_user = await make_user(
        seeded, "company", (R.PROPERTY_COMPANY, "property_company_id", decode(mine_id)[1])
    )
    company = client.as_user(company_user)
    own = await run(
        company,
        "createProject",
        CREATE,
        kind="PROPERTY_SERVICE",
        title="红色物业",
        communityId=c,
        ownerPropertyCompanyId=mine_id,
    )
    assert codes(own) == []
    other = await company.error_codes(
        CREATE,
        {
            "input": {
                "kind": "PROPERTY_SERVICE",
                "title": "越权",
                "communityId": c,
                "ownerPropertyCompanyId": theirs_id,
            }
        },
    )
    assert other == ["FORBIDDEN"]
    # Breakthrough projects are led by a party secretary.
    async with seeded.session() as s:
        secretary = await s.scalar(
            select(PersonRole.person_id).where(PersonRole.kind == RoleKind.SECRETARY)
        )
        other_community = await s.scalar(select(Community.id).where(Community.id != community))
    assert secretary is not None
    assert other_community is not None
    wrong_owner = await run(
        client,
        "createProject",
        CREATE,
        kind="BREAKTHROUGH",
        title="加装电梯",
        communityId=c,
        ownerPersonId=encode("Person", member),
    )
    assert codes(wrong_owner) == ["INVALID"]
    # Outside their scope the input's faults are not checked, let alone reported.
    outsider = client.as_user(
        await make_user(
            seeded, "outside-secretary", (R.COMMUNITY_SECRETARY, "community_id", other_community)
        )
    )
    no_owner = {"input": {"kind": "BREAKTHROUGH", "title": "", "communityId": c}}
    assert await outsider.error_codes(CREATE, no_owner) == ["FORBIDDEN"]
    led = await run(
        client,
        "createProject",
        CREATE,
        kind="BREAKTHROUGH",
        title="加装电梯",
        communityId=c,
        ownerPersonId=encode("Person", secretary),
        source="满意度偏低",
    )
    assert codes(led) == []
    # The negative list: 20 items, words then deeds; a breach shows on the member's record.
    items = (await client.data("{ negativeList { number kind text } }"))["negativeList"]
    assert [i["number"] for i in items] == list(range(1, 21))
    assert [i["kind"] for i in items] == ["WORDS"] * 10 + ["DEEDS"] * 10
    recorded = await run(
        client,
        "recordNegativeListViolation",
        VIOLATION,
        itemNumber=16,
        personId=encode("Person", member),
        communityId=c,
        occurredOn="2022-03-01",
        description="领单后未到岗",
    )
    assert codes(recorded) == []
    out_of_range = await run(
        client,
        "recordNegativeListViolation",
        VIOLATION,
        itemNumber=21,
        personId=encode("Person", member),
        communityId=c,
        occurredOn="2022-03-01",
        description="x",
    )
    assert codes(out_of_range) == ["OUT_OF_RANGE"]
    record = """query($id: ID!) { node(id: $id) { ... on Person {
      negativeListViolations { totalCount nodes { item { number kind } } } } } }"""
    found = (await client.data(record, {"id": encode("Person", member)}))["node"]
    assert found["negativeListViolations"]["totalCount"] >= 1
    assert {"number": 16, "kind": "DEEDS"} in [
        n["item"] for n in found["negativeListViolations"]["nodes"]
    ]
    resident = await make_user(seeded, "resident", (R.RESIDENT, "community_id", other_community))
    listing = "{ negativeListViolations(first: 5) { totalCount } }"
    assert await client.as_user(resident).error_codes(listing) == ["FORBIDDEN"]


# One kind, so that every page meets the same kinds of owner.
NESTED = """query($n: Int!) { projects(first: $n, filter: {kind: PROPERTY_SERVICE}) {
  nodes { id title progress ownerName
  community { name } ownerWorkUnit { name } ownerPropertyCompany { name }
  milestones { title progress } checkpoints { link recordedByName } nextLink
  updates(first: 2) { nodes { note evidence { url } } } } } }"""


async def test_project_lists_cost_the_same_statements_at_any_page_size(
    seeded: Database, client: GraphQLClient
) -> None:
    await client.data("{ viewer { id } }")  # the acting admin exists before counting
    counts = []
    for size in (3, 20):
        with seeded.count_statements() as statements:
            data = await client.data(NESTED, {"n": size})
        assert len(data["projects"]["nodes"]) == size
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


EVENTS = """query($id: ID!) { node(id: $id) { ... on Project { status
  events { id action fromStatus toStatus at reason actorName } } } }"""


async def test_status_changes_record_who_when_from_to_and_why(
    seeded: Database, client: GraphQLClient
) -> None:
    community, _, _, _ = await two_units(seeded)
    async with seeded.session() as s:
        leader = await s.scalar(
            select(PersonRole.person_id).where(PersonRole.kind == RoleKind.SECRETARY)
        )
        person = await s.scalar(
            select(Person.id)
            .where(Person.id.not_in(select(User.person_id).where(User.person_id.is_not(None))))
            .order_by(Person.id)
        )
        name = await s.scalar(select(Person.name).where(Person.id == person))
    assert leader is not None and person is not None
    secretary = await make_user(
        seeded, "secretary", (R.COMMUNITY_SECRETARY, "community_id", community), person_id=person
    )
    staff = client.as_user(secretary)
    c = encode("Community", community)
    started = datetime.now(UTC)

    async def create(title: str) -> str:
        created = await run(
            staff,
            "createProject",
            CREATE,
            kind="BREAKTHROUGH",
            title=title,
            communityId=c,
            ownerPersonId=encode("Person", leader),
        )
        assert codes(created) == []
        return str(created["project"]["id"])

    project = await create("加装电梯")
    await run(staff, "addProjectMilestone", MILESTONE, projectId=project, title="施工", weight=1)
    milestone = (await staff.data(MILESTONES, {"id": project}))["node"]["milestones"][0]["id"]
    await run(
        staff,
        "reportProjectProgress",
        PROGRESS,
        projectId=project,
        milestoneId=milestone,
        progress=100,
    )
    await run(staff, "completeProject", COMPLETE, projectId=project)
    await run(staff, "evaluateProject", EVALUATE, projectId=project, score=88, comment="好")
    dropped = await create("撤销的项目")
    cancel = doc("cancelProject", "CancelProjectInput")
    withdrawn = await run(staff, "cancelProject", cancel, projectId=dropped, reason="重复立项")
    assert codes(withdrawn) == []
    late = await run(staff, "evaluateProject", EVALUATE, projectId=dropped, score=1, comment="x")
    assert late["userErrors"] == [
        {
            "field": ["input", "projectId"],
            "code": "INVALID_TRANSITION",
            "message": "cannot evaluate a project that is CANCELLED (only from COMPLETED)",
        }
    ]
    finished = datetime.now(UTC)

    def history(events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        for event in events:
            assert started <= datetime.fromisoformat(event["at"]) <= finished
        return [
            (e["action"], e["fromStatus"], e["toStatus"], e["reason"], e["actorName"])
            for e in events
        ]

    done = (await client.data(EVENTS, {"id": project}))["node"]
    assert done["status"] == "EVALUATED"
    assert history(done["events"]) == [
        ("PROPOSE", None, "PROPOSED", None, name),
        ("START", "PROPOSED", "IN_PROGRESS", None, name),
        ("COMPLETE", "IN_PROGRESS", "COMPLETED", None, name),
        ("EVALUATE", "COMPLETED", "EVALUATED", None, name),
    ]
    cancelled = (await client.data(EVENTS, {"id": dropped}))["node"]
    assert history(cancelled["events"]) == [
        ("PROPOSE", None, "PROPOSED", None, name),
        ("CANCEL", "PROPOSED", "CANCELLED", "重复立项", name),
    ]
    # An event is a node of its own, and each is written by its user.
    event = cancelled["events"][-1]["id"]
    node = await client.data("query($id: ID!) { node(id: $id) { id } }", {"id": event})
    assert node["node"]["id"] == event
    async with seeded.session() as s:
        actors = set(
            (
                await s.scalars(
                    select(ProjectEvent.actor_user_id).where(
                        ProjectEvent.project_id.in_([decode(project)[1], decode(dropped)[1]])
                    )
                )
            ).all()
        )
    assert actors == {secretary}
