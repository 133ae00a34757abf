"""Ranking arithmetic: weighted review totals, mean, spread and reviewer agreement. Pure.

A review's total is the weighted mean of its criterion scores, each first normalised to 0-100
on its own scale, so criteria with different scales and weights combine fairly. For each
application: the mean of its reviewers' totals, the spread (population standard deviation)
and an agreement measure in [0, 1]: 1 - spread / 50, where 50 is the largest standard
deviation two or more totals on a 0-100 scale can have. 1 means all reviewers gave the same
total; 0 means they were as far apart as possible. With one review agreement is undefined.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean, pstdev

MAX_SPREAD = 50.0


@dataclass(frozen=True)
class CriterionScore:
    value: int
    weight: Decimal
    scale_min: int
    scale_max: int


def review_total(scores: Iterable[CriterionScore]) -> float | None:
    scores = list(scores)
    weight_sum = sum((score.weight for score in scores), Decimal(0))
    if not scores or weight_sum == 0:
        return None
    total = Decimal(0)
    for score in scores:
        span = max(score.scale_max - score.scale_min, 1)
        normalised = Decimal(score.value - score.scale_min) / Decimal(span) * 100
        total += normalised * score.weight
    return float((total / weight_sum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class RankingStats:
    mean: float | None
    spread: float | None
    agreement: float | None
    count: int


def stats(totals: Iterable[float]) -> RankingStats:
    totals = [t for t in totals if t is not None]
    if not totals:
        return RankingStats(None, None, None, 0)
    mean = round(fmean(totals), 2)
    if len(totals) == 1:
        return RankingStats(mean, None, None, 1)
    spread = round(pstdev(totals), 2)
    agreement = round(max(0.0, 1 - spread / MAX_SPREAD), 2)
    return RankingStats(mean, spread, agreement, len(totals))
