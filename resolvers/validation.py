"""Field validation shared by every domain's mutations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from resolvers.errors import BadUserInputError, UserError, UserErrorCode, UserErrors

SEARCH_LENGTH = 100
T = TypeVar("T")


def has_control_characters(value: str) -> bool:
    # Cc: NUL and other controls (PostgreSQL refuses NUL), Cf: invisible format
    # characters, Cs: lone surrogates that cannot be encoded as UTF-8.
    return any(unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in value)


def search_term(value: str | None, field: str) -> str | None:
    """A filter's search text, or BAD_USER_INPUT: it is a query argument, not a form field."""
    if value is None:
        return None
    if has_control_characters(value) or len(value) > SEARCH_LENGTH:
        raise BadUserInputError(f"`{field}` must be at most {SEARCH_LENGTH} printable characters")
    return value.strip() or None


def clean_text(value: str, field: str, *, max_length: int, required: bool = True) -> str:
    """Trim `value` and check it is printable, present when required and not too long."""
    cleaned = value.strip()
    if has_control_characters(cleaned):
        raise UserErrors.single(
            f"{field} contains control characters", UserErrorCode.INVALID, field
        )
    if required and not cleaned:
        raise UserErrors.single(f"{field} must not be blank", UserErrorCode.BLANK, field)
    if len(cleaned) > max_length:
        raise UserErrors.single(
            f"{field} is longer than {max_length} characters", UserErrorCode.TOO_LONG, field
        )
    return cleaned


class Checks:
    """Runs field checks and keeps every failure, so a form can show all bad fields at
    once instead of one per attempt."""

    def __init__(self) -> None:
        self.errors: list[UserError] = []

    def __call__(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return check(*args, **kwargs)
        except UserErrors as failure:
            self.errors.extend(failure.errors)
            return None

    def fail(self, message: str, code: UserErrorCode, field: str) -> None:
        """Record a failure found by a rule that is not a check function."""
        self.errors.append(UserError(message, code, ("input", field)))

    def done(self) -> None:
        if self.errors:
            raise UserErrors(self.errors)


MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def clean_phone(value: str | None, field: str = "phone") -> str | None:
    if value is None or not value.strip():
        return None
    phone = value.strip().replace(" ", "")
    if not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
        raise UserErrors.single(
            f"{value!r} is not a mainland mobile (11 digits) or landline number",
            UserErrorCode.INVALID,
            field,
        )
    return phone


def clean_id_number(value: str | None, field: str = "idNumber") -> str | None:
    """A resident identity card number (GB 11643): 17 digits and a check character."""
    if value is None or not value.strip():
        return None
    number = value.strip().upper()
    valid = (
        re.fullmatch(r"\d{17}[\dX]", number) is not None
        and ID_CHECK[sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True)) % 11]
        == number[17]
    )
    if not valid:
        raise UserErrors.single(
            "not a valid 18-character resident ID number", UserErrorCode.INVALID, field
        )
    return number
