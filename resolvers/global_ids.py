"""Opaque Relay global IDs: base64url of "TypeName:primary key"."""

from __future__ import annotations

import base64
import binascii

from resolvers.errors import BadUserInputError, shown

# Keys are 32-bit integers in both databases; anything larger was never issued.
MAX_PK = 2**31 - 1


def encode(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def decode(global_id: str) -> tuple[str, int]:
    """Split a global ID into its type name and key, or raise BAD_USER_INPUT."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
        type_name, _, raw_pk = text.partition(":")
        pk = int(raw_pk)
    except (binascii.Error, UnicodeError, ValueError):
        raise BadUserInputError(f"{shown(global_id)} is not a valid ID") from None
    if not type_name.isidentifier() or not 0 < pk <= MAX_PK or raw_pk != str(pk):
        raise BadUserInputError(f"{shown(global_id)} is not a valid ID")
    return type_name, pk


def key_of(global_id: str | None, type_name: str) -> int | None:
    """The key an optional filter ID names (it must be a `type_name` ID), or None."""
    return decode_as(global_id, type_name)[1] if global_id else None


def decode_as(global_id: str, *type_names: str) -> tuple[str, int]:
    """Decode an ID that must name one of `type_names`."""
    type_name, pk = decode(global_id)
    if type_name not in type_names:
        expected = " or ".join(type_names)
        raise BadUserInputError(f"{shown(global_id)} is a {type_name} ID, expected a {expected} ID")
    return type_name, pk
