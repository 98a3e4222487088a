"""`python -m server` runs the command line, for child processes of the current Python."""

from server.cli import app

app()
