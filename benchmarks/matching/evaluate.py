"""Dev-split evaluation: the engine next to the shared evaluator's baselines, LOPO CV, ablations.

    .venv/bin/python benchmarks/matching/evaluate.py [--data ../shared/match]

1. runs ../shared/match/eval_match.py on the command (official numbers + all baselines);
2. leave-one-project-out 5-fold cross-validation (grouped by project) at the shipped C;
3. ablations on dev: the shipped weights with one signal group switched off.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from samverkan.core.matching import jsonl, learn  # noqa: E402
from samverkan.core.matching.index import MatchIndex  # noqa: E402
from samverkan.core.matching.metrics import mean_metrics, query_metrics  # noqa: E402
from samverkan.core.matching.ranker import Ranker  # noqa: E402

GROUPS = {
    "text (query, offers, seeker profile)": ("text", "offer_need", "seeker_sim"),
    "region (same county/NUTS2, target area)": (
        "same_nuts3",
        "same_nuts2",
        "in_target",
        "cold_in_target",
        "cold_same_nuts3",
    ),
    "graph (co-partners, 2-hop, degree)": ("copartner", "two_hop", "degree"),
    "history (programme, objective, #projects, cold)": (
        "programme",
        "objective",
        "policy",
        "n_projects",
        "cold",
        "cold_in_target",
        "cold_same_nuts3",
    ),
    "kind & priors (kind pair, programme lifts)": (
        "kind_pair",
        "prog_kind",
        "prog_region",
        "same_kind",
        "same_ownership",
    ),
}


def fmt(m: dict[str, float]) -> str:
    return f"{m['recall@10']:.3f} {m['mrr']:.3f} {m['ndcg@10']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--data", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "match")
    )
    args = ap.parse_args()
    d = Path(args.data)
    cmd = f"{sys.executable} -m samverkan.core.matching"
    print("== shared evaluator (dev) ==", flush=True)
    subprocess.run([sys.executable, str(d / "eval_match.py"), "--cmd", cmd], cwd=ROOT, check=False)

    orgs = [jsonl.organisation(r) for r in jsonl.read_jsonl(d / "catalog.jsonl")]
    queries = [jsonl.query(r) for r in jsonl.read_jsonl(d / "dev_queries.jsonl")]
    truth = {t["query_id"]: t["relevant"] for t in jsonl.read_jsonl(d / "dev_truth.jsonl")}
    shipped = Ranker.default()
    c = float(shipped.meta.get("C", 0.01))  # type: ignore[arg-type]
    examples = learn.lopo_examples(orgs, jsonl.query_style(queries, orgs))
    print(f"\n== leave-one-project-out 5-fold CV ({len(examples)} queries), C={c} ==")
    print("recall@10 mrr ndcg@10:", fmt(learn.cross_validate(examples, c)))

    print("\n== ablations on dev (shipped weights, one group set to 0) ==")
    print(f"{'signals':50s} recall@10 mrr ndcg@10")
    index = MatchIndex.build(orgs, shipped)
    for name, feats in [("all (shipped model)", ()), *GROUPS.items()]:
        index.ranker = Ranker({**shipped.weights, **dict.fromkeys(feats, 0.0)}, shipped.bias)
        rows = [
            query_metrics([r.org_id for r in index.recommend(q, 10, explain=False)], truth[q.id])
            for q in queries
        ]
        print(f"{'- ' + name if feats else name:50s} {fmt(mean_metrics(rows))}")


if __name__ == "__main__":
    main()
