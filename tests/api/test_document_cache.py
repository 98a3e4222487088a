"""Parsing and validation are cached per document text; the response is written as bytes,
and a result may carry JSON that is already serialised (orjson.Fragment), which is written
as it is, not parsed and serialised again."""

from __future__ import annotations

import orjson
from strawberry.types import ExecutionResult

from db.session import create_sessionmaker
from resolvers.context import Context
from schema.document_cache import parsed, validated
from server.app import GraphQLApp
from server.settings import Settings
from server.transport import JSON
from tests.support.database import Database
from tests.support.graphql import GraphQLClient


async def test_a_repeated_document_is_parsed_and_validated_once(
    db: Database, client: GraphQLClient
) -> None:
    query = f"{{ streets(first: 1) {{ totalCount }} }}  # {db.backend}"
    parses, validations = parsed.cache_info(), validated.cache_info()
    for _ in range(3):
        assert (await client.data(query))["streets"]["totalCount"] == 0
    assert parsed.cache_info().misses - parses.misses == 1
    assert validated.cache_info().misses - validations.misses == 1
    assert validated.cache_info().hits - validations.hits == 2


async def test_the_cached_validation_keeps_each_documents_errors(
    db: Database, client: GraphQLClient
) -> None:
    wrong = f"{{ streets(first: 1) {{ noSuchField }} }}  # {db.backend}"
    for _ in range(2):
        assert await client.error_codes(wrong) == ["GRAPHQL_VALIDATION_FAILED"]
    # Two operations without operationName are refused; naming one runs it (other rules).
    both = (
        f"query A {{ streets {{ totalCount }} }} query B {{ grids {{ totalCount }} }} #{db.backend}"
    )
    assert await client.error_codes(both) == ["GRAPHQL_VALIDATION_FAILED"]
    named = await client.http.post(
        "/graphql", json={"query": both, "operationName": "B"}, headers=await client.headers()
    )
    assert named.json()["data"] == {"grids": {"totalCount": 0}}


async def test_serialised_json_in_a_result_is_written_as_it_is(db: Database) -> None:
    app = GraphQLApp(create_sessionmaker(db.engine), Settings(database_url=db.url))
    context = Context(session=db.session(), request_id="r")
    try:
        fragment = orjson.Fragment(b'{"totalCount": 3}')
        result = ExecutionResult(data={"streets": fragment}, errors=None)
        response = app.graphql_response(result, context, JSON)
    finally:
        await context.close()
    assert response.body == b'{"data":{"streets":{"totalCount": 3}}}'
