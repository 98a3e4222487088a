"""The `grassroots` command line: serve, migrate, seed and export the schema."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.table import Table

from server.settings import Settings

app = typer.Typer(
    help="Shizhong grassroots party-building API (红市中·暖万家).", no_args_is_help=True
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
console = Console()

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL; default GRASSROOTS_DATABASE_URL or ./grassroots.db.",
        show_default=False,
    ),
]


def _settings(database_url: str | None) -> Settings:
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.")] = 1,
    database_url: DatabaseUrl = None,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql outside production)."""
    import os

    settings = _settings(database_url)
    _require_migrated(settings.database_url)
    os.environ["GRASSROOTS_DATABASE_URL"] = settings.database_url
    host, port = host or settings.host, port or settings.port
    console.print(f"GraphQL on http://{host}:{port}/graphql ({_safe(settings.database_url)})")
    uvicorn.run(
        "server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        lifespan="on",
    )


def _require_migrated(url: str) -> None:
    """Refuse to serve a database the migrations have not brought up to date."""
    from db.migrate import current_revision, head_revision
    from db.session import create_engine

    async def revision() -> str | None:
        engine = create_engine(url)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    current, head = asyncio.run(revision()), head_revision()
    if current != head:
        console.print(
            f"[red]the database {_safe(url)} is at revision {current or 'none (empty)'},"
            f" the code needs {head}: run `grassroots db upgrade` first[/red]"
        )
        raise typer.Exit(1)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    database_url: DatabaseUrl = None,
) -> None:
    """Apply migrations up to REVISION (creates the schema on an empty database)."""
    from db.migrate import current_revision, upgrade
    from db.session import create_engine

    async def run() -> str | None:
        engine = create_engine(_settings(database_url).database_url)
        try:
            await upgrade(engine, revision)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    console.print(f"database at revision {asyncio.run(run())}")


@db_app.command("current")
def db_current(database_url: DatabaseUrl = None) -> None:
    """Print the database's migration revision."""
    from db.migrate import current_revision
    from db.session import create_engine

    async def run() -> str | None:
        engine = create_engine(_settings(database_url).database_url)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    console.print(asyncio.run(run()) or "empty (no migrations applied)")


@app.command()
def seed(
    scale: Annotated[int, typer.Option(min=1, max=100, help="Multiply the communities.")] = 1,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when a district exists.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Load the built-in demo district into a migrated database."""
    from db.session import create_engine, create_sessionmaker
    from simulation.demo import DistrictExistsError, load_demo

    async def run() -> dict[str, int] | None:
        engine = create_engine(_settings(database_url).database_url)
        try:
            async with create_sessionmaker(engine)() as session:
                return await load_demo(session, scale=scale)
        except DistrictExistsError:
            return None
        finally:
            await engine.dispose()

    counts = asyncio.run(run())
    if counts is None:
        if if_empty:
            console.print("a district is already loaded; nothing to do")
            return
        console.print("[red]the database already holds a district[/red]")
        raise typer.Exit(1)
    table = Table("table", "rows", title="demo district loaded")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)


@app.command("export-schema")
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
