"""The capacity report's lines on known figures: a run without steps to compare says its
saturation point and highest load within the thresholds were not measured, a step load
keeps its findings, and the judged load says when it is the whole run rather than a
settled step."""

from __future__ import annotations

from loadtests import stats
from loadtests.capacity import Thresholds, saturation
from loadtests.report import findings
from loadtests.report_lines import highest_within_line, load_label, saturation_line

LIMITS = Thresholds(p95_ms=500, max_error_rate=0.01)


def step(users: int, rps: float, p95: float = 100.0) -> stats.Step:
    return stats.Step(users, 0.0, 30.0, 59.0, rps, 20.0, p95, 2 * p95, 1000, 0)


def lines(steps: list[stats.Step], *, step_load: bool) -> tuple[str, str]:
    """The saturation and highest-load lines of a report on `steps`."""
    report = findings(steps, LIMITS, step_load=step_load)
    return saturation_line(report["saturation"]), highest_within_line(report)


def test_a_constant_load_measures_no_saturation_point() -> None:
    one = [step(6, 3.5)]
    found = saturation(one, LIMITS, step_load=False)
    assert (found.step, found.measured) == (None, False)
    assert lines(one, step_load=False) == (
        "not measured (constant load; use --step-load)",
        "not measured (constant load; use --step-load)",
    )
    # Over the thresholds at its only load: still no saturation point, which could lie lower.
    assert saturation([step(6, 3.5, p95=900)], LIMITS, step_load=False).step is None


def test_a_step_load_with_one_measured_step_says_so() -> None:
    saturation_text, highest_text = lines([step(80, 20)], step_load=True)
    assert saturation_text == (
        "not measured (fewer than two steps were measured; make the steps longer)"
    )
    assert highest_text == saturation_text


def test_a_step_load_keeps_its_findings() -> None:
    growing = [step(10, 20), step(20, 39), step(30, 60)]
    assert lines(growing, step_load=True) == (
        "not reached: throughput grew with every step",
        "30 users, 60.0 req/s (p95 100 ms); the last step: higher loads were not tried",
    )
    flat = [step(20, 40), step(40, 79), step(60, 115), step(80, 121), step(100, 118)]
    saturation_text, highest_text = lines(flat, step_load=True)
    assert saturation_text == "80 users (throughput grew 5% while users grew 33% (60 → 80 users))"
    assert highest_text == "80 users, 121.0 req/s (p95 100 ms)"
    slow = [step(20, 40, p95=700), step(40, 41, p95=900)]
    assert lines(slow, step_load=True) == (
        "20 users (over the thresholds at 20 users)",
        "none: no step stayed within the thresholds",
    )


def test_the_judged_load_says_whether_it_settled() -> None:
    assert load_label({"settled": True}) == "full load, settled"
    assert load_label({"settled": False}) == "whole run (no step settled)"
