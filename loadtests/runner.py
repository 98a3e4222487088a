"""`grassroots loadtest` end to end: a fresh district in a fresh database, the API in a
child process with W uvicorn workers, the cast read through the API, Locust headless in
another child process, then the integrity check, the capacity report and the verdict.
Every process started here is stopped by its PID on every way out (Ctrl-C included).

Locust and gevent are never imported here: gevent patches the standard library of the
process it runs in, so Locust always runs as `python -m locust` in its own process.

An anonymous caller's cost budget is per client address, and every Locust user comes
from 127.0.0.1, while the district's real browsers come from many thousands of
addresses. The runner therefore raises the per-minute budget of the server it starts
(the limiter still charges every request; it just never refuses), so that the figures
measure the API, not the limiter.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import psutil  # type: ignore[import-untyped]  # psutil ships no type hints

from loadtests import report as reports
from loadtests import report_html, roles
from loadtests.capacity import Thresholds
from loadtests.cast import CAST_ENV, PROCESSES_ENV, discover
from loadtests.integrity import run_audit
from loadtests.journal import JOURNAL_ENV
from loadtests.sampler import CpuSampler
from loadtests.steps import STEPS_ENV, StepPlan
from simulation.district_time import DISTRICT_TZ
from tooling.postgres import throwaway_cluster
from tooling.process import (
    RunningServer,
    require_free_port,
    seed_fresh,
    served,
    sqlite_url,
    stop_tree,
)

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "loadtests" / "locustfile.py"
UNLIMITED_BUDGET = str(10**12)
# Locust gets this long beyond the run to stop its users and write its files.
LOCUST_GRACE_SECONDS = 120.0


@dataclass(frozen=True)
class Options:
    users: int
    duration_seconds: float
    thresholds: Thresholds
    workers: int = 1
    port: int | None = None  # of the API's server; None takes a free one
    database: Literal["sqlite", "postgres"] = "sqlite"
    database_url: str | None = None
    spawn_rate: float = 10.0
    step_load: bool = False
    steps: int = 5
    scale: float = 1.0
    seed: int = 42
    processes: int = 1  # Locust processes (--processes)
    output: Path = Path("reports/loadtest")
    roles: tuple[str, ...] = ()  # the roles played (roles.py); none: every role


@dataclass(frozen=True)
class Outcome:
    report: dict[str, Any]

    @property
    def exit_code(self) -> int:
        return int(self.report["verdict"]["exit_code"])


Say = Callable[[str], None]  # shows one line of progress


def _clear(output: Path) -> None:
    """Remove what an earlier run left in `output` (its journal would be checked again)."""
    output.mkdir(parents=True, exist_ok=True)
    files = reports.report_files(output)
    shutil.rmtree(files["journal"], ignore_errors=True)
    for name, path in files.items():
        if name != "journal":
            path.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (output / f"loadtest.db{suffix}").unlink(missing_ok=True)


@contextmanager
def _database(options: Options) -> Iterator[tuple[str, int | None]]:
    """The database's URL, and the PID of its server when the run started one."""
    if options.database_url:
        yield options.database_url, None
    elif options.database == "postgres":
        with throwaway_cluster() as cluster:
            yield cluster.url, cluster.pid
    else:
        yield sqlite_url(options.output / "loadtest.db"), None


def locust_command(options: Options, host: str) -> list[str]:
    files = reports.locust_files(options.output)
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
        *("--host", host, "--csv", str(options.output / reports.STATS_PREFIX)),
        *("--csv-full-history", "--html", str(files["locust_html"])),
        *("--only-summary", "--loglevel", "WARNING"),
    ]
    if not options.step_load:
        command += ["-u", str(options.users), "-r", str(options.spawn_rate)]
        command += ["-t", f"{options.duration_seconds:g}s"]
    if options.processes > 1:
        command += ["--processes", str(options.processes)]
    if options.roles:  # Locust runs only the user classes named after the options
        command += [role.user_class for role in roles.chosen(options.roles)]
    return command


def _step_plan(options: Options) -> StepPlan:
    step_seconds = options.duration_seconds / options.steps
    return StepPlan(options.users, options.steps, step_seconds, options.spawn_rate)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.NoSuchProcess:
        return []


def _kill_survivors(processes: list[psutil.Process]) -> None:
    """SIGKILL, by PID, those of `processes` still alive: uvicorn's workers must not go on
    serving (or writing) once their master was stopped, even if it had to be killed."""
    _, alive = psutil.wait_procs(processes, timeout=2)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()


def _run_locust(options: Options, host: str, env: dict[str, str], sampler: CpuSampler) -> int:
    log = (options.output / "locust.log").open("ab")
    try:
        process = subprocess.Popen(
            locust_command(options, host), cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            sampler.watch("load generator", process.pid)
            ramp = options.users / max(options.spawn_rate, 0.1)
            return process.wait(options.duration_seconds + ramp + LOCUST_GRACE_SECONDS)
        finally:
            stop_tree(process)
    finally:
        log.close()


def _play(
    options: Options, server: RunningServer, database_pid: int | None, sampler: CpuSampler, say: Say
) -> None:
    """Cast the district and run Locust against `server`, sampling CPU meanwhile."""
    files = reports.report_files(options.output)
    played = roles.chosen(options.roles)
    cast = discover(server.graphql_url, options.users, files["cast"], played)
    say(
        f"cast: {len(cast.secretaries)} communities play the order chain,"
        f" {len(cast.leads)} teams, {len(cast.residents)} key recipients"
    )
    env = {
        **os.environ,
        CAST_ENV: str(files["cast"]),
        JOURNAL_ENV: str(files["journal"]),
        PROCESSES_ENV: str(options.processes),
    }
    if options.step_load:
        env[STEPS_ENV] = _step_plan(options).to_env()
    shape = f"{options.steps} steps up to" if options.step_load else "constant"
    say(f"Locust: {shape} {options.users} users for {options.duration_seconds:g} s")
    if options.roles:
        say(f"roles played: {', '.join(role.name for role in played)}")
    sampler.watch("server", server.pid)
    if database_pid is not None:
        sampler.watch("database", database_pid)
    sampler.start()
    try:
        code = _run_locust(options, server.base_url, env, sampler)
    finally:
        sampler.stop()
    if not files["stats_csv"].exists():
        raise RuntimeError(f"Locust wrote no statistics (exit {code}): see {files['locust_log']}")


def run(options: Options, say: Say = print) -> Outcome:
    """Run the whole load test; the report's verdict gives the exit code."""
    options = dataclasses.replace(options, output=options.output.resolve())
    if options.port is not None:  # before the earlier reports are cleared and a district seeded
        require_free_port(options.port)
    _clear(options.output)
    files = reports.report_files(options.output)
    sampler = CpuSampler()
    with _database(options) as (database_url, database_pid):
        say(f"seeding a fresh district (scale {options.scale:g}, seed {options.seed})")
        # Orders still open on the as-of day were placed a few days before their time, so
        # their events run up to a week past it; seeded a week back, every generated event
        # lies before the run's requests, which move those orders at the real time.
        as_of = datetime.now(DISTRICT_TZ).date() - timedelta(weeks=1)
        seed_fresh(database_url, scale=options.scale, seed=options.seed, as_of=as_of)
        settings = {"GRASSROOTS_COST_PER_MINUTE": UNLIMITED_BUDGET}
        workers: list[psutil.Process] = []
        try:
            with served(
                database_url,
                workers=options.workers,
                port=options.port,
                settings=settings,
                log=files["server_log"],
            ) as server:
                say(f"serving {server.base_url} with {options.workers} uvicorn worker(s)")
                try:
                    _play(options, server, database_pid, sampler, say)
                finally:
                    workers = _descendants(server.pid)
        finally:
            _kill_survivors(workers)
        say("checking the database's integrity after the load")
        integrity = run_audit(database_url, files["journal"])
    run_info = reports.run_description(
        database="postgresql" if database_url.startswith("postgres") else "sqlite",
        workers=options.workers,
        users=options.users,
        duration_seconds=options.duration_seconds,
        spawn_rate=options.spawn_rate,
        step_load=options.step_load,
        steps=options.steps if options.step_load else 1,
        scale=options.scale,
        seed=options.seed,
        locust_processes=options.processes,
        roles=[role.name for role in roles.chosen(options.roles)],
    )
    built = reports.build(
        run=run_info,
        output=options.output,
        thresholds=options.thresholds,
        cpu=sampler.series,
        integrity=integrity,
    )
    reports.write_json(built, files["report_json"])
    report_html.write(built, options.output, sampler.series)
    return Outcome(built)
