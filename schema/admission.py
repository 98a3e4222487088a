"""What runs after validation and before the first resolver, in this order: the static
cost is computed and capped (bad page sizes are refused here), the subject's budget is
charged and the viewer is loaded from the access token's user, in one statement. So
documents refused by parsing, validation or cost never reach the database, and a
deactivated user is refused before anything executes. A query the compiled path answers
in one statement then sends just that statement; other queries read in one read-only
transaction (`ReadTransaction`). `admit` is also called before Strawberry runs, for the
queries the compiled path answers (schema/compiled/direct.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema
from sqlalchemy import ColumnElement
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from db.session import READ_ONLY_TRANSACTION
from resolvers import clock
from resolvers.accounts.viewer import viewer_columns, viewer_of, viewer_parameters
from resolvers.budget import charge_and_read, engine_of, subject_of
from resolvers.context import Context
from resolvers.errors import UnauthenticatedError
from resolvers.transaction import commit_pending
from schema.cost import CostRefused, operation_cost
from schema.mutation import runs_at_once


def refusal(error: Exception, code: str, **extensions: object) -> ExecutionResult:
    return ExecutionResult(
        data=None,
        errors=[GraphQLError(str(error), extensions={"code": code, **extensions})],
    )


@dataclass
class Admitted:
    """What admission found: `refused` is the answer when the operation may not run;
    `report` is the response's `extensions.cost` (None when the cost is not known)."""

    refused: ExecutionResult | None
    report: dict[str, object] | None = None


async def admit(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    operation_type: OperationType,
    variables: dict[str, Any] | None,
    query: str | None,
    ctx: Context,
) -> Admitted:
    """Cost the operation, charge the subject's budget and load the viewer into `ctx`."""
    try:
        cost = operation_cost(schema, document, operation_name, variables, query)
    except CostRefused as bad:
        return Admitted(ExecutionResult(data=None, errors=bad.errors))
    limits = ctx.limits
    report: dict[str, object] = {"requested": cost, "maximum": limits.max_query_cost}
    if cost > limits.max_query_cost:
        return Admitted(
            refusal(
                ValueError(
                    f"the operation costs {cost}, more than the {limits.max_query_cost}"
                    " allowed; ask for smaller pages or fewer nested lists"
                ),
                "QUERY_TOO_COMPLEX",
                cost=cost,
                maximum=limits.max_query_cost,
            ),
            report,
        )
    now = clock.now()
    subject = subject_of(ctx.claims, ctx.request)
    engine = engine_of(ctx.session)
    claims = ctx.claims
    viewer: tuple[ColumnElement[Any], ...] = ()
    parameters: dict[str, Any] = {}
    if claims is not None:
        viewer = viewer_columns(engine.dialect.name, claims.session_id is not None)
        parameters = viewer_parameters(claims.user_id, claims.session_id, clock.real_now())
    # A query keeps the charge's connection for its compiled read (Context.connection),
    # and so does a mutation that can run on it (schema/mutation.py, AT_ONCE), unless
    # its context already holds one (one operation per HTTP request).
    keep = ctx.connection is None and (
        operation_type == OperationType.QUERY
        or (engine.dialect.name == "postgresql" and runs_at_once(document, operation_name))
    )
    charged = await charge_and_read(
        engine, subject, cost, limits.cost_per_minute, now, viewer, parameters, keep
    )
    if charged.connection is not None:
        ctx.connection = charged.connection
    budget, found = charged.budget, charged.found
    report["budget"] = budget.report()
    if budget.exceeded:
        retry_after = budget.retry_after(now)
        ctx.response_headers["Retry-After"] = str(retry_after)
        return Admitted(
            refusal(
                ValueError(
                    f"the cost budget of {budget.limit} a minute is spent; retry in {retry_after} s"
                ),
                "RATE_LIMITED",
                retryAfter=retry_after,
            ),
            report,
        )
    if claims is not None:
        standing = viewer_of(claims.user_id, *found)
        if standing is None:
            error = UnauthenticatedError(
                "the session has ended (logged out, or its refresh token was reused),"
                " or the account is deactivated or no longer exists; log in again"
            )
            return Admitted(refusal(error, error.code), report)
        ctx.viewer = standing
    return Admitted(None, report)


class Admission(SchemaExtension):
    # `extensions.cost` of the response, once the cost is known.
    report: dict[str, object] | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        """Admit the operation, let it run, then commit what its mutations wrote.

        This is where an admitted operation meets its executor: the resolvers run at the
        `yield` unless `execution_context.result` is set before it (as a refusal is), with
        the request's session and `ctx.viewer` ready. An operation admitted already (by
        schema/compiled/direct.py, which then left it to the resolvers) is not charged
        again."""
        context = self.execution_context
        ctx = context.context
        assert isinstance(ctx, Context)
        admitted = ctx.admitted
        if admitted is None:
            assert context.graphql_document is not None
            admitted = await admit(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.operation_type,
                context.variables,
                context.query,
                ctx,
            )
        self.report = admitted.report
        if admitted.refused is not None:
            context.result = admitted.refused
        yield
        # The last mutation's write, audit entry and payload reads end here, in one COMMIT.
        await commit_pending(ctx)

    def get_results(self) -> dict[str, object]:
        return {"cost": self.report} if self.report is not None else {}


class ReadTransaction(SchemaExtension):
    """A query the resolvers answer reads in one read-only transaction on PostgreSQL
    (SQLite's deferred BEGIN is one already). The compiled path answers before it, with
    a single statement outside any transaction (schema/compiled/direct.py), so that such a
    request sends no BEGIN and no ROLLBACK."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        ctx = context.context
        assert isinstance(ctx, Context)
        if context.operation_type != OperationType.MUTATION:
            await ctx.release_connection()  # the compiled path did not answer: not needed
        if (
            context.result is None
            and context.operation_type == OperationType.QUERY
            and engine_of(ctx.session).dialect.name == "postgresql"
            and not ctx.session.in_transaction()
        ):
            # Sends nothing yet: the driver begins the transaction at the first read.
            await ctx.session.connection(execution_options=READ_ONLY_TRANSACTION)
        yield
