"""B2B scheduler benchmark: every .dzn in a folder plus generated large events.

Usage (from the repository root):
    .venv/bin/python benchmarks/b2b/run.py [--dir ../shared/b2b/instances] [--time-limit 60]
        [--synthetic 1] [--participants 2000] [--seed 1] [--skip-instances] [--scattered]

``--dir`` takes any folder of ``.dzn`` files (e.g. more of the paper's instances in
/tmp/b2b-extra); ``--scattered`` plants each synthetic participant's busy slots at random
instead of in one run (a generator that knows nothing about breaks).

Each instance is solved in a fresh process through the same entry point as the
``schedule-dzn`` command, the output is validated with the shared checker, and the
first-free-slot greedy is run on the same instance for comparison. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from samverkan.core.scheduling import parse_dzn  # noqa: E402
from samverkan.core.scheduling.greedy import greedy  # noqa: E402
from samverkan.core.scheduling.indexed import compile_problem, participant_breaks  # noqa: E402
from samverkan.core.scheduling.synthetic import generate  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "b2b"
# Published results (Bofill et al., JAIR 2022) for the shared instances, for the table only.
PUBLISHED = {
    "tic-12.original": "0",
    "tic-13crafc.original": "4",
    "forumt-14.original": "5",
    "forum-13crafc.original": "1",
    "tic-12.prec15": "0",
    "tic-12.forb0003": "INFEASIBLE",
    "tic-12.fixed020-Forb": "1",
}


def solve_file(path: Path, time_limit: float) -> tuple[dict, float]:
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "samverkan.core.scheduling", str(path)]
    cmd += ["--time-limit", str(time_limit)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT / "src")
    wall = time.perf_counter() - t0
    try:
        return json.loads(res.stdout), wall
    except json.JSONDecodeError:
        return {"status": "ERROR", "stderr": res.stderr[-500:]}, wall


def check(path: Path, out: dict, expected: str | None) -> str:
    checker = SHARED / "check_b2b.py"
    if not checker.exists():
        return "n/a"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(out, f)
    cmd = [sys.executable, str(checker), "check", str(path), f.name]
    if expected:
        cmd += ["--expected", expected]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return "valid" if res.returncode == 0 else "INVALID: " + res.stdout.strip()[:200]


def greedy_row(path: Path) -> tuple[int, int]:
    ix = compile_problem(parse_dzn(path))
    st = greedy(ix)
    return sum(participant_breaks(ix, st.slot)), sum(1 for t in st.slot if t < 0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(SHARED / "instances"))
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--synthetic", type=int, default=1, help="number of generated events")
    ap.add_argument("--participants", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-instances", action="store_true")
    ap.add_argument("--scattered", action="store_true", help="synthetic: random busy slots")
    a = ap.parse_args()

    print(
        "| instance | meetings | status | breaks | lower bound | published | unplaced | "
        "seconds | greedy breaks | greedy unplaced | checker |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    paths = [] if a.skip_instances else sorted(Path(a.dir).glob("*.dzn"))
    tmp = Path(tempfile.mkdtemp(prefix="b2b-bench-"))
    for i in range(a.synthetic):
        syn = generate(participants=a.participants, seed=a.seed + i, scattered=a.scattered)
        kind = "scattered" if a.scattered else "synthetic"
        p = tmp / f"{kind}-{a.participants}p-seed{a.seed + i}.dzn"
        p.write_text(syn.text)
        paths.append(p)
    for path in paths:
        name = path.name[:-4]
        expected = PUBLISHED.get(name)
        out, wall = solve_file(path, a.time_limit)
        gb, gu = greedy_row(path)
        n = len(parse_dzn(path).meetings)
        unplaced = out.get("unplaced", 0 if out.get("assignment") else "all")
        if out.get("status") == "INFEASIBLE":
            unplaced = "-"
        verdict = check(path, out, expected) if out.get("status") != "ERROR" else "error"
        print(
            f"| {name} | {n} | {out.get('status')} | {out.get('breaks')} | "
            f"{out.get('lower_bound')} | {expected or '-'} | {unplaced} | {wall:.1f} | "
            f"{gb} | {gu} | {verdict} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
