"""`grassroots serve`."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from cli.common import DatabaseUrl, console, require_migrated, safe, settings_for


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="uvicorn worker processes (default GRASSROOTS_WORKERS, or 1)."),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Serve the GraphQL API (GraphiQL at /graphql outside production)."""
    import os

    settings = settings_for(database_url)
    require_migrated(settings.database_url)
    os.environ["GRASSROOTS_DATABASE_URL"] = settings.database_url
    host, port = host or settings.host, port or settings.port
    workers = workers or settings.workers
    console.print(f"GraphQL on http://{host}:{port}/graphql ({safe(settings.database_url)})")
    uvicorn.run(
        "server.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        lifespan="on",
    )
