"""The `grassroots` command line: serve, migrate, seed, manage accounts, sign development
tokens and export the schema. Heavy imports stay inside the commands, so that every
command (and --help) starts fast."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from loadtests.cli import loadtest
from server.settings import Settings
from simulation.cli import simulate

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from db.models import AccountRole, User
    from resolvers.accounts.users import UserListing

T = TypeVar("T")

app = typer.Typer(
    help="Shizhong grassroots party-building API (红市中·暖万家).", no_args_is_help=True
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
user_app = typer.Typer(help="Accounts: create and list users.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.command()(simulate)
app.command()(loadtest)
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


def _settings(database_url: str | None) -> Settings:
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

    from simulation.census import census
    from simulation.generate import DistrictExistsError, generate, holds_data
    from simulation.scale import Scale

    size = Scale(scale)
    settings = _settings(database_url)
    if settings.production and not no_accounts:
        errors.print(
            "[red]GRASSROOTS_ENV=production: the generated accounts would all share the"
            " public development password; pass --no-accounts to seed without them[/red]"
        )
        raise typer.Exit(1)
    url = settings.database_url
    _require_migrated(url)

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
        "reported (2022)",
        title=f"district generated: scale {scale:g}, seed {seed},"
        f" {sum(rows.values()):,} rows in {seconds:.1f} s",
    )
    domain = _domain_figures()
    for line in lines:
        expected = "" if line.expected is None else f"{line.expected:,}"
        mark = "" if line.expected in (None, line.generated) else " [red]≠[/red]"
        table.add_row(line.label, f"{line.generated:,}{mark}", expected, domain.get(line.key, ""))
    console.print(table)
    if not no_accounts:
        from simulation.accounts import DEVELOPMENT_PASSWORD, observer_username
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


@app.command("export-permissions")
def export_permissions(
    output: Annotated[Path | None, typer.Option(help="Write to this file, not stdout.")] = None,
) -> None:
    """Print the permission table as Markdown (what docs/permissions.md holds)."""
    from server.permissions_doc import render

    text = render()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


# --- accounts ------------------------------------------------------------------------------

SCOPE_HELP = (
    "Where the role applies: district, street:<name>, community:<name>,"
    " grid:<community name>/<grid name>, unit:<work unit name>, or a global ID."
)
ROLE_HELP = "An account role, such as COMMUNITY_SECRETARY (`grassroots user roles` lists them)."


def _role(name: str) -> AccountRole:
    from db.models import AccountRole

    try:
        return AccountRole[name.strip().upper()]
    except KeyError:
        roles = ", ".join(role.value for role in AccountRole)
        errors.print(f"[red]{escape(repr(name))} is not a role; the roles are {roles}[/red]")
        raise typer.Exit(2) from None


def _read_password(from_stdin: bool) -> str:
    """The new account's password: never an argument, which would stay in the shell's
    history and the process list."""
    if not from_stdin:
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        errors.print("[red]--password-stdin: standard input holds no password[/red]")
        raise typer.Exit(1)
    return password


@user_app.command("roles")
def user_roles() -> None:
    """List the account roles and the scopes each may be granted on."""
    from resolvers.accounts.scope_paths import PREFIX_OF
    from resolvers.accounts.users import ROLE_LEVELS

    table = Table("role", "scopes")
    for role, levels in ROLE_LEVELS.items():
        table.add_row(role.value, ", ".join(PREFIX_OF[level] for level in levels))
    console.print(table)


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="Login name: 3-50 letters, digits, . _ -")],
    role: Annotated[str, typer.Option(help=ROLE_HELP, show_default=False)],
    scope: Annotated[str, typer.Option(help=SCOPE_HELP, show_default=False)],
    display_name: Annotated[
        str | None,
        typer.Option(help="Name shown to others; default the person's name, else USERNAME."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(help="Global ID of the person behind the account (one account each)."),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Read the password from standard input's first line."
        ),
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Create an account holding ROLE on SCOPE. The password is asked for twice, or read
    with --password-stdin; it is never an argument.

    Example: grassroots user create zhang.wei --role COMMUNITY_SECRETARY
    --scope community:和平社区
    """
    from db.models import Person
    from db.session import create_sessionmaker
    from resolvers import global_ids
    from resolvers.accounts.scope_paths import find_scope
    from resolvers.accounts.users import create_user
    from resolvers.accounts.viewer import Grant
    from resolvers.errors import DomainError, UserErrors

    granted = _role(role)
    settings = _settings(database_url)
    _require_migrated(settings.database_url)
    password = _read_password(password_stdin)

    async def run(engine: AsyncEngine) -> str:
        async with create_sessionmaker(engine)() as session, session.begin():
            level, scope_id = await find_scope(session, scope)
            person_id = None if person is None else global_ids.decode_as(person, "Person")[1]
            found = None if person_id is None else await session.get(Person, person_id)
            user = await create_user(
                session,
                username=username,
                password=password,
                display_name=display_name or (found.name if found else username),
                person_id=person_id,
                grants=[Grant(granted, level, scope_id)],
            )
            return global_ids.encode("User", user.id)

    try:
        user_id = _on_database(settings.database_url, run)
    except DomainError as error:
        errors.print(f"[red]{escape(error.message)}[/red]")
        raise typer.Exit(1) from None
    except UserErrors as failure:
        for problem in failure.errors:
            errors.print(f"[red]{escape(problem.message)}[/red]")
        raise typer.Exit(1) from None
    console.print(f"created {username} ({user_id}): {granted.value} on {escape(scope)}")


@user_app.command("list")
def user_list(
    role: Annotated[
        str | None, typer.Option(help="Only accounts holding this role.", show_default=False)
    ] = None,
    scope: Annotated[
        str | None,
        typer.Option(
            help="Only accounts with a grant bound exactly here, e.g. team:<name> (with"
            " --role: that role here).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="At most this many.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """List accounts, oldest first, with their roles and where each applies."""
    import json

    from db.session import create_sessionmaker
    from resolvers.accounts.scope_paths import find_scope
    from resolvers.accounts.users import list_users

    wanted = None if role is None else _role(role)
    settings = _settings(database_url)
    _require_migrated(settings.database_url)

    async def run(engine: AsyncEngine) -> UserListing:
        async with create_sessionmaker(engine)() as session:
            bound = None if scope is None else await find_scope(session, scope)
            return await list_users(session, role=wanted, scope=bound, limit=limit)

    listing = _on_database(settings.database_url, run)
    if as_json:
        typer.echo(json.dumps(_listing_json(listing), ensure_ascii=False, indent=2))
        return
    holding = "" if wanted is None else f" holding {wanted.value}"
    holding += "" if scope is None else f" on {scope}"
    table = Table(
        "username",
        "display name",
        "roles",
        title=f"{len(listing.users):,} of {listing.total:,} accounts{holding}",
    )
    for user, grants in listing.users:
        roles = "\n".join(f"{grant.role.value} {grant.path}" for grant in grants)
        table.add_row(user.username, escape(user.display_name), escape(roles))
    console.print(table)
    if len(listing.users) < listing.total:
        errors.print(f"--limit {listing.total} shows them all")


def _listing_json(listing: UserListing) -> dict[str, Any]:
    from resolvers import global_ids

    return {
        "total": listing.total,
        "users": [
            {
                "id": global_ids.encode("User", user.id),
                "username": user.username,
                "display_name": user.display_name,
                "person_id": None
                if user.person_id is None
                else global_ids.encode("Person", user.person_id),
                "active": user.active,
                "grants": [
                    {
                        "role": grant.role.value,
                        "scope": grant.path,
                        "scope_id": grant.scope_global_id,
                    }
                    for grant in grants
                ],
            }
            for user, grants in listing.users
        ],
    }


@app.command()
def token(
    username: Annotated[str, typer.Argument(help="The account to sign a token for.")],
    minutes: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=24 * 60,
            help="Lifetime; default GRASSROOTS_ACCESS_TOKEN_MINUTES (15).",
            show_default=False,
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Print an access token for USERNAME without its password, for development and QA:
    refused when GRASSROOTS_ENV=production. Send it as `Authorization: Bearer <token>`."""
    from db.session import create_sessionmaker
    from resolvers.accounts.tokens import issue_access_token
    from resolvers.accounts.users import user_by_username

    settings = _settings(database_url)
    if settings.production:
        errors.print(
            "[red]GRASSROOTS_ENV=production: `grassroots token` signs tokens without a"
            " password and is for development only; log in with the login mutation[/red]"
        )
        raise typer.Exit(1)
    _require_migrated(settings.database_url)

    async def run(engine: AsyncEngine) -> User | None:
        async with create_sessionmaker(engine)() as session:
            return await user_by_username(session, username)

    user = _on_database(settings.database_url, run)
    if user is None or not user.active:
        problem = "is deactivated" if user else "does not exist (`grassroots user list`)"
        errors.print(f"[red]the account {escape(repr(username))} {problem}[/red]")
        raise typer.Exit(1)
    access = issue_access_token(
        user.id, settings.secret_key, minutes or settings.access_token_minutes
    )
    typer.echo(access.token)
    errors.print(f"for {user.username}, valid until {access.expires_at:%Y-%m-%d %H:%M:%S} UTC")
