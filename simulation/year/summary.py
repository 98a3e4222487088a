"""The year's KPIs as a table on the terminal, beside the report's figures."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from simulation.year.report import Report, mark, shown_value


def print_summary(report: Report, console: Console) -> None:
    for section in report.sections:
        table = Table(title=section.title, title_justify="left")
        for column in ("KPI", "simulated", "target (docs/domain.md)", ""):
            table.add_column(column)
        for kpi in section.kpis:
            shown = mark(kpi.meets, "[green]✓[/green]", "[red]✗[/red]")
            table.add_row(kpi.name, shown_value(kpi), kpi.target, shown)
        console.print(table)
    api = report.api
    faults = sum(report.faults.values())
    console.print(f"{api['calls']:,} API calls in {api['seconds']:,.0f} s; faults: {faults}")
    for fault, count in report.faults.items():
        console.print(f"  [red]{fault}: {count}[/red]")
    verdict = "[green]pass[/green]" if report.verdict else "[red]fail[/red]"
    console.print(f"verdict: {verdict}")
