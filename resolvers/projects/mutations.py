"""Projects (项目): creation, milestones, progress, the ten links, completion, evaluation
and cancellation; breaches of the negative list. Every status change goes through the
project machine (resolvers/projects/workflow.py), which records it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from db.models import (
    AccountRole,
    CoBuildingLink,
    Community,
    NegativeListViolation,
    OwnerKind,
    Person,
    PersonRole,
    Project,
    ProjectAction,
    ProjectCategory,
    ProjectCheckpoint,
    ProjectKind,
    ProjectMilestone,
    ProjectStatus,
    ProjectUpdate,
    PropertyCompany,
    RoleKind,
    WorkUnit,
)
from resolvers import clock
from resolvers.accounts.viewer import ScopeLevel
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import load_as
from resolvers.organization.rules import ensure_live
from resolvers.people.rules import ensure_party_member, holds_role
from resolvers.permissions import authorize
from resolvers.projects import workflow
from resolvers.projects.workflow import PROJECTS
from resolvers.validation import Checks, clean_text
from resolvers.workflow import locked

MAX_EVIDENCE = 10
COMPANY = frozenset({AccountRole.PROPERTY_COMPANY})


async def _holds(ctx: Context, person: Person, kind: RoleKind) -> bool:
    found = await ctx.session.scalar(
        select(PersonRole.id).where(
            PersonRole.person_id == person.id,
            PersonRole.kind == kind,
            PersonRole.ended_on.is_(None),
        )
    )
    return found is not None


async def create_project(
    ctx: Context,
    *,
    kind: ProjectKind,
    category: ProjectCategory | None,
    title: str,
    description: str | None,
    source: str | None,
    community_id: str,
    year: int | None,
    owner_work_unit_id: str | None,
    owner_person_id: str | None,
    owner_property_company_id: str | None,
    due_on: date | None,
) -> Project:
    community = await load_as(ctx, community_id, Community)
    # Scope before validation, so that the input's faults tell an outsider nothing. A
    # company's grant covers only its own projects: checked once the owner is known.
    if not ctx.viewer.grants_of(COMPANY):
        await authorize(ctx, community)
    owners = [o for o in (owner_work_unit_id, owner_person_id, owner_property_company_id) if o]
    if len(owners) != 1:
        raise UserErrors.single(
            "name exactly one owner: a work unit, a person or a property company",
            UserErrorCode.INVALID,
            "owner",
        )
    project = Project(
        kind=kind,
        category=category,
        community_id=community.id,
        progress=0,
        year=year or clock.today().year,
    )
    person = None
    if owner_work_unit_id:
        unit = await load_as(ctx, owner_work_unit_id, WorkUnit)
        project.owner_kind, project.owner_work_unit_id = OwnerKind.WORK_UNIT, unit.id
    elif owner_property_company_id:
        company = await load_as(ctx, owner_property_company_id, PropertyCompany)
        project.owner_kind = OwnerKind.PROPERTY_COMPANY
        project.owner_property_company_id = company.id
    else:
        assert owner_person_id is not None
        person = await load_as(ctx, owner_person_id, Person)
        project.owner_person_id = person.id
        project.owner_kind = (
            OwnerKind.PARTY_MEMBER if kind is ProjectKind.CO_BUILDING else OwnerKind.SECRETARY
        )
    # The would-be project is the target: a company's grant covers only its own projects.
    await authorize(ctx, project)
    ensure_live(community, "communityId")
    allowed = {
        ProjectKind.CO_BUILDING: (OwnerKind.WORK_UNIT, OwnerKind.PARTY_MEMBER),
        ProjectKind.BREAKTHROUGH: (OwnerKind.SECRETARY,),
        ProjectKind.SERVICE_ITEM: (OwnerKind.SECRETARY,),
        ProjectKind.PROPERTY_SERVICE: (OwnerKind.PROPERTY_COMPANY,),
    }[kind]
    if project.owner_kind not in allowed:
        words = " or ".join(owner.value for owner in allowed)
        raise UserErrors.single(
            f"a {kind.value} project is owned by a {words}", UserErrorCode.INVALID, "owner"
        )
    if (category is None) == (kind is ProjectKind.CO_BUILDING):
        raise UserErrors.single(
            "co-building projects have a category, and only they",
            UserErrorCode.INVALID,
            "category",
        )
    if person is not None:
        if project.owner_kind is OwnerKind.PARTY_MEMBER:
            await ensure_party_member(ctx.session, person, "ownerPersonId")
        elif not await holds_role(ctx.session, person.id, RoleKind.SECRETARY):
            raise UserErrors.single(
                f"{person.name} is not a party secretary", UserErrorCode.INVALID, "ownerPersonId"
            )
    if project.owner_property_company_id is not None:
        owner = await ctx.loaders.by_id(PropertyCompany).load(project.owner_property_company_id)
        assert owner is not None
        if owner.community_id != community.id or owner.archived_at is not None:
            raise UserErrors.single(
                f"{owner.name} has no co-building agreement with this community",
                UserErrorCode.OUT_OF_AREA,
                "ownerPropertyCompanyId",
            )
    check = Checks()
    project.title = check(clean_text, title, "title", max_length=100) or ""
    project.description = (
        check(clean_text, description or "", "description", max_length=1000, required=False) or ""
    )
    project.source = check(clean_text, source or "", "source", max_length=300, required=False) or ""
    check.done()
    project.due_on = due_on
    await PROJECTS.advance(ctx, project, ProjectAction.PROPOSE)
    await ctx.session.flush()
    return project


def _owns(ctx: Context, project: Project) -> bool:
    """Whether the viewer runs `project` as its owner: the member, or a member bound to
    the owning unit (a company's grant is covered by scope)."""
    viewer = ctx.viewer
    if project.owner_person_id is not None and project.owner_person_id == viewer.person_id:
        return True
    return project.owner_work_unit_id is not None and any(
        grant.level is ScopeLevel.WORK_UNIT and grant.scope_id == project.owner_work_unit_id
        for grant in viewer.grants
    )


async def _project(ctx: Context, project_id: str) -> Project:
    """The project, locked: its steps and its progress change one request at a time."""
    project = await locked(ctx, Project, project_id)
    await authorize(ctx, project, own=_owns(ctx, project))
    return project


async def _milestones(ctx: Context, project: Project) -> list[ProjectMilestone]:
    return list(
        (
            await ctx.session.scalars(
                select(ProjectMilestone)
                .where(ProjectMilestone.project_id == project.id)
                .order_by(ProjectMilestone.position)
            )
        ).all()
    )


async def _links(ctx: Context, project: Project) -> list[CoBuildingLink]:
    return list(
        (
            await ctx.session.scalars(
                select(ProjectCheckpoint.link).where(ProjectCheckpoint.project_id == project.id)
            )
        ).all()
    )


async def add_milestone(
    ctx: Context, *, project_id: str, title: str, weight: int, due_on: date | None
) -> Project:
    project = await _project(ctx, project_id)
    workflow.ensure_open(project, "add a milestone")
    title = clean_text(title, "title", max_length=100)
    if not 1 <= weight <= 100:
        raise UserErrors.single("weight is 1 to 100", UserErrorCode.OUT_OF_RANGE, "weight")
    milestones = await _milestones(ctx, project)
    milestone = ProjectMilestone(
        project_id=project.id,
        position=len(milestones) + 1,
        title=title,
        weight=weight,
        due_on=due_on,
        progress=0,
    )
    ctx.session.add(milestone)
    project.progress = workflow.progress_of([*milestones, milestone])
    await ctx.session.flush()
    return project


def _evidence(items: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    if len(items) > MAX_EVIDENCE:
        raise UserErrors.single(
            f"at most {MAX_EVIDENCE} pieces of evidence", UserErrorCode.TOO_LONG, "evidence"
        )
    cleaned = []
    for title, url in items:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise UserErrors.single(
                "evidence links are http(s) URLs of at most 500 characters",
                UserErrorCode.INVALID,
                "evidence",
            )
        cleaned.append({"title": clean_text(title, "evidence", max_length=100), "url": url.strip()})
    return cleaned


async def report_progress(
    ctx: Context,
    *,
    project_id: str,
    milestone_id: str | None,
    progress: int | None,
    note: str | None,
    evidence: Sequence[tuple[str, str]],
) -> Project:
    """A progress report (进展): a milestone's progress moves forward, the project's is
    recomputed, the evidence is kept; the first report starts the project."""
    project = await _project(ctx, project_id)
    workflow.ensure_open(project, "report progress")
    check = Checks()
    text = check(clean_text, note or "", "note", max_length=1000, required=False) or ""
    proofs = check(_evidence, evidence) or []
    check.done()
    milestones = await _milestones(ctx, project)
    milestone = None
    if milestone_id is not None:
        milestone = await load_as(ctx, milestone_id, ProjectMilestone)
        if milestone.project_id != project.id:
            raise UserErrors.single(
                "the milestone belongs to another project", UserErrorCode.INVALID, "milestoneId"
            )
        milestone = next(m for m in milestones if m.id == milestone.id)
        if progress is None or not 0 <= progress <= 100:
            raise UserErrors.single(
                "a milestone's progress is 0 to 100", UserErrorCode.OUT_OF_RANGE, "progress"
            )
        if progress < milestone.progress:
            raise UserErrors.single(
                f"progress does not go back (it is {milestone.progress} %)",
                UserErrorCode.INVALID,
                "progress",
            )
        milestone.progress = progress
        if progress == 100 and milestone.completed_on is None:
            milestone.completed_on = clock.today()
    elif progress is not None:
        raise UserErrors.single(
            "progress is reported for a milestone", UserErrorCode.INVALID, "milestoneId"
        )
    ctx.session.add(
        ProjectUpdate(
            project_id=project.id,
            milestone_id=milestone.id if milestone else None,
            progress=progress,
            note=text,
            evidence=proofs,
            reported_at=clock.now(),
            reported_by_user_id=ctx.viewer.user_id,
            reported_by_person_id=ctx.viewer.person_id,
        )
    )
    if project.status is ProjectStatus.PROPOSED:
        await PROJECTS.advance(ctx, project, ProjectAction.START)
    project.progress = workflow.progress_of(milestones)
    await ctx.session.flush()
    return project


async def record_checkpoint(
    ctx: Context, *, project_id: str, link: CoBuildingLink, note: str | None
) -> Project:
    """A link of the "four steps, ten links" loop, with who and when."""
    project = await _project(ctx, project_id)
    if project.kind is not ProjectKind.CO_BUILDING:
        raise UserErrors.single(
            "the ten links belong to co-building projects", UserErrorCode.INVALID, "projectId"
        )
    workflow.check_link(project, await _links(ctx, project), link)
    ctx.session.add(
        ProjectCheckpoint(
            project_id=project.id,
            link=link,
            note=clean_text(note or "", "note", max_length=500, required=False),
            recorded_at=clock.now(),
            recorded_by_user_id=ctx.viewer.user_id,
            recorded_by_person_id=ctx.viewer.person_id,
        )
    )
    if link in workflow.STARTS_WORK and project.status is ProjectStatus.PROPOSED:
        await PROJECTS.advance(ctx, project, ProjectAction.START)
    await ctx.session.flush()
    return project


async def complete(ctx: Context, *, project_id: str) -> Project:
    project = await _project(ctx, project_id)
    move = await PROJECTS.begin(ctx, project, ProjectAction.COMPLETE)
    workflow.check_completion(project, await _milestones(ctx, project), await _links(ctx, project))
    await move.finish()
    await ctx.session.flush()
    return project


async def evaluate(ctx: Context, *, project_id: str, score: int, comment: str) -> Project:
    """The closing evaluation (结项评价) of a completed project."""
    project = await _project(ctx, project_id)
    move = await PROJECTS.begin(ctx, project, ProjectAction.EVALUATE)
    if not 0 <= score <= 100:
        raise UserErrors.single("score is 0 to 100", UserErrorCode.OUT_OF_RANGE, "score")
    project.evaluation_comment = clean_text(comment, "comment", max_length=500)
    project.evaluation_score = score
    project.evaluated_by_user_id = ctx.viewer.user_id
    await move.finish()  # stamps evaluated_at
    await ctx.session.flush()
    return project


async def cancel(ctx: Context, *, project_id: str, reason: str) -> Project:
    project = await _project(ctx, project_id)
    move = await PROJECTS.begin(ctx, project, ProjectAction.CANCEL)
    why = clean_text(reason, "reason", max_length=300, required=False)
    if not why:
        raise UserErrors.single("say why", UserErrorCode.REASON_REQUIRED, "reason")
    project.cancel_reason = why
    await move.finish(reason=why)
    await ctx.session.flush()
    return project


async def record_violation(
    ctx: Context,
    *,
    item_number: int,
    person_id: str | None,
    work_unit_id: str | None,
    community_id: str,
    occurred_on: date,
    description: str,
    project_id: str | None,
) -> NegativeListViolation:
    community = await load_as(ctx, community_id, Community)
    await authorize(ctx, community)
    if (person_id is None) == (work_unit_id is None):
        raise UserErrors.single(
            "name either a party member or a work unit", UserErrorCode.INVALID, "personId"
        )
    if not 1 <= item_number <= 20:
        raise UserErrors.single(
            "the negative list has items 1 to 20", UserErrorCode.OUT_OF_RANGE, "itemNumber"
        )
    violation = NegativeListViolation(
        item_number=item_number,
        community_id=community.id,
        occurred_on=occurred_on,
        description=clean_text(description, "description", max_length=500),
        recorded_at=clock.now(),
        recorded_by_user_id=ctx.viewer.user_id,
    )
    if person_id is not None:
        person = await load_as(ctx, person_id, Person)
        await ensure_party_member(ctx.session, person, "personId")
        violation.person_id = person.id
    else:
        assert work_unit_id is not None
        unit = await load_as(ctx, work_unit_id, WorkUnit)
        if unit.archived_at is not None:
            raise UserErrors.single("the unit is archived", UserErrorCode.ARCHIVED, "workUnitId")
        violation.work_unit_id = unit.id
    if project_id is not None:
        violation.project_id = (await load_as(ctx, project_id, Project)).id
    if occurred_on > clock.today():
        raise UserErrors.single(
            "occurredOn is in the future", UserErrorCode.DATE_ORDER, "occurredOn"
        )
    ctx.session.add(violation)
    await ctx.session.flush()
    return violation
