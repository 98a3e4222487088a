"""Custom scalars, described like every other type (in English with the Chinese term)."""

from __future__ import annotations

import datetime as dt
from operator import methodcaller
from typing import Any

from strawberry.scalars import JSON
from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.types.scalar import ScalarDefinition, scalar


def _same(value: Any) -> Any:
    return value


def _aware(value: str) -> dt.datetime:
    """An ISO-8601 time; one given without an offset is read as UTC, as the audit log has
    always read it, so that no naive time reaches a query or a column."""
    moment = dt.datetime.fromisoformat(value)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


# Strawberry's own JSON scalar, with a description the schema's conventions accept.
SCALAR_MAP: dict[object, ScalarDefinition] = {
    JSON: scalar(
        name="JSON",
        description="Any JSON value (JSON 数据), as specified by ECMA-404.",
        specified_by_url=(
            "https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf"
        ),
        serialize=_same,
        parse_value=_same,
    ),
    dt.datetime: scalar(
        name="DateTime",
        description=(
            "A moment (日期时间) in ISO-8601 with its offset, e.g. 2022-07-04T09:30:00+08:00; "
            "a value without an offset is read as UTC."
        ),
        serialize=methodcaller("isoformat"),
        parse_value=wrap_parser(_aware, "DateTime"),
    ),
}
