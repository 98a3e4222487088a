"""`grassroots loadtest`: serve a seeded district, run Locust against it, report capacity.
Only typer is imported here; the runner loads Locust's machinery when called."""

from __future__ import annotations

import typer


def loadtest() -> None:
    """Load-test the API with Locust and write a capacity report."""
    typer.echo("not built yet")
    raise typer.Exit(1)
