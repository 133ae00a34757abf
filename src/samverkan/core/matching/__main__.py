"""`python -m samverkan.core.matching recommend --catalog C.jsonl --queries Q.jsonl --k 10`.

Prints one JSON line per query, best first, never the seeker. `load_s=` on stderr is the
time spent loading and indexing (the scale benchmark subtracts it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from . import jsonl
from .index import MatchIndex
from .ranker import Ranker


def build_parser(prog: str = "samverkan") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="partner recommendations")
    sub = ap.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("recommend", help="rank partners for each query of a JSONL file")
    add_recommend_arguments(rec)
    return ap


def add_recommend_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--catalog", required=True, help="catalogue JSONL (one profile per line)")
    ap.add_argument("--queries", required=True, help="queries JSONL")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--weights", default=None, help="weight file (default: shipped weights)")
    ap.add_argument("--explain", action="store_true", help="add reasons to each result")
    ap.add_argument(
        "--learn",
        action="store_true",
        help="re-learn the weights from this catalogue's past projects at start-up "
        "(leave one project out) instead of using the shipped weights",
    )


def run_recommend(
    catalog: str,
    queries: str,
    k: int = 10,
    weights: str | None = None,
    explain: bool = False,
    learn_weights: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> None:
    t0 = time.perf_counter()
    ranker = Ranker.load(weights) if weights else Ranker.default()
    orgs = [jsonl.organisation(r) for r in jsonl.read_jsonl(catalog)]
    qs = [jsonl.query(r) for r in jsonl.read_jsonl(queries)]
    if learn_weights:
        ranker = _learn(orgs, qs, ranker)
    index = MatchIndex.build(orgs, ranker)
    err.write(f"load_s={time.perf_counter() - t0:.3f}\n")
    err.flush()
    for q in qs:
        recs = index.recommend(q, k=k, explain=explain)
        line: dict[str, object] = {"query_id": q.id, "results": [r.org_id for r in recs]}
        if explain:
            line["explanations"] = {r.org_id: [reason.text for reason in r.reasons] for r in recs}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


def _learn(orgs: list, qs: list, prior: Ranker) -> Ranker:
    """Fit weights on this catalogue (query phrasing from the queries' inputs, no answers)."""
    from . import learn

    style = jsonl.query_style(qs, orgs)
    # Bounded work on big catalogues: a sample of projects and of negatives per query.
    examples = learn.lopo_examples(orgs, style, max_projects=300, neg_per_query=2000)
    if not examples or not any(e.y.any() for e in examples):
        return prior  # no project shared by two profiles: nothing to learn from
    c = float(prior.meta.get("C", 0.01))  # type: ignore[arg-type]
    fitted = learn.fit(examples, c)
    fitted.meta["source"] = "learned at start-up from the given catalogue"
    return fitted


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    if args.command == "recommend":
        run_recommend(args.catalog, args.queries, args.k, args.weights, args.explain, args.learn)


if __name__ == "__main__":
    main()
