"""`grassroots seed`: generate a district into the database and count what it holds."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from cli.common import DatabaseUrl, console, errors, on_database, require_migrated, settings_for

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine


def seed(
    scale: Annotated[
        float, typer.Option(min=0.01, max=1000, help="Size against the real district (1).")
    ] = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same district.")] = 42,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="The day the generated history ends (default: today in Asia/Shanghai);"
            " the same seed and day, the same district. 2022-07-04 is the report's.",
            show_default=False,
        ),
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Replace a district the database already holds.")
    ] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when a district exists.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    no_accounts: Annotated[
        bool,
        typer.Option(
            "--no-accounts",
            help="Create no accounts (needed when GRASSROOTS_ENV=production).",
        ),
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Generate the district (59 communities, 5,600 in-service members, … at scale 1),
    with accounts for its people that all share the development password grassroots-dev
    (README: Accounts)."""
    import json
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from simulation.district_time import DISTRICT_TZ
    from simulation.generator.census import census
    from simulation.generator.generate import DistrictExistsError, generate, holds_data
    from simulation.scale import EARLIEST_AS_OF, Scale

    size = Scale(scale)
    day = as_of.date() if as_of else datetime.now(DISTRICT_TZ).date()
    if day < EARLIEST_AS_OF:
        errors.print(f"[red]--as-of: the history cannot end before {EARLIEST_AS_OF}[/red]")
        raise typer.Exit(1)
    settings = settings_for(database_url)
    if settings.production and not no_accounts:
        errors.print(
            "[red]GRASSROOTS_ENV=production: the generated accounts would all share the"
            " public development password; pass --no-accounts to seed without them[/red]"
        )
        raise typer.Exit(1)
    url = settings.database_url
    require_migrated(url)

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
                accounts=not no_accounts,
                as_of=day,
                on_community=lambda: progress.advance(task),
            )
            seconds = time.perf_counter() - started
        return rows, seconds, await census(engine, size)

    try:
        result = on_database(url, run)
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
                    "as_of": day.isoformat(),
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
        "reported (2022)",
        title=f"district generated: scale {scale:g}, seed {seed}, as of {day},"
        f" {sum(rows.values()):,} rows in {seconds:.1f} s",
    )
    domain = _domain_figures()
    for line in lines:
        expected = "" if line.expected is None else f"{line.expected:,}"
        mark = "" if line.expected in (None, line.generated) else " [red]≠[/red]"
        table.add_row(line.label, f"{line.generated:,}{mark}", expected, domain.get(line.key, ""))
    console.print(table)
    if not no_accounts:
        from simulation.account_names import DEVELOPMENT_PASSWORD, observer_username
        from simulation.scale import OBSERVERS

        console.print(
            f"accounts: admin, {observer_username(1)}…{observer_username(OBSERVERS)},"
            " company<key> for property companies and person<key> for people with a role"
            " (`grassroots user list --role ROLE [--scope team:<name>]`), all with the"
            f" password {DEVELOPMENT_PASSWORD}"
        )


def _domain_figures() -> dict[str, str]:
    """The report's figures (docs/domain.md): scale 1, with "5,600+" members as reported."""
    from simulation.scale import Scale

    return {
        key: f"{n:,}{'+' if key == 'in_service_party_members' else ''}"
        for key, n in Scale(1).expected().items()
    }
