"""`grassroots simulate`: play a year of the district through the GraphQL API.
Only typer is imported here; the simulation loads when the command runs."""

from __future__ import annotations

import typer


def simulate() -> None:
    """Play a simulated year through the API and write its report."""
    typer.echo("not built yet")
    raise typer.Exit(1)
