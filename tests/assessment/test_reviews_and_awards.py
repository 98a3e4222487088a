"""Annual reviews rated from below by the community's residents and members, concluded
with a score and shortfalls, and a secretary replaced after one; the award round from
self-application to the district's re-check; a year's figures computed from a known small
history (2031, a year the generator does not use)."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import AccountRole, PersonRole, RoleKind, User, UserGrant
from resolvers.global_ids import encode
from tests.assessment.scene import YEAR, YEAR_END, Actor, doc, scene_of
from tests.complaints.scene import clocked_client
from tests.support.database import Database

OPEN = doc("openAnnualReview", "OpenAnnualReviewInput", "review { id status year }")
RATE = doc("rateAnnualReview", "RateAnnualReviewInput", "rating { id raterRole score }")
CONCLUDE = doc(
    "concludeAnnualReview",
    "ConcludeAnnualReviewInput",
    "review { id status score commended ratings { count average residents members }"
    " shortfalls { id source severity } events { action fromStatus toStatus } }",
)
REPLACE = doc(
    "replaceSecretary",
    "ReplaceSecretaryInput",
    "review { id replacementReason replacedRole { id endedOn }"
    " successorRole { id startedOn endedOn } }",
)
CAPACITY = doc("recordCapacityScore", "RecordCapacityScoreInput", "capacityScore { id total }")
LETTER = doc(
    "signResponsibilityLetter",
    "SignResponsibilityLetterInput",
    "letter { id targets secretary { id } }",
)
APPLY = doc("applyForAward", "ApplyForAwardInput", "application { id status }")
FIRST = doc(
    "firstReviewAward",
    "FirstReviewAwardInput",
    "application { id status streetTotal: total(stage: STREET) }",
)
RECHECK = doc(
    "recheckAward",
    "RecheckAwardInput",
    "application { id status outcome districtTotal: total(stage: DISTRICT)"
    " events { action toStatus } }",
)
FIGURES = """query($year: Int!) { assessmentYear(year: $year) {
  reviews reviewsConcluded commended capacityScores awardsBest awardsMostDistinctive
  secretariesReplaced shortfalls shortfallProjects observerVisits } }"""
ASPECTS = (
    "CENTRE_BUILDING",
    "SERVICE_METHOD",
    "SERVICE_ACTIVITIES",
    "RESIDENT_SATISFACTION",
    "BRAND_INFLUENCE",
)


def scores(*values: int) -> list[dict[str, object]]:
    return [{"aspect": a, "score": v} for a, v in zip(ASPECTS, values, strict=True)]


async def test_a_review_rated_from_below_and_a_secretary_replaced(seeded: Database) -> None:
    scene = await scene_of(seeded)
    community = encode("Community", scene.community)
    async with clocked_client(seeded) as client:
        admin, resident = Actor(client, scene.admin), Actor(client, scene.resident)
        member = Actor(client, scene.member)
        at = YEAR_END
        assert await Actor(client, scene.street_admin).forbidden(
            at, OPEN, communityId=community, year=YEAR
        ) == ["FORBIDDEN"]
        review = (await admin.ok(at, OPEN, communityId=community, year=YEAR))["review"]
        assert review["status"] == "OPEN"
        assert await admin.refused(at, OPEN, communityId=community, year=YEAR) == (
            "ALREADY_RECORDED",
            "year",
        )
        rated = await resident.ok(at, RATE, reviewId=review["id"], score=5)
        assert rated["rating"]["raterRole"] == "RESIDENT"
        rated = await member.ok(at, RATE, reviewId=review["id"], score=2)
        assert rated["rating"]["raterRole"] == "PARTY_MEMBER"
        assert await resident.refused(at, RATE, reviewId=review["id"], score=4) == (
            "ALREADY_RECORDED",
            "reviewId",
        )
        assert await resident.refused(at, RATE, reviewId=review["id"], score=6) == (
            "OUT_OF_RANGE",
            "score",
        )
        # Residents rate their own community's review only; staff do not rate.
        assert await Actor(client, scene.outside_resident).forbidden(
            at, RATE, reviewId=review["id"], score=1
        ) == ["FORBIDDEN"]
        assert await Actor(client, scene.worker).forbidden(
            at, RATE, reviewId=review["id"], score=1
        ) == ["FORBIDDEN"]

        assert await admin.refused(
            at, REPLACE, reviewId=review["id"], successorPersonId="x", reason="r"
        ) == ("INVALID_TRANSITION", "reviewId")
        concluded = await admin.ok(
            at,
            CONCLUDE,
            reviewId=review["id"],
            score=58,
            shortfalls=[{"severity": "SERIOUS", "text": "居民满意度低"}],
        )
        got = concluded["review"]
        assert got["status"] == "CONCLUDED" and got["score"] == 58 and not got["commended"]
        assert got["ratings"] == {"count": 2, "average": 3.5, "residents": 1, "members": 1}
        assert [s["source"] for s in got["shortfalls"]] == ["REVIEW_ITEM"]
        assert [e["action"] for e in got["events"]] == ["OPEN", "CONCLUDE"]
        assert await admin.refused(at, CONCLUDE, reviewId=review["id"], score=60) == (
            "INVALID_TRANSITION",
            "reviewId",
        )
        assert await resident.refused(at, RATE, reviewId=review["id"], score=3) == (
            "INVALID_TRANSITION",
            "reviewId",
        )

        successor = encode("Person", scene.member_person)
        assert await secretary_grants(seeded, scene.member_person, scene.community) == 0
        assert await secretary_grants(seeded, scene.secretary_person, scene.community) == 1
        assert await admin.refused(
            at, REPLACE, reviewId=review["id"], successorPersonId=successor, reason=" "
        ) == ("REASON_REQUIRED", "reason")
        replaced = (
            await admin.ok(
                at, REPLACE, reviewId=review["id"], successorPersonId=successor, reason="评议靠后"
            )
        )["review"]
        assert replaced["replacementReason"] == "评议靠后"
        assert replaced["replacedRole"]["endedOn"] == YEAR_END.date().isoformat()
        assert replaced["successorRole"]["endedOn"] is None
        assert await admin.refused(
            at, REPLACE, reviewId=review["id"], successorPersonId=successor, reason="again"
        ) == ("ALREADY_RECORDED", "reviewId")
        # The grant moved with the post: the former secretary's account no longer acts for
        # the community, the successor's account does.
        assert await secretary_grants(seeded, scene.secretary_person, scene.community) == 0
        assert await secretary_grants(seeded, scene.member_person, scene.community) == 1
        applied = await member.ok(at, APPLY, communityId=community, year=YEAR, statement="申报")
        assert applied["application"]["status"] == "APPLIED"
    async with seeded.session() as s:
        live = await s.scalar(
            select(PersonRole.person_id).where(
                PersonRole.kind == RoleKind.SECRETARY,
                PersonRole.party_organization_id == scene.organization,
                PersonRole.ended_on.is_(None),
            )
        )
    assert live == scene.member_person


async def secretary_grants(db: Database, person: int, community: int) -> int:
    """The community secretary grants on `community` of the accounts of `person`."""
    async with db.session() as s:
        count = await s.scalar(
            select(func.count(UserGrant.id))
            .join(User, User.id == UserGrant.user_id)
            .where(
                User.person_id == person,
                UserGrant.role == AccountRole.COMMUNITY_SECRETARY,
                UserGrant.community_id == community,
            )
        )
    return int(count or 0)


async def test_the_award_round_and_the_years_figures(seeded: Database) -> None:
    scene = await scene_of(seeded)
    community = encode("Community", scene.community)
    async with clocked_client(seeded) as client:
        admin, secretary = Actor(client, scene.admin), Actor(client, scene.secretary)
        street = Actor(client, scene.street_admin)
        at = YEAR_END
        await street.ok(
            at,
            CAPACITY,
            communityId=community,
            year=YEAR,
            team=20,
            premises=18,
            rolePlayed=22,
            brand=15,
        )
        assert await street.refused(
            at,
            CAPACITY,
            communityId=community,
            year=YEAR + 1,
            team=26,
            premises=0,
            rolePlayed=0,
            brand=0,
        ) == ("OUT_OF_RANGE", "team")
        letter = await secretary.ok(
            at,
            LETTER,
            communityId=community,
            year=YEAR,
            targets=["每周开放服务中心", "走访独居老人"],
        )
        assert letter["letter"]["secretary"]["id"] == encode("Person", scene.secretary_person)

        assert await admin.forbidden(
            at, APPLY, communityId=community, year=YEAR, statement="申报"
        ) == ["FORBIDDEN"]
        application = (
            await secretary.ok(at, APPLY, communityId=community, year=YEAR, statement="申报材料")
        )["application"]
        assert application["status"] == "APPLIED"
        key = application["id"]
        assert await Actor(client, scene.other_street_admin).forbidden(
            at, FIRST, applicationId=key, scores=scores(10, 10, 10, 10, 10), recommended=True
        ) == ["FORBIDDEN"]
        assert await street.refused(
            at, FIRST, applicationId=key, scores=scores(10, 10, 10, 10, 10)[:4], recommended=True
        ) == ("INVALID", "scores")
        assert await admin.refused(
            at, RECHECK, applicationId=key, scores=scores(10, 10, 10, 10, 10), outcome="BEST"
        ) == ("INVALID_TRANSITION", "applicationId")
        first = await street.ok(
            at, FIRST, applicationId=key, scores=scores(18, 17, 16, 19, 15), recommended=True
        )
        assert first["application"] == {"id": key, "status": "RECOMMENDED", "streetTotal": 85}
        decided = (
            await admin.ok(
                at, RECHECK, applicationId=key, scores=scores(19, 18, 17, 19, 16), outcome="BEST"
            )
        )["application"]
        assert decided["status"] == "DECIDED" and decided["outcome"] == "BEST"
        assert decided["districtTotal"] == 89
        assert [e["action"] for e in decided["events"]] == ["APPLY", "FIRST_REVIEW", "RECHECK"]

        review = (await admin.ok(at, OPEN, communityId=community, year=YEAR))["review"]
        await admin.ok(
            at,
            CONCLUDE,
            reviewId=review["id"],
            score=95,
            commended=True,
            shortfalls=[{"severity": "MINOR", "text": "品牌宣传不足"}],
        )
        figures = (await admin.data(at, FIGURES, year=YEAR))["assessmentYear"]
        assert figures == {
            "reviews": 1,
            "reviewsConcluded": 1,
            "commended": 1,
            "capacityScores": 1,
            "awardsBest": 1,
            "awardsMostDistinctive": 0,
            "secretariesReplaced": 0,
            "shortfalls": 1,
            "shortfallProjects": 0,
            "observerVisits": 0,
        }
        # A street admin of another street sees none of it.
        other = Actor(client, scene.other_street_admin)
        elsewhere = (await other.data(at, FIGURES, year=YEAR))["assessmentYear"]
        assert set(elsewhere.values()) == {0}
