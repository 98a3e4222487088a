"""Request limits the resolvers enforce, filled in from the server's settings.

A plain value object, so that resolvers never import the server's settings module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The cost cap of one operation and the cost budget of one subject per minute."""

    max_query_cost: int = 25_000
    cost_per_minute: int = 100_000
