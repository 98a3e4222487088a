"""The SQL that builds JSON, per database: PostgreSQL's row_to_json/array_to_json and
SQLite's json_object/json_group_array, and the encodings the resolvers apply in Python
(global IDs, cursors, timestamps), written so that the bytes come out the same: the
response takes the database's JSON text as it is (schema/compiled/plans.py).

PostgreSQL's json_build_object, json_build_array and json_agg space their separators
(`{"a" : 1, "b" : [1, 2]}`), unlike the resolvers' answers; row_to_json and
array_to_json write none, and cost the database no more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from db.session import B64URL
from resolvers import clock

# The longest column name PostgreSQL keeps (NAMEDATALEN - 1 bytes).
MAX_NAME = 63


class NotCompiled(Exception):
    """The operation (or this request's inputs) needs the resolvers."""


def quote(text: str) -> str:
    """A SQL string literal (keys and type names from the schema, never user input)."""
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Dialect:
    name: str  # "postgresql" or "sqlite"

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def placeholder(self, index: int) -> str:
        return f"${index}" if self.postgres else "?"

    def obj(self, pairs: Sequence[tuple[str, str]]) -> str:
        """A JSON object with the keys in the order given."""
        if self.postgres:
            # The keys are column names: PostgreSQL would cut one past NAMEDATALEN.
            if any(len(key.encode()) > MAX_NAME for key, _ in pairs):
                raise NotCompiled(f"a response key longer than {MAX_NAME} bytes")
            inner = ", ".join(f'{value} AS "{key}"' for key, value in pairs)
            return f"(SELECT row_to_json(o) FROM (SELECT {inner}) o)"
        inner = ", ".join(f"{quote(key)}, {value}" for key, value in pairs)
        return f"json_object({inner})"

    def json_array(self, items: Sequence[str]) -> str:
        if self.postgres:
            return f"array_to_json(ARRAY[{', '.join(items)}]::json[])"
        return f"json_array({', '.join(items)})"

    def aggregate(self, item: str, order: str) -> str:
        """The items of the grouped rows in `order` as a JSON array, or NULL without rows
        (PostgreSQL; SQLite aggregates in the order its FROM subquery gives)."""
        return f"array_to_json(array_agg({item} ORDER BY {order}))"

    def as_text(self, statement: str) -> str:
        """The statement's one JSON value as text, which asyncpg hands over as the
        database wrote it, instead of decoding it (SQLite's JSON is text already)."""
        return f"SELECT ({statement})::text" if self.postgres else statement

    def embed(self, subquery: str) -> str:
        """A scalar subquery that returns JSON, as a JSON value (SQLite forgets that a
        subquery's value is JSON unless told)."""
        return f"({subquery})" if self.postgres else f"json(({subquery}))"

    def array(self, item: str, where: str, order: str) -> str:
        """The items of the grouped rows that pass `where`, in `order`, as a JSON array
        (empty, not null, without rows)."""
        if self.postgres:
            rows = f"array_agg({item} ORDER BY {order}) FILTER (WHERE {where})"
            return f"COALESCE(array_to_json({rows}), '[]'::json)"
        # SQLite aggregates rows in the order its FROM subquery gives them, and gives an
        # empty array without rows.
        return f"json_group_array({item}) FILTER (WHERE {where})"

    def boolean(self, condition: str) -> str:
        if self.postgres:
            return f"({condition})"
        return f"json(CASE WHEN {condition} THEN 'true' ELSE 'false' END)"

    def constant(self, value: bool) -> str:
        if self.postgres:
            return "true" if value else "false"
        return "json('true')" if value else "json('false')"

    def null_json(self) -> str:
        return "NULL::json" if self.postgres else "NULL"

    def base64url(self, text: str) -> str:
        if self.postgres:
            encoded = f"encode(convert_to({text}, 'UTF8'), 'base64')"
            return f"rtrim(translate({encoded}, E'+/\\n', '-_'), '=')"
        return f"{B64URL}({text})"

    def global_id(self, type_name: str, key: str) -> str:
        """resolvers.global_ids.encode in SQL."""
        return self.base64url(f"{quote(type_name + ':')} || {key}")

    def json_string(self, text: str) -> str:
        """`text` as a JSON string literal, as orjson writes it."""
        return f"to_json({text})::text" if self.postgres else f"json_quote({text})"

    def cursor(self, field: str, value: str, key: str) -> str:
        """resolvers.paging.encode_cursor in SQL, for NAME and ID orderings."""
        shown = self.json_string(value) if field == "name" else f"{value}"
        return self.base64url(
            f"{quote('[' + chr(34) + field + chr(34) + ',')} || {shown} || ',' || {key} || ']'"
        )

    def timestamp(self, column: str) -> str:
        """A UTC timestamp as `datetime.isoformat()` writes it (microseconds only when
        there are any), the way the resolvers serialise DateTime."""
        if self.postgres:
            utc = f"({column} AT TIME ZONE 'UTC')"
            micro = f"(extract(microseconds from {utc})::bigint % 1000000)"
            return (
                f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                f" || CASE WHEN {micro} = 0 THEN '' ELSE to_char({utc}, '.US') END || '+00:00')"
            )
        # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" in UTC on SQLite.
        return (
            f"(CASE WHEN {column} IS NULL THEN NULL ELSE substr({column}, 1, 10) || 'T'"
            f" || substr({column}, 12, 8) || CASE WHEN substr({column}, 21, 6) IN ('', '000000')"
            f" THEN '' ELSE '.' || substr({column}, 21, 6) END || '+00:00' END)"
        )

    def double(self, column: str) -> str:
        """A double precision column, to come out as Python writes a float. PostgreSQL
        writes the shortest text that reads back as the same double, as repr does, but
        a whole number below 10^15 without its ".0" (4.0 is 4, which reads back as an
        integer): the ".0" is added. SQLite's JSON keeps 15 digits (and writes 1.0e-07):
        it is written with 17 and read again (Statement.reparse)."""
        if self.postgres:
            whole = f"{column} = trunc({column}) AND abs({column}) < 1e15"
            written = f"({column}::text || '.0')::json"
            return f"(CASE WHEN {whole} THEN {written} ELSE to_json({column}) END)"
        return f"(CASE WHEN {column} IS NULL THEN NULL ELSE json(printf('%!.17g', {column})) END)"

    def moment_of(self, _inputs: object) -> object:
        """The request's moment (resolvers.clock: the simulated one in a simulation) as
        a bound value; SQLite compares the text SQLAlchemy stores (UTC, microseconds)."""
        now = clock.now().astimezone(UTC)
        return now if self.postgres else now.strftime("%Y-%m-%d %H:%M:%S.%f")

    def day(self, column: str) -> str:
        """A date as `date.isoformat()` writes it (SQLite stores it so)."""
        return f"to_char({column}, 'YYYY-MM-DD')" if self.postgres else column

    def json_column(self, column: str) -> str:
        """A JSON column's value embedded as JSON (SQLite keeps it as text)."""
        return column if self.postgres else f"json({column})"

    def least(self, a: str, b: str) -> str:
        return f"least({a}, {b})" if self.postgres else f"min({a}, {b})"
