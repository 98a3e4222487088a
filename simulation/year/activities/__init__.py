"""The simulated year's activities, one module per domain. A module registers its
activity with `@activity`; every module in this package is found and played, so a new
domain adds a module here and nothing else changes."""

from __future__ import annotations

import importlib
import pkgutil
from typing import ClassVar, Protocol

from simulation.year.loop import World
from simulation.year.report import Section


class Activity(Protocol):
    """One domain's part of the year: it schedules its first events on the world's queue
    when the year starts and reports its figures when it ends."""

    name: ClassVar[str]

    def __init__(self, world: World) -> None: ...

    def start(self) -> None: ...

    async def report(self) -> Section: ...


REGISTRY: dict[str, type[Activity]] = {}


def activity(cls: type[Activity]) -> type[Activity]:
    if cls.name in REGISTRY:
        raise ValueError(f"two activities are called {cls.name!r}")
    REGISTRY[cls.name] = cls
    return cls


def activities() -> list[type[Activity]]:
    """Every registered activity, in name order (so a seed plays the same year)."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return [REGISTRY[name] for name in sorted(REGISTRY)]
