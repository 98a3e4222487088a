"""`grassroots export-schema` and `export-permissions`: the files generated from code;
`export-incidents`: the grid incidents as CSV, from the database."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import DatabaseUrl, errors, on_database, require_migrated, settings_for

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine


def export_schema(
    output: Annotated[Path | None, typer.Option(help="Write to this file, not stdout.")] = None,
) -> None:
    """Print the GraphQL SDL (what schema.graphql holds)."""
    from strawberry.printer import print_schema

    from schema import schema as graphql_schema

    sdl = print_schema(graphql_schema) + "\n"
    if output is None:
        typer.echo(sdl, nl=False)
    else:
        output.write_text(sdl, encoding="utf-8")


def export_permissions(
    output: Annotated[Path | None, typer.Option(help="Write to this file, not stdout.")] = None,
) -> None:
    """Print the permission table as Markdown (what docs/permissions.md holds)."""
    from cli.permissions_doc import render

    text = render()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def export_incidents(
    output: Annotated[
        Path | None, typer.Option(help="Write the CSV to this file, not stdout.")
    ] = None,
    reported_from: Annotated[
        datetime | None,
        typer.Option(
            "--from",
            formats=["%Y-%m-%d"],
            help="Only incidents reported on or after this day (Asia/Shanghai).",
            show_default=False,
        ),
    ] = None,
    reported_to: Annotated[
        datetime | None,
        typer.Option(
            "--to",
            formats=["%Y-%m-%d"],
            help="Only incidents reported on or before this day (Asia/Shanghai).",
            show_default=False,
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Export the district's grid incidents (网格事件) as CSV for offline analysis: the
    columns and rows of the API's `incidentsCsv`, read by the same code, for the whole
    district (the operator's shell sees everything). At most 20,000 rows, oldest first."""
    from datetime import timedelta

    from db.session import create_sessionmaker
    from resolvers.clock import DISTRICT_TZ
    from resolvers.incidents.queries import IncidentFilter, export_csv
    from resolvers.incidents.visibility import IncidentVisibility

    def start_of(day: datetime | None, days: int = 0) -> datetime | None:
        if day is None:
            return None
        return datetime.combine(day.date() + timedelta(days=days), time(), DISTRICT_TZ)

    wanted = IncidentFilter(
        IncidentVisibility(everything=True),
        reported_from=start_of(reported_from),
        reported_to=start_of(reported_to, days=1),  # through the whole last day
    )
    if wanted.reported_from and wanted.reported_to and wanted.reported_to <= wanted.reported_from:
        errors.print("[red]--to is before --from[/red]")
        raise typer.Exit(2)
    settings = settings_for(database_url)
    require_migrated(settings.database_url)

    async def run(engine: AsyncEngine) -> str:
        async with create_sessionmaker(engine)() as session:
            return await export_csv(session, wanted)

    text = on_database(settings.database_url, run)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    errors.print(f"{output}: {text.count(chr(10)) - 1:,} incidents")
