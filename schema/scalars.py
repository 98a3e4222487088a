"""Custom scalars, described like every other type (in English with the Chinese term)."""

from __future__ import annotations

from typing import Any

from strawberry.scalars import JSON
from strawberry.types.scalar import ScalarDefinition, scalar


def _same(value: Any) -> Any:
    return value


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
}
