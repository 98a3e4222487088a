"""Signing in and the audit log (登录与审计): the load test's documents of this domain."""

from __future__ import annotations

from loadtests.operations.document import Operation, mutation, query

LOGIN = mutation(
    "login",
    "login",
    "{ login(input: {username: $username, password: $password})"
    " { accessToken accessTokenExpiresAt refreshToken userErrors { code message } } }",
    "($username: String!, $password: String!)",
)


REFRESH_SESSION = mutation(
    "refreshSession",
    "refreshSession",
    "{ refreshSession(input: {refreshToken: $refreshToken})"
    " { accessToken accessTokenExpiresAt refreshToken userErrors { code message } } }",
    "($refreshToken: String!)",
)


VIEWER = query("Viewer", "{ viewer { username person { id } grants { role } } }")


AUDIT_LOG = query(
    "AuditLog",
    """{
  auditLog(first: 20) {
    totalCount nodes { id at operation action objectType actor { username } }
  }
}""",
)


OPERATIONS: tuple[Operation, ...] = (
    LOGIN,
    REFRESH_SESSION,
    VIEWER,
    AUDIT_LOG,
)
