"""The side-by-side benchmark (benchmarks/peers) on grassroots and the floor: a small
district, the shape check, one second of load per shape with the asyncio client, and the
tables. PostGraphile stays out: it needs npm and a download of Node 22, which the suite does
not make (`make peers` runs the whole comparison)."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from benchmarks.peers.load import Load, run, wrk_path
from benchmarks.peers.shapes import Dialect, Shape, ShapeMismatch, reduce
from tests.support.database import REQUIRE_POSTGRES

pytestmark = pytest.mark.xdist_group("serial")

ROOT = Path(__file__).resolve().parents[2]


def test_grassroots_and_the_floor_return_the_same_rows_and_carry_load(tmp_path: Path) -> None:
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        message = "PostgreSQL's server binaries (initdb, pg_ctl) are not on PATH"
        if REQUIRE_POSTGRES:
            pytest.fail(f"GRASSROOTS_REQUIRE_POSTGRES=1 but {message}")
        pytest.skip(message)
    table = tmp_path / "peers.md"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks.peers", "--targets", "grassroots,floor"),
            *("--scale", "0.05", "--duration", "1", "--rounds", "1", "--warmup", "0"),
            *("--connections", "1,2", "--client", "python", "--markdown", str(table)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for shape in ("tree", "people", "rename"):
        assert f"check {shape}: the same rows from 2 targets" in done.stdout
    written = table.read_text(encoding="utf-8")
    assert "| connections | shape | grassroots | floor |" in written
    assert "| 2 | rename a community, nested result |" in written
    assert "grassroots / floor" in written
    assert "requests failed" not in written


def _grassroots_tree(buildings: int) -> dict[str, object]:
    grid = {"name": "网格", "buildingCount": buildings}
    community = {"name": "社区", "gridCount": 1, "grids": {"nodes": [grid]}}
    street = {"name": "街道", "communityCount": 1, "communities": {"nodes": [community]}}
    return {"data": {"streets": {"nodes": [street]}}}


def _postgraphile_tree(buildings: int) -> dict[str, object]:
    grid = {"name": "网格", "buildingsByGridId": {"totalCount": buildings}}
    community = {"name": "社区", "gridsByCommunityId": {"totalCount": 1, "nodes": [grid]}}
    street = {"name": "街道", "communitiesByStreetId": {"totalCount": 1, "nodes": [community]}}
    return {"data": {"allStreets": {"nodes": [street]}}}


def test_the_check_reads_each_dialect_and_tells_other_rows_apart() -> None:
    ours = reduce(Dialect.GRASSROOTS, Shape.TREE, _grassroots_tree(3))
    assert ours == reduce(Dialect.POSTGRAPHILE4, Shape.TREE, _postgraphile_tree(3))
    assert ours != reduce(Dialect.POSTGRAPHILE5, Shape.TREE, _postgraphile_tree(4))
    person = {"name": "张伟", "phone": "1", "buildingByBuildingId": None}
    assert reduce(
        Dialect.POSTGRAPHILE4, Shape.PEOPLE, {"data": {"allPeople": {"nodes": [person]}}}
    ) == [("张伟", "1")]
    with pytest.raises(ShapeMismatch):
        reduce(Dialect.FLOOR, Shape.TREE, {"errors": [{"message": "no"}], "data": None})


class _Answers(BaseHTTPRequestHandler):
    """Answers every other POST with a GraphQL error under status 200, as a refusal such as
    RATE_LIMITED comes."""

    protocol_version = "HTTP/1.1"
    served = itertools.count()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if next(self.served) % 2:
            body = b'{"data":null,"errors":[{"message":"spent"}]}'
        else:
            body = b'{"data":{"streets":{"nodes":[]}}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.mark.parametrize("client", ["python", "wrk"])
def test_the_load_clients_count_answers_with_graphql_errors_as_failures(client: str) -> None:
    if client == "wrk" and wrk_path() is None:
        pytest.skip("wrk is not installed")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/graphql"
        result = run(Load(url, b'{"query": "{ __typename }"}', ()), 1, 1.0, client)
    finally:
        server.shutdown()
        server.server_close()
    assert result.requests > 10
    # Every other answer carries errors (wrk may count one more or less than it finished).
    assert abs(result.failures - result.requests / 2) <= 2, result
