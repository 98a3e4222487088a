"""The rename as one statement on PostgreSQL (resolvers/organization/renaming.py): its
checks in SQL (the grant's scope, archived, the name taken) decide whether it writes, and
the name and its audit entry are written together or not at all."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select, update

from db.base import utcnow
from db.driver import first_row
from db.models import AuditEntry, Community, Street
from db.session import autocommit_options
from resolvers.accounts.viewer import ScopeLevel
from resolvers.organization.renaming import _at_once
from tests.support.database import Database

NEW_NAME = "新名社区"


def _scopes(**given: list[int]) -> dict[str, Any]:
    values: dict[str, Any] = {f"scope_{level.value}": [] for level in ScopeLevel}
    values.update({f"scope_{slot}": ids for slot, ids in given.items()})
    return {"anywhere": False, **values}


async def _rename(seeded: Database, community: Community, **changes: Any) -> tuple[Any, ...]:
    """Send the statement as `renameNode` would for `community`, with `changes` to its
    values (the grants' scopes, the name); the row it returns."""
    values = {
        "pk": community.id,
        "name": NEW_NAME,
        "now": utcnow(),
        "at": utcnow(),
        "user_id": None,
        "person_id": None,
        "operation": "renameNode",
        "action": "UPDATE",
        "object_type": "Community",
        "after": json.dumps({"name": changes.get("name", NEW_NAME)}),
        "request_id": "at-once",
        **_scopes(street_id=[community.street_id]),
        **changes,
    }
    async with seeded.engine.connect() as connection:
        await connection.execution_options(**autocommit_options(seeded.engine))
        statement = _at_once(Community, connection.dialect)
        row = await first_row(connection, statement.sql, statement.arguments(values))
    assert row is not None
    return tuple(row)


async def _state(seeded: Database, pk: int) -> tuple[str, int]:
    async with seeded.session() as session:
        name = await session.scalar(select(Community.name).where(Community.id == pk))
        entries = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.request_id == "at-once")
        )
    assert name is not None
    return name, int(entries or 0)


async def test_the_statement_writes_only_what_its_checks_allow(seeded: Database) -> None:
    if seeded.backend != "postgresql":
        pytest.skip("the rename in one statement is PostgreSQL's (SQLite has no UPDATE in a CTE)")
    async with seeded.session() as session:
        communities = (await session.scalars(select(Community).order_by(Community.id))).all()
        first = communities[0]
        district = await session.scalar(
            select(Street.district_id).where(Street.id == first.street_id)
        )
    assert district is not None
    sibling = next(c for c in communities[1:] if c.street_id == first.street_id)
    elsewhere = next(c for c in communities if c.street_id != first.street_id)
    refused = [
        _scopes(),  # no grant of a role the rule allows
        _scopes(street_id=[elsewhere.street_id]),  # a street admin of another street
        _scopes(community_id=[first.id]),  # the community's own secretary: not its parent
        _scopes(district_id=[district + 1]),  # another district
    ]
    for scopes in refused:
        *_, covered, written = await _rename(seeded, first, **scopes)
        assert (covered, written) == (False, 0), scopes
    *_, taken, covered, written = await _rename(seeded, first, name=sibling.name)
    assert (taken, covered, written) == (True, True, 0)
    assert await _state(seeded, first.id) == (first.name, 0)
    # Covered by the street's admin, by the district's, or by a rule that allows anyone.
    for scopes in (_scopes(district_id=[district]), {"anywhere": True}):
        *_, covered, written = await _rename(seeded, first, name=first.name, **scopes)
        assert (covered, written) == (True, 0)  # the same name: nothing to write
    name, archived_at, parent_id, *_, taken, covered, written = await _rename(seeded, first)
    assert (name, archived_at, parent_id) == (first.name, None, first.street_id)
    assert (taken, covered, written) == (False, True, 1)
    assert await _state(seeded, first.id) == (NEW_NAME, 1)
    async with seeded.session() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.request_id == "at-once"))
    assert entry is not None
    assert (entry.object_id, entry.before, entry.after) == (
        first.id,
        {"name": first.name},
        {"name": NEW_NAME},
    )
    # An archived node is not renamed.
    async with seeded.session() as session, session.begin():
        await session.execute(
            update(Community).where(Community.id == sibling.id).values(archived_at=utcnow())
        )
    *_, covered, written = await _rename(seeded, sibling, name="又一个名字")
    assert (covered, written) == (True, 0)
    assert await _state(seeded, sibling.id) == (sibling.name, 1)
