"""The step load (loadtests/steps.py): users grow in equal steps, each held for a fixed
time, so that each step's throughput and latency can be read off in its steady part and
the step where throughput stops growing (the saturation point) stands out."""

from __future__ import annotations

import time

from locust import LoadTestShape

from loadtests.steps import StepPlan


class StepLoad(LoadTestShape):
    """Locust asks every second how many users there should be; None ends the run."""

    plan: StepPlan | None = None
    started = 0.0

    def tick(self) -> tuple[int, float] | None:
        if self.plan is None:  # the first tick comes as the test starts
            self.plan, self.started = StepPlan.from_env(), time.monotonic()
        step = int((time.monotonic() - self.started) // self.plan.step_seconds)
        if step >= self.plan.steps:
            return None
        return self.plan.users_at(step), self.plan.spawn_rate
