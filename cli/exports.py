"""`grassroots export-schema` and `export-permissions`: the files generated from code."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


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


def export_permissions(
    output: Annotated[Path | None, typer.Option(help="Write to this file, not stdout.")] = None,
) -> None:
    """Print the permission table as Markdown (what docs/permissions.md holds)."""
    from cli.permissions_doc import render

    text = render()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
