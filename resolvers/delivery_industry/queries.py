"""Which commissioners' checklist items a viewer sees."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true

from db.models import ChecklistProgress, PartyCommissioner
from resolvers.accounts.viewer import Viewer
from resolvers.rules import STAFF


def checklist_seen_by(viewer: Viewer) -> ColumnElement[bool]:
    """Staff see every commissioner's items; a commissioner their own."""
    if viewer.grants_of(STAFF):
        return true()
    if viewer.person_id is None:
        return false()
    return ChecklistProgress.commissioner_id.in_(
        select(PartyCommissioner.id).where(PartyCommissioner.person_id == viewer.person_id)
    )
