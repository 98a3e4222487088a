"""The load test's complaint part: the integrity check passes on the generated district's
complaints and catches a second closing event, a due time moved without an event, a
status its events do not lead to, and a journaled step the database never saw; the cast
finds complaint communities even where the order chain's communities have no company."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from db.models import ComplaintAction, ComplaintEvent, ComplaintStatus, PropertyComplaint
from loadtests.cast import Community, District, Resident, Team, choose
from loadtests.integrity import audit
from loadtests.journal import OK, Entry
from resolvers.global_ids import encode
from tests.support.database import Database

S, A = ComplaintStatus, ComplaintAction


async def test_the_generated_complaints_pass_and_their_corruption_is_found(
    seeded: Database,
) -> None:
    report = await audit(seeded.engine, [])
    assert report.passed, report.to_json()
    totals = report.totals
    assert totals["complaints"] > 0 and totals["complaint_events"] > totals["complaints"]
    assert totals["complaints_by_status"] == totals["complaints_by_last_event"]
    assert totals["complaints_breached"] > 0 and totals["complaints_on_time"] > 0
    confirmed, moved, set_back = await corrupt_complaints(seeded.engine)
    acknowledged = encode("PropertyComplaint", confirmed)
    phantom = [
        Entry("acknowledgeComplaint", OK, {"complaint": acknowledged, "user": "admin"}),
        Entry("fileComplaint", OK, {"complaint": encode("PropertyComplaint", 2_000_000)}),
    ]
    broken = (await audit(seeded.engine, phantom)).to_json()
    assert not broken["passed"]
    assert broken["lost_count"] == 2
    assert any("no ACKNOWLEDGE event by admin" in lost for lost in broken["lost"])
    problems = "\n".join(broken["problems"])
    assert f"complaint {confirmed} has two closing events" in problems
    # The moved due time: the row and its events disagree, and so do the on-time counts.
    assert f"complaint {moved} is " in problems and "its events say" in problems
    assert "by the API" in problems and "by the events" in problems
    assert f"complaint {set_back} is " in problems


async def corrupt_complaints(engine: AsyncEngine) -> tuple[int, int, int]:
    """A second RESOLVE on a confirmed complaint, an on-time complaint's due time moved
    before its resolution with no event, and a complaint set back to handling without a
    REOPEN."""
    async with engine.begin() as connection:
        c = PropertyComplaint
        rows = (
            await connection.execute(
                select(c.id, c.resolved_at, c.due_at, c.level, c.property_company_id)
                .add_columns(c.escalation)
                .where(c.status == S.CONFIRMED, c.resolved_at < c.due_at)
                .order_by(c.id)
                .limit(3)
            )
        ).all()
        first, second, third = rows
        await connection.execute(
            insert(ComplaintEvent).values(
                complaint_id=first.id,
                action=A.RESOLVE,
                from_status=S.CONFIRMED,
                to_status=S.CONFIRMED,
                at=first.resolved_at + timedelta(days=1),
                level=first.level,
                property_company_id=first.property_company_id,
                due_at=first.due_at,
                escalation=first.escalation,
            )
        )
        await connection.execute(
            update(c)
            .where(c.id == second.id)
            .values(due_at=second.resolved_at - timedelta(hours=1))
        )
        await connection.execute(update(c).where(c.id == third.id).values(status=S.IN_HANDLING))
    return first.id, second.id, third.id


def test_complaints_are_cast_where_companies_serve() -> None:
    """The order chain plays community 1, which no company serves; complaints go to the
    first served community, with its companies' desks and its key recipients."""

    def resident(person: int, community: str) -> Resident:
        return Resident(f"resident{person}", encode("Person", person), community)

    one, two, three = (encode("Community", key) for key in (1, 2, 3))
    district = District(
        communities={
            one: Community(
                one,
                "secretary1",
                [Team(encode("VolunteerTeam", 1), "lead1", [("v1", encode("Volunteer", 1))])],
                [resident(1, one)],
            ),
            two: Community(two, None, [], [resident(2, two)]),  # no building known
            three: Community(three, None, [], [resident(3, three), resident(4, three)]),
        },
        liaisons=[],
        homes={encode("Person", p): encode("Building", p) for p in (1, 3, 4)},
        companies={two: [encode("PropertyCompany", 9)], three: [encode("PropertyCompany", 5)]},
    )
    cast = choose(district, 10, admin="admin", password="pw", observers=[])
    assert [s.community for s in cast.secretaries] == [one]
    company = encode("PropertyCompany", 5)
    assert [(d.username, d.company, d.community) for d in cast.companies] == [
        ("company5", company, three)
    ]
    found: list[tuple[Any, ...]] = [
        (c.username, c.building, c.companies) for c in cast.complainants
    ]
    assert found == [
        ("resident3", encode("Building", 3), [company]),
        ("resident4", encode("Building", 4), [company]),
    ]
