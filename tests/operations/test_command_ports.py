"""`grassroots simulate --port` and `grassroots loadtest --port`: the command's own server
listens where it is told, and a port already taken is refused before anything is seeded
(the wait for /healthz would otherwise take the other server's answer for its own)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tooling.process import ServerError, free_port, served, sqlite_url

# Servers, clusters and browsers of their own: one at a time on the xdist workers.
pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]


def grassroots(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something listens on for the test's length."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield int(listener.getsockname()[1])


def test_the_server_listens_on_the_given_port(tmp_path: Path) -> None:
    port = free_port()
    with served(sqlite_url(tmp_path / "ports.db"), port=port) as server:
        assert server.base_url == f"http://127.0.0.1:{port}"
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200


def test_a_taken_port_is_refused_before_a_server_starts(tmp_path: Path, taken_port: int) -> None:
    with (
        pytest.raises(ServerError, match=f"port {taken_port} on 127.0.0.1 is in use"),
        served(sqlite_url(tmp_path / "ports.db"), port=taken_port),
    ):
        pass


@pytest.mark.parametrize("command", ["simulate", "loadtest"])
def test_the_commands_refuse_a_taken_port_before_seeding(
    command: str, tmp_path: Path, taken_port: int
) -> None:
    output = tmp_path / "out"
    done = grassroots(command, "--port", str(taken_port), "--output", str(output), timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"port {taken_port} on 127.0.0.1 is in use" in done.stdout + done.stderr
    assert not any(output.glob("*.db")), "a district was seeded for nothing"


def test_simulate_refuses_a_port_beside_a_url() -> None:
    done = grassroots(
        "simulate", "--url", "http://127.0.0.1:9/graphql", "--port", "8123", timeout=60
    )
    assert done.returncode == 2
    assert "--port" in done.stderr and "--url" in done.stderr


def test_simulate_serves_its_district_on_the_given_port(tmp_path: Path) -> None:
    port = free_port()
    done = grassroots(
        *("simulate", "--days", "1", "--scale", "0.01", "--seed", "5", "--workers", "1"),
        *("--port", str(port), "--output", str(tmp_path)),
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["period"]["url"] == f"http://127.0.0.1:{port}/graphql"


def test_loadtest_serves_its_district_on_the_given_port(tmp_path: Path) -> None:
    port = free_port()
    done = grassroots(
        *("loadtest", "--users", "2", "--duration", "3s", "--spawn-rate", "2"),
        *("--scale", "0.01", "--port", str(port), "--output", str(tmp_path)),
        # Loose thresholds: this run is about where the server listens.
        *("--p95-ms", "60000", "--max-error-rate", "1"),
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert f"serving http://127.0.0.1:{port} with 1 uvicorn worker(s)" in done.stdout
    assert (tmp_path / "capacity.json").exists()
