"""SQL statements per request grow with the list fields of a query, never with its rows."""

from __future__ import annotations

from simulation.generator.generate import generate
from simulation.scale import Scale
from tests.support.database import Database, empty_tables
from tests.support.graphql import (
    BUDGET_STATEMENTS,
    SIGNED_IN_STATEMENTS,
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
    assert small <= 37 + SIGNED_IN_STATEMENTS + BUDGET_STATEMENTS


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
    # what every signed-in request reads first (the account and its grants).
    assert max(counts) <= 14 + SIGNED_IN_STATEMENTS + BUDGET_STATEMENTS


async def test_nodes_loads_each_type_in_one_statement(
    seeded: Database, client: GraphQLClient
) -> None:
    data = await client.data(
        "{ communities(first: 12) { nodes { id } } grids(first: 24) { nodes { id } } }"
    )
    ids = [n["id"] for n in data["communities"]["nodes"] + data["grids"]["nodes"]]
    with seeded.count_statements() as statements:
        found = await client.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert [n["id"] for n in found["nodes"]] == ids
    assert len(statements) == 2 + SIGNED_IN_STATEMENTS + BUDGET_STATEMENTS  # one per type
