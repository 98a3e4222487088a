"""Checks shared by the incident mutations: photos, coordinates, a category's typed extra
attributes, reasons, and which departments a viewer works for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from db.models import DepartmentStaff, IncidentCategory
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.validation import clean_text

MAX_PHOTOS = 9
MAX_ASSIGNEES = 10
# The district's bounding box, generously: coordinates outside it are a typing error.
LATITUDES, LONGITUDES = (18.0, 54.0), (73.0, 135.0)


def photos(links: Sequence[str]) -> list[str]:
    """Photo links (照片): http(s) URLs, at most nine, as a phone app sends them."""
    if len(links) > MAX_PHOTOS:
        raise UserErrors.single(f"at most {MAX_PHOTOS} photos", UserErrorCode.TOO_LONG, "photos")
    cleaned = []
    for link in links:
        parts = urlsplit(link.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or len(link) > 500:
            raise UserErrors.single(
                "photos are http(s) links of at most 500 characters",
                UserErrorCode.INVALID,
                "photos",
            )
        cleaned.append(link.strip())
    return cleaned


def coordinates(
    latitude: float | None, longitude: float | None
) -> tuple[float | None, float | None]:
    if (latitude is None) != (longitude is None):
        raise UserErrors.single(
            "give both latitude and longitude, or neither", UserErrorCode.INVALID, "latitude"
        )
    if latitude is None or longitude is None:
        return None, None
    if (
        not LATITUDES[0] <= latitude <= LATITUDES[1]
        or not LONGITUDES[0] <= longitude <= LONGITUDES[1]
    ):
        raise UserErrors.single(
            "the coordinates are outside the district's map", UserErrorCode.OUT_OF_RANGE, "latitude"
        )
    return round(latitude, 6), round(longitude, 6)


def _typed(spec: dict[str, Any], raw: str) -> Any:
    """`raw` as the attribute's datatype, or None when it does not fit."""
    datatype, values = spec["datatype"], spec.get("values") or []
    if datatype == "NUMBER":
        try:
            return float(raw)
        except ValueError:
            return None
    if datatype == "BOOLEAN":
        return {"true": True, "false": False}.get(raw.strip().lower())
    if datatype == "SINGLE_CHOICE":
        return raw if raw in values else None
    if datatype == "MULTI_CHOICE":
        chosen = [each.strip() for each in raw.split(",") if each.strip()]
        return chosen if chosen and all(each in values for each in chosen) else None
    return raw.strip()[:200] or None


def attributes(category: IncidentCategory, given: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The category's extra attributes (扩展属性) checked against their declaration:
    known codes, values of the declared type and among the allowed values, every
    required one present."""
    specs = {spec["code"]: spec for spec in category.attributes}
    found: dict[str, Any] = {}
    for code, raw in given:
        spec = specs.get(code)
        if spec is None:
            raise UserErrors.single(
                f"{category.name} has no attribute {code!r}", UserErrorCode.INVALID, "attributes"
            )
        value = _typed(spec, raw)
        if value is None:
            allowed = ", ".join(spec.get("values") or []) or spec["datatype"]
            raise UserErrors.single(
                f"{spec['name']} ({code}) takes {allowed}", UserErrorCode.INVALID, "attributes"
            )
        found[code] = value
    missing = [
        spec["code"]
        for spec in category.attributes
        if spec["required"] and spec["code"] not in found
    ]
    if missing:
        raise UserErrors.single(
            f"{category.name} needs {', '.join(missing)}", UserErrorCode.BLANK, "attributes"
        )
    return found


def optional_text(value: str | None, field: str) -> str | None:
    return clean_text(value or "", field, max_length=500, required=False) or None


def reason(value: str) -> str:
    cleaned = clean_text(value or "", "reason", max_length=500, required=False)
    if not cleaned:
        raise UserErrors.single("give the reason", UserErrorCode.REASON_REQUIRED, "reason")
    return cleaned


def assignees(names: Sequence[str]) -> list[str]:
    if len(names) > MAX_ASSIGNEES:
        raise UserErrors.single(
            f"at most {MAX_ASSIGNEES} assignees", UserErrorCode.TOO_LONG, "assignees"
        )
    return [clean_text(name, "assignees", max_length=50) for name in names]


async def department_ids_of(ctx: Context) -> set[int]:
    """The departments the viewer works for: their tasks are the viewer's own."""
    if ctx.viewer.user_id is None:
        return set()
    rows = await ctx.session.scalars(
        select(DepartmentStaff.department_id).where(DepartmentStaff.user_id == ctx.viewer.user_id)
    )
    return set(rows.all())
