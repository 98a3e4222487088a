"""A throwaway PostgreSQL cluster for a load test or any client that wants its own
database, as scripts/with-postgres.sh makes one for the test suite: initdb into a
temporary folder, start on a free port of 127.0.0.1, create a database, and stop and
delete it all on leaving. PostgreSQL refuses to run as root, so under root the server
runs as the `postgres` system user (runuser).

Durability stays at PostgreSQL's defaults (fsync, synchronous commit): the figures are
meant to say what a real deployment on this machine would carry."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tooling.process import ServerError, free_port

DATABASE = "grassroots_loadtest"
INITDB_OPTIONS = ("--encoding=UTF8", "--locale=C", "--no-sync")


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ServerError(f"{name} is not on PATH: install PostgreSQL 15's server binaries")
    return found


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(
        _as_postgres(command), cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise ServerError(f"{Path(command[0]).name} failed:\n{done.stderr or done.stdout}")


@dataclass(frozen=True)
class Cluster:
    url: str  # asyncpg URL of the empty database
    pid: int  # the postmaster's, whose children serve the connections


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """An empty database on a new cluster, removed on leaving."""
    initdb, pg_ctl, psql = _binary("initdb"), _binary("pg_ctl"), _binary("psql")
    # Under root every parent folder must be open to the postgres user: use /tmp.
    folder = Path(tempfile.mkdtemp(prefix="grassroots-loadtest-pg.", dir="/tmp"))
    data = folder / "data"
    started = False
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        _run(
            [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", *INITDB_OPTIONS],
            folder,
        )
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{folder}'\n"
                "max_connections = 200\n"
            )
        port = free_port()
        log = folder / "postgres.log"
        _run([pg_ctl, "start", "-w", "-D", str(data), "-l", str(log), "-o", f"-p {port}"], folder)
        started = True
        where = ("-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres")
        create = ("-c", f"CREATE DATABASE {DATABASE}")
        subprocess.run([psql, "-X", "-q", *where, *create], check=True, capture_output=True)
        pid = int((data / "postmaster.pid").read_text().split("\n", 1)[0])
        yield Cluster(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/{DATABASE}", pid)
    finally:
        if started:
            _stop(pg_ctl, data, folder)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(pg_ctl: str, data: Path, folder: Path) -> None:
    """pg_ctl stop; if that fails, SIGKILL the postmaster named in its pid file."""
    try:
        _run([pg_ctl, "stop", "-w", "-t", "30", "-D", str(data), "-m", "fast"], folder)
    except ServerError:
        pid_file = data / "postmaster.pid"
        first = pid_file.read_text().split("\n", 1)[0] if pid_file.exists() else ""
        if first.isdigit():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(first), signal.SIGKILL)
