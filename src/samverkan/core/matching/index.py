"""The match index: profiles as columnar arrays + text indexes + project history.

Rows are positions in growing arrays; removing a profile frees its row (it is marked dead and
reused by the next add), so add / update / remove touch one row and never rebuild the index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .graph import History
from .model import MatchQuery, Organisation, Reason, Recommendation
from .text import TextIndex


def nace_prefixes(code: str) -> list[str]:
    """ "C26.51" -> ["26", "265", "2651"]: division, group and class of the NACE hierarchy."""
    digits = "".join(ch for ch in code if ch.isdigit())
    return [digits[:n] for n in (2, 3, 4) if len(digits) >= n]


def profile_text(org: Organisation) -> str:
    """What a profile 'is' for text matching (its needs are matched separately)."""
    parts = [org.name, *org.aliases, org.kind, *org.region_names, org.description]
    parts += [*org.sectors, *org.offers, *org.nace_codes]
    for p in org.past_projects:
        parts += [p.name, p.programme, p.objective]
    return " . ".join(x for x in parts if x)


def offers_text(org: Organisation) -> str:
    return " . ".join([*org.offers, *org.sectors])


class _Interner:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {"": 0}  # 0 = unknown
        self.names: list[str] = [""]

    def __call__(self, value: str) -> int:
        key = value.strip().casefold()
        i = self.ids.get(key)
        if i is None:
            i = self.ids[key] = len(self.names)
            self.names.append(value.strip())
        return i

    def get(self, value: str) -> int:
        return self.ids.get(value.strip().casefold(), -1)

    def __len__(self) -> int:
        return len(self.names)


# Relevance feedback ("more like the partners you marked relevant"). Weight chosen on the dev
# split's 26 queries with two or more true partners, revealing the first as liked: recall@10
# on the others 0.229 without feedback, 0.331 at weight 2 (1: 0.325, 4: 0.337, 8: 0.286);
# see benchmarks/matching/feedback.py.
LIKE_WEIGHT = 2.0
LIKE_REASON_MIN = 0.15
MAX_LIKES = 20


def _with_like_reason(reasons, name: str, weight: float):
    reason = Reason("liked", f"similar to {name}, which you marked relevant", round(weight, 4))
    return tuple(sorted((*reasons, reason), key=lambda x: -x.weight))[:5]


class MatchIndex:
    """Incremental index of organisations answering `recommend(query, k)`.

    Use `MatchIndex.build(orgs)` for bulk loading, then `upsert(org)` / `remove(org_id)` as
    profiles change. Pass a `Ranker` (see ranker.py) to change weights; the default loads the
    weights shipped with the package.
    """

    def __init__(self, ranker: object | None = None) -> None:
        from .ranker import Ranker  # local import: ranker imports features, which imports us

        self.ranker: Ranker = ranker if ranker is not None else Ranker.default()
        self.orgs: list[Organisation | None] = []
        self.row_of: dict[str, int] = {}
        self._free: list[int] = []
        self.kinds, self.regions3, self.regions2 = _Interner(), _Interner(), _Interner()
        self.countries, self.ownerships, self.langs = _Interner(), _Interner(), _Interner()
        self.region3_parent: dict[int, int] = {}  # nuts3 -> nuts2 intern id, for target tests
        self._cap = 0
        self.alive = np.zeros(0, dtype=bool)
        self.kind = np.zeros(0, dtype=np.int32)
        self.nuts3 = np.zeros(0, dtype=np.int32)
        self.nuts2 = np.zeros(0, dtype=np.int32)
        self.country = np.zeros(0, dtype=np.int32)
        self.ownership = np.zeros(0, dtype=np.int32)
        self.lang_mask = np.zeros(0, dtype=np.int64)
        self.market_mask = np.zeros(0, dtype=np.int64)  # bit per country the org targets
        self.n_projects = np.zeros(0, dtype=np.float32)
        self.degree = np.zeros(0, dtype=np.float32)
        self.nace: dict[str, set[int]] = {}
        self.history = History()
        self.text = TextIndex()
        self.offers = TextIndex()

    # -- bulk -----------------------------------------------------------------------------
    @classmethod
    def build(cls, orgs: Iterable[Organisation], ranker: object | None = None) -> MatchIndex:
        """Index many profiles at once (text is analysed in one batch: the fast path)."""
        idx = cls(ranker)
        # A repeated id is an edit of the same profile: the last version wins, as with upsert.
        orgs = list({o.id: o for o in orgs}.values())
        for org in orgs:
            idx._place(org, len(idx.orgs))
        idx.text.build([profile_text(o) for o in orgs])
        idx.offers.build([offers_text(o) for o in orgs])
        idx._refresh_degree(range(len(orgs)))
        return idx

    # -- incremental edits ----------------------------------------------------------------
    def upsert(self, org: Organisation) -> None:
        """Add a profile or replace the one with the same id; touches only affected rows."""
        row = self.row_of.get(org.id)
        old_nbrs: set[int] = set()
        if row is not None:
            old_nbrs = self._neighbourhood(row)  # they lose this partner if projects changed
            self._unplace(row)
        else:
            row = self._free.pop() if self._free else len(self.orgs)
        self._place(org, row)
        self.text.set(row, profile_text(org))
        self.offers.set(row, offers_text(org))
        self._refresh_degree(old_nbrs | self._neighbourhood(row))

    def remove(self, org_id: str) -> None:
        row = self.row_of.get(org_id)
        if row is None:
            return
        nbrs = self._neighbourhood(row)
        self._unplace(row)
        self.text.set(row, None)
        self.offers.set(row, None)
        self._free.append(row)
        self._refresh_degree(nbrs)

    def __len__(self) -> int:
        return len(self.row_of)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.row_of

    def get(self, org_id: str) -> Organisation | None:
        row = self.row_of.get(org_id)
        return None if row is None else self.orgs[row]

    @property
    def n_rows(self) -> int:
        return len(self.orgs)

    # -- ranking --------------------------------------------------------------------------
    def recommend(
        self, query: MatchQuery, k: int = 10, explain: bool = True
    ) -> list[Recommendation]:
        """Top-k organisations for `query`, best first; never the seeker or excluded ids."""
        from .features import compute_features
        from .reasons import explain_match

        feats = compute_features(self, query)
        scores = self.ranker.score(feats.matrix)
        liked = self._liked_similarity(query, len(scores))
        if liked is not None:
            scores = scores + LIKE_WEIGHT * liked[0]
        scores[~self.alive[: len(scores)]] = -np.inf
        for oid in (query.seeker_id, *query.exclude_ids):
            row = self.row_of.get(oid)
            if row is not None:
                scores[row] = -np.inf
        k = min(k, int(np.isfinite(scores).sum()))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        # Ties broken by id so output is deterministic whatever the row order is.
        top = sorted(top, key=lambda r: (-scores[r], self.orgs[r].id))  # type: ignore[union-attr]
        out = []
        for r in top:
            reasons = explain_match(self, query, feats, int(r)) if explain else ()
            if explain and liked is not None and liked[0][r] >= LIKE_REASON_MIN:
                reasons = _with_like_reason(reasons, liked[1][r], LIKE_WEIGHT * liked[0][r])
            out.append(Recommendation(self.orgs[r].id, float(scores[r]), tuple(reasons)))  # type: ignore[union-attr]
        return out

    def _liked_similarity(self, query: MatchQuery, n: int):
        """Per row: cosine to the most similar liked profile, and that profile's name."""
        rows = [self.row_of[i] for i in query.like_ids if i in self.row_of]
        rows = [r for r in rows if self.alive[r]][:MAX_LIKES]
        if not rows:
            return None
        best = np.zeros(n, dtype=np.float32)
        names = np.empty(n, dtype=object)
        for r in rows:
            sim = self.text.scores(profile_text(self.orgs[r]), n)  # type: ignore[arg-type]
            better = sim > best
            best[better] = sim[better]
            names[better] = self.orgs[r].name  # type: ignore[union-attr]
        best[rows] = 0.0  # already known: feedback raises others like them, not themselves
        return best, names

    # -- internals ------------------------------------------------------------------------
    def _grow(self, n: int) -> None:
        if n <= self._cap:
            return
        cap = max(n, 2 * self._cap, 64)
        for name in (
            "alive",
            "kind",
            "nuts3",
            "nuts2",
            "country",
            "ownership",
            "lang_mask",
            "market_mask",
            "n_projects",
            "degree",
        ):
            old = getattr(self, name)
            new = np.zeros(cap, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        self._cap = cap

    def _place(self, org: Organisation, row: int) -> None:
        self._grow(row + 1)
        if row == len(self.orgs):
            self.orgs.append(org)
        else:
            self.orgs[row] = org
        self.row_of[org.id] = row
        self.alive[row] = True
        self.kind[row] = self.kinds(org.kind)
        self.nuts3[row] = self.regions3(org.nuts3_code)
        self.nuts2[row] = self.regions2(org.nuts2_code or org.nuts3_code[:4])
        self.region3_parent[int(self.nuts3[row])] = int(self.nuts2[row])
        self.country[row] = self.countries(org.country)
        self.ownership[row] = self.ownerships(org.ownership)
        self.lang_mask[row] = self._mask(self.langs, org.languages)
        self.market_mask[row] = self._mask(self.countries, org.target_markets)
        self.n_projects[row] = len({p.id for p in org.past_projects})
        for code in org.nace_codes:
            for pre in nace_prefixes(code):
                self.nace.setdefault(pre, set()).add(row)
        self.history.add(row, org.past_projects, int(self.kind[row]), int(self.nuts3[row]))

    def _unplace(self, row: int) -> None:
        org = self.orgs[row]
        assert org is not None
        self.history.remove(row)
        for code in org.nace_codes:
            for pre in nace_prefixes(code):
                self.nace.get(pre, set()).discard(row)
        del self.row_of[org.id]
        self.orgs[row] = None
        self.alive[row] = False
        self.n_projects[row] = 0
        self.degree[row] = 0

    @staticmethod
    def _mask(interner: _Interner, values: Sequence[str]) -> int:
        m = 0
        for v in values:
            i = interner(v)
            if i < 63:  # bit 63 is the sign bit; more than 62 languages/countries is not real
                m |= 1 << i
        return m

    def _neighbourhood(self, row: int) -> set[int]:
        return {row, *self.history.partners(row)}

    def _refresh_degree(self, rows: Iterable[int]) -> None:
        for r in rows:
            self.degree[r] = len(self.history.partners(r)) if self.alive[r] else 0
