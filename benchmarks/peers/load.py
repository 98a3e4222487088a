"""Two load clients with one result: wrk when it is installed, else a small asyncio client.

Both keep `connections` HTTP/1.1 keep-alive connections busy for `seconds`, each sending
the next request as soon as its answer is read (closed loop), and report completed requests
per second and the latency percentiles. A rename's body carries shapes.NAME_MARK, replaced
per request by a fresh suffix. wrk runs one thread and costs little CPU (it counts whole
seconds: a shorter run takes one); the asyncio client runs in this process on one core, and
its own cost shows as a lower floor (docs/performance.md gives both clients' figures).
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.peers.shapes import NAME_MARK


@dataclass(frozen=True)
class Load:
    url: str  # http://127.0.0.1:PORT/graphql
    body: bytes
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    # Non-2xx answers, socket errors and answers carrying GraphQL errors (a refusal such
    # as RATE_LIMITED comes with status 200 and costs far less than the work asked for).
    failures: int
    client_cpu: float = 0.0  # CPU seconds the load client itself spent

    @property
    def client_us_per_request(self) -> float:
        return self.client_cpu / self.requests * 1e6 if self.requests else 0.0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run(load: Load, connections: int, seconds: float, client: str) -> Result:
    """One measured run with `client` ("wrk" or "python"), with the client's CPU time."""
    before = _cpu_seconds()
    if client == "wrk":
        result = run_wrk(load, connections, seconds)
    else:
        result = asyncio.run(run_python(load, connections, seconds))
    return dataclasses.replace(result, client_cpu=_cpu_seconds() - before)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (wrk)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- wrk --------------------------------------------------------------------------------------

_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
{headers}
local marked = {marked}
local head, tail = wrk.body:match("^(.-){mark}(.*)$")
local counter = 0
local next_thread = 0
local threads = {{}}
function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", tostring(next_thread))
  table.insert(threads, thread)
end
refused = 0
function response(status, headers, body)
  if body:find('"errors"', 1, true) then refused = refused + 1 end
end
if marked then
  request = function()
    counter = counter + 1
    return wrk.format(nil, nil, nil, head .. tid .. "x" .. counter .. tail)
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  for _, thread in ipairs(threads) do e.status = e.status + thread:get("refused") end
  io.write(string.format("PEERS %d %d %.1f %.1f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def run_wrk(load: Load, connections: int, seconds: float) -> Result:
    wrk = wrk_path()
    if wrk is None:
        raise RuntimeError("wrk is not installed")
    text = load.body.decode()
    script = _WRK_SCRIPT.format(
        body=text,
        headers="\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in load.headers),
        marked="true" if NAME_MARK in text else "false",
        mark=NAME_MARK,
    )
    with tempfile.TemporaryDirectory(prefix="grassroots-peers-") as folder:
        path = Path(folder) / "shape.lua"
        path.write_text(script, encoding="utf-8")
        command = [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
        ]
        done = subprocess.run(
            [*command, "-s", str(path), load.url], capture_output=True, text=True, check=False
        )
    line = next((row for row in done.stdout.splitlines() if row.startswith("PEERS ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    requests, micros, p50, p99, failures = line.split()[1:]
    return Result(
        int(requests), int(micros) / 1e6, float(p50) / 1e3, float(p99) / 1e3, int(failures)
    )


# --- the asyncio client ------------------------------------------------------------------------


async def run_python(load: Load, connections: int, seconds: float) -> Result:
    parts = urlsplit(load.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Content-Type: application/json\r\nConnection: keep-alive\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in load.headers)
    ).encode()
    marked = NAME_MARK.encode() in load.body
    counter = itertools.count(1)
    latencies: list[float] = []
    failures = 0
    stop_at = time.perf_counter() + seconds

    def request() -> bytes:
        body = (
            load.body.replace(NAME_MARK.encode(), f"p{next(counter)}".encode())
            if marked
            else load.body
        )
        return head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body

    async def worker() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                writer.write(request())
                try:
                    status, reusable, body = await _read_response(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    status, reusable, body = 0, False, b""
                latencies.append(time.perf_counter() - started)
                if not 200 <= status < 300 or b'"errors"' in body:
                    failures += 1
                if not reusable:
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    if not ordered:
        return Result(0, elapsed, 0.0, 0.0, failures)
    return Result(
        len(ordered),
        elapsed,
        ordered[len(ordered) // 2] * 1000,
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        failures,
    )


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool, bytes]:
    """Read one whole response; its status, whether the connection stays open, and its
    body."""
    header = await reader.readuntil(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip().lower()
    body = b""
    if fields.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            body += (await reader.readexactly(size + 2))[:size]
            if size == 0:
                break
    else:
        body = await reader.readexactly(int(fields.get("content-length", "0")))
    return status, fields.get("connection") != "close", body
