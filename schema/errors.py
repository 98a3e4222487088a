"""User errors in payloads, and the `extensions.code` of every top-level error."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from db.session import unavailable
from resolvers import errors

log = logging.getLogger("grassroots.errors")

strawberry.enum(
    errors.UserErrorCode,
    description=(
        "Stable code of a user error (业务校验错误代码): what rule the input broke, for"
        " frontends to branch on; the message is for people."
    ),
)
UserErrorCode = errors.UserErrorCode


@strawberry.type(description="A business rule the input broke (业务校验错误); nothing was saved.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the input field at fault (出错字段), e.g. ["input", "name"].'
    )
    message: str = strawberry.field(description="What went wrong, for people (说明).")
    code: UserErrorCode = strawberry.field(description="Stable code for programs (代码).")


def user_errors_of(failure: errors.UserErrors) -> list[UserError]:
    return [
        UserError(field=list(error.field) or None, message=error.message, code=error.code)
        for error in failure.errors
    ]


class ValidationCodes(SchemaExtension):
    """Mark validation failures, which are otherwise indistinguishable from the request
    errors that execution reports without a path."""

    def on_validate(self) -> Iterator[None]:
        yield
        for error in self.execution_context.pre_execution_errors or ():
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "GRAPHQL_VALIDATION_FAILED"}


def assign_code(error: GraphQLError, request_id: str = "") -> None:
    """Give `error` its stable `extensions.code`, masking it when it is unexpected.

    Parse failures, bad IDs, bad variables and limits keep their message; a database out
    of reach (or a full pool) is SERVICE_UNAVAILABLE, which the transport answers with 503;
    anything else unexpected becomes INTERNAL_SERVER_ERROR with a reference that is logged
    beside the real exception, so no stack trace or SQL reaches the client.
    """
    if (error.extensions or {}).get("code"):
        return
    original = error.original_error
    if original is not None and unavailable(original):
        reference = request_id or uuid.uuid4().hex[:12]
        log.warning("database unavailable in request %s at %s: %s", reference, error.path, original)
        error.message = "the database is unavailable; retry shortly"
        error.original_error = None
        error.extensions = {"code": "SERVICE_UNAVAILABLE", "requestId": reference}
        return
    if isinstance(original, errors.DomainError):
        code = original.code
    elif isinstance(error, GraphQLSyntaxError):
        code = "GRAPHQL_PARSE_FAILED"
    elif error.path is None and (original is None or isinstance(original, GraphQLError)):
        # graphql-core's own request errors: variables that do not coerce to their types.
        code = "BAD_USER_INPUT"
    else:
        reference = request_id or uuid.uuid4().hex[:12]
        log.error("unexpected error in request %s at %s", reference, error.path, exc_info=original)
        error.message = f"Internal server error (request {reference})."
        error.original_error = None
        error.extensions = {
            "code": "INTERNAL_SERVER_ERROR",
            "reference": reference,
            "requestId": reference,
        }
        return
    error.extensions = {**(error.extensions or {}), "code": code}
