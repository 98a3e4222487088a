"""The load test's roles: each is played by the user class it names, a run can play a few
of them alone (`--roles`), the cast is sized for the roles played, Locust is told to run
only their classes, and an unknown role is refused before anything is seeded."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from loadtests import roles
from loadtests.capacity import Thresholds
from loadtests.cast import Community, District, Resident, Team, choose
from loadtests.runner import Options, locust_command
from resolvers.global_ids import encode

ROOT = Path(__file__).resolve().parents[2]
INCIDENT_CHAIN = ("grid_leader", "secretary", "department")


def _classes_and_roles() -> dict[str, str]:
    """users.py's user classes and the role constant each takes its weight from, read
    from the source: importing Locust here would patch this process with gevent."""
    tree = ast.parse((ROOT / "loadtests" / "users.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and [getattr(t, "id", None) for t in statement.targets] == ["weight"]
                and isinstance(statement.value, ast.Attribute)
                and isinstance(statement.value.value, ast.Attribute)
            ):
                found[node.name] = statement.value.value.attr
    return found


def test_every_role_names_the_user_class_that_plays_it() -> None:
    constants = {
        value: name for name, value in vars(roles).items() if isinstance(value, roles.Role)
    }
    played_by = _classes_and_roles()
    for role in roles.ROLES:
        assert played_by.get(role.user_class) == constants[role], role
    locustfile = (ROOT / "loadtests" / "locustfile.py").read_text(encoding="utf-8")
    exported = {role.user_class for role in roles.ROLES if f'"{role.user_class}"' in locustfile}
    assert exported == {role.user_class for role in roles.ROLES}
    assert len({role.name for role in roles.ROLES}) == len(roles.ROLES)


def test_roles_are_chosen_by_name_in_their_own_order() -> None:
    assert roles.chosen([]) == roles.ROLES
    assert roles.chosen(["department", "grid_leader"]) == (roles.GRID_LEADER, roles.DEPARTMENT)
    with pytest.raises(roles.UnknownRole) as refused:
        roles.chosen(["secretary", "mayor", "clerk"])
    message = str(refused.value)
    assert message.startswith("unknown role(s) clerk, mayor;") and "grid_leader" in message


def test_the_expected_users_share_out_the_roles_played() -> None:
    played = roles.chosen(INCIDENT_CHAIN)
    shares = [roles.expected_users(role, 28, played) for role in played]
    assert shares == [14.0, 8.0, 6.0]  # secretary, grid leader, department: 7, 4, 3 of 14
    assert roles.expected_users(roles.RESIDENT, 28, played) == 0.0
    everyone = sum(roles.expected_users(role, 28) for role in roles.ROLES)
    assert everyone == pytest.approx(28)


def test_locust_runs_only_the_classes_of_the_roles_played(tmp_path: Path) -> None:
    options = Options(users=10, duration_seconds=60, thresholds=Thresholds(500, 0.01))
    every = locust_command(replace(options, output=tmp_path), "http://127.0.0.1:9")
    assert not {role.user_class for role in roles.ROLES} & set(every)
    chain = replace(options, output=tmp_path, roles=INCIDENT_CHAIN)
    command = locust_command(chain, "http://127.0.0.1:9")
    assert command[-3:] == ["SecretaryUser", "GridLeaderUser", "DepartmentUser"]


def test_the_cast_plays_as_many_communities_as_the_secretaries_played() -> None:
    communities = {}
    for key in range(1, 7):
        community = encode("Community", key)
        team = Team(encode("VolunteerTeam", key), f"lead{key}", [])
        resident = Resident(f"resident{key}", encode("Person", key), community)
        communities[community] = Community(community, f"secretary{key}", [team], [resident])
    district = District(communities=communities, liaisons=[], homes={}, companies={})
    # 20 users of every role hold one or two secretaries; of the chain's three roles, ten.
    every = choose(district, 20, admin="admin", password="pw", observers=[])
    chain = choose(
        district, 20, admin="admin", password="pw", observers=[], among=roles.chosen(INCIDENT_CHAIN)
    )
    assert len(every.secretaries) == round(roles.expected_users(roles.SECRETARY, 20)) == 1
    assert len(chain.secretaries) == 6  # all six: ten secretaries expected


def test_an_unknown_role_is_refused_before_anything_is_seeded(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "cli", "loadtest", "--roles", "secretary,mayor"),
            *("--output", str(tmp_path / "out")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "unknown role(s) mayor" in done.stderr
    assert not (tmp_path / "out").exists()
