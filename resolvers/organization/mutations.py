"""Create, rename, move and archive tree nodes and party organisations; appoint
secretaries. Each function runs inside the caller's transaction (see transaction.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.models import (
    Building,
    Community,
    District,
    Grid,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PersonRole,
    RoleKind,
    Street,
    StreetKind,
)
from db.models.organization import NAME_LENGTH
from resolvers import clock, global_ids
from resolvers.context import Context
from resolvers.errors import UserErrorCode, UserErrors
from resolvers.nodes import NODE_MODELS, TYPE_NAMES, ChangedRowRead, RowRef, load_as
from resolvers.organization import renaming
from resolvers.organization.queries import the_district
from resolvers.organization.rules import (
    child_organization_count,
    ensure_live,
    ensure_name_free,
    live_dependents,
    live_organization,
    organization_dependents,
)
from resolvers.organization.tree import (
    LEVEL_OF_KIND,
    LEVELS,
    TreeModel,
    TreeNode,
    organization_node_id,
)
from resolvers.people.rules import ensure_party_member
from resolvers.permissions import authorize
from resolvers.validation import clean_text

TREE_MODELS = (Street, Community, Grid, Building)
NAMES = tuple(TYPE_NAMES[model] for model in (*TREE_MODELS, PartyOrganization))


async def create_street(ctx: Context, *, name: str, kind: StreetKind) -> Street:
    district = await the_district(ctx.session)
    await authorize(ctx, district)
    name = clean_name(name)
    await ensure_name_free(ctx.session, Street, district.id, name)
    street = Street(district_id=district.id, name=name, kind=kind)
    ctx.session.add(street)
    await ctx.session.flush()
    return street


async def create_child(
    ctx: Context,
    model: type[Community] | type[Grid] | type[Building],
    parent_id: str,
    name: str,
    **extra: object,
) -> TreeNode:
    """Create a community, grid or building under the parent node named by `parent_id`."""
    level = LEVELS[model]
    parent = await _load_parent(ctx, parent_id, level.parent_model)
    await authorize(ctx, parent)
    # The input names the parent by its level: streetId, communityId or gridId.
    ensure_live(parent, f"{level.parent_model.__name__.lower()}Id")
    name = clean_name(name)
    await ensure_name_free(ctx.session, model, parent.id, name)
    node = model(name=name, **{level.parent_column: parent.id}, **extra)
    ctx.session.add(node)
    await ctx.session.flush()
    return node


async def create_building(
    ctx: Context, grid_id: str, name: str, *, address: str | None, household_count: int
) -> TreeNode:
    if household_count < 0:
        raise UserErrors.single(
            "householdCount cannot be negative", UserErrorCode.INVALID, "householdCount"
        )
    return await create_child(
        ctx,
        Building,
        grid_id,
        name,
        address=clean_text(address or "", "address", max_length=200, required=False),
        household_count=household_count,
    )


def clean_name(name: str) -> str:
    return clean_text(name, "name", max_length=NAME_LENGTH)


async def _load_row(ctx: Context, global_id: str) -> TreeNode | PartyOrganization:
    row = await load_as(ctx, global_id, *TREE_MODELS, PartyOrganization)
    assert isinstance(row, (*TREE_MODELS, PartyOrganization))
    return row


async def _load_parent(
    ctx: Context, global_id: str, model: type[District] | TreeModel
) -> District | TreeNode:
    row = await load_as(ctx, global_id, model)
    assert isinstance(row, (District, *TREE_MODELS))
    return row


def _tree_rename(node_id: str, name: str) -> tuple[TreeModel, int, str] | None:
    """The tree node's model and key and the cleaned name, for renaming.py; None for a
    party organisation or a name that fails cleaning, which the general path reports
    after the checks that come first."""
    type_name, pk = global_ids.decode_as(node_id, *NAMES)
    model = NODE_MODELS[type_name]
    if model not in LEVELS:
        return None
    try:
        return model, pk, clean_name(name)  # type: ignore[return-value]
    except UserErrors:
        return None


async def rename(ctx: Context, node_id: str, name: str) -> TreeNode | PartyOrganization | RowRef:
    tree = _tree_rename(node_id, name)
    if tree is not None:
        return await renaming.rename_tree_node(ctx, *tree, node_id)
    row = await _load_row(ctx, node_id)
    await authorize(ctx, await _above(ctx, row))
    ensure_live(row, "id")
    name = clean_name(name)
    if isinstance(row, PartyOrganization):
        row.name = name
    else:
        level = LEVELS[type(row)]
        await ensure_name_free(
            ctx.session, type(row), getattr(row, level.parent_column), name, own_id=row.id
        )
        row.name = name
    await ctx.session.flush()
    return row


async def rename_at_once(
    ctx: Context,
    connection: AsyncConnection,
    node_id: str,
    name: str,
    read: ChangedRowRead | None = None,
) -> RowRef | None:
    """`rename` of a tree node on the request's autocommit connection, on PostgreSQL
    (renaming.py), with the payload's `read` when it can; None when `rename` should run
    instead."""
    tree = _tree_rename(node_id, name)
    if tree is None or connection.dialect.name != "postgresql":
        return None
    return await renaming.rename_at_once(ctx, connection, *tree, node_id, read)


async def move(ctx: Context, node_id: str, new_parent_id: str) -> TreeNode | PartyOrganization:
    """Move a node under another parent, or attach an organisation to another node.

    A moved node takes its party organisation along, re-parented under the organisation
    of the new parent, so the party tree keeps following the organisation tree.
    """
    row = await _load_row(ctx, node_id)
    await authorize(ctx, await _above(ctx, row))
    ensure_live(row, "id")
    if isinstance(row, PartyOrganization):
        return await _reattach_organization(ctx, row, new_parent_id)
    if isinstance(row, Street):
        raise UserErrors.single(
            "streets belong to the district and cannot be moved", UserErrorCode.NOT_MOVABLE, "id"
        )
    level = LEVELS[type(row)]
    parent = await _load_parent(ctx, new_parent_id, level.parent_model)
    await authorize(ctx, parent)
    ensure_live(parent, "newParentId")
    if getattr(row, level.parent_column) == parent.id:
        raise UserErrors.single(
            "the node is already under that parent", UserErrorCode.SAME_PARENT, "newParentId"
        )
    await ensure_name_free(
        ctx.session, type(row), parent.id, row.name, own_id=row.id, field="newParentId"
    )
    organization = await live_organization(ctx.session, row)
    if organization is not None:
        organization.parent_id = await _parent_organization_id(ctx, parent, "newParentId")
    setattr(row, level.parent_column, parent.id)
    await ctx.session.flush()
    return row


async def _parent_organization_id(
    ctx: Context, parent: District | TreeNode, field: str
) -> int | None:
    """The organisation a new organisation under `parent` hangs from (None at the top)."""
    if isinstance(parent, District):
        return None
    organization = await live_organization(ctx.session, parent)
    if organization is None:
        raise UserErrors.single(
            f"{type(parent).__name__} {parent.name!r} has no live party organisation to"
            " hang this one from; create that first",
            UserErrorCode.PARENT_ORGANIZATION_MISSING,
            field,
        )
    return organization.id


async def _reattach_organization(
    ctx: Context, organization: PartyOrganization, node_id: str
) -> PartyOrganization:
    level = LEVEL_OF_KIND[organization.kind]
    node = await _load_parent(ctx, node_id, level.model)
    assert not isinstance(node, District)
    await authorize(ctx, node)
    ensure_live(node, "newParentId")
    if getattr(organization, level.org_column) == node.id:
        raise UserErrors.single(
            "the organisation is already attached to that node",
            UserErrorCode.SAME_PARENT,
            "newParentId",
        )
    if await child_organization_count(ctx.session, organization):
        raise UserErrors.single(
            "the organisation has live child organisations; move the node instead",
            UserErrorCode.HAS_LIVE_CHILDREN,
            "id",
        )
    await _ensure_no_organization(ctx, node, "newParentId")
    organization.parent_id = await _parent_organization_id(
        ctx, await _parent_node(ctx, node), "newParentId"
    )
    setattr(organization, level.org_column, node.id)
    await ctx.session.flush()
    return organization


async def _parent_node(ctx: Context, node: TreeNode) -> District | TreeNode:
    level = LEVELS[type(node)]
    parent = await ctx.loaders.by_id(level.parent_model).load(getattr(node, level.parent_column))
    assert parent is not None  # a foreign key guarantees it
    return parent


async def _node_of(ctx: Context, organization: PartyOrganization) -> TreeNode:
    level, node_id = organization_node_id(organization)
    node = await ctx.loaders.by_id(level.model).load(node_id)
    assert node is not None  # a foreign key guarantees it
    return node


async def _above(ctx: Context, row: TreeNode | PartyOrganization) -> District | TreeNode:
    """Whose business a change to `row` is: a node's parent, an organisation's node."""
    if isinstance(row, PartyOrganization):
        return await _node_of(ctx, row)
    return await _parent_node(ctx, row)


async def _ensure_no_organization(ctx: Context, node: TreeNode, field: str) -> None:
    existing = await live_organization(ctx.session, node)
    if existing is not None:
        raise UserErrors.single(
            f"{type(node).__name__} {node.name!r} already has the live organisation"
            f" {existing.name!r}",
            UserErrorCode.ORGANIZATION_EXISTS,
            field,
        )


async def archive(ctx: Context, node_id: str) -> TreeNode | PartyOrganization:
    row = await _load_row(ctx, node_id)
    await authorize(ctx, await _above(ctx, row))
    ensure_live(row, "id")
    if isinstance(row, PartyOrganization):
        dependents = await organization_dependents(ctx.session, row)
    else:
        dependents = await live_dependents(ctx.session, row)
    if dependents:
        raise UserErrors.single(
            f"{type(row).__name__} {row.name!r} still has {', '.join(dependents)};"
            " archive or move them first",
            UserErrorCode.HAS_LIVE_CHILDREN,
            "id",
        )
    row.archived_at = clock.now()
    await ctx.session.flush()
    return row


async def create_organization(
    ctx: Context, *, kind: PartyOrganizationKind, node_id: str, name: str
) -> PartyOrganization:
    level = LEVEL_OF_KIND[kind]
    node = await _load_row(ctx, node_id)
    await authorize(ctx, node)  # scope first: faults of the input come after
    if isinstance(node, PartyOrganization) or type(node) is not level.model:
        raise UserErrors.single(
            f"a {kind.value} sits on a {level.model.__name__}, not on a {type(node).__name__}",
            UserErrorCode.WRONG_LEVEL,
            "nodeId",
        )
    ensure_live(node, "nodeId")
    name = clean_name(name)
    await _ensure_no_organization(ctx, node, "nodeId")
    organization = PartyOrganization(
        kind=kind,
        name=name,
        parent_id=await _parent_organization_id(ctx, await _parent_node(ctx, node), "nodeId"),
        **{level.org_column: node.id},
    )
    ctx.session.add(organization)
    await ctx.session.flush()
    return organization


async def appoint_secretary(
    ctx: Context, *, organization_id: str, person_id: str, started_on: date | None
) -> PartyOrganization:
    """Make a party member the organisation's secretary, ending the previous one's term."""
    organization = await load_as(ctx, organization_id, PartyOrganization)
    await authorize(ctx, await _above(ctx, await _node_of(ctx, organization)))
    ensure_live(organization, "organizationId")
    person = await load_as(ctx, person_id, Person)
    await ensure_party_member(ctx.session, person, "personId")
    start = started_on or clock.today()
    current_role = await ctx.session.scalar(
        select(PersonRole).where(
            PersonRole.kind == RoleKind.SECRETARY,
            PersonRole.party_organization_id == organization.id,
            PersonRole.ended_on.is_(None),
        )
    )
    if current_role is not None:
        if current_role.person_id == person.id:
            raise UserErrors.single(
                f"{person.name} is already the secretary", UserErrorCode.ROLE_EXISTS, "personId"
            )
        if start < current_role.started_on:
            raise UserErrors.single(
                "the new term cannot start before the current secretary's term began",
                UserErrorCode.DATE_ORDER,
                "startedOn",
            )
        current_role.ended_on = start
        await ctx.session.flush()  # free the one-live-secretary index before inserting
    ctx.session.add(
        PersonRole(
            person_id=person.id,
            kind=RoleKind.SECRETARY,
            party_organization_id=organization.id,
            started_on=start,
        )
    )
    await ctx.session.flush()
    return organization
