"""`grassroots loadtest`: serve a seeded district, run Locust against it, report capacity.
Only typer is imported here; the runner loads Locust's machinery when called."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

DURATION_UNITS = {"s": 1, "m": 60, "h": 3600}


class Backend(enum.StrEnum):
    sqlite = "sqlite"
    postgres = "postgres"


def seconds_of(duration: str) -> float:
    """`60`, `90s`, `5m` or `1h` in seconds."""
    text = duration.strip().lower()
    unit = DURATION_UNITS.get(text[-1:])
    number = text[:-1] if unit else text
    try:
        value = float(number) * (unit or 1)
    except ValueError:
        raise typer.BadParameter(f"{duration!r} is not a duration such as 60, 90s, 5m") from None
    if value <= 0:
        raise typer.BadParameter("the duration must be positive")
    return value


def loadtest(
    users: Annotated[int, typer.Option(min=1, help="Users at full load.")] = 50,
    duration: Annotated[str, typer.Option(help="Run time: 60, 90s, 5m, 1h.")] = "60s",
    workers: Annotated[int, typer.Option(min=1, help="uvicorn worker processes.")] = 1,
    port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="Port of the API's server on 127.0.0.1 (default: a free one).",
            show_default=False,
        ),
    ] = None,
    database: Annotated[
        Backend, typer.Option(help="sqlite (a file in --output) or postgres (a throwaway cluster).")
    ] = Backend.sqlite,
    database_url: Annotated[
        str | None,
        typer.Option(help="An existing database to use instead; it is emptied and reseeded."),
    ] = None,
    spawn_rate: Annotated[float, typer.Option(min=0.1, help="Users started per second.")] = 10.0,
    step_load: Annotated[
        bool, typer.Option(help="Grow to --users in --steps equal steps to find saturation.")
    ] = False,
    steps: Annotated[int, typer.Option(min=2, help="Steps of --step-load.")] = 5,
    scale: Annotated[float, typer.Option(min=0.01, help="Size of the generated district.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Seed of the generated district.")] = 42,
    processes: Annotated[int, typer.Option(min=1, help="Locust processes generating load.")] = 1,
    output: Annotated[Path, typer.Option(help="Folder for the reports.")] = Path(
        "reports/loadtest"
    ),
    p95_ms: Annotated[float, typer.Option(help="Threshold: p95 latency at full load.")] = 500.0,
    max_error_rate: Annotated[
        float, typer.Option(help="Threshold: share of failed requests (0.01 = 1 %).")
    ] = 0.01,
    roles: Annotated[
        str,
        typer.Option(
            help="Play only these roles, comma-separated (e.g. grid_leader,secretary,department);"
            " default: every role, weighted as the district's users are."
        ),
    ] = "",
) -> None:
    """Load-test the API with Locust and write a capacity report (exit 1 over a threshold)."""
    from loadtests.capacity import Thresholds
    from loadtests.roles import UnknownRole, chosen
    from loadtests.runner import Options, run
    from loadtests.terminal import print_verdict
    from tooling.process import ServerError

    names = tuple(name.strip() for name in roles.split(",") if name.strip())
    try:
        chosen(names)
    except UnknownRole as error:
        raise typer.BadParameter(str(error), param_hint="--roles") from None
    options = Options(
        users=users,
        duration_seconds=seconds_of(duration),
        thresholds=Thresholds(p95_ms=p95_ms, max_error_rate=max_error_rate),
        workers=workers,
        port=port,
        database=database.value,
        database_url=database_url,
        spawn_rate=spawn_rate,
        step_load=step_load,
        steps=steps,
        scale=scale,
        seed=seed,
        processes=processes,
        output=output,
        roles=names,
    )
    try:
        outcome = run(options, say=lambda line: typer.echo(f"· {line}"))
    except (ServerError, RuntimeError) as error:
        typer.echo(f"loadtest: {error}", err=True)
        raise typer.Exit(2) from None
    print_verdict(outcome.report)
    typer.echo(f"report: {options.output / 'capacity.html'}")
    raise typer.Exit(outcome.exit_code)
