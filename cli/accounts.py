"""`grassroots user` (create, list, roles) and `grassroots token`: accounts from the
operator's shell."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cli.common import DatabaseUrl, console, errors, on_database, require_migrated, settings_for

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from db.models import AccountRole, User
    from resolvers.accounts.users import UserListing

user_app = typer.Typer(help="Accounts: create and list users.", no_args_is_help=True)

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
    settings = settings_for(database_url)
    require_migrated(settings.database_url)
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
        user_id = on_database(settings.database_url, run)
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
    settings = settings_for(database_url)
    require_migrated(settings.database_url)

    async def run(engine: AsyncEngine) -> UserListing:
        async with create_sessionmaker(engine)() as session:
            bound = None if scope is None else await find_scope(session, scope)
            return await list_users(session, role=wanted, scope=bound, limit=limit)

    listing = on_database(settings.database_url, run)
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

    settings = settings_for(database_url)
    if settings.production:
        errors.print(
            "[red]GRASSROOTS_ENV=production: `grassroots token` signs tokens without a"
            " password and is for development only; log in with the login mutation[/red]"
        )
        raise typer.Exit(1)
    require_migrated(settings.database_url)

    async def run(engine: AsyncEngine) -> User | None:
        async with create_sessionmaker(engine)() as session:
            return await user_by_username(session, username)

    user = on_database(settings.database_url, run)
    if user is None or not user.active:
        problem = "is deactivated" if user else "does not exist (`grassroots user list`)"
        errors.print(f"[red]the account {escape(repr(username))} {problem}[/red]")
        raise typer.Exit(1)
    access = issue_access_token(
        user.id, settings.secret_key, minutes or settings.access_token_minutes
    )
    typer.echo(access.token)
    errors.print(f"for {user.username}, valid until {access.expires_at:%Y-%m-%d %H:%M:%S} UTC")
