"""Reading the API's opaque IDs, as the simulated year and the load tests must: the cast
and the integrity check need the keys behind them (to name generated accounts, to find
rows). An ID is base64url, unpadded, of "TypeName:key"; clients only read IDs the API
gave, so a malformed one is a fault (ValueError), not a user's mistake."""

from __future__ import annotations

import base64
import binascii


def type_and_key(global_id: str) -> tuple[str, int]:
    """The type name and the database key inside a global ID."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
        type_name, colon, key = text.partition(":")
        if not colon or not type_name:
            raise ValueError
        return type_name, int(key)
    except (binascii.Error, UnicodeError, ValueError):
        raise ValueError(f"{global_id!r} is not an ID the API gives") from None


def key_of(global_id: str) -> int:
    """The database key inside a global ID the API gave."""
    return type_and_key(global_id)[1]
