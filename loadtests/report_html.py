"""The capacity report as one self-contained HTML page: the verdict, the figures, the step
curve, the per-operation table, CPU and the integrity check, with the charts embedded as
base64 PNG so that the page can be mailed or attached to an issue as it is."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from loadtests import charts, stats
from loadtests.report import report_files
from loadtests.report_lines import highest_within_line, load_label, saturation_line
from loadtests.roles import ROLES
from loadtests.sampler import CpuSeries

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.8em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.pass { color: #17702b; } .fail { color: #b00020; }
img { max-width: 100%; } code { background: #f3f3f3; padding: 0 .2em; }
"""


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return escape(str(value))


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _image(png: str, alt: str) -> str:
    return f'<p><img alt="{escape(alt)}" src="data:image/png;base64,{png}"></p>'


def _latency_row(figures: dict[str, Any]) -> list[Any]:
    """req/s, p50, p95, p99 and the error rate of a load or a step."""
    latencies = [figures[name] for name in ("p50_ms", "p95_ms", "p99_ms")]
    return [figures["rps"], *latencies, f"{figures['error_rate']:.2%}"]


def _figures(report: dict[str, Any]) -> str:
    load, whole = report["load"], report["whole_run"]
    limits = report["thresholds"]
    rows = [
        [load_label(load), load["users"], *_latency_row(load), load["requests"]],
        ["whole run (Locust)", report["run"]["users"], *_latency_row(whole), whole["requests"]],
    ]
    headers = ["", "users", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "requests"]
    thresholds = (
        f"<p>Thresholds: p95 ≤ {limits['p95_ms']:.0f} ms, error rate ≤"
        f" {limits['max_error_rate']:.2%}.</p>"
    )
    return _table(headers, rows) + thresholds


def _steps(report: dict[str, Any]) -> str:
    steps = report["steps"]
    rows = [[s["users"], s["seconds"], *_latency_row(s)] for s in steps]
    table = _table(["users", "seconds", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows)
    return (
        f"{table}<p>Saturation point: <b>{escape(saturation_line(report['saturation']))}</b>.<br>"
        f"Highest load within the thresholds: {escape(highest_within_line(report))}.</p>"
    )


def _operations_at_load(report: dict[str, Any]) -> str:
    rows = [
        [o["name"], o["requests"], o["failures"], *_latency_row(o)]
        for o in report["operations_at_load"]
    ]
    headers = ["operation", "requests", "failures", "req/s", "p50", "p95", "p99", "errors"]
    return _table(headers, rows) if rows else "<p>No settled load was measured.</p>"


def _operations(report: dict[str, Any]) -> str:
    columns = ("name", "requests", "failures", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms")
    rows = [[o[column] for column in columns] for o in report["operations"]]
    headers = ["operation", "requests", "failures", "req/s", "p50", "p95", "p99", "max ms"]
    outcomes = [
        [op, code, count]
        for op, codes in report["expected_outcomes"].items()
        for code, count in codes.items()
    ]
    failures = [[f["name"], f["error"], f["occurrences"]] for f in report["failures"]]
    return (
        _table(headers, rows)
        + "<h3>Expected business outcomes (not failures)</h3>"
        + (_table(["operation", "outcome", "count"], outcomes) if outcomes else "<p>None.</p>")
        + "<h3>Failures</h3>"
        + (_table(["operation", "error", "count"], failures) if failures else "<p>None.</p>")
    )


def _integrity(integrity: dict[str, Any]) -> str:
    state = "pass" if integrity["passed"] else "fail"
    checked = [[op, n] for op, n in integrity["checked"].items()]
    totals = integrity["totals"]
    orders = totals.get("orders_by_status", {})
    events = totals.get("orders_by_last_event", {})
    by_status = [[s, orders.get(s, 0), events.get(s, 0)] for s in sorted({*orders, *events})]
    problems = [*integrity["lost"], *integrity["problems"]]
    listing = "".join(f"<li>{escape(p)}</li>" for p in problems)
    return (
        f'<p class="{state}"><b>{state.upper()}</b>: {integrity["lost_count"]} successes lost,'
        f" {integrity['problem_count']} broken invariants.</p>"
        + ("<ul>" + listing + "</ul>" if listing else "")
        + "<h3>Successful mutations checked in the database</h3>"
        + _table(["operation", "checked"], checked)
        + f"<p>Minutes of completed orders: {totals.get('completed_order_minutes')};"
        f" hours ledger: {totals.get('hours_ledger_minutes')}.</p>"
        + _table(["status", "orders", "orders whose events end there"], by_status)
    )


def _roles_line(run: dict[str, Any]) -> str:
    """Which roles played, when the run did not play them all (older reports: all)."""
    played = run.get("roles") or [role.name for role in ROLES]
    if len(played) == len(ROLES):
        return ""
    return f"<p>Roles played: {escape(', '.join(played))} (of {len(ROLES)})</p>"


def write(report: dict[str, Any], output: Path, cpu: dict[str, CpuSeries]) -> Path:
    files = report_files(output)
    samples = stats.read_history(files["history_csv"])
    limit = report["thresholds"]["p95_ms"]
    verdict = report["verdict"]
    state = "pass" if verdict["passed"] else "fail"
    reasons = "; ".join(verdict["reasons"]) or "within the thresholds, nothing lost"
    run = report["run"]
    shape = "step load" if run["step_load"] else "constant load"
    parts = [
        f"<h1>Capacity report — {escape(run['database'])}, {run['workers']} uvicorn worker(s),"
        f" {run['users']} users</h1>",
        f"<p>{escape(run['date'])} · {run['machine']['cores']} cores ·"
        f" {escape(run['machine']['platform'])} · scale {run['scale']} ·"
        f" {shape}, {run['duration_seconds']:.0f} s</p>",
        _roles_line(run),
        f'<p class="{state}"><b>Verdict: {state.upper()}</b> — {escape(reasons)}</p>',
        "<h2>Figures</h2>",
        _figures(report),
        "<h2>Over time</h2>",
        _image(charts.timeline(samples, limit), "throughput and latency over time")
        if samples
        else "<p>No history.</p>",
        "<h2>Steps and saturation</h2>",
        _steps(report),
    ]
    if len(report["steps"]) > 1:
        steps = stats.steps(samples)
        saturated = report["saturation"]["step"]
        parts.append(_image(charts.step_curve(steps, saturated, limit), "step load"))
    parts += [
        "<h2>Per operation at full load (settled)</h2>",
        _operations_at_load(report),
        "<h2>Per operation over the whole run (Locust, logins included)</h2>",
        _operations(report),
        "<h2>CPU</h2>",
        _table(
            ["process tree", "mean %", "max %"],
            [
                [name, v["mean_percent"], v["max_percent"]]
                for name, v in report["cpu"].items()
                if isinstance(v, dict)
            ],
        ),
        _image(charts.cpu(cpu, report["cpu"]["cores"]), "CPU over time") if cpu else "",
        "<h2>Integrity after the load</h2>",
        _integrity(report["integrity"]),
        "<h2>Files</h2><ul>"
        + "".join(
            f'<li><a href="{escape(name)}">{escape(name)}</a></li>'
            for name in report["files"].values()
        )
        + "</ul>",
    ]
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Capacity report</title><style>{STYLE}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>"
    )
    files["report_html"].write_text(page, encoding="utf-8")
    return files["report_html"]
