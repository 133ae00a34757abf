"""Relevance feedback on the dev split: does "more like the partner you marked relevant" help?

    .venv/bin/python benchmarks/matching/feedback.py [--data ../shared/match]

For every dev query with at least two true partners, the first true partner is revealed as
"marked relevant" (`MatchQuery.like_ids`) and excluded; recall@10 / MRR / nDCG@10 are measured
on the remaining true partners, with the shipped weight and with others for comparison.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from samverkan.core.matching import index as index_module  # noqa: E402
from samverkan.core.matching import jsonl  # noqa: E402
from samverkan.core.matching.index import MatchIndex  # noqa: E402
from samverkan.core.matching.metrics import mean_metrics, query_metrics  # noqa: E402
from samverkan.core.matching.ranker import Ranker  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "match"))
    args = ap.parse_args()
    d = Path(args.data)
    orgs = [jsonl.organisation(r) for r in jsonl.read_jsonl(d / "catalog.jsonl")]
    queries = [jsonl.query(r) for r in jsonl.read_jsonl(d / "dev_queries.jsonl")]
    truth = {t["query_id"]: t["relevant"] for t in jsonl.read_jsonl(d / "dev_truth.jsonl")}
    index = MatchIndex.build(orgs, Ranker.default())
    cases = [(q, truth[q.id]) for q in queries if len(truth[q.id]) >= 2]
    shipped = index_module.LIKE_WEIGHT
    print(f"{len(cases)} dev queries with >= 2 true partners; first one revealed as liked")
    print(f"{'like weight':>12} recall@10   mrr  ndcg@10")
    for weight in (0.0, 1.0, shipped, 4.0, 8.0):
        index_module.LIKE_WEIGHT = weight
        rows = []
        for q, rel in cases:
            liked = dataclasses.replace(q, like_ids=(rel[0],), exclude_ids=(*q.exclude_ids, rel[0]))
            ranked = [r.org_id for r in index.recommend(liked, 10, explain=False)]
            rows.append(query_metrics(ranked, rel[1:]))
        m = mean_metrics(rows)
        label = f"{weight:g}" + (" (shipped)" if weight == shipped else "")
        print(f"{label:>12} {m['recall@10']:9.3f} {m['mrr']:5.3f} {m['ndcg@10']:8.3f}")
    index_module.LIKE_WEIGHT = shipped


if __name__ == "__main__":
    main()
