"""The project lifecycle and the "four steps, ten links" (四步十环) closed loop.

PROPOSED (created) → IN_PROGRESS (the first progress report, or a loop link from
PLAN_MADE on) → COMPLETED (every milestone at 100 %; a co-building project has recorded
the links through PROCESS_RECORDED) → EVALUATED (the closing evaluation); PROPOSED or
IN_PROGRESS → CANCELLED with a reason. Every move goes through `PROJECTS`
(resolvers/workflow), which records it as a ProjectEvent. A link of the loop is recorded
once, after all earlier links; the links of the last step only once the project is
completed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.models import (
    CoBuildingLink,
    Project,
    ProjectAction,
    ProjectEvent,
    ProjectMilestone,
    ProjectStatus,
)
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.workflow import Machine, Move, State, StateKind, Transition

L, P, A = CoBuildingLink, ProjectStatus, ProjectAction


def _event(project: Project, move: Move[ProjectStatus, ProjectAction]) -> ProjectEvent:
    return ProjectEvent(
        project_id=project.id,
        action=move.action,
        from_status=move.source,
        to_status=move.target,
        at=move.at,
        actor_user_id=move.user_id,
        actor_person_id=move.person_id,
        reason=move.reason,
    )


PROJECTS: Machine[Project, ProjectStatus, ProjectAction, ProjectEvent] = Machine(
    noun="a project",
    field="projectId",
    model=Project,
    states=(
        State(P.PROPOSED, StateKind.OPEN),
        State(P.IN_PROGRESS, StateKind.OPEN, "started_on"),
        State(P.COMPLETED, StateKind.CLOSED, "completed_on"),
        State(P.EVALUATED, StateKind.CLOSED, "evaluated_at"),
        State(P.CANCELLED, StateKind.CLOSED),
    ),
    transitions=(
        Transition(
            A.PROPOSE,
            frozenset({None}),
            P.PROPOSED,
            ("createProject", "createBreakthroughProject"),
        ),
        # The work starts with its first progress report or the loop's PLAN_MADE link.
        Transition(
            A.START,
            frozenset({P.PROPOSED}),
            P.IN_PROGRESS,
            ("reportProjectProgress", "recordProjectCheckpoint"),
        ),
        Transition(A.COMPLETE, frozenset({P.IN_PROGRESS}), P.COMPLETED, ("completeProject",)),
        Transition(A.EVALUATE, frozenset({P.COMPLETED}), P.EVALUATED, ("evaluateProject",)),
        Transition(
            A.CANCEL, frozenset({P.PROPOSED, P.IN_PROGRESS}), P.CANCELLED, ("cancelProject",)
        ),
    ),
    event=_event,
)


@dataclass(frozen=True)
class Step:
    name: str
    chinese: str
    links: tuple[CoBuildingLink, ...]


STEPS = (
    Step("REPORT", "报到", (L.UNIT_REPORTS, L.MEMBERS_REPORT)),
    Step("ADOPT", "认领", (L.NEEDS_COLLECTED, L.LIST_PUBLISHED, L.PROJECT_ADOPTED)),
    Step("SERVE", "服务", (L.PLAN_MADE, L.CARRIED_OUT, L.PROCESS_RECORDED)),
    Step("EVALUATE", "评价", (L.RESIDENTS_EVALUATE, L.FEEDBACK_FILED)),
)
LINKS = tuple(link for step in STEPS for link in step.links)
STEP_OF = {link: step for step in STEPS for link in step.links}
LINK_NAMES = {
    L.UNIT_REPORTS: "单位报到",
    L.MEMBERS_REPORT: "党员报到",
    L.NEEDS_COLLECTED: "需求征集",
    L.LIST_PUBLISHED: "清单发布",
    L.PROJECT_ADOPTED: "双向认领",
    L.PLAN_MADE: "制定方案",
    L.CARRIED_OUT: "组织实施",
    L.PROCESS_RECORDED: "过程纪实",
    L.RESIDENTS_EVALUATE: "群众评议",
    L.FEEDBACK_FILED: "反馈考核",
}
# Recording these links means the work has started; those after need a finished project.
STARTS_WORK = frozenset(LINKS[LINKS.index(L.PLAN_MADE) :])
NEEDS_COMPLETION = frozenset(STEPS[-1].links)
OPEN = PROJECTS.statuses(StateKind.OPEN)


def progress_of(milestones: Sequence[ProjectMilestone]) -> int:
    """The weighted progress of the milestones (0 without any)."""
    weights = sum(m.weight for m in milestones)
    if not weights:
        return 0
    return round(sum(m.weight * m.progress for m in milestones) / weights)


def ensure_open(project: Project, what: str) -> None:
    if project.status not in OPEN:
        raise UserErrors.single(
            f"cannot {what}: the project is {project.status.value}",
            UserErrorCode.INVALID_TRANSITION,
            "projectId",
        )


def check_link(project: Project, recorded: Sequence[CoBuildingLink], link: CoBuildingLink) -> None:
    """A link may follow only all the links before it, once, at the right stage."""
    if link in recorded:
        raise UserErrors.single(
            f"{link.value} is already recorded", UserErrorCode.ALREADY_RECORDED, "link"
        )
    missing = [each for each in LINKS[: LINKS.index(link)] if each not in recorded]
    if missing:
        raise UserErrors.single(
            f"record {missing[0].value} ({LINK_NAMES[missing[0]]}) first",
            UserErrorCode.LINK_OUT_OF_ORDER,
            "link",
        )
    if link in NEEDS_COMPLETION and project.status not in (P.COMPLETED, P.EVALUATED):
        raise UserErrors.single(
            f"{link.value} comes after the project is completed",
            UserErrorCode.INVALID_TRANSITION,
            "link",
        )
    if project.status is P.CANCELLED:
        raise UserErrors.single(
            "the project is cancelled", UserErrorCode.INVALID_TRANSITION, "projectId"
        )


def check_completion(
    project: Project, milestones: Sequence[ProjectMilestone], recorded: Sequence[CoBuildingLink]
) -> None:
    """What completion needs besides being in progress (the machine checks that)."""
    if not milestones or any(m.progress < 100 for m in milestones):
        raise UserErrors.single(
            "every milestone must be at 100 % first", UserErrorCode.INVALID, "projectId"
        )
    needed = LINKS[: LINKS.index(L.PROCESS_RECORDED) + 1]
    if project.kind.value == "CO_BUILDING" and any(link not in recorded for link in needed):
        raise UserErrors.single(
            "record the loop's links through PROCESS_RECORDED (过程纪实) first",
            UserErrorCode.LINK_OUT_OF_ORDER,
            "projectId",
        )
