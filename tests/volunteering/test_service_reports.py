"""The volunteer-service reports through the real endpoint, on a small known history:
the month's figures, the weekly shortfall (district calendar, whole ISO weeks), the hours
ledger and its totals, the at-risk list, the publication that freezes a month, who may
read what, and statements that do not grow with the rows behind a report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from db.models import (
    AccountRole,
    Gender,
    HoursEntry,
    KeyRecipient,
    OrderStatus,
    Person,
    RecipientKind,
    ServiceCategory,
    ServiceOrder,
    TeamMembership,
    Volunteer,
)
from resolvers import clock
from resolvers.clock import DISTRICT_TZ
from resolvers.global_ids import encode
from tests.support.areas import Area, add_team, build_area, community_id
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import USER_ERRORS, inp, mutate, ok, refused, rejected
from tests.support.users import make_user


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in the district (Asia/Shanghai), as the aware UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=DISTRICT_TZ).astimezone(UTC)


@dataclass
class History:
    area: Area
    teams: list[int]
    volunteers: list[int]  # V1, V2 live in A and serve team T; V3 lives in B, team T2
    orders: list[int]


async def add_volunteer(db: Database, person: int, team: int, no_shows: int = 0) -> int:
    async with db.session() as session:
        volunteer = Volunteer(
            person_id=person, skills=[], registered_on=date(2024, 1, 1), no_shows=no_shows
        )
        session.add(volunteer)
        await session.flush()
        session.add(
            TeamMembership(team_id=team, volunteer_id=volunteer.id, joined_on=date(2024, 1, 1))
        )
        await session.commit()
        return volunteer.id


async def add_order(
    db: Database,
    community: int,
    recipient: int,
    volunteer: int,
    team: int,
    status: OrderStatus,
    started: datetime | None,
    minutes: int | None = None,
    rating: int | None = None,
    *,
    scheduled: datetime | None = None,
) -> int:
    """An order as the order chain leaves it, and its ledger entry when it is done."""
    start = scheduled or started
    assert start is not None
    async with db.session() as session:
        order = ServiceOrder(
            community_id=community,
            recipient_id=recipient,
            category=ServiceCategory.DAILY_CARE,
            title="助老",
            scheduled_start=start,
            scheduled_end=start + timedelta(hours=2),
            status=status,
            team_id=team,
            claimer_id=volunteer,
            minutes=minutes,
            rating=rating,
            started_at=started,
        )
        session.add(order)
        await session.flush()
        if status in (OrderStatus.COMPLETED, OrderStatus.RATED):
            assert started is not None and minutes is not None
            session.add(
                HoursEntry(
                    order_id=order.id,
                    volunteer_id=volunteer,
                    team_id=team,
                    community_id=community,
                    served_on=started.astimezone(DISTRICT_TZ).date(),
                    minutes=minutes,
                )
            )
        await session.commit()
        return order.id


async def build_history(db: Database) -> History:
    """March 2025 in communities A and B (C did nothing):

    A: o1 R1 by V1 60 min (Mon 3rd); o2 R1 by V2 90 min rated 5 (Mon 10th); o3 R2 by V1
    30 min rated 4 at 23:30 on Mon 31st (15:30 UTC), so still March; o4 R2 by V1 45 min
    at 00:30 on 1 April (still 31 March in UTC); o5 in service, not done. R1 is a key
    recipient; R2's registration ended in February.
    B: o6 R3 by V3 20 min (Wed 5th).
    Now: V1 has 2 no-shows; V2 holds a claim 3 h overdue; V3 one only 1 h past its start.
    """
    area = await build_area(db, residents=4)
    a, b, _c = area.communities
    r1, r2, v1_person, v2_person = area.residents[a]
    r3, v3_person, *_ = area.residents[b]
    teams = [await add_team(db, a), await add_team(db, b, "振兴服务队")]
    volunteers = [
        await add_volunteer(db, v1_person, teams[0], no_shows=2),
        await add_volunteer(db, v2_person, teams[0]),
        await add_volunteer(db, v3_person, teams[1]),
    ]
    v1, v2, v3 = volunteers
    async with db.session() as session:
        session.add_all(
            [
                KeyRecipient(
                    person_id=r1,
                    community_id=a,
                    kind=RecipientKind.WIDOW,
                    needs=["DAILY_CARE"],
                    registered_on=date(2025, 1, 1),
                ),
                KeyRecipient(
                    person_id=r2,
                    community_id=a,
                    kind=RecipientKind.LOW_INCOME,
                    needs=[],
                    registered_on=date(2024, 6, 1),
                    ended_on=date(2025, 2, 15),
                ),
            ]
        )
        await session.commit()
    done, rated, serving = OrderStatus.COMPLETED, OrderStatus.RATED, OrderStatus.IN_SERVICE
    t, t2 = teams
    # community, recipient, volunteer, team, status, started, minutes, rating
    served = [
        (a, r1, v1, t, done, local(2025, 3, 3, 10), 60, None),
        (a, r1, v2, t, rated, local(2025, 3, 10, 9), 90, 5),
        (a, r2, v1, t, rated, local(2025, 3, 31, 23, 30), 30, 4),
        (a, r2, v1, t, done, local(2025, 4, 1, 0, 30), 45, None),
        (a, r1, v2, t, serving, local(2025, 3, 20, 10), None, None),
        (b, r3, v3, t2, done, local(2025, 3, 5, 8), 20, None),
    ]  # fmt: skip
    orders = [await add_order(db, *row) for row in served]
    now = clock.now()
    for community, recipient, volunteer, team, late in ((a, r2, v2, t, 3), (b, r3, v3, t2, 1)):
        claimed = OrderStatus.CLAIMED
        scheduled = now - timedelta(hours=late)
        row = (community, recipient, volunteer, team, claimed, None)
        orders.append(await add_order(db, *row, scheduled=scheduled))
    return History(area, teams, volunteers, orders)


SUMMARY = """
query Summary($year: Int!, $month: Int!, $street: ID) {
  monthlyServiceSummary(year: $year, month: $month, streetId: $street) {
    community { id } year month services minutes volunteers recipientsServed
    keyRecipientsServed ratings averageRating
  }
}
"""
WEEKS = """
query Weeks($from: Date!, $to: Date!, $street: ID) {
  communitiesBelowWeeklyService(from: $from, to: $to, streetId: $street) {
    community { id } weeksCounted weeksWithService shortWeeks
  }
}
"""
LEDGER = """
query Ledger($filter: HoursFilter) {
  hoursLedger(first: 50, filter: $filter) {
    totalCount nodes { servedOn minutes hours volunteer { id } team { id } community { id } }
  }
}
"""
TOTALS = """
query Totals($filter: HoursFilter, $first: Int! = 20, $offset: Int! = 0) {
  volunteerHours(filter: $filter, first: $first, offset: $offset) {
    volunteer { id } services minutes hours
  }
  teamHours(filter: $filter) { team { id } services minutes hours }
}
"""
AT_RISK = """
query AtRisk($filter: AtRiskVolunteerFilter) {
  atRiskVolunteers(filter: $filter) { volunteer { id } noShows overdueClaims }
}
"""
PUBLISH = f"""
mutation Publish($input: PublishMonthlyReportInput!) {{
  publishMonthlyReport(input: $input) {{
    monthlyPublication {{
      id year month services minutes volunteers recipientsServed keyRecipientsServed
      ratings averageRating community {{ id }}
    }}
    {USER_ERRORS}
  }}
}}
"""
PUBLICATIONS = """
query Publications($filter: MonthlyPublicationFilter) {
  monthlyPublications(first: 20, filter: $filter) {
    totalCount nodes { services ratings averageRating year month community { id } }
  }
}
"""
A_MARCH = {
    "year": 2025,
    "month": 3,
    "services": 3,
    "minutes": 180,
    "volunteers": 2,
    "recipientsServed": 2,
    "keyRecipientsServed": 1,
    "ratings": 2,
    "averageRating": 4.5,
}


def figures(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in ("id", "community")}


async def test_reports_on_a_known_history(db: Database, client: GraphQLClient) -> None:
    history = await build_history(db)
    a, b, c = history.area.communities
    v1, v2, v3 = (encode("Volunteer", pk) for pk in history.volunteers)
    team, team2 = (encode("VolunteerTeam", pk) for pk in history.teams)
    anonymous = client.anonymous()
    volunteer = client.as_user(
        await make_user(db, "vol", (AccountRole.VOLUNTEER, "team_id", history.teams[0]))
    )
    resident = client.as_user(await make_user(db, "res", (AccountRole.RESIDENT, "community_id", a)))

    # The month's figures, per live community, public.
    summary = (await anonymous.data(SUMMARY, {"year": 2025, "month": 3}))["monthlyServiceSummary"]
    assert [row["community"]["id"] for row in summary] == [community_id(pk) for pk in (a, b, c)]
    assert figures(summary[0]) == A_MARCH
    assert figures(summary[1]) == {
        **A_MARCH,
        "services": 1,
        "minutes": 20,
        "volunteers": 1,
        "recipientsServed": 1,
        "keyRecipientsServed": 0,
        "ratings": 0,
        "averageRating": None,
    }
    assert figures(summary[2])["services"] == 0 and figures(summary[2])["averageRating"] is None
    april = (await anonymous.data(SUMMARY, {"year": 2025, "month": 4}))["monthlyServiceSummary"]
    assert [(r["services"], r["minutes"], r["keyRecipientsServed"]) for r in april] == [
        (1, 45, 0),
        (0, 0, 0),
        (0, 0, 0),
    ]
    street2 = encode("Street", history.area.streets[1])
    only_c = await anonymous.data(SUMMARY, {"year": 2025, "month": 3, "street": street2})
    assert [r["community"]["id"] for r in only_c["monthlyServiceSummary"]] == [community_id(c)]
    assert await anonymous.error_codes(SUMMARY, {"year": 2025, "month": 13}) == ["BAD_USER_INPUT"]

    # Weeks without a done service: whole ISO weeks inside the period, district calendar.
    weeks = (await anonymous.data(WEEKS, {"from": "2025-03-03", "to": "2025-03-30"}))[
        "communitiesBelowWeeklyService"
    ]
    assert weeks == [
        {
            "community": {"id": community_id(a)},
            "weeksCounted": 4,
            "weeksWithService": 2,
            "shortWeeks": ["2025-03-17", "2025-03-24"],
        },
        {
            "community": {"id": community_id(b)},
            "weeksCounted": 4,
            "weeksWithService": 1,
            "shortWeeks": ["2025-03-10", "2025-03-17", "2025-03-24"],
        },
        {
            "community": {"id": community_id(c)},
            "weeksCounted": 4,
            "weeksWithService": 0,
            "shortWeeks": ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24"],
        },
    ]
    # From a Tuesday: the first whole week starts on the 10th; o3 (Monday 31st, 23:30
    # in the district) falls in the week of the 31st.
    shifted = await anonymous.data(WEEKS, {"from": "2025-03-04", "to": "2025-04-06"})
    by_community = {
        row["community"]["id"]: row["shortWeeks"]
        for row in shifted["communitiesBelowWeeklyService"]
    }
    assert by_community[community_id(a)] == ["2025-03-17", "2025-03-24"]
    assert by_community[community_id(b)] == ["2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31"]
    street1 = encode("Street", history.area.streets[0])
    in_street = await anonymous.data(
        WEEKS, {"from": "2025-03-03", "to": "2025-03-09", "street": street1}
    )
    assert in_street["communitiesBelowWeeklyService"] == []
    for period in (
        {"from": "2025-03-10", "to": "2025-03-03"},
        {"from": "2025-01-01", "to": "2026-01-02"},
        {"from": "2025-03-04", "to": "2025-03-09"},
    ):
        assert await anonymous.error_codes(WEEKS, period) == ["BAD_USER_INPUT"]

    # The hours ledger: staff and teams only, newest first, filtered.
    ledger = (await volunteer.data(LEDGER, {"filter": {"volunteerId": v1}}))["hoursLedger"]
    assert ledger["totalCount"] == 3
    assert [(n["servedOn"], n["minutes"], n["hours"]) for n in ledger["nodes"]] == [
        ("2025-04-01", 45, 0.75),
        ("2025-03-31", 30, 0.5),
        ("2025-03-03", 60, 1.0),
    ]
    assert {n["team"]["id"] for n in ledger["nodes"]} == {team}
    march_a = {"communityId": community_id(a), "from": "2025-03-01", "to": "2025-03-31"}
    assert (await volunteer.data(LEDGER, {"filter": march_a}))["hoursLedger"]["totalCount"] == 3
    assert (await volunteer.data(LEDGER, {"filter": {"teamId": team2}}))["hoursLedger"][
        "totalCount"
    ] == 1
    assert await anonymous.error_codes(LEDGER) == ["UNAUTHENTICATED"]
    assert await resident.error_codes(LEDGER) == ["FORBIDDEN"]

    # Totals per volunteer and team, most minutes first (ties by key).
    totals = await volunteer.data(TOTALS)
    assert [
        (t["volunteer"]["id"], t["services"], t["minutes"], t["hours"])
        for t in totals["volunteerHours"]
    ] == [
        (v1, 3, 135, 2.25),
        (v2, 1, 90, 1.5),
        (v3, 1, 20, 20 / 60),
    ]
    assert [(t["team"]["id"], t["services"], t["minutes"]) for t in totals["teamHours"]] == [
        (team, 4, 225),
        (team2, 1, 20),
    ]
    march = await volunteer.data(TOTALS, {"filter": {"to": "2025-03-31"}, "first": 1, "offset": 1})
    assert [(t["volunteer"]["id"], t["minutes"]) for t in march["volunteerHours"]] == [(v2, 90)]
    for viewer, code in ((anonymous, "UNAUTHENTICATED"), (resident, "FORBIDDEN")):
        assert await viewer.error_codes("{ teamHours { minutes } }") == [code]
        assert await viewer.error_codes("{ volunteerHours { minutes } }") == [code]
    assert await volunteer.error_codes(TOTALS, {"first": 0}) == ["BAD_USER_INPUT"]

    # Volunteers at risk: no-shows, or claims more than 2 h overdue; most at risk first.
    async def at_risk(**filter: Any) -> list[tuple[str, int, int]]:
        found = await volunteer.data(AT_RISK, {"filter": filter or None})
        return [
            (r["volunteer"]["id"], r["noShows"], r["overdueClaims"])
            for r in found["atRiskVolunteers"]
        ]

    assert await at_risk() == [(v1, 2, 0), (v2, 0, 1)]
    assert await at_risk(minNoShows=3) == [(v2, 0, 1)]
    assert await at_risk(teamId=team2) == []
    assert await at_risk(communityId=community_id(a)) == [(v1, 2, 0), (v2, 0, 1)]
    assert await at_risk(communityId=community_id(b)) == []
    assert await resident.error_codes(AT_RISK) == ["FORBIDDEN"]
    assert await volunteer.error_codes(AT_RISK, {"filter": {"minNoShows": 0}}) == ["BAD_USER_INPUT"]


async def test_publication_freezes_the_month(db: Database, client: GraphQLClient) -> None:
    history = await build_history(db)
    a, b, _c = history.area.communities
    sec_a = client.as_user(
        await make_user(db, "sec-a", (AccountRole.COMMUNITY_SECRETARY, "community_id", a))
    )
    sec_b = client.as_user(
        await make_user(db, "sec-b", (AccountRole.COMMUNITY_SECRETARY, "community_id", b))
    )
    march = inp(communityId=community_id(a), year=2025, month=3)
    await rejected(sec_b, db, PUBLISH, march, "FORBIDDEN")
    await rejected(client.anonymous(), db, PUBLISH, march, "UNAUTHENTICATED")
    today = clock.today()
    await refused(
        sec_a,
        db,
        PUBLISH,
        inp(communityId=community_id(a), year=today.year, month=today.month),
        "OUT_OF_RANGE",
        "month",
    )
    await refused(
        sec_a,
        db,
        PUBLISH,
        inp(communityId=community_id(a), year=2025, month=0),
        "OUT_OF_RANGE",
        "month",
    )
    published = ok(await mutate(sec_a, PUBLISH, march))["monthlyPublication"]
    assert figures(published) == A_MARCH
    await refused(sec_a, db, PUBLISH, march, "ALREADY_PUBLISHED", "month")
    ok(await mutate(sec_b, PUBLISH, inp(communityId=community_id(b), year=2025, month=3)))

    # A late rating changes the live figures, not the publication.
    async with db.session() as session:
        order = await session.get(ServiceOrder, history.orders[0])
        assert order is not None
        order.status, order.rating = OrderStatus.RATED, 1
        await session.commit()
    live = (await client.data(SUMMARY, {"year": 2025, "month": 3}))["monthlyServiceSummary"][0]
    assert (live["ratings"], live["averageRating"]) == (3, 10 / 3)
    anonymous = client.anonymous()
    found = (await anonymous.data(PUBLICATIONS, {"filter": {"communityId": community_id(a)}}))[
        "monthlyPublications"
    ]
    assert [(n["services"], n["ratings"], n["averageRating"]) for n in found["nodes"]] == [
        (3, 2, 4.5)
    ]
    street1, street2 = (encode("Street", pk) for pk in history.area.streets)
    for filter, total in (
        ({"streetId": street1}, 2),
        ({"streetId": street2}, 0),
        ({"year": 2025, "month": 3}, 2),
        ({"month": 4}, 0),
    ):
        listed = await anonymous.data(PUBLICATIONS, {"filter": filter})
        assert listed["monthlyPublications"]["totalCount"] == total, filter


ALL_REPORTS = """
query All($filter: HoursFilter) {
  monthlyServiceSummary(year: 2025, month: 3) { community { name } services averageRating }
  communitiesBelowWeeklyService(from: "2025-03-03", to: "2025-03-30") {
    community { name } shortWeeks
  }
  hoursLedger(first: 100, filter: $filter) {
    totalCount nodes { minutes volunteer { id } team { name } community { name } order { id } }
  }
  volunteerHours(first: 100) { volunteer { id } minutes }
  teamHours(first: 100) { team { name } minutes }
  atRiskVolunteers(first: 100) { volunteer { id } noShows overdueClaims }
  monthlyPublications(first: 100) { nodes { community { name } services } }
}
"""


async def test_report_statements_do_not_grow_with_rows(db: Database, client: GraphQLClient) -> None:
    history = await build_history(db)
    a, b, _c = history.area.communities
    await client.headers()
    ok(await mutate(client, PUBLISH, inp(communityId=community_id(a), year=2025, month=3)))
    counts = []
    for larger in (False, True):
        if larger:
            # Ten more volunteers (each with a no-show) and twenty more services.
            async with db.session() as session:
                people = [
                    Person(
                        name=f"志愿者{index}",
                        gender=Gender.MALE,
                        building_id=history.area.buildings[index % 2],
                    )
                    for index in range(10)
                ]
                session.add_all(people)
                await session.commit()
                person_ids = [p.id for p in people]
            for index, person in enumerate(person_ids):
                team = history.teams[index % 2]
                pk = await add_volunteer(db, person, team, no_shows=1)
                for day in (4, 12):
                    await add_order(
                        db,
                        community=(a, b)[index % 2],
                        recipient=person,
                        volunteer=pk,
                        team=team,
                        status=OrderStatus.RATED,
                        started=local(2025, 3, day, 9),
                        minutes=15,
                        rating=3,
                    )
            ok(await mutate(client, PUBLISH, inp(communityId=community_id(b), year=2025, month=3)))
        with db.count_statements() as statements:
            found = await client.data(ALL_REPORTS)
        assert found["hoursLedger"]["totalCount"] == (25 if larger else 5)
        assert len(found["atRiskVolunteers"]) == (12 if larger else 2)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
