"""Latency benchmark: 100,000 synthetic profiles (see synth.py).

    .venv/bin/python benchmarks/matching/bench_scale.py [--n 100000] [--queries 200] [--cli]

Prints index build time, p50/p95/max query time (top-10 with and without reasons), and the
time of incremental edits (update an existing profile, add a new one, remove one). With
--cli it also runs the evaluation command end to end and reports wall time per query.
Both wall-clock and process CPU time are shown: on a shared machine wall time includes
waiting for the CPU, CPU time is what the engine itself costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from synth import generate  # noqa: E402

from samverkan.core.matching import jsonl  # noqa: E402
from samverkan.core.matching.index import MatchIndex  # noqa: E402


class Clock:
    def __enter__(self) -> Clock:
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.w
        self.cpu = time.process_time() - self.c


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(xs) * 1000, p))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--cli", action="store_true", help="also time the recommend command")
    args = ap.parse_args()

    recs, qrecs = generate(args.n, args.queries)
    orgs = [jsonl.organisation(r) for r in recs]
    queries = [jsonl.query(r) for r in qrecs]
    with Clock() as build:
        index = MatchIndex.build(orgs)
    print(f"profiles={len(index)} build: wall {build.wall:.1f}s cpu {build.cpu:.1f}s")

    for explain in (False, True):
        walls, cpus = [], []
        for q in queries:
            with Clock() as c:
                index.recommend(q, k=10, explain=explain)
            walls.append(c.wall)
            cpus.append(c.cpu)
        label = "query+reasons" if explain else "query        "
        print(
            f"{label} wall p50 {pct(walls, 50):.0f} ms p95 {pct(walls, 95):.0f} ms | "
            f"cpu p50 {pct(cpus, 50):.0f} ms p95 {pct(cpus, 95):.0f} ms"
        )

    edits: dict[str, list[float]] = {"update": [], "add": [], "remove": []}
    rng = np.random.default_rng(1)
    for i in rng.choice(len(orgs), 50, replace=False):
        o = orgs[int(i)]
        changed = dataclasses.replace(o, description=o.description + " new offer: fibre sensors")
        with Clock() as c:
            index.upsert(changed)
        edits["update"].append(c.cpu)
        new = dataclasses.replace(o, id=f"new-{i}")
        with Clock() as c:
            index.upsert(new)
        edits["add"].append(c.cpu)
        with Clock() as c:
            index.remove(new.id)
        edits["remove"].append(c.cpu)
    print(
        "incremental (cpu): "
        + ", ".join(
            f"{k} p50 {pct(v, 50):.1f} ms p95 {pct(v, 95):.1f} ms" for k, v in edits.items()
        )
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process, incl. generator) {rss:.0f} MB")

    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            cat, qf = Path(tmp) / "catalog.jsonl", Path(tmp) / "queries.jsonl"
            for path, rows in ((cat, recs), (qf, qrecs)):
                path.write_text(
                    "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8",
                )
            cmd = [
                sys.executable,
                "-m",
                "samverkan.core.matching",
                "recommend",
                "--catalog",
                str(cat),
                "--queries",
                str(qf),
                "--k",
                "10",
            ]
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - t0
            load = next(
                (float(x.split("=")[1]) for x in p.stderr.split() if x.startswith("load_s=")), 0.0
            )
            n_out = sum(1 for line in p.stdout.splitlines() if line.startswith("{"))
            print(
                f"command: {n_out} queries, wall {wall:.1f}s, load_s {load:.1f}s -> "
                f"{1000 * wall / n_out:.0f} ms/query incl. loading, "
                f"{1000 * (wall - load) / n_out:.0f} ms/query excl. loading"
            )


if __name__ == "__main__":
    main()
