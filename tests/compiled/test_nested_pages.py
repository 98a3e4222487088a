"""On SQLite a nested page is one common table expression for all its parents
(schema/compiled/walk.py, `Walker.grouped`); under one object whose key the request binds
(`node`, `nodes`, a mutation payload's object) it must build that object's page only, or
a community's page numbers every grid of the district. The answers themselves are
compared with the resolvers' in test_every_operation.py and test_same_answers.py."""

from __future__ import annotations

import re

import httpx
from graphql import VariableValues, get_operation_ast, get_variable_values, parse
from sqlalchemy import select

from db.models import AccountRole, Community
from resolvers.accounts.viewer import Grant, ScopeLevel, Viewer
from resolvers.compiled.builder import Inputs
from resolvers.compiled.dialect import Dialect
from resolvers.global_ids import encode
from schema import schema
from schema.compiled.queries import compile_operation
from tests.compiled.test_same_answers import answer, viewers
from tests.support.database import Database

ADMIN = Viewer(user_id=1, grants=(Grant(AccountRole.DISTRICT_ADMIN, ScopeLevel.DISTRICT, 1),))


def _compiled(document: str, variables: dict[str, object]) -> tuple[str, list[object]]:
    parsed = parse(document)
    operation = get_operation_ast(parsed)
    assert operation is not None
    values = get_variable_values(schema._schema, operation.variable_definitions or (), variables)
    assert isinstance(values, VariableValues)
    plan = compile_operation(schema._schema, parsed, None, values, ADMIN, Dialect("sqlite"))
    assert plan is not None
    (statement,) = plan
    return statement.sql, [get(Inputs(values, ADMIN)) for get in statement.params]


def _bound_key(sql: str, params: list[object], column: str) -> list[object]:
    """The values bound where the statement's pages compare `column` with a parameter."""
    return [params[int(n) - 1] for n in re.findall(rf"\.{column} = \?(\d+)", sql)]


def test_a_node_s_nested_pages_read_its_children_only() -> None:
    community = encode("Community", 7)
    sql, params = _compiled(
        """query($id: ID!) { node(id: $id) { ... on Community { name
          grids(first: 30) { totalCount nodes { name
            buildings(first: 5) { nodes { name } } } } } } }""",
        {"id": community},
    )
    # The grids' page is the community's (the page and its totalCount); the buildings'
    # pages are those of the grids on that page, which the grids' window, bound to the
    # community again, lists.
    assert sql.count("MATERIALIZED") == 2
    assert _bound_key(sql, params, "community_id") == [7, 7, 7]
    assert _bound_key(sql, params, "grid_id") == []
    assert len(re.findall(r"\.grid_id IN \(SELECT", sql)) == 1


def test_pages_under_a_page_read_its_rows_children_only() -> None:
    sql, _params = _compiled(
        """{ streets(first: 2) { nodes { name communities(first: 3) { nodes { name
          grids(first: 4) { nodes { name } } } } } } }""",
        {},
    )
    # The communities' pages are those of the streets' page (cut at 2 + 1), and the grids'
    # pages those of the communities on those pages (3 + 1 a street).
    assert len(re.findall(r"\.street_id IN \(SELECT", sql)) == 2
    assert len(re.findall(r"\.community_id IN \(SELECT", sql)) == 1
    assert "LIMIT 2 + 1" in sql and ".rn <= 3 + 1" in sql


def test_each_of_several_nodes_reads_its_own_children() -> None:
    ids = [encode("Community", 3), encode("Street", 2)]
    sql, params = _compiled(
        """query($ids: [ID!]!) { nodes(ids: $ids) {
          ... on Community { grids(first: 3) { nodes { name } } }
          ... on Street { communities(first: 3) { nodes { name } } } } }""",
        {"ids": ids},
    )
    assert set(_bound_key(sql, params, "community_id")) == {3, 2}
    assert set(_bound_key(sql, params, "street_id")) == {3, 2}


async def test_a_branch_given_up_leaves_nothing_to_the_next(
    seeded: Database, apps: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    """A `node` branch the compiler gives up on (Street's `roles` is not taught) gives
    its aliases out again to the next branch: what it noted about them (a page's rows, an
    object's key) must go too, or a page the next branch nests under a reused alias (here
    the community's street takes the alias of the street's communities' page, and its own
    communities' page would read the children of that page's rows) would read the wrong
    parents' children. Same bytes as the resolvers, for the community's ID and the
    street's. The last community is taken: its key is no street's, so a page read under
    the wrong parents comes out empty instead of right by chance."""
    compiled, resolved = apps
    query = """query($id: ID!) { node(id: $id) {
      ... on Street { name communities(first: 3) { nodes { name grids(first: 2) {
        nodes { name } } } } roles(first: 1) { totalCount } }
      ... on Community { partyOrganization { name }
        street { name communities(first: 3) { nodes { name } } }
        grids(first: 2) { nodes { name buildings(first: 2) { nodes { name } } } } } } }"""
    async with seeded.engine.connect() as connection:
        community, street = (
            await connection.execute(
                select(Community.id, Community.street_id).order_by(Community.id.desc()).limit(1)
            )
        ).one()
    token = (await viewers(seeded))["district admin"]
    for variables in ({"id": encode("Community", community)}, {"id": encode("Street", street)}):
        fast = await answer(compiled, token, query, variables)
        slow = await answer(resolved, token, query, variables)
        assert fast == slow, (variables, fast[:2000], slow[:2000])
        assert b'"errors"' not in fast
