"""The floor: what the three shapes cost when nothing stands between HTTP and PostgreSQL.

A Starlette app on asyncpg (prepared statements, a small pool): each request names its
shape, runs one SQL statement that builds the whole response in PostgreSQL (the same JSON
as grassroots' answer), and sends that text back unparsed. No GraphQL, no auth, no audit.

    PEERS_FLOOR_DSN=postgresql://… uvicorn benchmarks.peers.floor:app
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

LIVE = "archived_at IS NULL"

TREE = f"""
SELECT json_build_object('data', json_build_object('streets', json_build_object('nodes',
  (SELECT coalesce(json_agg(json_build_object(
     'name', s.name,
     'communityCount', (SELECT count(*) FROM communities c WHERE c.street_id = s.id AND c.{LIVE}),
     'communities', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object(
        'name', c.name,
        'gridCount', (SELECT count(*) FROM grids g WHERE g.community_id = c.id AND g.{LIVE}),
        'grids', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object(
           'name', g.name,
           'buildingCount',
             (SELECT count(*) FROM buildings b WHERE b.grid_id = g.id AND b.{LIVE})
           ) ORDER BY g.name, g.id), '[]'::json)
           FROM grids g WHERE g.community_id = c.id AND g.{LIVE}))
        ) ORDER BY c.name, c.id), '[]'::json)
        FROM communities c WHERE c.street_id = s.id AND c.{LIVE}))
     ) ORDER BY s.name, s.id), '[]'::json)
   FROM streets s WHERE s.{LIVE}))))::text
"""

PEOPLE = """
SELECT json_build_object('data', json_build_object('people', json_build_object('nodes',
  coalesce(json_agg(json_build_object(
    'name', p.name,
    'phone', p.phone,
    'building', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object(
      'name', b.name, 'grid', json_build_object(
        'name', g.name, 'community', json_build_object(
          'name', c.name, 'street', json_build_object('name', s.name)))) END
  ) ORDER BY p.name, p.id), '[]'::json))))::text
FROM (SELECT id, name, phone, building_id FROM people ORDER BY name, id LIMIT 100) p
LEFT JOIN buildings b ON b.id = p.building_id
LEFT JOIN grids g ON g.id = b.grid_id
LEFT JOIN communities c ON c.id = g.community_id
LEFT JOIN streets s ON s.id = c.street_id
"""

RENAME = f"""
WITH renamed AS (
  UPDATE communities SET name = $2, updated_at = now() WHERE id = $1 AND {LIVE}
  RETURNING id, name, street_id
)
SELECT json_build_object('data', json_build_object('renameNode', json_build_object(
  'node', json_build_object(
    'name', r.name,
    'gridCount', (SELECT count(*) FROM grids g WHERE g.community_id = r.id AND g.{LIVE}),
    'street', json_build_object('name', s.name, 'district', json_build_object('name', d.name))),
  'userErrors', '[]'::json)))::text
FROM renamed r JOIN streets s ON s.id = r.street_id JOIN districts d ON d.id = s.district_id
"""


def _arguments(shape: str, variables: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    if shape == "tree":
        return TREE, ()
    if shape == "people":
        return PEOPLE, ()
    if shape == "rename":
        return RENAME, (int(variables["id"]), str(variables["name"]))
    raise KeyError(shape)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(
        os.environ["PEERS_FLOOR_DSN"], min_size=2, max_size=10
    )
    try:
        yield
    finally:
        await app.state.pool.close()


async def graphql(request: Request) -> Response:
    body = json.loads(await request.body())
    try:
        sql, arguments = _arguments(body.get("operationName", ""), body.get("variables") or {})
    except (KeyError, ValueError, TypeError):
        return PlainTextResponse("unknown shape", status_code=400)
    async with request.app.state.pool.acquire() as connection:
        text = await connection.fetchval(sql, *arguments)
    return Response(text, media_type="application/json")


async def healthz(_request: Request) -> Response:
    return PlainTextResponse("ok")


app = Starlette(
    routes=[Route("/graphql", graphql, methods=["POST"]), Route("/healthz", healthz)],
    lifespan=lifespan,
)
