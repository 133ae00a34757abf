"""Feature vectors: one row per indexed organisation, one column per signal, for one query.

All signals are computed for every row at once with numpy, so a query over 100,000 profiles
costs a few vector operations per signal; only the top-k rows are explained afterwards.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .graph import policy_objective
from .index import MatchIndex, nace_prefixes, profile_text
from .model import MatchQuery, Organisation

# Order matters: it is the column order of the matrix and of the weight file.
FEATURES: tuple[str, ...] = (
    "text",  # query text vs profile (char 4-gram TF-IDF cosine)
    "offer_need",  # query text + seeker's needs vs candidate's offers
    "seeker_sim",  # seeker profile vs candidate profile
    "same_nuts3",
    "same_nuts2",
    "in_target",  # candidate located in a target region of the query
    "copartner",  # log1p(projects shared with the seeker)
    "two_hop",  # log1p(paths seeker -> partner -> candidate)
    "degree",  # log1p(number of distinct past partners)
    "n_projects",  # log1p(number of past projects)
    "cold",  # no project history at all
    "programme",  # log1p(past projects in the queried programme)
    "objective",  # log1p(past projects with the same specific objective)
    "policy",  # log1p(past projects under the same policy objective)
    "kind_pair",  # lift of (seeker kind, candidate kind) among past partnerships
    "prog_kind",  # lift of the candidate's kind in the queried programme
    "prog_region",  # lift of the candidate's NUTS3 region in the queried programme
    "same_kind",
    "same_ownership",
    "nace",  # depth of the shared NACE prefix / 3
    "language",  # shares a working language with the seeker
    "market",  # located in a country the seeker targets
    "wants_us",  # targets the seeker's country as a market
    "cross_border",  # in another country than the seeker
    "cold_in_target",
    "cold_same_nuts3",
)
COL = {name: i for i, name in enumerate(FEATURES)}


@dataclass
class FeatureSet:
    matrix: np.ndarray  # (n_rows, len(FEATURES)) float32
    seeker_row: int | None
    query_text: str
    need_text: str
    direct: Counter[int] = field(default_factory=Counter)
    nace_depth: np.ndarray | None = None
    target_mask: np.ndarray | None = None


def query_text(q: MatchQuery) -> str:
    return " . ".join(x for x in (q.title, q.need, q.programme, q.objective) if x)


def _lookup(table: np.ndarray, idx: np.ndarray) -> np.ndarray:
    out = np.zeros(len(idx), dtype=np.float32)
    ok = (idx >= 0) & (idx < len(table))
    out[ok] = table[idx[ok]]
    return out


def _counter_column(c: Counter[int], n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float32)
    if c:
        rows = np.fromiter(c.keys(), dtype=np.int64, count=len(c))
        vals = np.fromiter(c.values(), dtype=np.float32, count=len(c))
        out[rows] = vals
    return out


def _target_mask(idx: MatchIndex, q: MatchQuery, n: int) -> np.ndarray | None:
    """Rows inside any target region; codes may be NUTS3, NUTS2 or country codes."""
    codes = [c.strip() for c in q.target_region_codes if c.strip()]
    if not codes:
        return None
    r3 = np.zeros(len(idx.regions3), dtype=bool)
    r2 = np.zeros(len(idx.regions2), dtype=bool)
    cc = np.zeros(len(idx.countries), dtype=bool)
    for c in codes:
        for interner, arr in ((idx.regions3, r3), (idx.regions2, r2), (idx.countries, cc)):
            i = interner.get(c)
            if i > 0:
                arr[i] = True
    return r3[idx.nuts3[:n]] | r2[idx.nuts2[:n]] | cc[idx.country[:n]]


def compute_features(idx: MatchIndex, q: MatchQuery) -> FeatureSet:
    n = idx.n_rows
    # Column-major: every signal writes one contiguous column.
    X = np.zeros((n, len(FEATURES)), dtype=np.float32, order="F")
    srow = idx.row_of.get(q.seeker_id) if q.seeker_id else None
    seeker: Organisation | None = idx.orgs[srow] if srow is not None else None

    qtext = query_text(q)
    need = " . ".join([qtext, *(seeker.needs if seeker else ())])
    X[:, COL["text"]] = idx.text.scores(qtext, n)
    X[:, COL["offer_need"]] = idx.offers.scores(need, n)

    hist = idx.history
    direct: Counter[int] = Counter()
    if seeker is not None and srow is not None:
        X[:, COL["seeker_sim"]] = idx.text.scores(profile_text(seeker), n)
        s3, s2, sk = int(idx.nuts3[srow]), int(idx.nuts2[srow]), int(idx.kind[srow])
        if s3 > 0:
            X[:, COL["same_nuts3"]] = idx.nuts3[:n] == s3
        if s2 > 0:
            X[:, COL["same_nuts2"]] = idx.nuts2[:n] == s2
        direct = hist.partners(srow)
        X[:, COL["copartner"]] = np.log1p(_counter_column(direct, n))
        X[:, COL["two_hop"]] = np.log1p(_counter_column(hist.two_hop(srow, direct), n))
        lift = hist.kind_lift(len(idx.kinds))
        X[:, COL["kind_pair"]] = lift[sk][idx.kind[:n]] if sk > 0 else 0.0
        X[:, COL["same_kind"]] = (idx.kind[:n] == sk) & (sk > 0)
        so = int(idx.ownership[srow])
        X[:, COL["same_ownership"]] = (idx.ownership[:n] == so) & (so > 0)
        sc = int(idx.country[srow])
        if sc > 0:
            X[:, COL["cross_border"]] = (idx.country[:n] != sc) & (idx.country[:n] > 0)
            X[:, COL["wants_us"]] = (idx.market_mask[:n] >> sc) & 1 if sc < 63 else 0
    tmask = _target_mask(idx, q, n)
    if tmask is not None:
        X[:, COL["in_target"]] = tmask

    X[:, COL["degree"]] = np.log1p(idx.degree[:n])
    X[:, COL["n_projects"]] = np.log1p(idx.n_projects[:n])
    cold = (idx.n_projects[:n] == 0).astype(np.float32)
    X[:, COL["cold"]] = cold
    X[:, COL["cold_in_target"]] = cold * X[:, COL["in_target"]]
    X[:, COL["cold_same_nuts3"]] = cold * X[:, COL["same_nuts3"]]

    if q.programme:
        prog = q.programme.casefold()
        X[:, COL["programme"]] = np.log1p(hist.column(hist.by_programme, prog, n))
        X[:, COL["prog_kind"]] = _lookup(
            hist.programme_lift(prog, "kind", len(idx.kinds)), idx.kind[:n]
        )
        X[:, COL["prog_region"]] = _lookup(
            hist.programme_lift(prog, "region", len(idx.regions3)), idx.nuts3[:n]
        )
    if q.objective:
        X[:, COL["objective"]] = np.log1p(hist.column(hist.by_objective, q.objective.casefold(), n))
        pol = policy_objective(q.objective)
        if pol:
            X[:, COL["policy"]] = np.log1p(hist.column(hist.by_policy, pol, n))

    # NACE: the deepest shared level of the hierarchy (division 1/3, group 2/3, class 3/3).
    codes = q.nace_codes or (seeker.nace_codes if seeker else ())
    depth = None
    if codes:
        depth = np.zeros(n, dtype=np.float32)
        for code in codes:
            for level, pre in enumerate(nace_prefixes(code), start=1):
                rows = idx.nace.get(pre)
                if rows:
                    r = np.fromiter(rows, dtype=np.int64, count=len(rows))
                    depth[r] = np.maximum(depth[r], level)
        X[:, COL["nace"]] = depth / 3.0

    langs = q.languages or (seeker.languages if seeker else ())
    if langs:
        qmask = 0
        for lang in langs:
            i = idx.langs.get(lang)
            if 0 < i < 63:
                qmask |= 1 << i
        X[:, COL["language"]] = (idx.lang_mask[:n] & qmask) != 0
    markets = q.target_countries or (seeker.target_markets if seeker else ())
    if markets:
        wanted = np.zeros(len(idx.countries), dtype=bool)
        for c in markets:
            i = idx.countries.get(c)
            if i > 0:
                wanted[i] = True
        X[:, COL["market"]] = wanted[idx.country[:n]]
    return FeatureSet(X, srow, qtext, need, direct, depth, tmask)
