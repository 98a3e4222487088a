"""`grassroots db`: migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import DatabaseUrl, console, on_database, settings_for

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)


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

    current = on_database(settings_for(database_url).database_url, run)
    console.print(f"database at revision {current}")


@db_app.command("current")
def db_current(database_url: DatabaseUrl = None) -> None:
    """Print the database's migration revision."""
    from db.migrate import current_revision

    current = on_database(settings_for(database_url).database_url, current_revision)
    console.print(current or "empty (no migrations applied)")
