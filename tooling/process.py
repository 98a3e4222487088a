"""A server in a child process on a freshly seeded database, for the simulated year and
the load tests: migrate, seed, start uvicorn, wait until /healthz answers, stop by PID."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import psutil  # type: ignore[import-untyped]  # psutil ships no type hints

STARTUP_SECONDS = 60.0
STOP_SECONDS = 15.0


class ServerError(RuntimeError):
    """The server could not be prepared or did not come up."""


@dataclass(frozen=True)
class RunningServer:
    pid: int
    base_url: str  # http://127.0.0.1:PORT
    database_url: str
    workers: int

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_free_port(port: int) -> None:
    """Refuse a port that something already listens on: the wait for /healthz would
    otherwise take that other server's answer for our own."""
    with socket.socket() as probe:
        # As uvicorn binds: connections of an earlier run in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise ServerError(
                f"port {port} on 127.0.0.1 is in use ({error.strerror}): choose another"
                " --port, or leave it out to take a free one"
            ) from None


def cli(*args: str, env: Mapping[str, str] | None = None) -> None:
    """Run a `grassroots` command in a child process; its output is shown only on failure."""
    done = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ServerError(f"grassroots {' '.join(args)} failed:\n{done.stderr or done.stdout}")


def seed_fresh(database_url: str, *, scale: float, seed: int, as_of: date | None = None) -> None:
    """Migrate `database_url` and write a new district into it (replacing any), its history
    ending on `as_of` (today when None)."""
    cli("db", "upgrade", "--database-url", database_url)
    cli(
        "seed",
        "--reset",
        "--scale",
        str(scale),
        "--seed",
        str(seed),
        *(("--as-of", as_of.isoformat()) if as_of else ()),
        "--database-url",
        database_url,
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path.resolve()}"


@contextmanager
def served(
    database_url: str,
    *,
    workers: int = 1,
    port: int | None = None,
    settings: Mapping[str, str] | None = None,
    log: Path | None = None,
) -> Iterator[RunningServer]:
    """uvicorn with `workers` processes on `database_url` (already migrated and seeded),
    with extra GRASSROOTS_* `settings`; stopped (SIGTERM, then SIGKILL) on leaving."""
    if port is None:
        port = free_port()
    else:
        require_free_port(port)
    env = {**os.environ, "GRASSROOTS_DATABASE_URL": database_url, **(settings or {})}
    command = [
        *(sys.executable, "-m", "uvicorn", "server.asgi:app"),
        *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
        *("--log-level", "warning", "--no-access-log"),
    ]
    output = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
    server = RunningServer(process.pid, f"http://127.0.0.1:{port}", database_url, workers)
    try:
        _wait_healthy(process, server)
        yield server
    finally:
        stop_tree(process)
        if log and not isinstance(output, int):
            output.close()


def _wait_healthy(process: subprocess.Popen[bytes], server: RunningServer) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"the server exited at startup with code {process.returncode}")
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ServerError(f"the server did not answer /healthz within {STARTUP_SECONDS:g} s")


def stop_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process by PID, SIGKILL it after a grace period, then kill whatever of
    its descendants outlived it (uvicorn's workers, when their master had to be killed)."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
