"""The state of one statement being written: its dialect, table aliases and bound
parameters. A parameter is a function of the request's inputs (variables and viewer), so
that a cached statement is bound again for each request without walking the document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import asyncpg
from sqlalchemy.engine import Dialect as SqlDialect

from resolvers.accounts.viewer import Viewer
from resolvers.compiled.dialect import Dialect
from resolvers.compiled.dialect import NotCompiled as NotCompiled


@dataclass(frozen=True)
class Inputs:
    variables: Any  # graphql-core's coerced variable values
    viewer: Viewer
    key: int | None = None  # a mutation payload's object (schema/compiled/payloads.py)


Getter = Callable[[Inputs], Any]


@dataclass
class Builder:
    dialect: Dialect
    params: list[Getter] = field(default_factory=list)
    aliases: int = 0
    # Common table expressions `name AS (…)`, deepest first (SQLite's nested pages).
    ctes: list[str] = field(default_factory=list)
    # Placeholders already taken by the statement this one goes into (a write's,
    # resolvers/organization/renaming.py): the first parameter here is `offset + 1`.
    offset: int = 0

    def alias(self) -> str:
        self.aliases += 1
        return f"t{self.aliases}"

    def param(self, getter: Getter, cast: str = "") -> str:
        """A placeholder bound to `getter(inputs)`; `cast` types it on PostgreSQL."""
        self.params.append(getter)
        index = self.offset + len(self.params)
        if self.dialect.postgres:
            return f"${index}{'::' + cast if cast else ''}"
        return f"?{index}"

    def with_ctes(self, sql: str) -> str:
        return f"WITH {', '.join(self.ctes)} {sql}" if self.ctes else sql

    def sql_dialect(self) -> SqlDialect:
        """SQLAlchemy's dialect, to write statements built with SQLAlchemy into the text."""
        return asyncpg.dialect() if self.dialect.postgres else sqlite.dialect()  # type: ignore[no-untyped-call]
