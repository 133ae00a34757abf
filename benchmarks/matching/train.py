"""Learn the shipped ranker weights from the catalogue's own history (leave one project out).

    .venv/bin/python benchmarks/matching/train.py [--data ../shared/match] [--write]

Steps: build leave-one-project-out examples from catalog.jsonl (dev queries are read only for
their *inputs*: how requests are phrased and which regions each programme targets), choose
the regularisation C by 5-fold cross-validation grouped by project (never by the dev score),
fit on all examples, then report the dev split once as a check. --write stores the weights
in src/samverkan/core/matching/weights.json, which the engine loads by default.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from samverkan.core.matching import jsonl, learn  # noqa: E402
from samverkan.core.matching.index import MatchIndex  # noqa: E402
from samverkan.core.matching.metrics import mean_metrics, query_metrics  # noqa: E402

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)


def fmt(m: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in m.items())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "match")
    )
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    d = Path(args.data)
    orgs = [jsonl.organisation(r) for r in jsonl.read_jsonl(d / "catalog.jsonl")]
    queries = [jsonl.query(r) for r in jsonl.read_jsonl(d / "dev_queries.jsonl")]
    style = jsonl.query_style(queries, orgs)

    t0 = time.perf_counter()
    examples = learn.lopo_examples(orgs, style)
    n_pos = int(sum(int(e.y.sum()) for e in examples))
    n_proj = len({e.project for e in examples})
    print(
        f"LOPO examples: {len(examples)} queries from {n_proj} projects, {n_pos} positives "
        f"({time.perf_counter() - t0:.1f}s)"
    )
    cv = {c: learn.cross_validate(examples, c) for c in C_GRID}
    for c, m in cv.items():
        print(f"  C={c:<5} LOPO 5-fold CV: {fmt(m)}")
    best_c = max(C_GRID, key=lambda c: (round(cv[c]["recall@10"], 3), cv[c]["ndcg@10"]))
    ranker = learn.fit(examples, best_c)
    ranker.meta.update(
        {
            "source": "benchmarks/matching/train.py (leave-one-project-out on catalog.jsonl)",
            "C": best_c,
            "cv": {k: round(v, 4) for k, v in cv[best_c].items()},
        }
    )
    print(f"chosen C={best_c} by CV recall@10")

    truth_file = d / "dev_truth.jsonl"
    if truth_file.exists():  # dev is a check only; it does not choose anything above
        truth = {t["query_id"]: t["relevant"] for t in jsonl.read_jsonl(truth_file)}
        index = MatchIndex.build(orgs, ranker)
        rows = [
            query_metrics([r.org_id for r in index.recommend(q, 10, explain=False)], truth[q.id])
            for q in queries
        ]
        dev = mean_metrics(rows)
        ranker.meta["dev"] = {k: round(v, 4) for k, v in dev.items()}
        print(f"dev ({len(rows)} queries): {fmt(dev)}")
    print("weights:", json.dumps({k: round(v, 3) for k, v in ranker.weights.items()}))
    if args.write:
        out = ROOT / "src/samverkan/core/matching/weights.json"
        out.write_text(ranker.to_json() + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
