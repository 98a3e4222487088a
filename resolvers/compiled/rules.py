"""A type's row rule (resolvers/rules.py `Read.rows`) inside a compiled statement.

The rule is the declaration's own SQLAlchemy condition, written out for the viewer with
placeholders, on the row's alias (SQLAlchemy's ClauseAdapter moves it from the table), so
that PostgreSQL filters the page's rows by it as they are read. Its text depends on the
viewer's grants only through their number and kind (how many communities, teams, …),
which is part of the plan's key (its `chunks`); the values are bound for each request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import True_
from sqlalchemy.sql.util import ClauseAdapter

from resolvers.accounts.viewer import Viewer
from resolvers.compiled.builder import Builder, Inputs, NotCompiled
from resolvers.compiled.dialect import Dialect
from resolvers.domains import REGISTRY
from resolvers.nodes import NODE_MODELS

# Viewers whose rules stay written out; a viewer is a user's grants, few per worker.
KEPT_VIEWERS = 4096
PLACEHOLDER = {True: re.compile(r"\$(\d+)"), False: re.compile(r"\?")}
# The alias the rule is written on, replaced by the row's in the statement.
ROW = "x_row"


@dataclass(frozen=True)
class Rendered:
    """The rule's text around its placeholders, and the value of each, in text order;
    `everything` when the rule admits every row (no condition is written)."""

    chunks: tuple[str, ...]
    values: tuple[Any, ...]
    everything: bool = False


def ruled(type_name: str) -> bool:
    read = REGISTRY.reads.get(type_name)
    return read is not None and read.rows is not None


@lru_cache(maxsize=KEPT_VIEWERS)
def rendered(type_name: str, viewer: Viewer, postgres: bool) -> Rendered:
    """The rule of `type_name` for `viewer`, written for PostgreSQL or SQLite."""
    read = REGISTRY.reads[type_name]
    assert read.rows is not None
    condition = read.rows(viewer)
    if isinstance(condition, True_):
        return Rendered((), (), everything=True)
    model: Any = NODE_MODELS[type_name]
    dialect = Builder(Dialect("postgresql" if postgres else "sqlite")).sql_dialect()
    on_row = ClauseAdapter(model.__table__.alias(ROW)).traverse(condition)
    compiled = on_row.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    text = str(compiled)
    if "'" in text:  # a literal could hold what looks like a placeholder
        raise NotCompiled(f"the row rule of {type_name} writes a literal")
    names = compiled.positiontup or []
    params = compiled.params
    chunks: list[str] = []
    order: list[str] = []
    start = 0
    for index, match in enumerate(PLACEHOLDER[postgres].finditer(text)):
        chunks.append(text[start : match.start()])
        order.append(names[int(match.group(1)) - 1] if postgres else names[index])
        start = match.end()
    chunks.append(text[start:])
    values = tuple(params[name] for name in order)
    if not all(value is None or isinstance(value, int | str) for value in values):
        raise NotCompiled(f"the row rule of {type_name} binds a value of another type")
    return Rendered(tuple(chunks), values)


def rule_shapes(viewer: Viewer, postgres: bool, type_names: tuple[str, ...]) -> tuple[Any, ...]:
    """What of the viewer changes the text of the rules of `type_names`."""
    shapes: list[Any] = []
    for type_name in type_names:
        try:
            shapes.append(rendered(type_name, viewer, postgres).chunks)
        except NotCompiled:
            shapes.append(None)
    return tuple(shapes)


def rule_term(builder: Builder, type_name: str, viewer: Viewer) -> str | None:
    """A WHERE term (`{row}` for the alias) admitting the rows the rule admits for the
    request's viewer; None when it admits every row."""
    postgres = builder.dialect.postgres
    shown = rendered(type_name, viewer, postgres)
    if shown.everything:
        return None

    def value(index: int) -> Any:
        def get(inputs: Inputs) -> Any:
            found = rendered(type_name, inputs.viewer, postgres)
            if found.chunks != shown.chunks:  # the plan's key holds the shape: never
                raise NotCompiled(f"the row rule of {type_name} changed its shape")
            return found.values[index]

        return get

    parts = [shown.chunks[0]]
    for index, chunk in enumerate(shown.chunks[1:]):
        parts.append(builder.param(value(index)))
        parts.append(chunk)
    condition = "".join(parts).replace("{", "{{").replace("}", "}}")
    return "(" + condition.replace(f"{ROW}.", "{row}.") + ")"
