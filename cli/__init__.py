"""The `grassroots` command line: serve, migrate, seed, manage accounts, sign development
tokens, export the schema and the incidents' CSV, play a simulated year and load-test the
API. One module per command group; heavy imports stay inside the commands, so that every
command (and --help) starts fast. The top of the project: nothing else imports it."""

from __future__ import annotations

import typer

from cli.accounts import token, user_app
from cli.database import db_app
from cli.exports import export_incidents, export_permissions, export_schema
from cli.load_test import loadtest
from cli.seeding import seed
from cli.serving import serve
from cli.simulated_year import simulate

app = typer.Typer(
    help="Shizhong grassroots party-building API (红市中·暖万家).", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.command()(simulate)
app.command()(loadtest)
app.command()(serve)
app.command()(seed)
app.command("export-schema")(export_schema)
app.command("export-permissions")(export_permissions)
app.command("export-incidents")(export_incidents)
app.command()(token)
