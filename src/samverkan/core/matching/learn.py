"""Learning the ranker's weights from the catalogue's own history (leave one project out).

For every past project with at least two members in the catalogue, the project is removed
from its members' profiles (history, and its mention in their descriptions), as if it had
not happened yet; each member in turn becomes the seeker of a query phrased like a real
request for that project, and the other members are the positives. All other organisations
are negatives. A logistic regression over the feature vectors then gives the weights.
Nothing about particular organisations is kept: only one weight per generic signal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .features import FEATURES, compute_features
from .index import MatchIndex
from .metrics import mean_metrics, query_metrics
from .model import MatchQuery, Organisation, PastProject
from .ranker import Ranker


@dataclass
class QueryStyle:
    """How requests are phrased, so training queries look like real ones.

    All keys are casefolded programme names / objective codes; everything is optional.
    """

    programme_regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    programme_context: dict[str, str] = field(default_factory=dict)
    objective_texts: dict[str, str] = field(default_factory=dict)


@dataclass
class Example:
    project: str
    X: np.ndarray  # candidate rows (seeker removed)
    y: np.ndarray  # 1 = joined the project
    ids: list[str]


def project_query(p: PastProject, seeker_id: str, style: QueryStyle) -> MatchQuery:
    prog = p.programme.casefold()
    obj = style.objective_texts.get(p.objective.casefold(), "")
    need = f"Project idea: {p.name}. {style.programme_context.get(prog, p.programme)} "
    need += f"Specific objective {p.objective}: {obj}".strip()
    return MatchQuery(
        seeker_id=seeker_id,
        need=need,
        title=p.name,
        programme=p.programme,
        objective=p.objective,
        target_region_codes=style.programme_regions.get(prog, ()),
    )


def _strip_mention(description: str, name: str) -> str:
    """Drop '"Name" (details...)' from a generated description, else any mention of Name."""
    if not name:
        return description
    pat = re.compile(r"\"?" + re.escape(name) + r"\"?\s*(\([^)]*\))?", re.IGNORECASE)
    return pat.sub("", description)


def without_projects(org: Organisation, drop: set[str], names: Sequence[str]) -> Organisation:
    desc = org.description
    for name in names:
        desc = _strip_mention(desc, name)
    kept = tuple(p for p in org.past_projects if p.id not in drop)
    # Sectors are derived from project names in the shared data; with no project left they
    # would still spell out the held-out project's theme, so they go too (real cold-start
    # profiles have none either).
    sectors = org.sectors if kept else ()
    return replace(org, description=desc, past_projects=kept, sectors=sectors)


def _families(projects: dict[str, PastProject]) -> dict[str, set[str]]:
    """Projects whose names contain each other (pilot + full project) are held out together,
    as the benchmark's own split does; otherwise the sibling's name would leak the answer."""
    names = {pid: p.name.casefold().strip() for pid, p in projects.items()}
    fam: dict[str, set[str]] = {pid: {pid} for pid in projects}
    items = [(pid, n) for pid, n in names.items() if len(n) >= 4]
    for a, na in items:
        for b, nb in items:
            if a != b and (na in nb or nb in na):
                fam[a].add(b)
    return fam


def lopo_examples(
    orgs: Sequence[Organisation],
    style: QueryStyle,
    max_seekers: int = 4,
    max_projects: int | None = None,
    seed: int = 0,
    neg_per_query: int | None = None,
) -> list[Example]:
    """One example (a full candidate list) per (held-out project, seeker)."""
    idx = MatchIndex.build(orgs, Ranker({}))
    byid = {o.id: o for o in orgs}
    members: dict[str, list[str]] = defaultdict(list)
    projects: dict[str, PastProject] = {}
    for o in orgs:
        for p in o.past_projects:
            if o.id not in members[p.id]:
                members[p.id].append(o.id)
            projects.setdefault(p.id, p)
    fam = _families(projects)
    rng = np.random.default_rng(seed)
    pids = sorted(pid for pid, m in members.items() if len(m) >= 2)
    if max_projects is not None and len(pids) > max_projects:
        pids = sorted(rng.choice(pids, size=max_projects, replace=False).tolist())
    out: list[Example] = []
    for pid in pids:
        drop = fam[pid]
        # Longest first, so a pilot's name is not cut out of the full project's name first.
        names = sorted({projects[d].name for d in drop}, key=lambda s: (-len(s), s))
        touched = sorted({m for d in drop for m in members[d]})
        for m in touched:
            idx.upsert(without_projects(byid[m], drop, names))
        seekers = list(members[pid])
        # Real requests come from the lead partner when there is one; keep it first.
        seekers.sort(key=lambda s: (projects_role(byid[s], pid) != "LP", s))
        for s in seekers[:max_seekers]:
            q = project_query(projects[pid], s, style)
            feats = compute_features(idx, q)
            rows = np.flatnonzero(idx.alive[: idx.n_rows])
            rows = rows[rows != idx.row_of[s]]
            pos = {idx.row_of[o] for o in members[pid] if o != s}
            if neg_per_query is not None and len(rows) > neg_per_query + len(pos):
                # Large catalogues: all positives plus a random sample of negatives, so
                # memory stays bounded (the logistic loss only needs a fair sample).
                neg = np.setdiff1d(rows, np.fromiter(pos, dtype=rows.dtype))
                keep = rng.choice(neg, neg_per_query, replace=False)
                rows = np.sort(np.concatenate([np.fromiter(pos, dtype=rows.dtype), keep]))
            y = np.array([r in pos for r in rows], dtype=np.int8)
            ids = [idx.orgs[r].id for r in rows]  # type: ignore[union-attr]
            out.append(Example(pid, feats.matrix[rows], y, ids))
        for m in touched:
            idx.upsert(byid[m])
    return out


def projects_role(org: Organisation, pid: str) -> str:
    return next((p.role for p in org.past_projects if p.id == pid), "")


def fit(
    examples: Sequence[Example], C: float = 0.1, neg_per_query: int | None = None, seed: int = 0
) -> Ranker:
    """Logistic regression on standardised features; weights mapped back to raw scale."""
    rng = np.random.default_rng(seed)
    Xs, ys = [], []
    for ex in examples:
        keep = np.arange(len(ex.y))
        if neg_per_query is not None:
            neg = np.flatnonzero(ex.y == 0)
            if len(neg) > neg_per_query:
                neg = rng.choice(neg, neg_per_query, replace=False)
            keep = np.concatenate([np.flatnonzero(ex.y == 1), neg])
        # Each query weighs the same whatever its number of partners.
        Xs.append(ex.X[keep])
        ys.append(ex.y[keep])
    X = np.vstack(Xs).astype(np.float64)
    y = np.concatenate(ys)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    varying = sd > 1e-9
    sd[~varying] = 1.0
    Z = (X - mu) / sd
    coef, intercept = logistic_regression(Z[:, varying], y, C)
    w_std = np.zeros(X.shape[1])
    w_std[varying] = coef
    w = w_std / sd
    bias = float(intercept - (w * mu).sum())
    weights = {f: float(w[i]) for i, f in enumerate(FEATURES) if varying[i]}
    return Ranker(weights, bias, {"C": C, "n_examples": len(examples), "n_rows": len(y)})


def logistic_regression(
    Z: np.ndarray, y: np.ndarray, C: float, iters: int = 50
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression, C * sum(log-loss) + |w|^2 / 2 (as scikit-learn's).

    Newton's method: with a few dozen features each step is one small linear solve, so it
    converges in about ten steps; and the command never pays scikit-learn's import time.
    """
    from scipy.special import expit

    n, d = Z.shape
    A = np.hstack([Z, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    reg = np.ones(d + 1)
    reg[-1] = 0.0  # the intercept is not regularised
    yf = y.astype(np.float64)

    def objective(t: np.ndarray) -> float:
        m = (2.0 * yf - 1.0) * (A @ t)
        return float(C * np.logaddexp(0.0, -m).sum() + 0.5 * (reg * t * t).sum())

    current = objective(theta)
    for _ in range(iters):
        p = expit(A @ theta)
        grad = C * (A.T @ (p - yf)) + reg * theta
        hess = C * (A.T * (p * (1.0 - p))) @ A + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-4:  # backtracking keeps every step a descent step
            cand = theta - t * step
            value = objective(cand)
            if value <= current:
                break
            t *= 0.5
        theta, previous, current = cand, current, value
        if previous - current < 1e-9 * max(1.0, abs(current)):
            break
    return theta[:-1], float(theta[-1])


def evaluate(ranker: Ranker, examples: Sequence[Example], k: int = 10) -> dict[str, float]:
    rows = []
    for ex in examples:
        s = ranker.score(ex.X)
        order = sorted(range(len(s)), key=lambda i: (-s[i], ex.ids[i]))[:k]
        ranked = [ex.ids[i] for i in order]
        rows.append(query_metrics(ranked, [ex.ids[i] for i in np.flatnonzero(ex.y)], k))
    return mean_metrics(rows)


def cross_validate(
    examples: Sequence[Example], C: float = 0.1, folds: int = 5, seed: int = 0
) -> dict[str, float]:
    """Grouped by project: a project's queries are never in its own training fold."""
    projects = sorted({ex.project for ex in examples})
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(projects))
    fold_of = {projects[j]: i % folds for i, j in enumerate(order)}
    rows = []
    for f in range(folds):
        train = [ex for ex in examples if fold_of[ex.project] != f]
        test = [ex for ex in examples if fold_of[ex.project] == f]
        if not test or not train:
            continue
        m = evaluate(fit(train, C), test)
        rows.extend([m] * len(test))
    return mean_metrics(rows)
