"""The generated district's grid incidents follow the declared workflow: each history
replays through INCIDENTS' transitions from nothing to the incident's status, with the
stamps the moves set; closed incidents carry their closing time, callbacks follow
resolutions, and tasks belong to departments taking part."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from db.models import (
    Incident,
    IncidentEvent,
    IncidentParticipant,
    IncidentStatus,
    IncidentTask,
)
from resolvers.incidents.workflow import CLOSED_STATUSES, INCIDENTS
from tests.support.database import Database


async def test_generated_histories_follow_the_workflow(seeded: Database) -> None:
    async with seeded.session() as s:
        incidents = (await s.scalars(select(Incident))).all()
        events = (await s.scalars(select(IncidentEvent).order_by(IncidentEvent.id))).all()
        tasks = (await s.scalars(select(IncidentTask))).all()
        participants = set(
            (
                await s.execute(
                    select(IncidentParticipant.incident_id, IncidentParticipant.department_id)
                )
            ).all()
        )
    assert incidents
    by_incident = defaultdict(list)
    for event in events:
        by_incident[event.incident_id].append(event)
    for incident in incidents:
        status = None
        for event in by_incident[incident.id]:
            transition = INCIDENTS.transition(event.action)
            assert event.from_status == status and status in transition.sources, incident.id
            assert event.to_status in transition.targets
            status = event.to_status
        assert status is incident.status, incident.id
        assert incident.reported_at <= incident.status_changed_at
        if incident.status in CLOSED_STATUSES:
            assert incident.closed_at is not None
        if incident.status is IncidentStatus.DUPLICATE:
            assert incident.duplicate_of_id is not None
        if incident.callback_result is not None:
            assert incident.callback_at is not None
    for task in tasks:
        assert (task.incident_id, task.department_id) in participants
