"""`grassroots export-incidents`: the generated district's incidents as the API's
`incidentsCsv` gives them to the district admin, to a file or stdout, and limited to
the days asked for (district time, both ends included)."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from typer.testing import CliRunner, Result

from cli import app
from tests.support.database import Database
from tests.support.graphql import GraphQLClient


async def cli(db: Database, *args: str) -> Result:
    """Run the command in-process; in a thread, since it starts its own event loop."""
    return await asyncio.to_thread(
        CliRunner().invoke, app, ["export-incidents", *args, "--database-url", db.url]
    )


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_the_export_is_the_apis_csv(
    seeded: Database, client: GraphQLClient, tmp_path: Path
) -> None:
    from_api = (await client.data("{ incidentsCsv }"))["incidentsCsv"]
    assert len(rows(from_api)) > 10
    target = tmp_path / "incidents.csv"
    written = await cli(seeded, "--output", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == from_api
    printed = await cli(seeded)
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == from_api


async def test_the_export_keeps_the_days_asked_for(seeded: Database) -> None:
    every = rows((await cli(seeded)).stdout)
    days = sorted({row["reported_at"][:10] for row in every})
    first, last = days[len(days) // 3], days[2 * len(days) // 3]
    wanted = [row for row in every if first <= row["reported_at"][:10] <= last]
    assert 0 < len(wanted) < len(every)
    span = await cli(seeded, "--from", first, "--to", last)
    assert span.exit_code == 0, span.output
    assert rows(span.stdout) == wanted
    since = rows((await cli(seeded, "--from", last)).stdout)
    assert since == [row for row in every if row["reported_at"][:10] >= last]
    backwards = await cli(seeded, "--from", last, "--to", first)
    assert backwards.exit_code == 2
    assert "--to is before --from" in backwards.output
