"""Assembling the domains' declarations (`resolvers/<domain>/declaration.py`) into the
tables the central modules read, and refusing declarations that cannot work."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from db.base import Base
from resolvers.domain import SLOTS, Domain, NodeType, TreePath
from resolvers.errors import UserErrorCode
from resolvers.rules import Read, Write

DECLARATION = "declaration"
T = TypeVar("T")
# Codes any domain's validation may raise (blank names, bad ranges, taken names, …).
COMMON_USER_ERRORS = (
    UserErrorCode.INVALID,
    UserErrorCode.BLANK,
    UserErrorCode.TOO_LONG,
    UserErrorCode.NAME_TAKEN,
    UserErrorCode.ARCHIVED,
    UserErrorCode.DATE_ORDER,
    UserErrorCode.CONFLICT,
    UserErrorCode.OUT_OF_RANGE,
)


class DeclarationError(RuntimeError):
    """A domain's declaration is incomplete or contradicts another's."""


@dataclass(frozen=True)
class Registry:
    domains: tuple[Domain, ...]
    nodes: dict[str, NodeType]
    by_model: dict[type[Base], NodeType]
    reads: dict[str, Read]
    writes: dict[str, Write]
    paths: dict[type[Base], TreePath]


def declarations(package: str, kind: type[T]) -> tuple[T, ...]:
    """The `DOMAIN` of every `declaration` module in the package's sub-packages (a layer's
    domains), by package name; sub-packages without one are not domains."""
    root = importlib.import_module(package)
    found: list[T] = []
    for module in sorted(pkgutil.iter_modules(root.__path__), key=lambda m: m.name):
        folder = Path(root.__path__[0]) / module.name
        if not module.ispkg or not (folder / f"{DECLARATION}.py").exists():
            continue
        name = f"{package}.{module.name}.{DECLARATION}"
        domain = getattr(importlib.import_module(name), "DOMAIN", None)
        if not isinstance(domain, kind):
            raise DeclarationError(f"{name} must define DOMAIN = {kind.__name__}(...)")
        found.append(domain)
    return tuple(found)


def discover() -> tuple[Domain, ...]:
    """The resolvers' domains."""
    return declarations("resolvers", Domain)


def _check_node(domain: Domain, node: NodeType) -> None:
    where = f"{node.name} (domain {domain.name})"
    if node.read is None:
        raise DeclarationError(
            f"{where} has no read rule: say who may read it, e.g. read=Read(STAFF) or PUBLIC"
        )
    if node.path is None:
        raise DeclarationError(
            f"{where} has no place in the tree: give its path up, e.g."
            " path=via('community_id', Community), or DISTRICT_WIDE"
        )
    columns = node.model.__table__.columns
    for slot, column in node.path.slots.items():
        if slot not in SLOTS:
            raise DeclarationError(f"{where}: {slot!r} is not a place slot ({', '.join(SLOTS)})")
        if column not in columns:
            raise DeclarationError(f"{where}: {node.model.__name__} has no column {column!r}")
    hops = [*node.path.up, *([node.path.narrower] if node.path.narrower else [])]
    for hop in hops:
        if hop.column not in columns:
            raise DeclarationError(f"{where}: {node.model.__name__} has no column {hop.column!r}")


def _check_paths(by_model: dict[type[Base], NodeType]) -> None:
    """Every hop leads to a declared type, and following hops up never comes back."""
    for node in by_model.values():
        assert node.path is not None
        for hop in [*node.path.up, *([node.path.narrower] if node.path.narrower else [])]:
            if hop.target not in by_model:
                raise DeclarationError(
                    f"{node.name}'s path goes through {hop.column} to {hop.target.__name__},"
                    " which no domain declares as a node type"
                )

    def climb(model: type[Base], seen: tuple[type[Base], ...]) -> None:
        if model in seen:
            chain = " → ".join(m.__name__ for m in (*seen, model))
            raise DeclarationError(f"the tree path loops: {chain}")
        path = by_model[model].path
        assert path is not None
        for hop in [*path.up, *([path.narrower] if path.narrower else [])]:
            climb(hop.target, (*seen, model))

    for model in by_model:
        climb(model, ())


def assemble(domains: Iterable[Domain]) -> Registry:
    """The central tables, after checking that every declaration is complete and that no
    two domains claim the same type, model or mutation."""
    domains = tuple(domains)
    nodes: dict[str, NodeType] = {}
    by_model: dict[type[Base], NodeType] = {}
    writes: dict[str, Write] = {}
    for domain in domains:
        for node in domain.nodes:
            _check_node(domain, node)
            if node.name in nodes or node.model in by_model:
                raise DeclarationError(f"{node.name} ({node.model.__name__}) is declared twice")
            nodes[node.name] = node
            by_model[node.model] = node
        for operation, rule in domain.writes.items():
            if operation in writes:
                raise DeclarationError(f"the mutation {operation} is declared twice")
            writes[operation] = rule
    _check_paths(by_model)
    reads = {name: node.read for name, node in nodes.items() if node.read is not None}
    paths = {model: node.path for model, node in by_model.items() if node.path is not None}
    return Registry(domains, nodes, by_model, reads, writes, paths)


REGISTRY = assemble(discover())
