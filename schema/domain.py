"""A domain's part of the schema: its query and mutation classes and the Node types it
serves. `schema/__init__.py` merges every `schema/<domain>/declaration.py`, and refuses a
Node type that no domain declares in resolvers/ (with its model, read rule and place)."""

from __future__ import annotations

from dataclasses import dataclass

from resolvers.domains import REGISTRY, DeclarationError, declarations


@dataclass(frozen=True)
class SchemaDomain:
    name: str  # the same name as the domain's package in resolvers/
    queries: tuple[type, ...] = ()
    mutations: tuple[type, ...] = ()
    types: tuple[type, ...] = ()  # its Node types, by the names declared in resolvers/


def discover() -> tuple[SchemaDomain, ...]:
    """The schema's domains."""
    return declarations("schema", SchemaDomain)


def type_name(cls: type) -> str:
    definition = getattr(cls, "__strawberry_definition__", None)
    return str(definition.name) if definition is not None else cls.__name__


def check_types(domains: tuple[SchemaDomain, ...]) -> None:
    """Every Node type a schema domain serves is declared by the resolvers domain of the
    same name, and every declared node type is served."""
    declared_in = {node.name: domain.name for domain in REGISTRY.domains for node in domain.nodes}
    served: set[str] = set()
    for domain in domains:
        for cls in domain.types:
            name = type_name(cls)
            owner = declared_in.get(name)
            if owner is None:
                raise DeclarationError(
                    f"the GraphQL type {name} (schema/{domain.name}) implements Node but no"
                    f" domain declares it: add NodeType({name!r}, model, read=…, path=…) to"
                    f" resolvers/{domain.name}/declaration.py"
                )
            if owner != domain.name:
                raise DeclarationError(
                    f"{name} is served by schema/{domain.name} but declared by"
                    f" resolvers/{owner}: one domain owns a type in every layer"
                )
            served.add(name)
    missing = sorted(set(declared_in) - served)
    if missing:
        raise DeclarationError(f"declared node types without a GraphQL type: {missing}")
