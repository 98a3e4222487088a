"""The simulated year's report: each activity's KPIs beside the report's figures, as JSON
and as one self-contained HTML page with matplotlib charts (PNG, inlined) for QA.

Every row with a target is judged (pass or fail) or says why not: its KPI needs a longer
period than the one played. The verdict passes when every judged row passes and no call
faulted; rows without a target are reported only."""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Number = int | float


PASS, FAIL = "pass", "fail"
NO_TARGET = "reported, no target"
NOT_JUDGED = "not judged (period too short)"


@dataclass(frozen=True)
class Kpi:
    """One figure of the year. `target` is the report's figure in words (docs/domain.md),
    None where the report sets none; `needs` the shortest period on which the target is
    judged, in words; `meets` whether the figure reaches the target, None when the period
    played was shorter than that."""

    name: str
    value: Number | str | None
    unit: str
    target: str | None = None
    meets: bool | None = None
    needs: str | None = None

    def __post_init__(self) -> None:
        if self.target is None and (self.meets is not None or self.needs is not None):
            raise ValueError(f"{self.name!r} has no target, so nothing to judge it by")
        if self.target is not None and self.needs is None:
            raise ValueError(f"{self.name!r} has a target: say what period it is judged on")

    @property
    def standing(self) -> str:
        """PASS, FAIL, NOT_JUDGED or NO_TARGET."""
        if self.target is None:
            return NO_TARGET
        if self.meets is None:
            return NOT_JUDGED
        return PASS if self.meets else FAIL

    @property
    def judgement(self) -> str:
        """The standing in words, a row not judged with the period it needs."""
        if self.standing == NOT_JUDGED:
            return f"not judged (period too short: needs {self.needs})"
        return self.standing


@dataclass(frozen=True)
class Chart:
    """A bar or line chart of `series` over `x`; or a "map" of `points` (longitude,
    latitude) per label."""

    title: str
    kind: Literal["bar", "line", "map"]
    x: list[str]
    series: dict[str, list[Number]]
    ylabel: str = ""
    points: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


@dataclass
class Section:
    title: str
    kpis: list[Kpi] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    period: dict[str, Any]
    district: dict[str, Any]
    sections: list[Section]
    api: dict[str, Any]
    faults: dict[str, int]
    fault_examples: list[str]

    @property
    def kpis(self) -> list[Kpi]:
        return [kpi for section in self.sections for kpi in section.kpis]

    @property
    def verdict(self) -> bool:
        """Every judged row passes and no call faulted."""
        return not self.faults and all(kpi.meets is not False for kpi in self.kpis)

    @property
    def tally(self) -> dict[str, int]:
        """How many rows passed, failed, were not judged and had no target."""
        counts = {PASS: 0, FAIL: 0, NOT_JUDGED: 0, NO_TARGET: 0}
        for kpi in self.kpis:
            counts[kpi.standing] += 1
        return counts

    @property
    def verdict_reason(self) -> str:
        """The verdict in words: what it counted and what it left out."""
        counts = self.tally
        faults = sum(self.faults.values())
        return (
            f"{counts[PASS]} of {counts[PASS] + counts[FAIL]} judged rows pass"
            f", {counts[NOT_JUDGED]} not judged (period too short)"
            f", {counts[NO_TARGET]} reported without a target"
            f"; {faults:,} fault{'s' if faults != 1 else ''}"
        )

    def as_json(self) -> dict[str, Any]:
        document = asdict(self)
        for section, written in zip(self.sections, document["sections"], strict=True):
            for kpi, row in zip(section.kpis, written["kpis"], strict=True):
                row["judgement"] = kpi.judgement
        return {
            **document,
            "verdict": "pass" if self.verdict else "fail",
            "verdictReason": self.verdict_reason,
        }

    def write(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        json_path, html_path = directory / "report.json", directory / "report.html"
        json_path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n")
        html_path.write_text(render_html(self))
        return json_path, html_path


def _png(chart: Chart) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    if chart.kind == "map":
        return _map_png(chart, pyplot)
    figure, axes = pyplot.subplots(figsize=(9, 3.2), dpi=100)
    positions = list(range(len(chart.x)))
    width = 0.8 / max(1, len(chart.series))
    for n, (label, values) in enumerate(chart.series.items()):
        if chart.kind == "bar":
            axes.bar([p + n * width for p in positions], values, width, label=label)
        else:
            axes.plot(positions, values, marker=".", label=label)
    step = max(1, len(chart.x) // 12)
    long = max((len(label) for label in chart.x), default=0) > 7
    axes.set_xticks(
        positions[::step],
        chart.x[::step],
        fontsize=8,
        rotation=30 if long else 0,
        ha="right" if long else "center",
    )
    axes.set_title(chart.title, fontsize=10)
    axes.set_ylabel(chart.ylabel, fontsize=9)
    axes.grid(axis="y", alpha=0.3)
    if len(chart.series) > 1:
        axes.legend(fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


def _map_png(chart: Chart, pyplot: Any) -> str:
    """Points by longitude and latitude, the axes in equal kilometres at that latitude."""
    import math

    figure, axes = pyplot.subplots(figsize=(7, 6), dpi=100)
    markers = iter(("^", "x", "o", "s"))
    for label, points in chart.points.items():
        axes.scatter(
            [p[0] for p in points], [p[1] for p in points], marker=next(markers), s=40, label=label
        )
    latitudes = [p[1] for points in chart.points.values() for p in points]
    if latitudes:
        middle = sum(latitudes) / len(latitudes)
        axes.set_aspect(1 / math.cos(math.radians(middle)))
    axes.set_xlabel("longitude (°E)", fontsize=9)
    axes.set_ylabel("latitude (°N)", fontsize=9)
    axes.set_title(chart.title, fontsize=10)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


def shown_value(kpi: Kpi) -> str:
    if kpi.value is None:
        return "—"
    if isinstance(kpi.value, str):
        return kpi.value
    shown = f"{kpi.value:,.2f}" if isinstance(kpi.value, float) else f"{kpi.value:,}"
    return f"{shown} {kpi.unit}".strip()


def shown_target(kpi: Kpi) -> str:
    return "—" if kpi.target is None else kpi.target


def render_html(report: Report) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'>",
        "<title>Simulated year — 红市中·暖万家</title><style>",
        "body{font:14px system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}",
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;",
        "padding:4px 10px;text-align:left}.ok{color:#070}.bad{color:#b00;font-weight:bold}",
        "img{max-width:100%}h1{font-size:1.5em}</style>",
        f"<h1>Simulated year: {e(str(report.period['start']))}",
        f" to {e(str(report.period['end']))}</h1>",
        f"<p>Verdict: <b class='{'ok' if report.verdict else 'bad'}'>",
        f"{PASS if report.verdict else FAIL}</b> ({e(report.verdict_reason)}). Seed ",
        f"{e(str(report.period['seed']))}, {report.period['days']} days, "
        f"{report.api['calls']:,} API calls in {report.api['seconds']:,.0f} s.</p>",
        "<h2>District</h2><table>",
        *(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in report.district.items()),
        "</table>",
    ]
    for section in report.sections:
        parts.append(f"<h2>{e(section.title)}</h2><table><tr><th>KPI</th><th>simulated</th>")
        parts.append("<th>target (docs/domain.md)</th><th>judgement</th></tr>")
        for kpi in section.kpis:
            style = {True: " class=ok", False: " class=bad", None: ""}[kpi.meets]
            parts.append(
                f"<tr><td>{e(kpi.name)}</td><td>{e(shown_value(kpi))}</td>"
                f"<td>{e(shown_target(kpi))}</td><td{style}>{e(kpi.judgement)}</td></tr>"
            )
        parts.append("</table>")
        parts.extend(
            f"<img alt='{e(chart.title)}' src='data:image/png;base64,{_png(chart)}'>"
            for chart in section.charts
        )
    parts.append("<h2>API calls</h2><table><tr><th>operation</th><th>calls</th>")
    parts.append("<th>user errors</th><th>mean ms</th></tr>")
    for name, stats in sorted(report.api["operations"].items()):
        parts.append(
            f"<tr><td>{e(name)}</td><td>{stats['calls']:,}</td><td>{stats['userErrors']:,}</td>"
            f"<td>{stats['meanMs']:.1f}</td></tr>"
        )
    parts.append("</table><h2>Faults</h2>")
    if not report.faults:
        parts.append("<p class='ok'>None: every call got an answer without a top-level error.</p>")
    else:
        parts.append("<table>")
        parts.extend(
            f"<tr><td class='bad'>{e(k)}</td><td>{v}</td></tr>" for k, v in report.faults.items()
        )
        parts.append("</table><pre>" + e("\n".join(report.fault_examples)) + "</pre>")
    parts.append("</html>\n")
    return "".join(parts)
