"""The short verdict printed at the end of `grassroots loadtest`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def print_verdict(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    run, load, limits = report["run"], report["load"], report["thresholds"]
    table = Table(
        title=f"{run['database']}, {run['workers']} uvicorn worker(s), {run['users']} users",
        show_header=True,
    )
    for column in ("", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"):
        table.add_column(column, justify="left" if not column else "right")
    table.add_row(
        "full load, settled",
        f"{load['rps']:.1f}",
        _ms(load["p50_ms"]),
        _ms(load["p95_ms"]),
        _ms(load["p99_ms"]),
        f"{load['error_rate']:.2%}",
    )
    table.add_row(
        "thresholds", "", "", f"≤ {limits['p95_ms']:,.0f}", "", f"≤ {limits['max_error_rate']:.2%}"
    )
    console.print(table)
    saturation = report["saturation"]
    console.print(f"saturation point: {saturation['users'] or '–'} users ({saturation['reason']})")
    best = report["highest_within_thresholds"]
    if best:
        console.print(
            f"highest load within the thresholds: {best['users']} users, {best['rps']:.1f} req/s"
        )
    cpu = report["cpu"]
    means = ", ".join(
        f"{name} {figures['mean_percent']} %"
        for name, figures in cpu.items()
        if isinstance(figures, dict)
    )
    console.print(f"CPU, mean (100 % = one core of {cpu['cores']}): {means}")
    integrity = report["integrity"]
    checked = sum(integrity["checked"].values())
    state = "[green]passed[/green]" if integrity["passed"] else "[red]FAILED[/red]"
    console.print(
        f"integrity {state}: {checked} successful mutations checked,"
        f" {integrity['lost_count']} lost, {integrity['problem_count']} broken invariants"
    )
    for problem in [*integrity["lost"], *integrity["problems"]][:10]:
        console.print(f"  [red]•[/red] {problem}", markup=False)
    verdict = report["verdict"]
    if verdict["passed"]:
        console.print("[bold green]PASS[/bold green]")
    else:
        console.print("[bold red]FAIL[/bold red]: " + "; ".join(verdict["reasons"]))
