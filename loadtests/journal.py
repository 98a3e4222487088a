"""What the Locust users saw: one JSON line per mutation that succeeded (with what the
integrity check needs to find it in the database) or ended in an expected business outcome
(ALREADY_CLAIMED and the like, counted but not failed). Each Locust process appends to its
own file in GRASSROOTS_LOADTEST_JOURNAL, so several processes never share one."""

from __future__ import annotations

import json
import os
import socket
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

JOURNAL_ENV = "GRASSROOTS_LOADTEST_JOURNAL"
OK = "ok"


@dataclass(frozen=True)
class Entry:
    op: str
    outcome: str  # OK, or the user error code of an expected outcome
    fields: dict[str, Any]


class Journal:
    """Appends entries to this process's file, opened on the first entry (after any fork)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._file: IO[str] | None = None
        self._pid = 0

    def _open(self) -> IO[str]:
        if self._file is None or self._pid != os.getpid():
            self._pid = os.getpid()
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"journal-{socket.gethostname()}-{self._pid}.jsonl"
            self._file = path.open("a", encoding="utf-8", buffering=1)  # a line at a time
        return self._file

    def write(self, op: str, outcome: str = OK, **fields: Any) -> None:
        line = json.dumps({"op": op, "outcome": outcome, **fields}, ensure_ascii=False)
        self._open().write(line + "\n")


def read(directory: Path) -> list[Entry]:
    """Every entry of every process, in no particular order."""
    entries: list[Entry] = []
    for path in sorted(directory.glob("journal-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            raw = json.loads(line)
            op, outcome = raw.pop("op"), raw.pop("outcome")
            entries.append(Entry(op, outcome, raw))
    return entries


def outcomes(entries: list[Entry]) -> dict[str, dict[str, int]]:
    """Per operation, how many times each outcome was seen."""
    counts: dict[str, Counter[str]] = {}
    for entry in entries:
        counts.setdefault(entry.op, Counter())[entry.outcome] += 1
    return {op: dict(sorted(counter.items())) for op, counter in sorted(counts.items())}
