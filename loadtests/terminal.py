"""The short verdict printed at the end of `grassroots loadtest`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from loadtests.report_lines import highest_within_line, load_label, ms, saturation_line


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
        load_label(load),
        f"{load['rps']:.1f}",
        ms(load["p50_ms"]),
        ms(load["p95_ms"]),
        ms(load["p99_ms"]),
        f"{load['error_rate']:.2%}",
    )
    table.add_row(
        "thresholds", "", "", f"≤ {limits['p95_ms']:,.0f}", "", f"≤ {limits['max_error_rate']:.2%}"
    )
    console.print(table)
    for line in (
        f"saturation point: {saturation_line(report['saturation'])}",
        f"highest load within the thresholds: {highest_within_line(report)}",
    ):
        console.print(line, markup=False, soft_wrap=True)
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
