"""SQL statements per request grow with the list fields of a query, never with its rows;
before its reads a request sends one statement (the cost budget's charge, which also reads
the viewer), and its reads run in one transaction. The counts include BEGIN, COMMIT and
ROLLBACK as the database receives them (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool, QueuePool

from db.session import READ_ONLY_TRANSACTION, create_engine
from resolvers.global_ids import encode
from simulation.generator.generate import generate
from simulation.scale import Scale
from tests.support.database import Database, empty_tables
from tests.support.graphql import (
    ADMISSION_STATEMENTS,
    TRANSACTION_STATEMENTS,
    UNLIMITED,
    GraphQLClient,
    graphql_client,
)

TREE_WITH_COUNTS = """
{
  district {
    name streetCount communityCount gridCount buildingCount partyMemberCount workerCount
    streets(first: 100) {
      totalCount
      nodes {
        name kind communityCount gridCount buildingCount partyMemberCount workerCount
        partyOrganization { name secretary { name } }
        communities(first: 100) {
          totalCount
          nodes {
            name gridCount buildingCount partyMemberCount workerCount
            partyOrganization { name parent { name } secretary { name } }
            grids(first: 100) {
              totalCount
              nodes {
                name buildingCount partyMemberCount residentCount cadreCount
                partyOrganization { name }
                buildings(first: 100) {
                  totalCount
                  nodes { name householdCount partyMemberCount residentCount }
                }
              }
            }
          }
        }
      }
    }
  }
}
"""


async def statements_for(db: Database, scale: float) -> tuple[int, int]:
    """(statements, buildings returned) for the tree query on a district of `scale`."""
    await empty_tables(db.engine)
    await generate(db.engine, Scale(scale), seed=1)
    async with graphql_client(db, **UNLIMITED) as whole_tree:  # far over the cost limit
        await whole_tree.headers()  # the tables were emptied: a new admin for this district
        with db.count_statements() as statements:
            data = await whole_tree.data(TREE_WITH_COUNTS)
    buildings = sum(
        len(grid["buildings"]["nodes"])
        for street in data["district"]["streets"]["nodes"]
        for community in street["communities"]["nodes"]
        for grid in community["grids"]["nodes"]
    )
    assert buildings == data["district"]["buildingCount"]  # no page was cut short
    return len(statements), buildings


async def test_tree_query_statements_do_not_grow_with_rows(db: Database) -> None:
    small, small_buildings = await statements_for(db, 0.05)
    large, large_buildings = await statements_for(db, 0.5)
    assert large_buildings > 5 * small_buildings
    assert small == large
    # At most one statement per list, count and relation field of the query (37 here).
    assert small <= 37 + ADMISSION_STATEMENTS + TRANSACTION_STATEMENTS


async def test_people_page_statements_do_not_grow_with_page_size(
    seeded: Database, client: GraphQLClient
) -> None:
    query = """
    query($n: Int!) {
      people(first: $n) {
        nodes {
          name phone
          building { name grid { name community { name street { name } } } }
          roles {
            kind community { name } grid { name } partyOrganization { name } workUnit { name }
          }
          memberReport { workUnit { name } homeCommunity { name } }
        }
      }
    }
    """
    await client.headers()  # the acting admin exists before counting
    counts = []
    for n in (20, 100):
        with seeded.count_statements() as statements:
            data = await client.data(query, {"n": n})
        assert len(data["people"]["nodes"]) == n
        counts.append(len(statements))
    # Which loaders run, and in how many rounds, depends on what the rows hold (a page
    # without dual reports never asks for units), so the two pages may differ a little;
    # neither needs more than the page plus one statement per relation field (13), plus
    # the one statement every request sends first and the read transaction's two.
    assert max(counts) <= 14 + ADMISSION_STATEMENTS + TRANSACTION_STATEMENTS


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_nodes_loads_each_type_in_one_statement(seeded: Database, compiled: bool) -> None:
    """The resolvers batch `nodes` per type; the compiled path answers it in one statement."""
    async with graphql_client(seeded, compiled_reads=compiled) as client:
        data = await client.data(
            "{ communities(first: 12) { nodes { id } } grids(first: 24) { nodes { id } } }"
        )
        ids = [n["id"] for n in data["communities"]["nodes"] + data["grids"]["nodes"]]
        with seeded.count_statements() as statements:
            found = await client.data(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}
            )
    assert [n["id"] for n in found["nodes"]] == ids
    # The compiled statement alone, or one per type in a transaction.
    reads = 1 if compiled else 2 + TRANSACTION_STATEMENTS
    assert len(statements) == reads + ADMISSION_STATEMENTS


def begin_of(db: Database) -> str:
    """The BEGIN of a query's reads: read-only on PostgreSQL, deferred on SQLite."""
    return "BEGIN READ ONLY" if db.backend == "postgresql" else "BEGIN"


def admission(statement: str, signed_in: bool) -> bool:
    """Whether `statement` is the budget's charge, reading the viewer iff signed in."""
    return statement.startswith("INSERT INTO cost_windows") and signed_in == (
        "user_grants" in statement
    )


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_a_signed_in_read_of_one_root_field(seeded: Database, compiled: bool) -> None:
    """Compiled, the read is one statement outside any transaction: the charge and the
    read, nothing else. Through the resolvers it reads in a transaction."""
    async with graphql_client(seeded, compiled_reads=compiled) as client:
        await client.headers()  # the acting admin exists before counting
        with seeded.count_statements() as statements:
            data = await client.data("{ communities(first: 3) { nodes { name } } }")
    assert len(data["communities"]["nodes"]) == 3
    if compiled:
        charge, read = statements
    else:
        charge, begin, read, end = statements
        assert (begin, end) == (begin_of(seeded), "ROLLBACK")
    assert admission(charge, signed_in=True)
    assert read.startswith(("SELECT", "WITH")) and "FROM communities" in read


async def test_a_compiled_read_that_falls_back_leaves_the_resolvers_a_transaction(
    seeded: Database, client: GraphQLClient
) -> None:
    """A `node` whose object is not there: the compiled statement runs outside any
    transaction and finds nothing, and the resolvers then answer NOT_FOUND from reads in a
    transaction of their own, as a request they answer from the start does."""
    await client.headers()
    missing = encode("Community", 999_999)
    query = f'{{ node(id: "{missing}") {{ ... on Community {{ name }} }} }}'
    with seeded.count_statements() as statements:
        codes = await client.error_codes(query)
    assert codes == ["NOT_FOUND"]
    assert admission(statements[0], signed_in=True)
    compiled = statements[1]
    assert compiled.startswith(("SELECT", "WITH")) and "json" in compiled
    assert statements[2] == begin_of(seeded)
    assert statements[-1] == "ROLLBACK"
    assert len(statements) > 4


async def test_a_read_of_two_root_fields_is_one_transaction(
    seeded: Database, client: GraphQLClient
) -> None:
    await client.headers()
    query = "{ communities(first: 2) { nodes { name } } grids(first: 2) { nodes { name } } }"
    with seeded.count_statements() as statements:
        await client.data(query)
    assert admission(statements[0], signed_in=True)
    assert statements[1] == begin_of(seeded)
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))] == [
        begin_of(seeded),
        "ROLLBACK",
    ]
    assert len(statements) == 2 + ADMISSION_STATEMENTS + TRANSACTION_STATEMENTS


async def test_a_deactivated_account_is_refused_after_the_one_statement(
    seeded: Database, client: GraphQLClient
) -> None:
    user = await client._admin()
    await client.headers()
    async with seeded.engine.begin() as connection:
        await connection.execute(
            text("UPDATE users SET active = false WHERE id = :id"), {"id": user}
        )
    with seeded.count_statements() as statements:
        codes = await client.as_user(user).error_codes("{ communities(first: 1) { nodes { id } } }")
    assert codes == ["UNAUTHENTICATED"]
    assert len(statements) == ADMISSION_STATEMENTS and admission(statements[0], signed_in=True)


async def test_an_anonymous_request_without_reads_sends_only_the_charge(
    seeded: Database, client: GraphQLClient
) -> None:
    with seeded.count_statements() as statements:
        body = await client.anonymous().post("{ __typename }")
    assert body["data"] == {"__typename": "Query"}
    assert len(statements) == ADMISSION_STATEMENTS
    assert admission(statements[0], signed_in=False)


RENAME = """mutation($id: ID!) { renameNode(input: {id: $id, name: "新名"}) {
  node { ... on Community { name gridCount street { name } } } userErrors { code } } }"""


async def _rename_counted(seeded: Database, compiled: bool, document: str) -> list[str]:
    """The statements of a request renaming a community to 新名, which must succeed."""
    async with graphql_client(seeded, compiled_reads=compiled) as client:
        found = await client.data("{ communities(first: 1) { nodes { id } } }")
        community = found["communities"]["nodes"][0]["id"]
        with seeded.count_statements() as statements:
            data = await client.data(document, {"id": community})
    payload = data["renameNode"]
    assert payload["userErrors"] == [] and payload["node"]["name"] == "新名"
    assert payload["node"]["street"]["name"] and payload["node"]["gridCount"] > 0
    assert admission(statements[0], signed_in=True)
    async with seeded.session() as session:
        name = await session.scalar(text("SELECT name FROM communities WHERE name = '新名'"))
    assert name == "新名"  # committed
    return list(statements)


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_a_mutation_writes_and_reads_its_payload_in_one_transaction(
    seeded: Database, compiled: bool
) -> None:
    # Beside a read, the rename is not its operation's only field: it takes the
    # transactional path on both databases.
    document = RENAME.replace("mutation($id: ID!) {", "mutation($id: ID!) { __typename")
    statements = await _rename_counted(seeded, compiled, document)
    control = [s for s in statements if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    assert control == ["BEGIN IMMEDIATE" if seeded.backend == "sqlite" else "BEGIN", "COMMIT"]
    assert statements[-1] == "COMMIT"
    write = next(n for n, s in enumerate(statements) if s.startswith("UPDATE communities"))
    assert statements[write + 1].startswith("INSERT INTO audit_entries")
    # Before the write, one statement: the community's name and archive mark, its
    # street's place (the scope check) and whether a sibling has the name. After the audit
    # entry, the payload: one compiled statement building its JSON, or the resolvers'
    # community, grid count and street; then the one COMMIT.
    lookup = statements[write - 1]
    assert lookup.startswith("SELECT communities.name") and "EXISTS" in lookup
    assert statements[write - 2] == ("BEGIN IMMEDIATE" if seeded.backend == "sqlite" else "BEGIN")
    payload_reads = statements[write + 2 : -1]
    assert len(payload_reads) == (1 if compiled else 3)
    if compiled:
        assert "json" in payload_reads[0].lower()
    assert len(statements) == ADMISSION_STATEMENTS + TRANSACTION_STATEMENTS + 3 + len(payload_reads)


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_a_rename_alone_is_one_statement_on_postgresql(
    seeded: Database, compiled: bool
) -> None:
    statements = await _rename_counted(seeded, compiled, RENAME)
    if seeded.backend == "sqlite":  # no autocommit connection kept: the transaction
        assert statements[1] == "BEGIN IMMEDIATE"
        assert statements[2].startswith("SELECT communities.name")
        assert statements[-1] == "COMMIT"
        return
    # The charge, then the checks, the UPDATE, its audit entry and, compiled, the payload
    # read from the updated row, as one statement (it commits by itself: no BEGIN, no
    # COMMIT).
    _charge, write, *payload = statements
    assert write.startswith("WITH node AS") and "EXISTS" in write and "covered" in write
    assert "UPDATE communities" in write and "INSERT INTO audit_entries" in write
    if compiled:
        assert payload == [] and "row_to_json" in write and "FROM changed" in write
    else:  # the resolvers read the community, its grid count and street, and end
        assert "row_to_json" not in write
        assert payload[0] == "BEGIN" and payload[-1] == "ROLLBACK" and len(payload) == 5


async def test_a_payload_that_reads_the_renamed_table_again_reads_after_the_write(
    seeded: Database,
) -> None:
    """The write's statement reads the database as it was before it: a payload that reads
    the renamed community's table beyond the renamed row (its street's communities) is
    read after the write, on PostgreSQL as a statement of its own, and finds the name."""
    document = RENAME.replace(
        "street { name }", "street { name communities(first: 100) { nodes { name } } }"
    )
    statements = await _rename_counted(seeded, True, document)
    if seeded.backend == "postgresql":
        _charge, write, read = statements
        assert write.startswith("WITH node AS") and "row_to_json" not in write
        assert "json" in read.lower()
    async with graphql_client(seeded) as client:
        data = await client.data(document.replace("新名", "新名二"), {"id": await _renamed(seeded)})
    street = data["renameNode"]["node"]["street"]
    assert "新名二" in [community["name"] for community in street["communities"]["nodes"]]


async def test_a_rename_to_the_same_name_reads_its_payload_after_the_statement(
    seeded: Database,
) -> None:
    """Renaming a community to its own name writes nothing, so the write's statement has
    no row to read the payload from: the payload is read after it, and answers."""
    await _rename_counted(seeded, True, RENAME)
    community = await _renamed(seeded)
    async with graphql_client(seeded) as client:
        await client.headers()  # signed in before the count
        with seeded.count_statements() as statements:
            data = await client.data(RENAME, {"id": community})
    payload = data["renameNode"]
    assert payload["userErrors"] == [] and payload["node"]["name"] == "新名"
    assert payload["node"]["street"]["name"] and payload["node"]["gridCount"] > 0
    if seeded.backend == "postgresql":
        _charge, write, read = statements
        assert "row_to_json" in write and "json" in read.lower()


async def test_a_carried_payload_binds_its_parameters_after_the_write(
    seeded: Database,
) -> None:
    """The payload's own parameters (a page size, a cursor) follow the write's in the one
    statement: the page is the one asked for, and the next page starts where it ended."""
    document = """mutation($id: ID!, $name: String!, $first: Int!, $after: String) {
      renameNode(input: {id: $id, name: $name}) { node { ... on Community { name
        grids(first: $first, after: $after) { totalCount nodes { name }
          pageInfo { hasNextPage endCursor } } } } userErrors { code } } }"""
    async with graphql_client(seeded) as client:
        found = await client.data(
            "{ communities(first: 1) { nodes { id grids(first: 100) { nodes { name } } } } }"
        )
        community = found["communities"]["nodes"][0]
        every = [grid["name"] for grid in community["grids"]["nodes"]]
        assert len(every) >= 3
        with seeded.count_statements() as statements:
            first = await client.data(
                document, {"id": community["id"], "name": "第一页", "first": 2}
            )
        page = first["renameNode"]["node"]
        assert page["name"] == "第一页" and page["grids"]["totalCount"] == len(every)
        assert [grid["name"] for grid in page["grids"]["nodes"]] == every[:2]
        after = page["grids"]["pageInfo"]["endCursor"]
        with seeded.count_statements() as again:
            second = await client.data(
                document, {"id": community["id"], "name": "第二页", "first": 2, "after": after}
            )
    rest = second["renameNode"]["node"]
    assert rest["name"] == "第二页"
    assert [grid["name"] for grid in rest["grids"]["nodes"]] == every[2:4]
    if seeded.backend == "postgresql":
        (_charge, write), (_, with_cursor) = statements, again
        assert "FROM changed" in write and "FROM changed" in with_cursor
        # The write binds $1 to $21; the cursor's keys come after them.
        assert "$21" in with_cursor and "$22" in with_cursor and "$22" not in write


async def _renamed(seeded: Database) -> str:
    """The global ID of the community `_rename_counted` renamed to 新名."""
    async with seeded.session() as session:
        pk = await session.scalar(text("SELECT id FROM communities WHERE name = '新名'"))
    assert isinstance(pk, int)
    return encode("Community", pk)


async def test_a_failed_mutation_rolls_back_and_a_second_commits_the_first(
    seeded: Database, client: GraphQLClient
) -> None:
    found = await client.data("{ communities(first: 2) { nodes { id } } }")
    first, second = (node["id"] for node in found["communities"]["nodes"])
    document = """mutation($a: ID!, $b: ID!) {
      one: renameNode(input: {id: $a, name: "甲社区"}) { userErrors { code } }
      two: renameNode(input: {id: $b, name: ""}) { userErrors { code } } }"""
    with seeded.count_statements() as statements:
        data = await client.data(document, {"a": first, "b": second})
    assert data["one"]["userErrors"] == [] and data["two"]["userErrors"] != []
    control = [s for s in statements if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
    begin = "BEGIN IMMEDIATE" if seeded.backend == "sqlite" else "BEGIN"
    assert control[:2] == [begin, "COMMIT"] and control[-1] == "ROLLBACK"
    async with seeded.session() as session:
        names = (await session.scalars(text("SELECT name FROM communities"))).all()
    assert "甲社区" in names and "" not in names


async def test_the_read_only_transaction_refuses_writes(db: Database) -> None:
    """What `BEGIN READ ONLY` in the counts stands for: PostgreSQL refuses a write in it."""
    if db.backend != "postgresql":
        pytest.skip("SQLite has no read-only transactions; its reads take no write lock")
    async with db.session() as session:
        await session.connection(execution_options=READ_ONLY_TRANSACTION)
        with pytest.raises(DBAPIError, match="read-only transaction"):
            await session.execute(text("UPDATE users SET active = active"))


def queue_of(engine: AsyncEngine) -> QueuePool:
    pool = engine.pool
    assert isinstance(pool, QueuePool)
    return pool


@contextmanager
def checkouts(db: Database) -> Iterator[list[object]]:
    """The connections taken from the engine's pool inside the block."""
    taken: list[object] = []

    def checkout(dbapi_connection: object, *_: object) -> None:
        taken.append(dbapi_connection)

    event.listen(db.engine.sync_engine, "checkout", checkout)
    try:
        yield taken
    finally:
        event.remove(db.engine.sync_engine, "checkout", checkout)


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_a_compiled_read_takes_one_connection(seeded: Database, compiled: bool) -> None:
    """The compiled read runs on the connection the charge took (Context.connection);
    the resolvers release it and read on the session's own, one after the other, so a
    request never holds two connections at once."""
    async with graphql_client(seeded, compiled_reads=compiled) as client:
        await client.headers()
        with checkouts(seeded) as taken:
            data = await client.data("{ communities(first: 3) { nodes { name } } }")
        assert len(data["communities"]["nodes"]) == 3
        assert len(taken) == (1 if compiled else 2)
        assert queue_of(seeded.engine).checkedout() == 0  # all given back
        # Two root fields read in one transaction on the session's connection.
        with checkouts(seeded) as taken:
            await client.data("{ a: district { name } b: district { name } }")
        assert len(taken) == 2
        assert queue_of(seeded.engine).checkedout() == 0
        # A rename alone, on PostgreSQL, writes and reads its compiled payload on the
        # charge's connection; otherwise the session takes its own after the charge's.
        found = await client.data("{ communities(first: 1) { nodes { id } } }")
        community = found["communities"]["nodes"][0]["id"]
        with checkouts(seeded) as taken:
            data = await client.data(RENAME, {"id": community})
        assert data["renameNode"]["userErrors"] == []
        assert len(taken) == (1 if compiled and seeded.backend == "postgresql" else 2)
        assert queue_of(seeded.engine).checkedout() == 0


async def test_a_charge_on_a_connection_the_server_closed_is_sent_again(
    seeded: Database,
) -> None:
    """The pooled connections die (the server restarted, say): the charge, sent to the
    driver directly on PostgreSQL (db/driver.py), finds its connection closed, which is
    replaced, the pool's older ones with it, and the request is answered."""
    if seeded.backend != "postgresql":
        pytest.skip("a server to close the connections")
    others = create_async_engine(seeded.url, poolclass=NullPool)
    backends = text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()"
    )
    engine = create_engine(seeded.url)  # a pool of this test's own
    try:
        async with others.connect() as connection:
            before = set((await connection.execute(backends)).scalars())
        async with graphql_client(replace(seeded, engine=engine)) as client:
            await client.headers()
            await client.data("{ district { name } }")
            assert queue_of(engine).checkedin() >= 1  # pooled
            async with others.connect() as connection:
                pooled = set((await connection.execute(backends)).scalars()) - before
                assert pooled
                for pid in pooled:
                    await connection.execute(
                        text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}
                    )
            # Compiled (on the charge's connection), then through the resolvers.
            data = await client.data("{ communities(first: 2) { nodes { name } } }")
            assert len(data["communities"]["nodes"]) == 2
            both = await client.data("{ district { name } grids(first: 1) { totalCount } }")
            assert both["grids"]["totalCount"] > 0
    finally:
        await engine.dispose()
        await others.dispose()


@pytest.mark.parametrize("compiled", [False, True], ids=["resolvers", "compiled"])
async def test_a_bad_cursor_in_a_payload_is_the_resolvers_error(
    seeded: Database, compiled: bool
) -> None:
    """A payload whose nested page has a cursor that does not decode: the compiled
    payload (carried in the rename's statement on PostgreSQL, or read after the write)
    steps aside, as a compiled query does, and the answer is the resolvers' on every path:
    the rename is written, and the page's field carries BAD_USER_INPUT."""
    document = """mutation($id: ID!) { renameNode(input: {id: $id, name: "坏游标"}) {
      node { ... on Community { name grids(first: 2, after: "garbage") { nodes { name } } } }
      userErrors { code } } }"""
    async with graphql_client(seeded, compiled_reads=compiled) as client:
        found = await client.data("{ communities(first: 1) { nodes { id } } }")
        community = found["communities"]["nodes"][0]["id"]
        body = await client.post(document, {"id": community})
    assert body["data"] == {"renameNode": {"node": None, "userErrors": []}}
    (error,) = body["errors"]
    assert error["path"] == ["renameNode", "node", "grids", "nodes"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    async with seeded.session() as session:
        name = await session.scalar(text("SELECT name FROM communities WHERE name = '坏游标'"))
    assert name == "坏游标"
