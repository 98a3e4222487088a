"""The capacity report's lines that the terminal verdict and the HTML page both print, so
that the two say the same, and say "not measured" where the run could not measure."""

from __future__ import annotations

from typing import Any


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def load_label(load: dict[str, Any]) -> str:
    """The judged load's row: its settled last step, or the whole run when none settled."""
    return "full load, settled" if load["settled"] else "whole run (no step settled)"


def saturation_line(saturation: dict[str, Any]) -> str:
    if not saturation["measured"]:
        return f"not measured ({saturation['reason']})"
    users = saturation["users"]
    return f"{users} users ({saturation['reason']})" if users else saturation["reason"]


def highest_within_line(report: dict[str, Any]) -> str:
    best = report["highest_within_thresholds"]
    note: str = report["highest_within_thresholds_note"]
    if best is None:
        return note
    shown = f"{best['users']} users, {best['rps']:.1f} req/s (p95 {ms(best['p95_ms'])} ms)"
    return f"{shown}; {note}" if note else shown
