"""The step load's plan, handed from the runner to Locust's shape class in an environment
variable (plain data here, so that the runner never imports Locust)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

STEPS_ENV = "GRASSROOTS_LOADTEST_STEPS"


@dataclass(frozen=True)
class StepPlan:
    users: int  # at the last step
    steps: int
    step_seconds: float
    spawn_rate: float

    def users_at(self, step: int) -> int:
        return max(1, round(self.users * (step + 1) / self.steps))

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> StepPlan:
        return cls(**json.loads(os.environ[STEPS_ENV]))
