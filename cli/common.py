"""What the commands share: the consoles, the --database-url option, the settings, and
running work on a database that the migrations have brought up to date."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from server.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")

console = Console()
errors = Console(stderr=True)

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL; default GRASSROOTS_DATABASE_URL or ./grassroots.db.",
        show_default=False,
    ),
]


def settings_for(database_url: str | None) -> Settings:
    from pydantic import ValidationError

    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors():
            errors.print(f"[red]{escape(str(problem['msg']))}[/red]")
        raise typer.Exit(2) from None
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings


def on_database(url: str, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run `work` on an engine for `url`, disposed of afterwards."""
    from db.session import create_engine

    async def run() -> T:
        engine = create_engine(url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def require_migrated(url: str) -> None:
    """Refuse to serve a database the migrations have not brought up to date."""
    from db.migrate import current_revision, head_revision

    current, head = on_database(url, current_revision), head_revision()
    if current != head:
        console.print(
            f"[red]the database {safe(url)} is at revision {current or 'none (empty)'},"
            f" the code needs {head}: run `grassroots db upgrade` first[/red]"
        )
        raise typer.Exit(1)


def safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
