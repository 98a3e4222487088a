from __future__ import annotations

from tests.support.graphql import GraphQLClient


async def test_district_streets(seeded: object, client: GraphQLClient) -> None:
    data = await client.data("{ district { streets { totalCount } } }")
    assert data["district"]["streets"]["totalCount"] == 11
