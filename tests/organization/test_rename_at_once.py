"""The rename's one-statement write on PostgreSQL (resolvers/organization/renaming.py):
it writes, with its audit entry, only while the node is as the checks found it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from db.base import utcnow
from db.driver import first_row
from db.models import AuditEntry, Community
from db.session import autocommit_options
from resolvers.organization.renaming import _write_at_once
from tests.support.database import Database


async def _write(seeded: Database, community: Community, **changes: Any) -> int:
    """Send the write as the rename would after its checks, with `changes` to the values
    the checks found; the number of rows it updated."""
    values = {
        "pk": community.id,
        "old_name": community.name,
        "parent_id": community.street_id,
        "name": "新名社区",
        "now": utcnow(),
        "at": utcnow(),
        "user_id": None,
        "operation": "renameNode",
        "action": "UPDATE",
        "object_type": "Community",
        "before": json.dumps({"name": community.name}),
        "after": json.dumps({"name": "新名社区"}),
        "request_id": "at-once",
        **changes,
    }
    async with seeded.engine.connect() as connection:
        await connection.execution_options(**autocommit_options(seeded.engine))
        write = _write_at_once(Community, connection.dialect)
        row = await first_row(connection, write.sql, write.arguments(values))
    assert row is not None
    return int(row[0])


async def _state(seeded: Database, pk: int) -> tuple[str, int]:
    async with seeded.session() as session:
        name = await session.scalar(select(Community.name).where(Community.id == pk))
        entries = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.request_id == "at-once")
        )
    assert name is not None
    return name, int(entries or 0)


async def test_the_write_follows_only_what_the_checks_saw(seeded: Database) -> None:
    if seeded.backend != "postgresql":
        pytest.skip("the write in one statement is PostgreSQL's (SQLite has no UPDATE in a CTE)")
    async with seeded.session() as session:
        first, second = (
            await session.scalars(select(Community).order_by(Community.id).limit(2))
        ).all()
    # Renamed, moved or archived since the checks, or a sibling took the name: no row, no
    # audit entry.
    assert await _write(seeded, first, old_name="别的名字") == 0
    assert await _write(seeded, first, parent_id=first.street_id + 1000) == 0
    if first.street_id == second.street_id:
        assert await _write(seeded, first, name=second.name) == 0
    assert await _state(seeded, first.id) == (first.name, 0)
    # As the checks saw it: the name and its one audit entry, together.
    assert await _write(seeded, first) == 1
    assert await _state(seeded, first.id) == ("新名社区", 1)
    async with seeded.session() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.request_id == "at-once"))
    assert entry is not None
    assert (entry.object_id, entry.before, entry.after) == (
        first.id,
        {"name": first.name},
        {"name": "新名社区"},
    )
