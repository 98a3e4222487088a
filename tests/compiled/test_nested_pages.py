"""On SQLite a nested page is one common table expression for all its parents
(schema/compiled/walk.py, `Walker.grouped`); under one object whose key the request binds
(`node`, `nodes`, a mutation payload's object) it must build that object's page only, or
a community's page numbers every grid of the district. The answers themselves are
compared with the resolvers' in test_every_operation.py and test_same_answers.py."""

from __future__ import annotations

import re

from graphql import VariableValues, get_operation_ast, get_variable_values, parse

from db.models import AccountRole
from resolvers.accounts.viewer import Grant, ScopeLevel, Viewer
from resolvers.compiled.builder import Inputs
from resolvers.compiled.dialect import Dialect
from resolvers.global_ids import encode
from schema import schema
from schema.compiled.extension import compile_operation

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
