"""The `grassroots` command line: serve, migrate, seed and export the schema."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
import uvicorn
from rich.console import Console
from rich.table import Table

from server.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")

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


def _on_database(url: str, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run `work` on an engine for `url`, disposed of afterwards."""
    from db.session import create_engine

    async def run() -> T:
        engine = create_engine(url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _require_migrated(url: str) -> None:
    """Refuse to serve a database the migrations have not brought up to date."""
    from db.migrate import current_revision, head_revision

    current, head = _on_database(url, current_revision), head_revision()
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

    async def run(engine: AsyncEngine) -> str | None:
        await upgrade(engine, revision)
        return await current_revision(engine)

    current = _on_database(_settings(database_url).database_url, run)
    console.print(f"database at revision {current}")


@db_app.command("current")
def db_current(database_url: DatabaseUrl = None) -> None:
    """Print the database's migration revision."""
    from db.migrate import current_revision

    current = _on_database(_settings(database_url).database_url, current_revision)
    console.print(current or "empty (no migrations applied)")


@app.command()
def seed(
    scale: Annotated[
        float, typer.Option(min=0.01, max=1000, help="Size against the real district (1).")
    ] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same district.")] = 42,
    reset: Annotated[
        bool, typer.Option("--reset", help="Replace a district the database already holds.")
    ] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when a district exists.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Generate the district (59 communities, 5,600 in-service members, … at scale 1)."""
    import json
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from simulation.census import census
    from simulation.generate import DistrictExistsError, generate, holds_data
    from simulation.scale import Scale

    size = Scale(scale)
    url = _settings(database_url).database_url
    _require_migrated(url)
    errors = Console(stderr=True)

    async def run(engine: AsyncEngine) -> tuple[dict[str, int], float, list[Any]] | None:
        async with engine.connect() as connection:
            exists = await holds_data(connection)
        if exists and if_empty:
            return None
        if exists and not reset:
            raise DistrictExistsError("the database already holds a district")
        progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=errors,
            transient=as_json,
        )
        with progress:
            task = progress.add_task("communities", total=size.communities)
            started = time.perf_counter()
            rows = await generate(
                engine,
                size,
                seed,
                reset=reset,
                on_community=lambda: progress.advance(task),
            )
            seconds = time.perf_counter() - started
        return rows, seconds, await census(engine, size)

    try:
        result = _on_database(url, run)
    except DistrictExistsError:
        errors.print(
            "[red]the database already holds a district (or other data): pass --reset to"
            " replace it (or --if-empty to keep it)[/red]"
        )
        raise typer.Exit(1) from None
    if result is None:
        errors.print("the database already holds data; nothing to do")
        return
    rows, seconds, lines = result
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "scale": scale,
                    "seed": seed,
                    "seconds": round(seconds, 3),
                    "rows": rows,
                    "counts": {
                        line.key: {"generated": line.generated, "expected": line.expected}
                        for line in lines
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table(
        "figure",
        "generated",
        "expected",
        "DOMAIN.md",
        title=f"district generated: scale {scale:g}, seed {seed},"
        f" {sum(rows.values()):,} rows in {seconds:.1f} s",
    )
    domain = _domain_figures()
    for line in lines:
        expected = "" if line.expected is None else f"{line.expected:,}"
        mark = "" if line.expected in (None, line.generated) else " [red]≠[/red]"
        table.add_row(line.label, f"{line.generated:,}{mark}", expected, domain.get(line.key, ""))
    console.print(table)


def _domain_figures() -> dict[str, str]:
    """DOMAIN.md's figures: what scale 1 expects (the report says "5,600+" members)."""
    from simulation.scale import Scale

    return {
        key: f"{n:,}{'+' if key == 'in_service_party_members' else ''}"
        for key, n in Scale(1).expected().items()
    }


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
