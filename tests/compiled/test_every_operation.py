"""Every query the project itself sends gives the same body, byte for byte, through the
compiled path and through the resolvers, for every role of the permission matrix (bound to
community A) and anonymous: the README and docs examples, the load test's OPERATIONS, the
simulated year's documents and the permission matrix's reads. Mutation operations are not
compiled as a whole (a test below holds that) and are left out here, as each run would
change the data the other one reads; their payload objects are compiled, and
tests/compiled/test_mutation_payloads.py compares those on fresh copies.

Variables are the ones the project sends, bound to the permission matrix's scene."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx
import orjson
import pytest
from graphql import (
    FieldNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    VariableValues,
    parse,
    visit,
)
from graphql.language import Visitor

import simulation.year
from db.models import AccountRole
from loadtests import operations as load_operations
from resolvers.accounts.viewer import Viewer
from resolvers.compiled.dialect import Dialect
from resolvers.global_ids import encode
from schema import schema
from schema.compiled.plans import CACHE
from schema.compiled.queries import compile_operation
from server.app import SIMULATED_TIME
from tests.accounts import test_permissions as permissions
from tests.operations import test_doc_examples as doc_examples
from tests.support.database import Database
from tests.support.users import make_user, token_for

ADMIN = Viewer(user_id=1, grants=())
NO_VARIABLES = VariableValues({}, {})
SIMULATED = re.compile(r"^\s*(query|mutation)\s+\w+", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    where: str
    text: str


def simulated_documents() -> list[Document]:
    """The named documents the simulated year's modules declare."""
    found = []
    for module_info in pkgutil.walk_packages(simulation.year.__path__, "simulation.year."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, str) and SIMULATED.match(value):
                found.append(Document(f"{module_info.name}.{name}", value))
    return found


def project_documents() -> list[Document]:
    found = []
    for example in doc_examples.ALL:
        text = example.text
        if text.lstrip().startswith(doc_examples.PARTIAL):
            text = "query Partial {\n" + text + "\n}"
        found.append(Document(example.where, text))
    found += [Document(f"loadtests:{op.name}", op.document) for op in load_operations.ALL]
    return found + simulated_documents()


def operations(document: Document) -> list[tuple[str | None, OperationType]]:
    parsed = parse(document.text)
    return [
        (definition.name.value if definition.name else None, definition.operation)
        for definition in parsed.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]


def node_type(text: str) -> str | None:
    """The type the document reads through node(id: $id), from its inline fragment."""
    found: list[str] = []

    class Find(Visitor):
        def enter_field(self, node: FieldNode, *_args: Any) -> None:
            if node.name.value == "node" and node.selection_set:
                for selection in node.selection_set.selections:
                    if isinstance(selection, InlineFragmentNode) and selection.type_condition:
                        found.append(selection.type_condition.name.value)

    visit(parse(text), Find())
    return found[0] if found else None


def variables_for(text: str, scene: permissions.Scene) -> dict[str, Any]:
    """The variables the project sends with the document, bound to the scene's rows."""
    nodes = permissions.node_probes(scene)
    typed = node_type(text)
    known: dict[str, Any] = {
        "id": nodes.get(typed or "Community"),
        "community": encode("Community", scene.community_a),
        "team": encode("VolunteerTeam", scene.team_a),
        "unit": encode("WorkUnit", scene.unit_a),
        "company": encode("PropertyCompany", scene.company_a),
        "department": encode("Department", scene.department),
        "grid": encode("Grid", scene.grid_a),
        "incident": encode("Incident", scene.incident_a),
        "category": encode("IncidentCategory", scene.incident_category),
        "observer": encode("Observer", scene.observer_a),
        "filter": {"communityId": encode("Community", scene.community_a)},
        "groupBy": "COMPANY",
        "quarter": 1,
        "status": None,
        "statuses": ["PLACED", "ACCEPTED"],
        "after": None,
        "year": 2030,
        "month": 1,
        "from": date(2022, 1, 3).isoformat(),
        "to": date(2022, 3, 27).isoformat(),
        # A rider near the permission scene's station.
        "latitude": 34.861,
        "longitude": 117.561,
        "service": "CHARGING",
        "lat": 34.861,
        "lon": 117.561,
        "station": encode("RedWarmStation", scene.station_a),
    }
    wanted = {
        variable.variable.name.value
        for definition in parse(text).definitions
        if isinstance(definition, OperationDefinitionNode)
        for variable in definition.variable_definitions or ()
    }
    missing = wanted - set(known)
    assert not missing, f"no value for {missing}: teach variables_for"
    return {name: known[name] for name in wanted}


def permission_reads(scene: permissions.Scene) -> list[tuple[str, str, dict[str, Any]]]:
    """The permission matrix's reads: its probes, node(id:) and nodes(ids:) of every type."""
    reads = [
        (f"permissions:{parent}.{field}", document, dict(variables))
        for (parent, field), (document, variables) in permissions.read_probes(scene).items()
    ]
    for type_name, global_id in permissions.node_probes(scene).items():
        reads.append(
            (
                f"permissions:node:{type_name}",
                "query($id: ID!) { node(id: $id) { id } }",
                {"id": global_id},
            )
        )
        reads.append(
            (
                f"permissions:nodes:{type_name}",
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                {"ids": [global_id]},
            )
        )
    return reads


ANSWERED_AT = datetime.now(UTC).isoformat()


async def answer(
    client: httpx.AsyncClient,
    token: str | None,
    query: str,
    variables: dict[str, Any],
    operation: str | None,
) -> bytes:
    headers = {SIMULATED_TIME: ANSWERED_AT}  # both paths answer at the same moment
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = {"query": query, "variables": variables, "operationName": operation}
    response = await client.post("/graphql", json=body, headers=headers)
    parsed = response.json()
    parsed.pop("extensions", None)
    for error in parsed.get("errors", ()):
        error.get("extensions", {}).pop("requestId", None)
    return orjson.dumps([response.status_code, parsed])


def label(document: Document, operation: str | None) -> str:
    several = len(operations(document)) > 1
    return document.where + (f"#{operation}" if operation and several else "")


def compiled_now() -> bool:
    """Whether the request just answered (with an empty plan cache before it) took a
    compiled plan."""
    return any(plan is not None for plan in CACHE.entries.values())


def test_the_project_sends_the_documents_collected_here() -> None:
    documents = project_documents()
    kinds = Counter(where.where.split(":")[0].split(".")[0] for where in documents)
    assert kinds["loadtests"] == len(load_operations.ALL)
    assert kinds["simulation"] >= 9
    assert kinds["README"] and kinds["docs/frontend"]


def test_mutations_are_never_compiled() -> None:
    mutations = 0
    for document in project_documents():
        for name, kind in operations(document):
            if kind is OperationType.MUTATION:
                mutations += 1
                parsed = parse(document.text)
                for database in ("sqlite", "postgresql"):
                    dialect = Dialect(database)
                    plan = compile_operation(
                        schema._schema, parsed, name, NO_VARIABLES, ADMIN, dialect
                    )
                    assert plan is None, document.where
    assert mutations >= 20


# The roles compared besides anonymous: each level of the tree, a resident, a volunteer
# and the district-wide observer.
ROLES = {
    AccountRole.DISTRICT_ADMIN,
    AccountRole.STREET_ADMIN,
    AccountRole.COMMUNITY_SECRETARY,
    AccountRole.GRID_LEADER,
    AccountRole.RESIDENT,
    AccountRole.VOLUNTEER,
    AccountRole.OBSERVER,
}
# Operations (by where they are sent from) the compiler must answer for the district
# admin: a test that fell back everywhere would fail here.
MUST_COMPILE = {
    "loadtests:DistrictTree",
    "loadtests:DistrictOverview",
    "loadtests:CommunityPage",
    "simulation.year.roster.MEMBERS",
    "permissions:Query.people",
    "loadtests:CommunityTeams",
    "loadtests:MyOrders",
    "loadtests:TeamOrders",
    "loadtests:CommunityOrders",
    "loadtests:Incidents",
    "loadtests:ServicePlans",
    "loadtests:MonthlyPublications",
    "loadtests:CommunityProjects",
    "loadtests:UnitProjects",
    "loadtests:DepartmentTasks",
}
# Reads of a type with a row rule that the compiler must answer for a viewer the rule
# limits (the rule written into the SQL), besides the district admin whom it does not.
MUST_COMPILE_LIMITED = {
    ("loadtests:MyOrders", "RESIDENT"),
    ("loadtests:MyOrders", "VOLUNTEER"),
    ("loadtests:TeamOrders", "VOLUNTEER"),
    ("loadtests:CommunityOrders", "COMMUNITY_SECRETARY"),
    ("loadtests:CommunityOrders", "STREET_ADMIN"),
    ("loadtests:CommunityOrders", "GRID_LEADER"),
    ("loadtests:Incidents", "COMMUNITY_SECRETARY"),
    ("loadtests:Incidents", "GRID_LEADER"),
    ("loadtests:DepartmentTasks", "COMMUNITY_SECRETARY"),
}


async def test_every_read_the_project_sends_gives_the_same_answer(
    seeded: Database,
    apps: tuple[httpx.AsyncClient, httpx.AsyncClient],
    capsys: pytest.CaptureFixture[str],
) -> None:
    compiled_app, resolved_app = apps
    scene = await permissions.scene_of(seeded)
    tokens: dict[str, str | None] = {"anonymous": None}
    for granted, (column, key) in permissions.insiders(scene).items():
        if granted not in ROLES:
            continue
        user = await make_user(seeded, f"same-{granted.value.lower()}", (granted, column, key))
        tokens[granted.value] = token_for(user)
    reads = [
        (label(document, name), name, document.text, variables_for(document.text, scene))
        for document in project_documents()
        for name, kind in operations(document)
        if kind is OperationType.QUERY
    ]
    reads += [(where, None, text, variables) for where, text, variables in permission_reads(scene)]
    tally: dict[str, set[str]] = {"compiled": set(), "resolvers": set()}
    compiled_for_admin: set[str] = set()
    compiled_as: set[tuple[str, str]] = set()
    for where, name, text, variables in reads:
        for role, token in tokens.items():
            CACHE.entries.clear()
            fast = await answer(compiled_app, token, text, variables, name)
            took = compiled_now()
            slow = await answer(resolved_app, token, text, variables, name)
            assert fast == slow, (where, role, fast[:3000], slow[:3000])
            tally["compiled" if took else "resolvers"].add(f"{where} as {role}")
            if took and role == "DISTRICT_ADMIN":
                compiled_for_admin.add(where.split("#")[0])
            if took:
                compiled_as.add((where.split("#")[0], role))
    with capsys.disabled():
        print(
            f"\n{seeded.backend}: {len(reads)} reads x {len(tokens)} viewers:"
            f" {len(tally['compiled'])} compiled, {len(tally['resolvers'])} through the resolvers;"
            f" compiled for the district admin: {sorted(compiled_for_admin)}"
        )
    assert compiled_for_admin >= MUST_COMPILE
    assert compiled_as >= MUST_COMPILE_LIMITED, MUST_COMPILE_LIMITED - compiled_as
