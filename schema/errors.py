"""User errors in payloads, and the `extensions.code` of every top-level error."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

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
        description='Path to the input field at fault, e.g. ["input", "name"].'
    )
    message: str = strawberry.field(description="What went wrong, for people (说明).")
    code: UserErrorCode = strawberry.field(description="Stable code for programs (代码).")


def user_errors(failure: errors.UserErrors) -> list[UserError]:
    return [
        UserError(field=list(error.field) or None, message=error.message, code=error.code)
        for error in failure.errors
    ]


class ErrorCodes(SchemaExtension):
    """Give every error a stable `extensions.code` and mask unexpected ones.

    Parse and validation failures, bad IDs and limits keep their message; anything
    unexpected becomes INTERNAL_SERVER_ERROR with a reference that is logged beside the
    real exception, so no stack trace or SQL reaches the client.
    """

    def on_parse(self) -> Iterator[None]:
        yield
        self._mark("GRAPHQL_PARSE_FAILED")

    def on_validate(self) -> Iterator[None]:
        yield
        self._mark("GRAPHQL_VALIDATION_FAILED")

    def _mark(self, code: str) -> None:
        for error in self.execution_context.pre_execution_errors or ():
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": code}

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._coded(error) for error in errors]

    def _coded(self, error: GraphQLError) -> GraphQLError:
        if (error.extensions or {}).get("code"):
            return error
        original = error.original_error
        if isinstance(original, errors.DomainError):
            code = original.code
        elif isinstance(error, GraphQLSyntaxError):
            code = "GRAPHQL_PARSE_FAILED"
        elif original is None:
            # graphql-core's own errors during execution: variables and arguments that
            # do not coerce to their declared types.
            code = "BAD_USER_INPUT"
        else:
            reference = uuid.uuid4().hex[:12]
            log.error("unexpected error %s at %s", reference, error.path, exc_info=original)
            return GraphQLError(
                f"Internal server error (reference {reference}).",
                nodes=error.nodes,
                path=error.path,
                extensions={"code": "INTERNAL_SERVER_ERROR", "reference": reference},
            )
        error.extensions = {**(error.extensions or {}), "code": code}
        return error
