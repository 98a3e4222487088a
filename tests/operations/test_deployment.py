"""The deployment files as far as they can be checked without a container engine: the
Dockerfile's stages, sources, user, health check and command; compose.yaml's services,
their order, health checks and commands; every setting they and .env.example name exists.
The image's health check and GRASSROOTS_WORKERS are also tried on a real server."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer.main
import yaml
from pydantic import TypeAdapter
from typer.core import TyperGroup

import cli
from loadtests.cast import CAST_ENV, PROCESSES_ENV
from loadtests.journal import JOURNAL_ENV
from loadtests.steps import STEPS_ENV
from server.settings import Settings
from tooling.process import free_port, served, sqlite_url, stop_tree

# Servers, clusters and browsers of their own: one at a time on the xdist workers.
pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {f"GRASSROOTS_{name.upper()}" for name in Settings.model_fields}
# Read by the load test's Locust processes, not by the API.
LOADTEST_ENV = {CAST_ENV, JOURNAL_ENV, PROCESSES_ENV, STEPS_ENV}
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")


# --- the Dockerfile ---------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    stage: int  # 0 for the first FROM
    keyword: str
    arguments: str


def dockerfile() -> list[Instruction]:
    """The instructions, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    instructions: list[Instruction] = []
    stage = -1
    for line in joined.splitlines():
        if not line.strip():
            continue
        keyword, _, arguments = line.strip().partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        instructions.append(Instruction(stage, keyword.upper(), arguments.strip()))
    return instructions


def final_stage() -> list[Instruction]:
    instructions = dockerfile()
    last = instructions[-1].stage
    return [instruction for instruction in instructions if instruction.stage == last]


def dockerignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parts = Path(path).parts
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    return any(fnmatch(prefix, pattern) for pattern in patterns for prefix in prefixes)


def test_the_image_is_python_3_11_slim_with_graphiql_built_in_a_stage() -> None:
    instructions = dockerfile()
    froms = [instruction.arguments for instruction in instructions if instruction.keyword == "FROM"]
    assert froms[-1] == "python:3.11-slim"
    stages = {arguments.split()[-1] for arguments in froms[:-1] if " AS " in arguments.upper()}
    assert "graphiql" in stages
    build = " ".join(
        instruction.arguments
        for instruction in instructions
        if instruction.stage == 0 and instruction.keyword == "RUN"
    )
    assert "npm ci" in build and "npm run build" in build
    copied = [
        instruction.arguments for instruction in final_stage() if instruction.keyword == "COPY"
    ]
    assert "--from=graphiql /build/static server/graphiql/static" in copied
    runs = " ".join(i.arguments for i in final_stage() if i.keyword == "RUN")
    assert "pip install ." in runs


def test_every_copied_source_exists_and_is_in_the_build_context() -> None:
    sources: list[str] = []
    for instruction in dockerfile():
        if instruction.keyword != "COPY" or "--from=" in instruction.arguments:
            continue
        words = [word for word in shlex.split(instruction.arguments) if not word.startswith("--")]
        sources += words[:-1]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not dockerignored(source), f"{source} is left out by .dockerignore"
    # Every package pyproject.toml installs is copied, so that `pip install .` finds it.
    assert {"db", "schema", "resolvers", "server", "cli", "tooling", "simulation"} <= set(sources)


def test_the_build_context_leaves_out_local_state() -> None:
    for path in (".env", ".venv", "grassroots.db", "server/graphiql/node_modules", ".git"):
        assert dockerignored(path), path
    for path in ("README.md", "pyproject.toml", "server/graphiql/page.html"):
        assert not dockerignored(path), path


def test_the_server_runs_as_a_user_other_than_root() -> None:
    stage = final_stage()
    users = [index for index, i in enumerate(stage) if i.keyword == "USER"]
    assert users, "no USER: the server would run as root"
    assert stage[users[-1]].arguments not in {"root", "0", "0:0"}
    command = next(index for index, i in enumerate(stage) if i.keyword == "CMD")
    assert users[-1] < command


def grassroots_command(argv: list[str]) -> dict[str, Any]:
    """Parse `grassroots …` as the command line would, without running it; its options."""
    assert argv[0] == "grassroots", argv
    command = typer.main.get_command(cli.app)
    words, names = argv[1:], ["grassroots"]
    while isinstance(command, TyperGroup):
        name, words = words[0], words[1:]
        names.append(name)
        assert name in command.commands, f"no command `{' '.join(names)}`"
        command = command.commands[name]
    params: dict[str, Any] = command.make_context(" ".join(names), list(words)).params
    return params


def test_the_image_serves_on_all_interfaces_with_a_real_command() -> None:
    command = next(i for i in final_stage() if i.keyword == "CMD")
    argv = json.loads(command.arguments)  # the exec form: the server gets the signals
    assert argv[:2] == ["grassroots", "serve"]
    assert grassroots_command(argv)["host"] == "0.0.0.0"
    environment = " ".join(i.arguments for i in final_stage() if i.keyword == "ENV")
    assert "GRASSROOTS_WORKERS=" in environment


def healthcheck_command() -> str:
    check = next(i for i in final_stage() if i.keyword == "HEALTHCHECK")
    _, _, command = check.arguments.partition(" CMD ")
    assert "/healthz" in command
    return command


def test_the_health_check_asks_the_server_for_healthz(tmp_path: Path) -> None:
    """The image's HEALTHCHECK (its shell form) against a real server and a closed port."""
    command = re.sub(r"^python ", f"{shlex.quote(sys.executable)} ", healthcheck_command())
    with served(sqlite_url(tmp_path / "health.db")) as server:
        port = server.base_url.rsplit(":", 1)[1]
        healthy = subprocess.run(
            ["sh", "-c", command],
            env={**os.environ, "GRASSROOTS_PORT": port},
            capture_output=True,
            timeout=30,
            check=False,
        )
        assert healthy.returncode == 0, healthy.stderr
    down = subprocess.run(
        ["sh", "-c", command],
        env={**os.environ, "GRASSROOTS_PORT": port},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert down.returncode != 0


def test_serve_takes_its_workers_from_the_environment(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "workers.db")
    env = {**os.environ, "GRASSROOTS_DATABASE_URL": url, "GRASSROOTS_WORKERS": "2"}
    upgrade = [sys.executable, "-m", "cli", "db", "upgrade"]
    subprocess.run(upgrade, env=env, cwd=ROOT, capture_output=True, check=True, timeout=120)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while log.read_text(errors="replace").count("Started server process") < 2:
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.3)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200
    finally:
        stop_tree(process)


# --- compose.yaml and .env.example -----------------------------------------------------


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def with_defaults(text: str) -> str:
    """Compose's ${NAME:-default} with nothing set: the default."""
    return INTERPOLATION.sub(lambda match: match.group(2) or "", text)


def environment_of(service: dict[str, Any]) -> dict[str, str]:
    return {name: with_defaults(str(value)) for name, value in service["environment"].items()}


def argv_of(service: dict[str, Any]) -> list[str]:
    command = service["command"]
    return [with_defaults(str(word)) for word in command]


def shell_commands(argv: list[str]) -> list[list[str]]:
    """The commands of `sh -c "a && b"`."""
    assert argv[:2] == ["sh", "-c"], argv
    return [shlex.split(part) for part in argv[2].split("&&")]


def test_compose_runs_postgres_15_the_api_and_locust() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "api", "cast", "locust-master", "locust-worker"}
    assert services["db"]["image"] == "postgres:15"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    for name in ("cast", "locust-master", "locust-worker"):
        assert services[name]["profiles"] == ["loadtest"], name
    for name in ("migrate", "api", "cast", "locust-master", "locust-worker"):
        assert services[name]["build"] == "." and services[name]["image"] == "grassroots:latest"


def test_the_database_is_migrated_and_seeded_before_the_api_starts() -> None:
    services = compose()["services"]
    commands = shell_commands(argv_of(services["migrate"]))
    assert [command[:3] for command in commands] == [
        ["grassroots", "db", "upgrade"],
        ["grassroots", "seed", "--if-empty"],
    ]
    for command in commands:
        grassroots_command(command)
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert services["api"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_the_api_serves_postgres_with_several_workers_and_a_health_check() -> None:
    api = compose()["services"]["api"]
    environment = environment_of(api)
    assert int(environment["GRASSROOTS_WORKERS"]) > 1
    assert environment["GRASSROOTS_DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert environment["GRASSROOTS_DATABASE_URL"].endswith("@db:5432/grassroots")
    assert with_defaults(api["ports"][0]).endswith(f":{environment['GRASSROOTS_PORT']}")
    # The image's HEALTHCHECK, which the API keeps; the one-shot services turn it off.
    assert "healthcheck" not in api and healthcheck_command()
    services = compose()["services"]
    for name in ("migrate", "cast", "locust-master", "locust-worker"):
        assert services[name]["healthcheck"] == {"disable": True}, name


def test_locust_master_and_workers_play_the_cast_against_the_api() -> None:
    services = compose()["services"]
    cast = argv_of(services["cast"])
    assert cast[:3] == ["python", "-m", "loadtests.cast"]
    assert cast[3] == "http://api:8000/graphql"
    assert services["cast"]["depends_on"]["api"] == {"condition": "service_healthy"}

    master = argv_of(services["locust-master"])
    worker = argv_of(services["locust-worker"])
    for argv in (master, worker):
        assert argv[:5] == ["python", "-m", "locust", "-f", "loadtests/locustfile.py"]
        assert (ROOT / argv[4]).is_file()
    assert "--master" in master and "--headless" in master
    assert master[master.index("--host") + 1] == "http://api:8000"
    assert worker[worker.index("--master-host") + 1] == "locust-master"
    assert services["locust-master"]["depends_on"]["cast"] == {
        "condition": "service_completed_successfully"
    }
    workers = int(with_defaults(str(services["locust-worker"]["deploy"]["replicas"])))
    assert int(master[master.index("--expect-workers") + 1]) == workers
    environment = environment_of(services["locust-master"])
    assert environment == environment_of(services["locust-worker"])
    assert int(environment[PROCESSES_ENV]) == workers
    assert environment[CAST_ENV] == f"/loadtest/{Path(cast[cast.index('--output') + 1]).name}"


def test_every_module_compose_runs_exists() -> None:
    for name, service in compose()["services"].items():
        if "command" in service and argv_of(service)[:2] == ["python", "-m"]:
            module = argv_of(service)[2]
            assert importlib.util.find_spec(module) is not None, (name, module)


def env_example() -> dict[str, str]:
    """Every NAME=value of .env.example, commented (a default shown) or set."""
    names: dict[str, str] = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            names[match.group(1)] = match.group(2)
    return names


def test_env_example_names_every_setting_and_only_settings() -> None:
    named = {name for name in env_example() if name.startswith("GRASSROOTS_")}
    assert named == SETTINGS


def test_env_example_shows_the_defaults_of_the_settings() -> None:
    fields = Settings.model_fields
    for name, value in env_example().items():
        field = fields.get(name.removeprefix("GRASSROOTS_").lower())
        if name.startswith("GRASSROOTS_") and value and field is not None:
            assert field.annotation is not None
            shown = TypeAdapter(field.annotation).validate_python(value)
            assert shown == field.default, name


def test_every_setting_compose_names_exists() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    named = set(re.findall(r"\bGRASSROOTS_[A-Z_]+", text))
    assert named - SETTINGS - LOADTEST_ENV == set()
    # And every variable compose.yaml takes from .env is explained there.
    assert {match.group(1) for match in INTERPOLATION.finditer(text)} <= set(env_example())
