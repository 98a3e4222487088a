"""`grassroots simulate`: play a year of the district through the GraphQL API.
Only typer is imported here; the simulation loads when the command runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

# A budget the simulation's own server gives each account: the year's admin reads and
# busy secretaries would otherwise wait out the per-minute cost limit made for people.
SIMULATION_COST_PER_MINUTE = "100000000"


def simulate(
    days: Annotated[int, typer.Option(min=1, max=366, help="Days to play.")] = 365,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same year.")] = 42,
    url: Annotated[
        str | None,
        typer.Option(
            help="A running API's /graphql (started with GRASSROOTS_SIMULATED_CLOCK=1);"
            " without it a fresh SQLite district is seeded and served.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="First day (default 2023-01-02); a fresh district's history ends the day before.",
            show_default=False,
        ),
    ] = None,
    scale: Annotated[
        float, typer.Option(min=0.01, max=100, help="District size for a fresh district.")
    ] = 1.0,
    workers: Annotated[
        int, typer.Option(min=1, max=16, help="uvicorn workers of the command's own server.")
    ] = 2,
    port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="Port of the command's own server on 127.0.0.1 (default: a free one).",
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Requests in flight.")] = 8,
    output: Annotated[Path, typer.Option(help="Where the report goes.")] = Path(
        "reports/simulation"
    ),
) -> None:
    """Play a simulated year through the API and write its report (JSON and HTML)."""
    import asyncio

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from simulation import scale as figures
    from simulation.year.simulate import SimulationError, play_year_at
    from tooling.process import ServerError, require_free_port, seed_fresh, served, sqlite_url

    if url is not None and port is not None:
        raise typer.BadParameter(
            "is the port of the command's own server; --url names a running one",
            param_hint="--port",
        )
    console = Console(stderr=True)
    first = start.date() if start else figures.YEAR_START
    progress = Progress(
        TextColumn("simulated days"),
        BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f}"),
        TimeElapsedColumn(),
        console=console,
    )
    task = progress.add_task("year", total=days)

    def play(graphql_url: str) -> object:
        with progress:
            return asyncio.run(
                play_year_at(
                    graphql_url,
                    days=days,
                    seed=seed,
                    start=first,
                    concurrency=concurrency,
                    progress=lambda done: progress.update(task, completed=done),
                )
            )

    try:
        if url is not None:
            report = play(url)
        else:
            if port is not None:  # before seeding a district for nothing
                require_free_port(port)
            output.mkdir(parents=True, exist_ok=True)
            database = output / "district.db"
            database_url = sqlite_url(database)
            console.print(f"seeding a fresh district (scale {scale:g}, seed {seed}) in {database}")
            # The generated history ends the day before the year begins (seed --as-of).
            seed_fresh(database_url, scale=scale, seed=seed, as_of=first - timedelta(days=1))
            settings = {
                "GRASSROOTS_SIMULATED_CLOCK": "1",
                "GRASSROOTS_COST_PER_MINUTE": SIMULATION_COST_PER_MINUTE,
                "GRASSROOTS_ENV": "development",
            }
            with served(
                database_url,
                workers=workers,
                port=port,
                settings=settings,
                log=output / "server.log",
            ) as server:
                report = play(server.graphql_url)
    except (SimulationError, ServerError) as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    from simulation.year.report import Report
    from simulation.year.summary import print_summary

    assert isinstance(report, Report)
    json_path, html_path = report.write(output)
    print_summary(report, console)
    console.print(f"report: {html_path} and {json_path}")
    raise typer.Exit(0 if report.verdict else 1)
