"""Which consultations (好商量) a viewer sees, the list filter, and the five "haves"
(五有) as they stand."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute

from db.models import (
    Community,
    Consultation,
    ConsultationFollowUp,
    ConsultationParticipant,
    ConsultationStatus,
)
from resolvers.accounts.viewer import ScopeLevel, Viewer
from resolvers.rules import STAFF, RowRule

C, S = Consultation, ConsultationStatus
CLOSED = (S.RESOLVED, S.NOT_RESOLVED, S.CANCELLED)


def seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff see the consultations of their area; anyone those they raised or take part in."""
    seen: list[ColumnElement[bool]] = []
    for grant in viewer.grants_of(STAFF):
        if grant.level is ScopeLevel.DISTRICT:
            return true()
        if grant.level is ScopeLevel.STREET:
            seen.append(
                C.community_id.in_(
                    select(Community.id).where(Community.street_id == grant.scope_id)
                )
            )
        elif grant.level is ScopeLevel.COMMUNITY:
            seen.append(C.community_id == grant.scope_id)
        elif grant.level is ScopeLevel.GRID:
            seen.append(C.grid_id == grant.scope_id)
    if viewer.person_id is not None:
        seen.append(C.proposed_by_person_id == viewer.person_id)
        seen.append(
            C.id.in_(
                select(ConsultationParticipant.consultation_id).where(
                    ConsultationParticipant.person_id == viewer.person_id
                )
            )
        )
    return or_(*seen) if seen else false()


def parts_seen_by(column: InstrumentedAttribute[int]) -> RowRule:
    """A row rule for the rows of a consultation (participants, follow-ups, feedback,
    events): those of the consultations the viewer sees."""

    def rule(viewer: Viewer) -> ColumnElement[bool]:
        return column.in_(select(C.id).where(seen_by(viewer)))

    return rule


def overdue_follow_up(today: date) -> ColumnElement[bool]:
    """A follow-up item not done by its due date (逾期)."""
    return (ConsultationFollowUp.done_at.is_(None)) & (ConsultationFollowUp.due_on < today)


class FiveHave(enum.Enum):
    """The five "haves" of a consultation (五有)."""

    PLACE = "PLACE"  # 有场所: a venue is set
    SIGN = "SIGN"  # 有标识: the sign was posted
    RECORD = "RECORD"  # 有记录: minutes were recorded
    FEEDBACK = "FEEDBACK"  # 有回声: residents gave feedback
    FOLLOW_THROUGH = "FOLLOW_THROUGH"  # 有落实: decisions followed through, all items done


def five_haves(
    row: Consultation, *, feedback_count: int, follow_ups: Sequence[ConsultationFollowUp]
) -> dict[FiveHave, bool]:
    """Each "have" as the consultation stands: follow-through needs the items done and,
    when there were none, the consultation resolved."""
    items_done = all(item.done_at is not None for item in follow_ups)
    return {
        FiveHave.PLACE: bool(row.venue),
        FiveHave.SIGN: row.sign_posted,
        FiveHave.RECORD: bool(row.minutes),
        FiveHave.FEEDBACK: feedback_count > 0,
        FiveHave.FOLLOW_THROUGH: items_done
        and (bool(follow_ups) or row.status is S.RESOLVED)
        and row.status not in (S.PROPOSED, S.SCHEDULED, S.CANCELLED),
    }


@dataclass(frozen=True)
class ConsultationFilter:
    viewer: Viewer | None = None
    community_id: int | None = None
    street_id: int | None = None
    category_id: int | None = None
    status: ConsultationStatus | None = None
    open: bool | None = None
    proposed_from: datetime | None = None
    proposed_before: datetime | None = None

    def clauses(self) -> Sequence[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.viewer is not None:
            clauses.append(seen_by(self.viewer))
        for column, value in (
            (C.community_id, self.community_id),
            (C.category_id, self.category_id),
            (C.status, self.status),
        ):
            if value is not None:
                clauses.append(column == value)
        if self.street_id is not None:
            clauses.append(
                C.community_id.in_(
                    select(Community.id).where(Community.street_id == self.street_id)
                )
            )
        if self.open is not None:
            clauses.append(C.status.not_in(CLOSED) if self.open else C.status.in_(CLOSED))
        if self.proposed_from is not None:
            clauses.append(C.proposed_at >= self.proposed_from)
        if self.proposed_before is not None:
            clauses.append(C.proposed_at < self.proposed_before)
        return clauses
