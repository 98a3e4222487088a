"""Errors the resolvers raise, each with a stable code the API reports.

`DomainError`s become top-level GraphQL errors with `extensions.code`; `UserErrors` carry
expected business failures that a mutation returns in its payload after rolling back.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shown(value: object, limit: int = 40) -> str:
    """A bounded, escaped rendering of user input for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotFoundError(DomainError):
    code = "NOT_FOUND"


class BadUserInputError(DomainError):
    code = "BAD_USER_INPUT"


class UnauthenticatedError(DomainError):
    """No valid access token, and the data is not public (or the token is bad)."""

    code = "UNAUTHENTICATED"


class ForbiddenError(DomainError):
    """The viewer is known but no role of theirs allows this, here."""

    code = "FORBIDDEN"


class UserErrorCode(enum.Enum):
    INVALID = "INVALID"
    BLANK = "BLANK"
    TOO_LONG = "TOO_LONG"
    NAME_TAKEN = "NAME_TAKEN"
    ARCHIVED = "ARCHIVED"
    HAS_LIVE_CHILDREN = "HAS_LIVE_CHILDREN"
    SAME_PARENT = "SAME_PARENT"
    NOT_MOVABLE = "NOT_MOVABLE"
    WRONG_LEVEL = "WRONG_LEVEL"
    ORGANIZATION_EXISTS = "ORGANIZATION_EXISTS"
    PARENT_ORGANIZATION_MISSING = "PARENT_ORGANIZATION_MISSING"
    NOT_A_PARTY_MEMBER = "NOT_A_PARTY_MEMBER"
    ALREADY_REPORTED = "ALREADY_REPORTED"
    ROLE_EXISTS = "ROLE_EXISTS"
    ROLE_ENDED = "ROLE_ENDED"
    SCOPE_REQUIRED = "SCOPE_REQUIRED"
    SCOPE_NOT_ALLOWED = "SCOPE_NOT_ALLOWED"
    DATE_ORDER = "DATE_ORDER"
    CONFLICT = "CONFLICT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    # Volunteer services and projects
    INVALID_TRANSITION = "INVALID_TRANSITION"
    ALREADY_CLAIMED = "ALREADY_CLAIMED"
    DOUBLE_BOOKED = "DOUBLE_BOOKED"
    NOT_A_TEAM_MEMBER = "NOT_A_TEAM_MEMBER"
    NOT_A_VOLUNTEER = "NOT_A_VOLUNTEER"
    ALREADY_REGISTERED = "ALREADY_REGISTERED"
    OUT_OF_AREA = "OUT_OF_AREA"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    REASON_REQUIRED = "REASON_REQUIRED"
    LINK_OUT_OF_ORDER = "LINK_OUT_OF_ORDER"
    ALREADY_RECORDED = "ALREADY_RECORDED"
    ALREADY_PUBLISHED = "ALREADY_PUBLISHED"
    PLAN_EXISTS = "PLAN_EXISTS"
    # Deliberation
    FOLLOW_UPS_OPEN = "FOLLOW_UPS_OPEN"


@dataclass(frozen=True)
class UserError:
    message: str
    code: UserErrorCode
    field: Sequence[str] = ()


@dataclass
class UserErrors(Exception):
    """Raised inside a mutation: the transaction rolls back and the payload lists these."""

    errors: list[UserError] = field(default_factory=list)

    @classmethod
    def single(cls, message: str, code: UserErrorCode, *path: str) -> UserErrors:
        return cls([UserError(message, code, ("input", *path))])
