"""The year's KPIs as a table on the terminal, beside the report's figures, each row with
the judgement report.json and report.html show."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from simulation.year.report import Report, shown_target, shown_value

STYLE = {True: "green", False: "red", None: "dim"}


def print_summary(report: Report, console: Console) -> None:
    for section in report.sections:
        table = Table(title=section.title, title_justify="left")
        for column in ("KPI", "simulated", "target (docs/domain.md)", "judgement"):
            table.add_column(column)
        for kpi in section.kpis:
            judgement = f"[{STYLE[kpi.meets]}]{escape(kpi.judgement)}[/{STYLE[kpi.meets]}]"
            table.add_row(
                escape(kpi.name), escape(shown_value(kpi)), escape(shown_target(kpi)), judgement
            )
        console.print(table)
    api = report.api
    faults = sum(report.faults.values())
    console.print(f"{api['calls']:,} API calls in {api['seconds']:,.0f} s; faults: {faults}")
    for fault, count in report.faults.items():
        console.print(f"  [red]{fault}: {count}[/red]")
    verdict = "[green]pass[/green]" if report.verdict else "[red]fail[/red]"
    console.print(f"verdict: {verdict} ({escape(report.verdict_reason)})")
