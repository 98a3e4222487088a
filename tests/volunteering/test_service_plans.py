"""Monthly schedules and yearly plans (服务计划) through the real endpoint: the period
rules, the LOCAL item rule, the 28th party day, duplicates, refusals that write nothing,
public reading and the statements of a plans page."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete

from db.models import (
    AccountRole,
    LocalServiceItem,
    PlanKind,
    PlannedService,
    ServiceCategory,
    VolunteerTeam,
)
from db.models import ServicePlan as PlanRow
from resolvers.global_ids import encode
from tests.support.areas import add_team, build_area, community_id
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import USER_ERRORS, inp, mutate, ok, refused, refused_all, rejected
from tests.support.users import make_user

CREATE = f"""
mutation Create($input: CreateServicePlanInput!) {{
  createServicePlan(input: $input) {{
    servicePlan {{ id kind year month title notes community {{ id }} }} {USER_ERRORS}
  }}
}}
"""
ADD = f"""
mutation Add($input: AddPlannedServiceInput!) {{
  addPlannedService(input: $input) {{
    plannedService {{
      id scheduledOn category title tieIn localItem {{ id }} team {{ id }} plan {{ id }}
    }}
    {USER_ERRORS}
  }}
}}
"""
PLANS = """
query Plans($filter: ServicePlanFilter) {
  servicePlans(first: 20, filter: $filter) {
    totalCount
    nodes {
      id kind year month title community { name }
      services(first: 50) {
        totalCount
        nodes { scheduledOn category tieIn title localItem { name } team { id } }
      }
    }
  }
}
"""


async def test_plans_and_planned_services(db: Database, client: GraphQLClient) -> None:
    area = await build_area(db)
    a, b, _c = area.communities
    team_pk = await add_team(db, a)
    team = encode("VolunteerTeam", team_pk)
    archived_team = await add_team(db, b, "已撤销服务队")
    async with db.session() as session:
        items = [
            LocalServiceItem(community_id=a, name="理发"),
            LocalServiceItem(community_id=b, name="修脚"),
            LocalServiceItem(
                community_id=a, name="旧项目", archived_at=datetime(2025, 1, 1, tzinfo=UTC)
            ),
        ]
        session.add_all(items)
        dead = await session.get(VolunteerTeam, archived_team)
        assert dead is not None
        dead.archived_at = datetime(2025, 1, 1, tzinfo=UTC)
        await session.commit()
        item_a, item_b, item_old = (encode("LocalServiceItem", item.id) for item in items)
    sec_a = client.as_user(
        await make_user(db, "sec-a", (AccountRole.COMMUNITY_SECRETARY, "community_id", a))
    )
    sec_b = client.as_user(
        await make_user(db, "sec-b", (AccountRole.COMMUNITY_SECRETARY, "community_id", b))
    )
    lead = client.as_user(await make_user(db, "lead", (AccountRole.TEAM_LEAD, "team_id", team_pk)))

    # Plans: one per community and period; a month for MONTHLY only.
    monthly = inp(communityId=community_id(a), kind="MONTHLY", year=2025, month=3, title="三月安排")
    for viewer, code in (
        (sec_b, "FORBIDDEN"),
        (lead, "FORBIDDEN"),
        (client.anonymous(), "UNAUTHENTICATED"),
    ):
        await rejected(viewer, db, CREATE, monthly, code)
    plan = ok(await mutate(sec_a, CREATE, monthly))["servicePlan"]
    assert (plan["kind"], plan["year"], plan["month"], plan["title"], plan["notes"]) == (
        "MONTHLY",
        2025,
        3,
        "三月安排",
        "",
    )
    await refused(sec_a, db, CREATE, monthly, "PLAN_EXISTS", "month")
    yearly = inp(
        communityId=community_id(a), kind="YEARLY", year=2025, title="年度计划", notes="108项"
    )
    year_plan = ok(await mutate(sec_a, CREATE, yearly))["servicePlan"]
    assert (year_plan["month"], year_plan["notes"]) == (None, "108项")
    await refused(sec_a, db, CREATE, yearly, "PLAN_EXISTS", "year")
    await refused_all(
        sec_a,
        db,
        CREATE,
        inp(communityId=community_id(a), kind="YEARLY", year=1999, month=4, title=" "),
        ("OUT_OF_RANGE", "year"),
        ("INVALID", "month"),
        ("BLANK", "title"),
    )
    await refused(
        sec_a,
        db,
        CREATE,
        {**monthly, "input": {**monthly["input"], "month": None}},
        "BLANK",
        "month",
    )
    await refused(
        sec_a, db, CREATE, {"input": {**monthly["input"], "month": 13}}, "OUT_OF_RANGE", "month"
    )
    # The same period in another community is another plan.
    ok(await mutate(sec_b, CREATE, {"input": {**monthly["input"], "communityId": community_id(b)}}))

    # Planned services: inside the period, LOCAL ⇔ a live item of the community, the 28th.
    def service(**fields: object) -> dict[str, object]:
        base: dict[str, object] = {
            "planId": plan["id"],
            "scheduledOn": "2025-03-12",
            "category": "DAILY_CARE",
            "title": "助老服务",
        }
        return inp(**{**base, **fields})

    await rejected(sec_b, db, ADD, service(), "FORBIDDEN")
    added = ok(await mutate(sec_a, ADD, service(teamId=team)))["plannedService"]
    assert (added["scheduledOn"], added["category"], added["tieIn"], added["team"]) == (
        "2025-03-12",
        "DAILY_CARE",
        "NONE",
        {"id": team},
    )
    assert added["plan"]["id"] == plan["id"] and added["localItem"] is None
    for day in ("2025-04-01", "2025-02-28", "2024-03-12"):
        await refused(sec_a, db, ADD, service(scheduledOn=day), "OUT_OF_RANGE", "scheduledOn")
    await refused(sec_a, db, ADD, service(category="LOCAL"), "BLANK", "localItemId")
    await refused(
        sec_a, db, ADD, service(category="LOCAL", localItemId=item_b), "OUT_OF_AREA", "localItemId"
    )
    await refused(
        sec_a, db, ADD, service(category="LOCAL", localItemId=item_old), "ARCHIVED", "localItemId"
    )
    await refused(sec_a, db, ADD, service(localItemId=item_a), "INVALID", "localItemId")
    await refused(sec_a, db, ADD, service(tieIn="PARTY_DAY"), "INVALID", "tieIn")
    await refused(
        sec_a, db, ADD, service(teamId=encode("VolunteerTeam", archived_team)), "ARCHIVED", "teamId"
    )
    await refused_all(
        sec_a,
        db,
        ADD,
        service(scheduledOn="2025-05-28", tieIn="PARTY_DAY", category="LOCAL", title=""),
        ("BLANK", "title"),
        ("OUT_OF_RANGE", "scheduledOn"),
        ("BLANK", "localItemId"),
    )
    await rejected(sec_a, db, ADD, service(teamId=community_id(a)), "BAD_USER_INPUT")
    party_day = ok(
        await mutate(
            sec_a,
            ADD,
            service(
                scheduledOn="2025-03-28",
                tieIn="PARTY_DAY",
                category="LOCAL",
                localItemId=item_a,
                title="主题党日理发",
            ),
        )
    )["plannedService"]
    assert (party_day["tieIn"], party_day["localItem"]) == ("PARTY_DAY", {"id": item_a})
    # A yearly plan takes any day of its year.
    ok(
        await mutate(
            sec_a,
            ADD,
            service(
                planId=year_plan["id"], scheduledOn="2025-11-05", tieIn="THREE_MEETINGS_ONE_LESSON"
            ),
        )
    )

    # Plans are public, filtered by community, kind, year and month.
    anonymous = client.anonymous()
    found = (
        await anonymous.data(PLANS, {"filter": {"communityId": community_id(a), "kind": "MONTHLY"}})
    )["servicePlans"]
    assert found["totalCount"] == 1
    (listed,) = found["nodes"]
    assert listed["community"]["name"] == "和平社区"
    assert [
        (s["scheduledOn"], s["tieIn"], s["localItem"]) for s in listed["services"]["nodes"]
    ] == [
        ("2025-03-12", "NONE", None),
        ("2025-03-28", "PARTY_DAY", {"name": "理发"}),
    ]
    by_month = (await anonymous.data(PLANS, {"filter": {"year": 2025, "month": 3}}))["servicePlans"]
    assert by_month["totalCount"] == 2
    assert (await anonymous.data(PLANS, {"filter": {"kind": "YEARLY"}}))["servicePlans"][
        "totalCount"
    ] == 1
    assert (await anonymous.data(PLANS, {"filter": {"year": 2026}}))["servicePlans"]["nodes"] == []


async def test_plans_page_statements_do_not_grow_with_rows(
    db: Database, client: GraphQLClient
) -> None:
    area = await build_area(db, residents=0)
    team = await add_team(db, area.communities[0])
    counts = []
    for plans in (1, 12):
        async with db.session() as session:
            await session.execute(delete(PlannedService))
            await session.execute(delete(PlanRow))
            for index in range(plans):
                row = PlanRow(
                    community_id=area.communities[index % 3],
                    kind=PlanKind.MONTHLY,
                    year=2025 + index // 3,
                    month=index % 12 + 1,
                    title=f"安排{index}",
                )
                session.add(row)
                await session.flush()
                session.add_all(
                    PlannedService(
                        plan_id=row.id,
                        scheduled_on=datetime(row.year, row.month, day + 1).date(),
                        category=ServiceCategory.ERRANDS,
                        team_id=team,
                        title="跑腿",
                    )
                    for day in range(3)
                )
            await session.commit()
        await client.headers()
        with db.count_statements() as statements:
            found = await client.data(PLANS)
        assert found["servicePlans"]["totalCount"] == plans
        assert all(p["services"]["totalCount"] == 3 for p in found["servicePlans"]["nodes"])
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
