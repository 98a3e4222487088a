"""Grid incidents of the generated district (网格事件): a year of them before the as-of
day, as the incident workflow (resolvers/incidents/workflow.py) would have left them:
reported by grid leaders, residents or staff, called by the community's secretary,
answered by the category's departments with dated tasks, sometimes escalated, verified
by the grid leader, called back and now and then reopened; a few closed as not the
district's, referred or merged as duplicates. Steps that would fall after the as-of day
are not taken, so the last weeks' incidents are still open.

The draws come from a random stream of their own, so that the domains before draw the
same district with or without incidents."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from db.models import (
    AccountRole,
    CallbackResult,
    Department,
    IncidentAction,
    IncidentCategory,
    IncidentChannel,
    IncidentStatus,
    ResponseTier,
    TaskStatus,
)
from resolvers.incidents.workflow import INCIDENTS, TIERS, higher
from simulation import scale as figures
from simulation.account_names import department_username
from simulation.district_time import DISTRICT_TZ
from simulation.generator.plan import District, Resident, apportion

S, A = IncidentStatus, IncidentAction


@dataclass(frozen=True)
class Category:
    id: int
    code: str
    tier: ResponseTier
    deadline: timedelta
    departments: tuple[int, ...]
    attributes: tuple[dict[str, Any], ...]


@dataclass
class History:
    """One incident's row as its steps leave it, and the rows that go with it."""

    row: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    participants: dict[int, dict[str, Any]] = field(default_factory=dict)


class IncidentGenerator:
    """The catalogue and the departments' staff, then each community's incidents."""

    def __init__(self, generator: District) -> None:
        self.g = generator
        self.w = generator.w
        self.rng = random.Random(f"incidents-{generator.seed}")
        self.per_community: list[int] = []
        self.categories: dict[str, Category] = {}
        self.staff: dict[int, list[int]] = {}  # department → staff accounts
        self.seen_grids = 0
        self.end = datetime.combine(generator.timeline.as_of, time(0), DISTRICT_TZ).astimezone(UTC)

    async def prepare(self, district: int) -> None:
        """Read the catalogue the migration wrote; the departments' staff accounts; each
        community's share of the year's incidents, by its grids."""
        await self.w.written()  # the connection is free of the writer's batches
        connection = self.w.connection
        codes = dict((await connection.execute(select(Department.code, Department.id))).all())
        for row in await connection.execute(select(IncidentCategory)):
            self.categories[row.code] = Category(
                row.id,
                row.code,
                ResponseTier(row.default_tier),
                timedelta(hours=row.deadline_hours),
                tuple(codes[code] for code in row.department_codes if code in codes),
                tuple(row.attributes),
            )
        weights = [float(grids) for grids in self.g.plan.grids]
        self.per_community = apportion(self.g.scale.expected()["grid_incidents"], weights)
        for code, department in sorted(codes.items(), key=lambda item: item[1]):
            self.staff[department] = []
            if self.g.accounts is None:
                continue
            for number in range(1, figures.DEPARTMENT_STAFF_ACCOUNTS + 1):
                user = await self.g.accounts.add(
                    department_username(code, number),
                    f"{code}-{number}",
                    [(AccountRole.DEPARTMENT_STAFF, "district_id", district)],
                )
                await self.w.add("department_staff", {"user_id": user, "department_id": department})
                self.staff[department].append(user)

    async def community(
        self, index: int, community: int, secretary: Resident, residents: Sequence[Resident]
    ) -> None:
        # The grids written since the last community's turn are this community's.
        grids = list(self.g.plan.grid_buildings)[self.seen_grids :]
        self.seen_grids += len(grids)
        earlier: list[History] = []
        codes = list(figures.INCIDENT_CATEGORY_WEIGHTS)
        weights = list(figures.INCIDENT_CATEGORY_WEIGHTS.values())
        moments = sorted(self._moment() for _ in range(self.per_community[index]))
        for reported in moments:
            category = self.categories[self.rng.choices(codes, weights)[0]]
            grid = self.rng.choice(grids)
            history = self._incident(
                category, community, grid, reported, secretary, residents, earlier
            )
            earlier.append(history)
        for history in earlier:
            await self.w.add("incidents", history.row)
        for history in earlier:
            for participant in history.participants.values():
                await self.w.add("incident_participants", participant)
            for task in history.tasks:
                await self.w.add("incident_tasks", task)
            for event in history.events:
                await self.w.add("incident_events", event)

    # --- pieces ---------------------------------------------------------------------------

    def _moment(self) -> datetime:
        """A moment of the year before the as-of day, in working hours."""
        day = self.g.timeline.as_of - timedelta(days=self.rng.randint(1, 365))
        at = datetime.combine(day, time(self.rng.randint(8, 18), self.rng.randrange(60)))
        return at.replace(tzinfo=DISTRICT_TZ).astimezone(UTC)

    def _hours(self, low_high: tuple[float, float]) -> timedelta:
        return timedelta(hours=self.rng.uniform(*low_high))

    def _attributes(self, category: Category) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for spec in category.attributes:
            if not spec["required"] and self.rng.random() < 0.5:
                continue
            datatype = spec["datatype"]
            if datatype == "NUMBER":
                found[spec["code"]] = float(self.rng.randint(1, 60))
            elif datatype == "BOOLEAN":
                found[spec["code"]] = self.rng.random() < 0.3
            elif datatype in ("SINGLE_CHOICE", "MULTI_CHOICE"):
                choice = self.rng.choice(spec["values"])
                found[spec["code"]] = [choice] if datatype == "MULTI_CHOICE" else choice
            else:
                found[spec["code"]] = "现场所见"
        return found

    def _incident(
        self,
        category: Category,
        community: int,
        grid: int,
        reported: datetime,
        secretary: Resident,
        residents: Sequence[Resident],
        earlier: Sequence[History],
    ) -> History:
        rng = self.rng
        key = self.w.new_id("incidents")
        leader_person, leader_user = self.g.plan.grid_leaders.get(
            grid, (secretary.person, secretary.user)
        )
        channel = IncidentChannel(
            rng.choices(
                list(figures.INCIDENT_CHANNEL_SHARES),
                list(figures.INCIDENT_CHANNEL_SHARES.values()),
            )[0]
        )
        # Drawn from every resident, account or not, so that a district generated without
        # accounts draws the same incidents.
        resident = rng.choice(residents) if residents else secretary
        reporter, by = {
            IncidentChannel.GRID_LEADER: (leader_person, leader_user),
            IncidentChannel.RESIDENT: (resident.person, resident.user),
            IncidentChannel.STAFF: (resident.person, secretary.user),
        }[channel]
        buildings = self.g.plan.grid_buildings[grid]
        building = rng.choice(buildings) if rng.random() < 0.7 else None
        row: dict[str, Any] = {
            "id": key,
            "category_id": category.id,
            "description": f"{category.code}#{key}",
            "community_id": community,
            "grid_id": grid,
            "building_id": building,
            "address": "",
            "latitude": round(36.05 + rng.uniform(0, 0.1), 6),
            "longitude": round(120.33 + rng.uniform(0, 0.1), 6),
            "photos": [f"https://files.example.cn/incidents/{key}/1.jpg"],
            "attributes": self._attributes(category),
            "channel": channel,
            "reporter_person_id": reporter,
            "reported_by_user_id": by,
            "reported_at": reported,
            "status": None,
            "status_changed_at": reported,
            "tier": category.tier,
            "escalations": 0,
            "due_at": reported + category.deadline,
            "called_at": None,
            "responded_at": None,
            "disposal_started_at": None,
            "closed_at": None,
            "resolution": None,
            "verified_at": None,
            "verified_by_user_id": None,
            "duplicate_of_id": None,
            "callback_result": None,
            "callback_comment": None,
            "callback_at": None,
            "reopen_count": 0,
            **self.g.stamps(),
        }
        history = History(row)
        self._play(history, category, secretary, leader_user, earlier)
        return history

    def _step(
        self,
        history: History,
        action: IncidentAction,
        at: datetime,
        user: int | None,
        *,
        to: IncidentStatus | None = None,
        reason: str | None = None,
    ) -> bool:
        """Take a step if it falls before the as-of day; False (and nothing) otherwise."""
        if at >= self.end:
            return False
        row = history.row
        transition = INCIDENTS.transition(action)
        source = row["status"]
        assert source in transition.sources, (action, source)
        target = transition.target if to is None else to
        assert target in transition.targets
        row["status"], row["status_changed_at"] = target, at
        for column in INCIDENTS.stamps(action, target):
            row[column] = at
        history.events.append(
            {
                "incident_id": row["id"],
                "action": action,
                "from_status": source,
                "to_status": target,
                "tier": row["tier"],
                "at": at,
                "actor_user_id": user,
                "actor_person_id": None,
                "reason": reason,
            }
        )
        return True

    def _play(
        self,
        history: History,
        category: Category,
        secretary: Resident,
        leader: int | None,
        earlier: Sequence[History],
    ) -> None:
        rng, row = self.rng, history.row
        at: datetime = row["reported_at"]
        self._step(history, A.REPORT, at, row["reported_by_user_id"])
        outcome = rng.choices(
            list(figures.INCIDENT_OUTCOME_SHARES), list(figures.INCIDENT_OUTCOME_SHARES.values())
        )[0]
        same_grid = [h for h in earlier if h.row["grid_id"] == row["grid_id"]]
        at += self._hours(figures.INCIDENT_CALL_HOURS)
        if outcome == "DUPLICATE" and same_grid:
            original = rng.choice(same_grid)
            if self._step(history, A.MERGE, at, secretary.user, reason=f"#{original.row['id']}"):
                row["duplicate_of_id"] = original.row["id"]
            return
        if not self._step(history, A.CALL, at, secretary.user, reason="社区吹哨"):
            return
        departments = category.departments or (min(self.staff),)
        for department in departments:
            history.participants[department] = {
                "incident_id": row["id"],
                "department_id": department,
                "joined_at": at,
                "responded_at": None,
            }
        if outcome in ("NOT_RESPONSIBLE", "REFERRED"):
            at += self._hours(figures.INCIDENT_RESPONSE_HOURS)
            why = "非本辖区职责" if outcome == "NOT_RESPONSIBLE" else "转交上级部门办理"
            if self._step(history, A.CLOSE, at, secretary.user, to=S(outcome), reason=why):
                row["resolution"] = why
            return
        if rng.random() < figures.SHARE_OF_INCIDENTS_ESCALATED and higher(row["tier"]):
            at += self._hours(figures.INCIDENT_RESPONSE_HOURS)
            row["tier"] = higher(row["tier"])
            row["escalations"] += 1
            if not self._step(history, A.ESCALATE, at, secretary.user, reason="社区难以解决，提级"):
                row["tier"] = TIERS[TIERS.index(row["tier"]) - 1]
                row["escalations"] -= 1
                return
        lead = departments[0]
        at += self._hours(figures.INCIDENT_RESPONSE_HOURS)
        staff: list[int | None] = [*self.staff.get(lead, [])] or [None]
        if not self._step(history, A.RESPOND, at, staff[0], reason="部门报到"):
            return
        history.participants[lead]["responded_at"] = at
        self._dispose(history, category, secretary, leader, departments, at, reopened=False)

    def _dispose(
        self,
        history: History,
        category: Category,
        secretary: Resident,
        leader: int | None,
        departments: Sequence[int],
        at: datetime,
        *,
        reopened: bool,
    ) -> None:
        rng, row = self.rng, history.row
        at += timedelta(minutes=rng.randint(10, 120))
        if reopened:
            pass  # the callback moved it back to IN_DISPOSAL
        elif not self._step(history, A.DISPOSE, at, secretary.user, reason="派发任务"):
            return
        late = rng.random() < figures.SHARE_OF_INCIDENTS_LATE
        fraction = rng.uniform(
            *(figures.INCIDENT_LATE_FRACTION if late else figures.INCIDENT_ON_TIME_FRACTION)
        )
        closing = max(row["reported_at"] + category.deadline * fraction, at + timedelta(hours=1))
        done_by = at
        for department in departments[: rng.randint(1, min(3, len(departments)))]:
            done = at + (closing - at) * rng.uniform(0.5, 0.9)
            finished = done < self.end
            staff: list[int | None] = [*self.staff.get(department, [])] or [None]
            history.tasks.append(
                {
                    "incident_id": row["id"],
                    "department_id": department,
                    "title": "现场处置",
                    "owner_user_id": staff[0],
                    "assignees": ["承办人"],
                    "due_at": row["reported_at"] + category.deadline,
                    "status": TaskStatus.DONE if finished else TaskStatus.IN_PROGRESS,
                    "resolution_note": "已处置完毕" if finished else None,
                    "done_at": done if finished else None,
                    **self.g.stamps(),
                }
            )
            if department not in history.participants:
                history.participants[department] = {
                    "incident_id": row["id"],
                    "department_id": department,
                    "joined_at": at,
                    "responded_at": None,
                }
            done_by = max(done_by, done)
        if not self._step(history, A.VERIFY, closing, leader, reason="网格员现场核查"):
            return
        row["resolution"] = "已处置完毕，现场核查无误"
        row["verified_by_user_id"] = leader
        callback_at = closing + timedelta(days=rng.randint(*figures.INCIDENT_CALLBACK_DAYS))
        result = CallbackResult(
            rng.choices(
                list(figures.INCIDENT_CALLBACK_SHARES),
                list(figures.INCIDENT_CALLBACK_SHARES.values()),
            )[0]
        )
        if reopened:
            result = CallbackResult.SATISFIED  # the second round settles it
        reopen = (
            result is CallbackResult.NOT_SATISFIED
            and rng.random() < figures.SHARE_REOPENED_WHEN_NOT_SATISFIED
        )
        comment = "问题反复，要求重新处理" if result is CallbackResult.NOT_SATISFIED else None
        target = S.IN_DISPOSAL if reopen else S.RESOLVED
        reason = f"{result.value}: {comment}" if comment else result.value
        if not self._step(
            history, A.CALLBACK, callback_at, secretary.user, to=target, reason=reason
        ):
            return
        row["callback_result"], row["callback_comment"] = result, comment
        if reopen:
            row["reopen_count"] += 1
            row["closed_at"] = row["verified_at"] = None
            self._dispose(
                history, category, secretary, leader, departments, callback_at, reopened=True
            )
