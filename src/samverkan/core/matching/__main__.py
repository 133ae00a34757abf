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


def run_recommend(
    catalog: str,
    queries: str,
    k: int = 10,
    weights: str | None = None,
    explain: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> None:
    t0 = time.perf_counter()
    ranker = Ranker.load(weights) if weights else Ranker.default()
    index = MatchIndex.build((jsonl.organisation(r) for r in jsonl.read_jsonl(catalog)), ranker)
    qs = [jsonl.query(r) for r in jsonl.read_jsonl(queries)]
    err.write(f"load_s={time.perf_counter() - t0:.3f}\n")
    err.flush()
    for q in qs:
        recs = index.recommend(q, k=k, explain=explain)
        line: dict[str, object] = {"query_id": q.id, "results": [r.org_id for r in recs]}
        if explain:
            line["explanations"] = {r.org_id: [reason.text for reason in r.reasons] for r in recs}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    if args.command == "recommend":
        run_recommend(args.catalog, args.queries, args.k, args.weights, args.explain)


if __name__ == "__main__":
    main()
