"""Ranking metrics, identical in definition to the shared evaluator (binary gains)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def query_metrics(ranked: Sequence[str], relevant: Iterable[str], k: int = 10) -> dict[str, float]:
    rel = set(relevant)
    hits = [1 if r in rel else 0 for r in list(ranked)[:k]]
    recall = sum(hits) / len(rel) if rel else 0.0
    mrr = next((1.0 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(rel), k)))
    return {"recall@10": recall, "mrr": mrr, "ndcg@10": dcg / idcg if idcg else 0.0}


def mean_metrics(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    keys = ("recall@10", "mrr", "ndcg@10")
    n = max(1, len(rows))
    return {key: sum(r[key] for r in rows) / n for key in keys}
