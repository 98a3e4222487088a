"""Accounts (账号): users, their grants and sessions, and the audit log (审计日志)."""

from __future__ import annotations

from db.models import AccountRole as R
from db.models import AuditEntry, Person, User
from resolvers.domain import DISTRICT_WIDE, Domain, NodeType, via
from resolvers.errors import UserErrorCode as C
from resolvers.rules import Read, Write

DISTRICT_ADMIN = frozenset({R.DISTRICT_ADMIN})

DOMAIN = Domain(
    name="accounts",
    description="Accounts, sessions and the audit log (账号、会话与审计)",
    nodes=(
        # An account sits where its person lives; everyone reads their own.
        NodeType("User", User, Read(DISTRICT_ADMIN), via("person_id", Person)),
        NodeType("AuditEntry", AuditEntry, Read(DISTRICT_ADMIN), DISTRICT_WIDE),
    ),
    writes={
        "login": Write(None, "none: anyone may try to log in"),
        "refreshSession": Write(None, "none: the refresh token is the credential"),
        "logout": Write(None, "none: the refresh token is the credential"),
    },
    user_errors=(C.INVALID_CREDENTIALS, C.SCOPE_REQUIRED, C.SCOPE_NOT_ALLOWED),
)
