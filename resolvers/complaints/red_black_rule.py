"""The stated rule of the quarterly red/black list (红黑榜规则), as data and one pure
function, so that the API, its tests and the generator judge alike.

A rating's score is 60, plus 40 spread over the 15 items of the positive list met, less
10 for each item of the negative list found, within 0–100. A rated company goes on the
red list with a score of at least 85, an on-time rate of at least 95 % and no negative
item; on the black list with a score below 60, an on-time rate below 80 % or two or more
negative items; otherwise on neither. The on-time rate counts the complaints filed in
the quarter that are due: settled in time against settled late or still open past their
due time (a company without such complaints is on time).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from db.models import Standing

POSITIVE_ITEMS = 15
NEGATIVE_ITEMS = 6


@dataclass(frozen=True)
class RedBlackRule:
    base_score: int = 60
    positive_points: int = 40  # spread over the whole positive list
    negative_points: int = 10  # per negative item
    red_min_score: int = 85
    red_min_on_time: float = 0.95
    black_below_score: int = 60
    black_below_on_time: float = 0.80
    black_negative_items: int = 2

    def as_data(self) -> dict[str, Any]:
        return asdict(self)


RULE = RedBlackRule()


def rating_score(positive: int, negative: int, rule: RedBlackRule = RULE) -> int:
    raw = rule.base_score + rule.positive_points * positive / POSITIVE_ITEMS
    raw -= rule.negative_points * negative
    return max(0, min(100, round(raw)))


def on_time_rate(on_time: int, late: int) -> float:
    return 1.0 if on_time + late == 0 else on_time / (on_time + late)


def standing(
    score: int, negative: int, on_time: int, late: int, rule: RedBlackRule = RULE
) -> tuple[Standing, list[str]]:
    """Where a rated company stands and why (the figures that put it there)."""
    rate = on_time_rate(on_time, late)
    black = []
    if score < rule.black_below_score:
        black.append(f"score {score} < {rule.black_below_score}")
    if rate < rule.black_below_on_time:
        black.append(f"on-time rate {rate:.1%} < {rule.black_below_on_time:.0%}")
    if negative >= rule.black_negative_items:
        black.append(f"{negative} negative items >= {rule.black_negative_items}")
    if black:
        return Standing.BLACK, black
    if score >= rule.red_min_score and rate >= rule.red_min_on_time and negative == 0:
        return Standing.RED, [
            f"score {score} >= {rule.red_min_score}",
            f"on-time rate {rate:.1%} >= {rule.red_min_on_time:.0%}",
            "no negative item",
        ]
    return Standing.NEUTRAL, [f"score {score}, on-time rate {rate:.1%}, {negative} negative"]
