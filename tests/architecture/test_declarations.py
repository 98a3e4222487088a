"""The domains' declarations: incomplete or contradictory ones fail the build with a
clear message, and a declared tree path gives the same place followed row by row in
Python as compiled into SQL."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import strawberry
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import Base
from db.models import Building, Community, Grid, Person, ServiceOrder, Street
from resolvers.accounts.places import place_of
from resolvers.context import Context
from resolvers.domain import DISTRICT_WIDE, Domain, NodeType, TreePath, via
from resolvers.domains import COMMON_USER_ERRORS, REGISTRY, DeclarationError, assemble
from resolvers.errors import UserErrorCode
from resolvers.rules import PUBLIC, STAFF, Read, Write
from schema.base import Node
from schema.domain import SchemaDomain, check_types
from tests.support.database import Database

RESOLVERS = Path(__file__).resolve().parents[2] / "resolvers"


def with_extra(*nodes: NodeType, writes: dict[str, Write] | None = None) -> list[Domain]:
    extra = Domain("extra", "A domain under test", nodes=nodes, writes=writes or {})
    return [*REGISTRY.domains, extra]


class GhostBase(DeclarativeBase):
    """Kept apart from the real metadata, which the fixtures empty and copy."""


class Ghost(GhostBase):
    """A model no domain declares."""

    __tablename__ = "ghosts"
    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey(Building.id))


def test_the_real_declarations_assemble() -> None:
    assert (
        set(REGISTRY.reads)
        == set(REGISTRY.nodes)
        == {node.name for domain in REGISTRY.domains for node in domain.nodes}
    )
    assert set(REGISTRY.paths) == {node.model for node in REGISTRY.nodes.values()}


def test_a_node_type_without_a_read_rule_fails_the_build() -> None:
    with pytest.raises(DeclarationError, match=r"Ghost \(domain extra\) has no read rule"):
        assemble(
            with_extra(
                NodeType(
                    "Ghost",
                    Ghost,  # type: ignore[arg-type]
                    None,
                    via("building_id", Building),
                )
            )
        )


def test_a_node_type_without_a_place_fails_the_build() -> None:
    with pytest.raises(DeclarationError, match=r"Ghost \(domain extra\) has no place in the tree"):
        assemble(
            with_extra(
                NodeType(
                    "Ghost",
                    Ghost,  # type: ignore[arg-type]
                    Read(STAFF),
                    None,
                )
            )
        )


def test_paths_must_name_real_columns_and_declared_types() -> None:
    with pytest.raises(DeclarationError, match="has no column 'grid_id'"):
        assemble(
            with_extra(
                NodeType(
                    "Ghost",
                    Ghost,  # type: ignore[arg-type]
                    PUBLIC,
                    via("grid_id", Grid),
                )
            )
        )
    with pytest.raises(DeclarationError, match="'street' is not a place slot"):
        assemble(
            with_extra(
                NodeType(
                    "Ghost",
                    Ghost,  # type: ignore[arg-type]
                    PUBLIC,
                    TreePath(slots={"street": "id"}),
                )
            )
        )
    bare = [
        replace(d, nodes=tuple(n for n in d.nodes if n.model is not Building))
        for d in REGISTRY.domains
    ]
    with pytest.raises(DeclarationError, match="building_id to Building, which no domain"):
        assemble(bare)


def test_a_loop_in_the_tree_fails_the_build() -> None:
    looped = [
        replace(
            domain,
            nodes=tuple(
                replace(node, path=via("community_id", Street, grid_id="id"))
                if node.model is Grid
                else replace(node, path=via("id", Grid))
                if node.model is Street
                else node
                for node in domain.nodes
            ),
        )
        for domain in REGISTRY.domains
    ]
    with pytest.raises(DeclarationError, match="the tree path loops"):
        assemble(looped)


def test_a_type_or_mutation_declared_twice_fails_the_build() -> None:
    with pytest.raises(DeclarationError, match=r"Person \(Ghost\) is declared twice"):
        assemble(with_extra(NodeType("Person", Ghost, PUBLIC, DISTRICT_WIDE)))  # type: ignore[arg-type]
    with pytest.raises(DeclarationError, match="the mutation createStreet is declared twice"):
        assemble(with_extra(writes={"createStreet": Write(None, "nothing")}))


def test_a_graphql_node_type_no_domain_declares_fails_the_build() -> None:
    @strawberry.type(description="A type under test.")
    class Stranger(Node):
        name: str

    with pytest.raises(DeclarationError, match=r"Stranger .* implements Node but no domain"):
        check_types((SchemaDomain("extra", types=(Stranger,)),))


def test_every_declared_node_type_is_served_by_its_own_domain() -> None:
    from schema import DOMAINS

    check_types(DOMAINS)  # the real schema passes
    moved = tuple(
        replace(d, name="people") if d.name == "units" else d for d in DOMAINS if d.name != "people"
    )
    with pytest.raises(DeclarationError, match="served by schema/people but declared by"):
        check_types(moved)


def test_each_domain_declares_the_user_error_codes_it_raises() -> None:
    """Every code a domain's resolvers raise is in its declaration (or common), and
    every code of the enum is declared somewhere."""
    common = set(COMMON_USER_ERRORS)
    for domain in REGISTRY.domains:
        source = "\n".join(p.read_text() for p in (RESOLVERS / domain.name).rglob("*.py"))
        raised = {UserErrorCode[name] for name in re.findall(r"UserErrorCode\.(\w+)", source)}
        undeclared = raised - common - set(domain.user_errors)
        assert not undeclared, f"{domain.name} raises {sorted(c.value for c in undeclared)}"
    declared = common.union(*(domain.user_errors for domain in REGISTRY.domains))
    assert set(UserErrorCode) == declared


async def _rows_with_parents(ctx: Context, model: type[Base], limit: int) -> list[Base]:
    """Up to `limit` rows of `model`, with every row their paths lead through loaded
    into the request's loaders, so that `place_of` follows them in Python."""
    rows = list((await ctx.session.scalars(select(model).limit(limit))).all())

    async def load_up(row: Base) -> None:
        path = REGISTRY.paths[type(row)]
        for hop in [*path.up, *([path.narrower] if path.narrower else [])]:
            key = getattr(row, hop.column)
            if key is not None:
                parent = await ctx.loaders.by_id(hop.target).load(key)
                assert parent is not None
                await load_up(parent)

    for row in rows:
        await ctx.loaders.by_id(model).load(row.id)  # type: ignore[attr-defined]
        await load_up(row)
    return rows


MODELS = sorted(REGISTRY.paths, key=lambda model: model.__name__)


@pytest.mark.parametrize("model", MODELS)
async def test_python_and_sql_follow_a_path_to_the_same_place(
    seeded: Database, model: type[Base]
) -> None:
    async with seeded.session() as session:
        walked = Context(session)
        rows = await _rows_with_parents(walked, model, 40)
        in_python = [await place_of(walked, row) for row in rows]
    async with seeded.session() as session:
        compiled = Context(session)
        fresh = [await session.get(model, row.id) for row in rows]  # type: ignore[attr-defined]
        in_sql = [await place_of(compiled, row) for row in fresh]
    assert in_python == in_sql


async def test_an_order_whose_recipient_moved_sits_in_its_own_community(
    seeded: Database,
) -> None:
    async with seeded.session() as session:
        order = await session.scalar(select(ServiceOrder).order_by(ServiceOrder.id))
        assert order is not None
        recipient = await session.get(Person, order.recipient_id)
        elsewhere = await session.scalar(
            select(Building)
            .join(Grid, Grid.id == Building.grid_id)
            .where(Grid.community_id != order.community_id)
        )
        assert recipient is not None and elsewhere is not None
        home = await place_of(Context(session), order)
        assert home.community_id == order.community_id and home.grid_id is not None
        recipient.building_id = elsewhere.id
        await session.flush()
        community = await session.get(Community, order.community_id)
        assert community is not None
        moved = await place_of(Context(session), order)
        assert moved.community_id == order.community_id
        assert moved.street_id == community.street_id
        assert moved.grid_id is None and moved.team_id == order.team_id
        await session.rollback()
