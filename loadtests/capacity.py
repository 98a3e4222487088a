"""The capacity verdict, from figures alone: whether a load was carried within the
thresholds, where throughput stopped growing (the saturation point) and the highest load
that stayed within the thresholds. Pure functions, so that they are tested on known
numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from loadtests.stats import Step

# Throughput "stops growing" when a step's extra users bring less than this share of the
# requests they would bring if the server kept up (the rate grows with the users while it
# does, since every user thinks for the same time between requests).
MIN_GROWTH_SHARE = 0.5


@dataclass(frozen=True)
class Thresholds:
    p95_ms: float
    max_error_rate: float  # a fraction: 0.01 is 1 %


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def judge(
    p95_ms: float | None, error_rate: float, integrity_ok: bool, thresholds: Thresholds
) -> Verdict:
    """Pass when the load's p95 latency and error rate are within the thresholds and the
    database kept everything the users saw succeed."""
    reasons: list[str] = []
    if p95_ms is None:
        reasons.append("no request was measured at the full load")
    elif p95_ms > thresholds.p95_ms:
        reasons.append(f"p95 {p95_ms:.0f} ms is over {thresholds.p95_ms:.0f} ms")
    if error_rate > thresholds.max_error_rate:
        reasons.append(f"error rate {error_rate:.2%} is over {thresholds.max_error_rate:.2%}")
    if not integrity_ok:
        reasons.append("the integrity check found problems")
    return Verdict(not reasons, reasons)


def within(step: Step, thresholds: Thresholds) -> bool:
    return (
        step.p95_ms is not None
        and step.p95_ms <= thresholds.p95_ms
        and step.error_rate <= thresholds.max_error_rate
    )


# Why a run says nothing of its saturation point or of the highest load it can carry: both
# compare steps of growing load.
CONSTANT_LOAD = "constant load; use --step-load"
TOO_FEW_STEPS = "fewer than two steps were measured; make the steps longer"


@dataclass(frozen=True)
class Saturation:
    step: int | None  # index into the steps; None when no step saturated
    reason: str
    measured: bool = True  # False when the run had no steps to compare


def unmeasured(steps: list[Step], *, step_load: bool) -> str | None:
    """Why the steps cannot show a saturation point or a highest load within the
    thresholds (a constant load, or fewer than two steps), or None when they can."""
    if not step_load:
        return CONSTANT_LOAD
    if len(steps) < 2:
        return TOO_FEW_STEPS
    return None


def saturation(steps: list[Step], thresholds: Thresholds, *, step_load: bool = True) -> Saturation:
    """The first step where throughput stops growing with the users, or where p95 or the
    error rate crosses its threshold; not measured without steps to compare."""
    missing = unmeasured(steps, step_load=step_load)
    if missing is not None:
        return Saturation(None, missing, measured=False)
    for index, step in enumerate(steps):
        if not within(step, thresholds):
            return Saturation(index, f"over the thresholds at {step.users} users")
        if index == 0:
            continue
        previous = steps[index - 1]
        if step.users <= previous.users or previous.rps <= 0:
            continue
        user_growth = step.users / previous.users - 1
        rate_growth = step.rps / previous.rps - 1
        if rate_growth < MIN_GROWTH_SHARE * user_growth:
            return Saturation(
                index,
                f"throughput grew {rate_growth:.0%} while users grew {user_growth:.0%}"
                f" ({previous.users} → {step.users} users)",
            )
    return Saturation(None, "not reached: throughput grew with every step")


def highest_within(steps: list[Step], thresholds: Thresholds) -> Step | None:
    """The step with the highest throughput among those within the thresholds."""
    good = [step for step in steps if within(step, thresholds)]
    return max(good, key=lambda step: step.rps, default=None)


def highest_within_note(steps: list[Step], best: Step | None) -> str:
    """What the highest load within the thresholds leaves open: when it is the last step,
    the run did not try more."""
    if best is None:
        return "none: no step stayed within the thresholds"
    if steps and best is steps[-1]:
        return "the last step: higher loads were not tried"
    return ""
