"""CPU of the server and of the load generator during the run, sampled once a second with
psutil: each side is a process tree (uvicorn's master and its workers; Locust and any
processes it forked), so that a saturated server can be told from a saturated load
generator on the same machine. 100 % is one core."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field

import psutil  # type: ignore[import-untyped]  # psutil ships no type hints

INTERVAL_SECONDS = 1.0


@dataclass
class CpuSeries:
    at: list[float] = field(default_factory=list)
    percent: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        if not self.percent:
            return {"mean_percent": 0.0, "max_percent": 0.0}
        return {
            "mean_percent": round(statistics.fmean(self.percent), 1),
            "max_percent": round(max(self.percent), 1),
        }


class _Tree:
    """A process and its descendants, each primed once for cpu_percent."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.known: dict[int, psutil.Process] = {}

    def percent(self) -> float:
        try:
            members = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0.0
        total = 0.0
        for process in members:
            known = self.known.setdefault(process.pid, process)
            try:
                total += known.cpu_percent(None)
            except psutil.NoSuchProcess:
                self.known.pop(process.pid, None)
        return total


class _Machine:
    """Every process on the machine, to see what else ran beside the test."""

    def __init__(self) -> None:
        self.cores = psutil.cpu_count() or 1

    def percent(self) -> float:
        return float(psutil.cpu_percent(None)) * self.cores


MACHINE = "whole machine"


class CpuSampler:
    """Samples named process trees (and the whole machine) in a background thread."""

    def __init__(self) -> None:
        self.trees: dict[str, _Tree | _Machine] = {MACHINE: _Machine()}
        self.series: dict[str, CpuSeries] = {MACHINE: CpuSeries()}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)
        self._lock = threading.Lock()

    def watch(self, name: str, pid: int) -> None:
        with self._lock:
            self.trees[name] = _Tree(pid)
            self.trees[name].percent()  # primes the counters
            self.series.setdefault(name, CpuSeries())

    def start(self) -> None:
        self.trees[MACHINE].percent()  # primes the counters
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(INTERVAL_SECONDS):
            now = time.time()
            with self._lock:
                for name, tree in self.trees.items():
                    self.series[name].at.append(now)
                    self.series[name].percent.append(tree.percent())
