"""The capacity report's charts, drawn with matplotlib (no display needed) and returned as
base64 PNG, so that the HTML page is one self-contained file."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from loadtests.sampler import CpuSeries
from loadtests.stats import Sample, Step


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def timeline(samples: list[Sample], p95_limit_ms: float) -> str:
    """Users and requests/s above, p50/p95/p99 below, against seconds into the run."""
    start = samples[0].at if samples else 0.0
    seconds = [sample.at - start for sample in samples]
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    top.plot(seconds, [s.rps for s in samples], color="tab:blue", label="requests/s")
    top.set_ylabel("requests/s")
    users_axis = top.twinx()
    users_axis.step(seconds, [s.users for s in samples], color="tab:gray", where="post")
    users_axis.set_ylabel("users", color="tab:gray")
    top.set_title("Throughput and latency (latency: Locust's last ten seconds)")
    top.grid(alpha=0.3)
    for name, color in (("p50", "tab:green"), ("p95", "tab:orange"), ("p99", "tab:red")):
        values = [getattr(s, name) for s in samples]
        bottom.plot(seconds, [v if v else float("nan") for v in values], color=color)
        bottom.lines[-1].set_label(name)
    bottom.axhline(p95_limit_ms, color="tab:orange", linestyle="--", linewidth=1)
    bottom.lines[-1].set_label("p95 threshold")
    bottom.set_yscale("log")
    bottom.set_ylabel("ms (log scale)")
    bottom.set_xlabel("seconds into the run")
    bottom.legend(loc="upper right")
    bottom.grid(alpha=0.3)
    return _png(figure)


def step_curve(steps: list[Step], saturated: int | None, p95_limit_ms: float) -> str:
    """Throughput and p95 of each step against its users, the saturation point marked."""
    users = [step.users for step in steps]
    figure, left = plt.subplots(figsize=(10, 4))
    left.plot(users, [step.rps for step in steps], marker="o", color="tab:blue")
    left.set_xlabel("users")
    left.set_ylabel("requests/s (steady part of the step)", color="tab:blue")
    right = left.twinx()
    p95 = [step.p95_ms if step.p95_ms is not None else float("nan") for step in steps]
    right.plot(users, p95, marker="s", color="tab:orange")
    right.axhline(p95_limit_ms, color="tab:orange", linestyle="--", linewidth=1)
    right.set_ylabel("p95 ms", color="tab:orange")
    if saturated is not None:
        left.axvline(steps[saturated].users, color="tab:red", linestyle=":")
        left.annotate(
            "saturation",
            (steps[saturated].users, steps[saturated].rps),
            textcoords="offset points",
            xytext=(8, -14),
            color="tab:red",
        )
    left.set_title("Step load")
    left.grid(alpha=0.3)
    return _png(figure)


def cpu(series: dict[str, CpuSeries], cores: int) -> str:
    figure, axis = plt.subplots(figsize=(10, 3.2))
    start = min((s.at[0] for s in series.values() if s.at), default=0.0)
    for name, one in series.items():
        axis.plot([t - start for t in one.at], one.percent, label=name)
    axis.axhline(100 * cores, color="gray", linestyle="--", linewidth=1)
    axis.lines[-1].set_label(f"all {cores} cores")
    axis.set_ylabel("CPU % (100 = one core)")
    axis.set_xlabel("seconds into the run")
    axis.legend(loc="upper right")
    axis.grid(alpha=0.3)
    return _png(figure)
