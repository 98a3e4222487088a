"""The three request shapes in each target's own dialect, and how each answer is reduced to
a form that can be compared across targets.

Every target reads the same rows, but names them differently: grassroots (and the floor,
which answers in grassroots' shape) say `streets { nodes { communityCount communities … } }`,
PostGraphile says `allStreets { nodes { communitiesByStreetId { totalCount nodes … } } }`,
and v5 calls the integer key `rowId` where v4 calls it `id`. The reduced form keeps names,
phone numbers and counts, and sorts wherever the order is not part of the shape.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

# Placeholder in a mutation's body that the load client replaces by a fresh suffix per
# request, so that every rename really writes (the same name twice is no change to save).
NAME_MARK = "PEERS_NAME_SUFFIX"
NEW_NAME = "基准社区"


class Shape(enum.Enum):
    TREE = "tree"
    PEOPLE = "people"
    RENAME = "rename"


TITLES = {
    Shape.TREE: "all streets → communities → grids with counts",
    Shape.PEOPLE: "100 people with building → grid → community → street",
    Shape.RENAME: "rename a community, nested result",
}


class Dialect(enum.Enum):
    GRASSROOTS = "grassroots"
    POSTGRAPHILE4 = "postgraphile4"
    POSTGRAPHILE5 = "postgraphile5"
    FLOOR = "floor"


@dataclass(frozen=True)
class Community:
    """The community every rename targets: its key and its grassroots global ID."""

    pk: int
    global_id: str


GRASSROOTS_TREE = """{ streets(first: 100) { nodes { name communityCount
  communities(first: 100) { nodes { name gridCount
    grids(first: 100) { nodes { name buildingCount } } } } } } }"""
GRASSROOTS_PEOPLE = """{ people(first: 100) { nodes { name phone
  building { name grid { name community { name street { name } } } } } } }"""
GRASSROOTS_RENAME = """mutation($id: ID!, $name: String!) {
  renameNode(input: {id: $id, name: $name}) {
  node { ... on Community { name gridCount street { name district { name } } } }
  userErrors { code } } }"""

# Live rows only, as grassroots lists them (`archivedAt: null` is IS NULL in both versions).
POSTGRAPHILE_TREE = """{ allStreets(condition: {archivedAt: null}) { nodes { name
  communitiesByStreetId(condition: {archivedAt: null}) { totalCount nodes { name
    gridsByCommunityId(condition: {archivedAt: null}) { totalCount nodes { name
      buildingsByGridId(condition: {archivedAt: null}) { totalCount } } } } } } } }"""
# grassroots orders people by name, then key.
POSTGRAPHILE_PEOPLE = """{ allPeople(first: 100, orderBy: [NAME_ASC, KEY_ASC]) { nodes { name phone
  buildingByBuildingId { name gridByGridId { name communityByCommunityId { name
    streetByStreetId { name } } } } } } }"""
POSTGRAPHILE_RENAME = """mutation($id: Int!, $name: String!) {
  MUTATION(input: {KEY: $id, communityPatch: {name: $name}}) { community { name
    gridsByCommunityId(condition: {archivedAt: null}) { totalCount }
    streetByStreetId { name districtByDistrictId { name } } } } }"""
# The integer key's name: `id` in v4, `rowId` in v5 (which keeps `id` for the node ID).
KEYS = {Dialect.POSTGRAPHILE4: ("id", "ID"), Dialect.POSTGRAPHILE5: ("rowId", "ROW_ID")}


def body(dialect: Dialect, shape: Shape, community: Community, name: str) -> dict[str, Any]:
    """The JSON body of one request; `name` is the rename's new name."""
    if dialect is Dialect.FLOOR:
        variables = {"id": community.pk, "name": name} if shape is Shape.RENAME else {}
        return {"operationName": shape.value, "variables": variables}
    if dialect is Dialect.GRASSROOTS:
        if shape is Shape.TREE:
            return {"query": GRASSROOTS_TREE}
        if shape is Shape.PEOPLE:
            return {"query": GRASSROOTS_PEOPLE}
        return {"query": GRASSROOTS_RENAME, "variables": {"id": community.global_id, "name": name}}
    key, key_enum = KEYS[dialect]
    if shape is Shape.TREE:
        return {"query": POSTGRAPHILE_TREE}
    if shape is Shape.PEOPLE:
        return {"query": POSTGRAPHILE_PEOPLE.replace("KEY_ASC", f"{key_enum}_ASC")}
    mutation = "updateCommunityById" if key == "id" else "updateCommunityByRowId"
    document = POSTGRAPHILE_RENAME.replace("MUTATION", mutation).replace("KEY", key)
    return {"query": document, "variables": {"id": community.pk, "name": name}}


def load_body(dialect: Dialect, shape: Shape, community: Community) -> bytes:
    """The body the load client sends: for the rename, with NAME_MARK to replace."""
    return json.dumps(body(dialect, shape, community, NEW_NAME + NAME_MARK)).encode()


class ShapeMismatch(AssertionError):
    """A target answered with errors or with other rows than the reference."""


def reduce(dialect: Dialect, shape: Shape, answer: dict[str, Any]) -> Any:
    """The comparable form of one answer (a whole GraphQL response)."""
    if answer.get("errors") or not isinstance(answer.get("data"), dict):
        raise ShapeMismatch(f"{dialect.value} answered {shape.value} with {str(answer)[:500]}")
    data: dict[str, Any] = answer["data"]
    relay = dialect in (Dialect.GRASSROOTS, Dialect.FLOOR)
    if shape is Shape.TREE:
        return _tree(data["streets"] if relay else data["allStreets"], relay)
    if shape is Shape.PEOPLE:
        return [
            _person(p, relay) for p in (data["people"] if relay else data["allPeople"])["nodes"]
        ]
    if relay:
        payload = data["renameNode"]
        if payload["userErrors"]:
            raise ShapeMismatch(f"{dialect.value} refused the rename: {payload['userErrors']}")
        node = payload["node"]
        street = node["street"]
        return (node["name"], node["gridCount"], street["name"], street["district"]["name"])
    ((_, payload),) = data.items()
    node = payload["community"]
    street = node["streetByStreetId"]
    grids = node["gridsByCommunityId"]["totalCount"]
    return (node["name"], grids, street["name"], street["districtByDistrictId"]["name"])


def _tree(streets: dict[str, Any], relay: bool) -> list[Any]:
    """(street, communities, [(community, grids, [(grid, buildings)])]), sorted by name."""
    if relay:
        return sorted(
            (
                s["name"],
                s["communityCount"],
                sorted(
                    (
                        c["name"],
                        c["gridCount"],
                        sorted((g["name"], g["buildingCount"]) for g in c["grids"]["nodes"]),
                    )
                    for c in s["communities"]["nodes"]
                ),
            )
            for s in streets["nodes"]
        )
    return sorted(
        (
            s["name"],
            s["communitiesByStreetId"]["totalCount"],
            sorted(
                (
                    c["name"],
                    c["gridsByCommunityId"]["totalCount"],
                    sorted(
                        (g["name"], g["buildingsByGridId"]["totalCount"])
                        for g in c["gridsByCommunityId"]["nodes"]
                    ),
                )
                for c in s["communitiesByStreetId"]["nodes"]
            ),
        )
        for s in streets["nodes"]
    )


def _person(person: dict[str, Any], relay: bool) -> tuple[Any, ...]:
    """(name, phone, building, grid, community, street): each place is the one object
    nested in the one before, whatever its field is called."""
    place = person["building"] if relay else person["buildingByBuildingId"]
    path = []
    while place is not None:
        path.append(place["name"])
        place = next((value for key, value in place.items() if key != "name"), None)
    return (person["name"], person["phone"], *path)
