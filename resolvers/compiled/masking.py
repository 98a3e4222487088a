"""Personal data masked inside the SQL, as resolvers/accounts/personal_data.py masks it in
Python: shown for the viewer's own record and for people living inside the scope of a
grant that shows personal data (the building's place from its declared tree path), masked
with the same rule elsewhere."""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column

from db.models import Building
from resolvers.accounts.viewer import Grant, ScopeLevel, Viewer
from resolvers.compiled.builder import Builder, Inputs
from resolvers.domains import REGISTRY
from resolvers.rules import PERSONAL_DATA
from resolvers.tree_paths import place_query

# The levels of the tree a building's place fills (other grants never cover a home).
TREE_LEVELS = (ScopeLevel.STREET, ScopeLevel.COMMUNITY, ScopeLevel.GRID)


def _grants(viewer: Viewer) -> tuple[Grant, ...]:
    return viewer.grants_of(PERSONAL_DATA)


def viewer_shape(viewer: Viewer) -> tuple[Any, ...]:
    """What of the viewer changes the statement's text (not its parameters)."""
    grants = _grants(viewer)
    if any(grant.level is ScopeLevel.DISTRICT for grant in grants):
        return ("district",)
    counts = tuple(sum(1 for grant in grants if grant.level is level) for level in TREE_LEVELS)
    return ("scoped", viewer.person_id is not None, counts)


def _scope_ids(level: ScopeLevel, index: int) -> Any:
    def get(inputs: Inputs) -> int:
        ids = [grant.scope_id for grant in _grants(inputs.viewer) if grant.level is level]
        return ids[index]

    return get


def shows(builder: Builder, viewer: Viewer, person: str) -> str:
    """SQL: whether the viewer sees the personal data of the person row `person`."""
    shape = viewer_shape(viewer)
    if shape[0] == "district":
        return "1 = 1"
    terms: list[str] = []
    if viewer.person_id is not None:
        own = builder.param(lambda inputs: inputs.viewer.person_id, "integer")
        terms.append(f"{person}.id = {own}")
    covered: list[str] = []
    for level, count in zip(TREE_LEVELS, shape[2], strict=True):
        if count:
            ids = ", ".join(
                builder.param(_scope_ids(level, index), "integer") for index in range(count)
            )
            covered.append(f"place.{level.value} IN ({ids})")
    if covered:
        query = place_query(REGISTRY.paths, Building)
        query = query.where(query.selected_columns[0] == literal_column(f"{person}.building_id"))
        place = str(query.compile(dialect=builder.sql_dialect()))
        terms.append(f"EXISTS (SELECT 1 FROM ({place}) place WHERE {' OR '.join(covered)})")
    return " OR ".join(f"({term})" for term in terms) if terms else "1 = 0"


def masked(builder: Builder, value: str, keep_start: int, keep_end: int) -> str:
    """resolvers.accounts.personal_data.mask in SQL."""
    stars = (
        "repeat('*', {n})" if builder.dialect.postgres else "replace(hex(zeroblob({n})), '00', '*')"
    )
    length = f"length({value})"
    hidden = f"{length} - {keep_start + keep_end}"
    return (
        f"(CASE WHEN {length} <= {keep_start + keep_end} THEN {stars.format(n=length)}"
        f" ELSE substr({value}, 1, {keep_start}) || {stars.format(n=hidden)}"
        f" || substr({value}, {length} - {keep_end} + 1) END)"
    )
