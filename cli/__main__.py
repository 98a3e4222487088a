"""`python -m cli` runs the command line, for child processes of the current Python."""

from cli import app

app()
