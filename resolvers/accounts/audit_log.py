"""Reading the audit log (审计日志): which entries a filter selects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement

from db.models import AuditEntry
from resolvers import global_ids

# Newest first; keys grow with time, so the key orders entries as `at` does.


def as_utc(moment: datetime | None) -> datetime | None:
    """A filter time in UTC; one given without a zone is taken to be UTC already."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class AuditFilter:
    """Entries about one object, concerning one person, by one actor, of one operation,
    within [since, until)."""

    object_type: str | None = None
    object_id: int | None = None
    person_id: int | None = None
    user_id: int | None = None
    operation: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def of(
        cls,
        *,
        object_id: str | None = None,
        person_id: str | None = None,
        actor_id: str | None = None,
        operation: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> AuditFilter:
        """Decode the filter's global IDs; the object may be of any type."""
        object_type, object_key = global_ids.decode(object_id) if object_id else (None, None)
        return cls(
            object_type=object_type,
            object_id=object_key,
            person_id=global_ids.key_of(person_id, "Person"),
            user_id=global_ids.key_of(actor_id, "User"),
            operation=operation,
            since=as_utc(since),
            until=as_utc(until),
        )

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.object_type is not None:
            clauses += [
                AuditEntry.object_type == self.object_type,
                AuditEntry.object_id == self.object_id,
            ]
        if self.person_id is not None:
            clauses.append(AuditEntry.person_id == self.person_id)
        if self.user_id is not None:
            clauses.append(AuditEntry.user_id == self.user_id)
        if self.operation is not None:
            clauses.append(AuditEntry.operation == self.operation)
        if self.since is not None:
            clauses.append(AuditEntry.at >= self.since)
        if self.until is not None:
            clauses.append(AuditEntry.at < self.until)
        return clauses
