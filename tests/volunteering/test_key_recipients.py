"""Key recipients (重点服务对象) and local service items through the real endpoint:
registration rules, masking of personal data for a volunteer, a secretary of the
recipient's community and a secretary elsewhere, and refusals that write nothing.

The tests build their own small district (two streets, three communities), so that the
generated district and whatever the generator adds later cannot change what they see.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select

from db.models import (
    AccountRole,
    KeyRecipient,
    RecipientKind,
)
from resolvers import clock
from resolvers.global_ids import encode
from tests.support.areas import (
    ID_NUMBER,
    PHONE,
    add_team,
    build_area,
    community_id,
    person_id,
)
from tests.support.database import Database
from tests.support.graphql import GraphQLClient
from tests.support.mutations import (
    USER_ERRORS,
    check_bad_ids,
    inp,
    mutate,
    ok,
    refused,
    rejected,
)
from tests.support.users import make_user

DEFINE_ITEM = f"""
mutation Define($input: DefineLocalServiceItemInput!) {{
  defineLocalServiceItem(input: $input) {{
    localServiceItem {{ id name description archivedAt community {{ id }} }} {USER_ERRORS}
  }}
}}
"""
RECIPIENT_FIELDS = """
  id kind needs registeredOn endedOn community { id } name
  personalDataMasked phone idNumber building { id } needsNote
"""
REGISTER = f"""
mutation Register($input: RegisterKeyRecipientInput!) {{
  registerKeyRecipient(input: $input) {{ keyRecipient {{ {RECIPIENT_FIELDS} }} {USER_ERRORS} }}
}}
"""
UPDATE = f"""
mutation Update($input: UpdateKeyRecipientInput!) {{
  updateKeyRecipient(input: $input) {{ keyRecipient {{ {RECIPIENT_FIELDS} }} {USER_ERRORS} }}
}}
"""
END = f"""
mutation End($input: EndKeyRecipientInput!) {{
  endKeyRecipient(input: $input) {{ keyRecipient {{ id endedOn }} {USER_ERRORS} }}
}}
"""
RECIPIENTS = f"""
query Recipients($filter: KeyRecipientFilter) {{
  keyRecipients(first: 50, filter: $filter) {{ totalCount nodes {{ {RECIPIENT_FIELDS} }} }}
}}
"""
ITEMS = """
query Items($filter: LocalServiceItemFilter) {
  localServiceItems(first: 50, filter: $filter) { totalCount nodes { name community { id } } }
}
"""


async def test_local_items_key_recipients_and_masking(db: Database, client: GraphQLClient) -> None:
    area = await build_area(db)
    a, b, _c = area.communities
    team = await add_team(db, a)
    sec_a = client.as_user(
        await make_user(db, "sec-a", (AccountRole.COMMUNITY_SECRETARY, "community_id", a))
    )
    sec_b = client.as_user(
        await make_user(db, "sec-b", (AccountRole.COMMUNITY_SECRETARY, "community_id", b))
    )
    volunteer = client.as_user(await make_user(db, "vol", (AccountRole.VOLUNTEER, "team_id", team)))
    resident = client.as_user(await make_user(db, "res", (AccountRole.RESIDENT, "community_id", a)))
    anonymous = client.anonymous()
    first, second, *_ = area.residents[a]

    # Local service items: unique live name per community, defined by its staff.
    item = ok(
        await mutate(
            sec_a, DEFINE_ITEM, inp(communityId=community_id(a), name=" 理发 ", description="上门")
        )
    )["localServiceItem"]
    assert (item["name"], item["description"], item["community"]["id"]) == (
        "理发",
        "上门",
        community_id(a),
    )
    await refused(
        sec_a, db, DEFINE_ITEM, inp(communityId=community_id(a), name="理发"), "NAME_TAKEN", "name"
    )
    await refused(
        sec_a, db, DEFINE_ITEM, inp(communityId=community_id(a), name="  "), "BLANK", "name"
    )
    await refused(
        sec_a, db, DEFINE_ITEM, inp(communityId=community_id(a), name="x\u0000"), "INVALID", "name"
    )
    await rejected(
        sec_b, db, DEFINE_ITEM, inp(communityId=community_id(a), name="修脚"), "FORBIDDEN"
    )
    ok(await mutate(sec_b, DEFINE_ITEM, inp(communityId=community_id(b), name="理发")))
    items = (await anonymous.data(ITEMS, {"filter": {"communityId": community_id(a)}}))[
        "localServiceItems"
    ]
    assert [(n["name"], n["community"]["id"]) for n in items["nodes"]] == [
        ("理发", community_id(a))
    ]
    assert (await anonymous.data(ITEMS))["localServiceItems"]["totalCount"] == 2

    # Registration: in the home community, once per person, by staff of that area.
    register = inp(
        personId=person_id(first),
        kind="WIDOW",
        needs=["DAILY_CARE", "ERRANDS", "DAILY_CARE"],
        needsNote=" 独居，三楼 ",
    )
    for viewer, code in (
        (sec_b, "FORBIDDEN"),
        (volunteer, "FORBIDDEN"),
        (anonymous, "UNAUTHENTICATED"),
    ):
        await rejected(viewer, db, REGISTER, register, code)
    recipient = ok(await mutate(sec_a, REGISTER, register))["keyRecipient"]
    assert recipient["needs"] == ["DAILY_CARE", "ERRANDS"]
    assert recipient["community"]["id"] == community_id(a)
    assert recipient["registeredOn"] == clock.today().isoformat()
    assert (recipient["phone"], recipient["needsNote"], recipient["personalDataMasked"]) == (
        PHONE,
        "独居，三楼",
        False,
    )
    await refused(sec_a, db, REGISTER, register, "ALREADY_REGISTERED", "personId")
    await check_bad_ids(
        client,
        db,
        REGISTER,
        lambda pk: inp(personId=pk, kind="WIDOW", needs=[]),
        "Person",
        community_id(a),
    )
    await refused(
        client,
        db,
        REGISTER,
        inp(personId=person_id(area.homeless), kind="ORPHAN", needs=[]),
        "INVALID",
        "personId",
    )
    await refused(
        sec_a,
        db,
        REGISTER,
        inp(personId=person_id(second), kind="ORPHAN", needs=[], needsNote="长" * 501),
        "TOO_LONG",
        "needsNote",
    )
    orphan = ok(
        await mutate(
            sec_a, REGISTER, inp(personId=person_id(second), kind="ORPHAN", needs=["HEALTH_CARE"])
        )
    )["keyRecipient"]
    ok(
        await mutate(
            client,
            REGISTER,
            inp(personId=person_id(area.residents[b][0]), kind="DISABLED", needs=[]),
        )
    )

    # Masking: a volunteer and a secretary elsewhere see names and needs, not personal data.
    in_a = {"communityId": community_id(a)}
    for viewer, masked in ((sec_a, False), (client, False), (volunteer, True), (sec_b, True)):
        page = (await viewer.data(RECIPIENTS, {"filter": in_a}))["keyRecipients"]
        assert page["totalCount"] == 2
        widow = next(n for n in page["nodes"] if n["id"] == recipient["id"])
        assert widow["name"] == "和平社区居民0"
        assert widow["needs"] == ["DAILY_CARE", "ERRANDS"]
        assert widow["personalDataMasked"] is masked
        if masked:
            assert (widow["phone"], widow["idNumber"]) == ("138****5678", "**************1234")
            assert (widow["building"], widow["needsNote"]) == (None, None)
        else:
            assert (widow["phone"], widow["idNumber"]) == (PHONE, ID_NUMBER)
            assert widow["building"] == {"id": encode("Building", area.buildings[0])}
            assert widow["needsNote"] == "独居，三楼"
    # The recipient's own account sees their own data, even as a volunteer elsewhere.
    own = client.as_user(
        await make_user(db, "own", (AccountRole.VOLUNTEER, "team_id", team), person_id=first)
    )
    mine = (await own.data(RECIPIENTS, {"filter": {"kind": "WIDOW"}}))["keyRecipients"]["nodes"]
    assert [(n["phone"], n["personalDataMasked"]) for n in mine] == [(PHONE, False)]
    assert await resident.error_codes(RECIPIENTS) == ["FORBIDDEN"]
    assert await anonymous.error_codes(RECIPIENTS) == ["UNAUTHENTICATED"]
    # `person` is a Person, read by staff only.
    person_query = "{ keyRecipients(first: 5) { nodes { person { name } } } }"
    assert await volunteer.error_codes(person_query) == ["FORBIDDEN"]
    assert len((await sec_a.data(person_query))["keyRecipients"]["nodes"]) == 3

    # Filters: by need (inside the JSON list), by kind, by community.
    async def listed(**filter: object) -> list[str]:
        found = await client.data(RECIPIENTS, {"filter": filter})
        return [n["id"] for n in found["keyRecipients"]["nodes"]]

    assert await listed(need="ERRANDS") == [recipient["id"]]
    assert await listed(need="HEALTH_CARE", communityId=community_id(a)) == [orphan["id"]]
    assert await listed(need="TUTORING_AND_CHILD_CARE") == []
    assert await listed(kind="ORPHAN") == [orphan["id"]]
    assert len(await listed(communityId=community_id(b))) == 1

    # Changing and ending a registration.
    changed = ok(
        await mutate(
            sec_a,
            UPDATE,
            inp(keyRecipientId=recipient["id"], needs=["HEALTH_CARE"], needsNote="需陪诊"),
        )
    )["keyRecipient"]
    assert (changed["kind"], changed["needs"], changed["needsNote"]) == (
        "WIDOW",
        ["HEALTH_CARE"],
        "需陪诊",
    )
    await rejected(
        sec_b, db, UPDATE, inp(keyRecipientId=recipient["id"], kind="WIDOWER"), "FORBIDDEN"
    )
    today = clock.today()
    await refused(
        sec_a,
        db,
        END,
        inp(keyRecipientId=recipient["id"], endedOn=(today - timedelta(days=1)).isoformat()),
        "DATE_ORDER",
        "endedOn",
    )
    await refused(
        sec_a,
        db,
        END,
        inp(keyRecipientId=recipient["id"], endedOn=(today + timedelta(days=1)).isoformat()),
        "OUT_OF_RANGE",
        "endedOn",
    )
    ended = ok(await mutate(sec_a, END, inp(keyRecipientId=recipient["id"])))["keyRecipient"]
    assert ended["endedOn"] == today.isoformat()
    await refused(
        sec_a,
        db,
        UPDATE,
        inp(keyRecipientId=recipient["id"], kind="WIDOWER"),
        "INVALID",
        "keyRecipientId",
    )
    await refused(sec_a, db, END, inp(keyRecipientId=recipient["id"]), "INVALID", "keyRecipientId")
    assert await listed(communityId=community_id(a)) == [orphan["id"]]
    assert len(await listed(communityId=community_id(a), includeEnded=True)) == 2
    # Once ended, the person may be registered again.
    ok(await mutate(sec_a, REGISTER, register))
    async with db.session() as session:
        rows = await session.scalar(
            select(func.count()).select_from(KeyRecipient).where(KeyRecipient.person_id == first)
        )
    assert rows == 2


async def test_key_recipient_list_statements_do_not_grow_with_rows(
    db: Database, client: GraphQLClient
) -> None:
    area = await build_area(db, residents=12)
    a = area.communities[0]
    secretary = client.as_user(
        await make_user(db, "sec", (AccountRole.COMMUNITY_SECRETARY, "community_id", a))
    )
    query = f"""
    {{ keyRecipients(first: 100) {{
        totalCount nodes {{ {RECIPIENT_FIELDS} person {{ name }} community {{ name }} }}
    }} }}
    """
    people = [pk for residents in area.residents.values() for pk in residents]
    counts = []
    for size in (2, 30):
        async with db.session() as session:
            await session.execute(delete(KeyRecipient))
            session.add_all(
                KeyRecipient(
                    person_id=pk,
                    community_id=area.communities[index * len(area.communities) // len(people)],
                    kind=RecipientKind.WIDOW,
                    needs=["DAILY_CARE"],
                    registered_on=date(2025, 1, 1),
                )
                for index, pk in enumerate(people[:size])
            )
            await session.commit()
        await secretary.headers()
        with db.count_statements() as statements:
            found = await secretary.data(query)
        assert found["keyRecipients"]["totalCount"] == size
        masked = [n["personalDataMasked"] for n in found["keyRecipients"]["nodes"]]
        assert False in masked and (size == 2 or True in masked)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
