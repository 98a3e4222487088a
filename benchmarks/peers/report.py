"""The benchmark's tables: each target's figures per shape, and grassroots' ratios."""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from benchmarks.peers.load import Result
from benchmarks.peers.shapes import TITLES, Dialect, Shape
from benchmarks.peers.targets import Target

PEERS = (Dialect.POSTGRAPHILE4, Dialect.POSTGRAPHILE5)


def summary(results: list[Result]) -> tuple[float, float, float, int]:
    """Median req/s, p50 and p99 over the rounds, and all failures."""
    return (
        statistics.median(r.rate for r in results),
        statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results),
        sum(r.failures for r in results),
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def tables(
    results: Mapping[tuple[int, Shape, str], list[Result]],
    targets: list[Target],
    shapes: list[Shape],
    connections: list[int],
    rounds: int,
    seconds: float,
) -> str:
    """Markdown: req/s with p50/p99 per target, then grassroots / best PostGraphile and
    grassroots / floor; medians of `rounds` interleaved runs of `seconds` each."""
    names = [t.name for t in targets]
    lines = [
        f"Medians of {rounds} interleaved rounds of {seconds:g} s per target and shape;"
        " each cell: req/s, p50 / p99 latency in ms.",
        "",
        "| connections | shape | " + " | ".join(names) + " |",
        "| --- | --- |" + " --- |" * len(names),
    ]
    failures = 0
    short = False
    for count in connections:
        for shape in shapes:
            cells = []
            for name in names:
                rate, p50, p99, failed = summary(results[count, shape, name])
                failures += failed
                # wrk counts only the answers that came within the run's time.
                few = min(r.requests for r in results[count, shape, name]) < count
                short = short or few
                cells.append(f"{_number(rate)} · {p50:.1f} / {p99:.1f}" + (" *" if few else ""))
            lines.append(f"| {count} | {TITLES[shape]} | " + " | ".join(cells) + " |")
    if short:
        lines += [
            "",
            "\\* Some round got fewer answers than it had connections: the target's latency"
            " is close to the run's length, so the figure says little; raise --duration.",
        ]
    if failures:
        lines += [
            "",
            f"**{failures} requests failed** (non-2xx, socket errors or GraphQL errors):"
            " the figures above do not hold.",
        ]
    ours = [t for t in targets if t.dialect is Dialect.GRASSROOTS]
    peers = [t.name for t in targets if t.dialect in PEERS]
    floor = next((t.name for t in targets if t.dialect is Dialect.FLOOR), None)
    columns = [
        f"{target.name} / {versus}"
        for target in ours
        for versus in (["best PostGraphile"] if peers else []) + (["floor"] if floor else [])
    ]
    if not columns:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "| connections | shape | " + " | ".join(columns) + " |",
        "| --- | --- |" + " --- |" * len(columns),
    ]
    for count in connections:
        for shape in shapes:
            cells = []
            for target in ours:
                rate = summary(results[count, shape, target.name])[0]
                if peers:
                    best = max(summary(results[count, shape, name])[0] for name in peers)
                    cells.append(f"{rate / best:.2f}×" if best else "–")
                if floor:
                    bottom = summary(results[count, shape, floor])[0]
                    cells.append(f"{rate / bottom:.2f}×" if bottom else "–")
            lines.append(f"| {count} | {TITLES[shape]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
