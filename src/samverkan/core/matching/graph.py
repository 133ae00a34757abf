"""Project history: the co-participation graph and the count statistics learned from it.

Everything is kept as counts that are updated when one profile is added or removed, so the
statistics used as features (which organisation types team up, which regions take part in
which programme) stay exact under incremental edits and under leave-one-project-out training.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np

from .model import PastProject

_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=4096)
def policy_objective(objective: str) -> str:
    """Map "RSO2.7" to "2": the policy objective a specific objective belongs to."""
    m = _DIGITS.search(objective.split(".")[0])
    return m.group(0) if m else ""


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    # Programme and objective names repeat across thousands of profiles: fold each once.
    return s.casefold()


class History:
    """Who took part in which project, and aggregated counts over rows (row = org position)."""

    def __init__(self) -> None:
        self.members: dict[str, dict[int, PastProject]] = defaultdict(dict)
        self.projects_of: dict[int, list[PastProject]] = {}
        # programme / objective / policy objective -> Counter(row -> number of projects)
        self.by_programme: dict[str, Counter[int]] = defaultdict(Counter)
        self.by_objective: dict[str, Counter[int]] = defaultdict(Counter)
        self.by_policy: dict[str, Counter[int]] = defaultdict(Counter)
        # Aggregates for priors: (kind_a, kind_b) co-participations; programme x region / kind.
        self.kind_pairs: Counter[tuple[int, int]] = Counter()
        self.kind_part: Counter[int] = Counter()
        self.prog_region: Counter[tuple[str, int]] = Counter()
        self.prog_kind: Counter[tuple[str, int]] = Counter()
        self.prog_total: Counter[str] = Counter()
        self.region_total: Counter[int] = Counter()
        self.kind_total: Counter[int] = Counter()
        self.n_participations = 0
        self._kind: dict[int, int] = {}
        self._region: dict[int, int] = {}
        self._column_cache: dict[tuple[int, str, int], np.ndarray] = {}
        self._cache_version = -1
        self.version = 0  # bumped on every edit so callers can cache derived arrays

    # -- edits ----------------------------------------------------------------------------
    def add(self, row: int, projects: tuple[PastProject, ...], kind: int, region: int) -> None:
        seen: set[str] = set()
        mine: list[PastProject] = []
        for p in projects:
            if p.id in seen:  # a profile listing the same project twice counts once
                continue
            seen.add(p.id)
            mine.append(p)
            for other in self.members[p.id]:
                okind = self._kind[other]
                self.kind_pairs[(kind, okind)] += 1
                self.kind_pairs[(okind, kind)] += 1
            self.members[p.id][row] = p
            self._count(row, p, kind, region, +1)
        self.projects_of[row] = mine
        self._kind[row] = kind
        self._region[row] = region
        self.version += 1

    def remove(self, row: int) -> None:
        mine = self.projects_of.pop(row, [])
        kind = self._kind.pop(row, -1)
        region = self._region.pop(row, -1)
        for p in mine:
            del self.members[p.id][row]
            for other in self.members[p.id]:
                okind = self._kind[other]
                self.kind_pairs[(kind, okind)] -= 1
                self.kind_pairs[(okind, kind)] -= 1
            if not self.members[p.id]:
                del self.members[p.id]
            self._count(row, p, kind, region, -1)
        self.version += 1

    def _count(self, row: int, p: PastProject, kind: int, region: int, d: int) -> None:
        prog = _fold(p.programme)
        for table, key in (
            (self.by_programme, prog),
            (self.by_objective, _fold(p.objective)),
            (self.by_policy, policy_objective(p.objective)),
        ):
            if not key:
                continue
            table[key][row] += d
            if table[key][row] <= 0:
                del table[key][row]
        self.prog_region[(prog, region)] += d
        self.prog_kind[(prog, kind)] += d
        self.prog_total[prog] += d
        self.region_total[region] += d
        self.kind_total[kind] += d
        self.kind_part[kind] += d
        self.n_participations += d

    # -- queries ----------------------------------------------------------------------------
    def n_projects(self, row: int) -> int:
        return len(self.projects_of.get(row, ()))

    def partners(self, row: int) -> Counter[int]:
        """Co-partners of `row` with the number of shared projects."""
        out: Counter[int] = Counter()
        for p in self.projects_of.get(row, ()):
            for other in self.members.get(p.id, ()):
                if other != row:
                    out[other] += 1
        return out

    def shared_projects(self, a: int, b: int) -> list[PastProject]:
        return [p for p in self.projects_of.get(a, ()) if b in self.members.get(p.id, ())]

    def two_hop(self, row: int, direct: Counter[int]) -> Counter[int]:
        """Partners of partners (paths weighted by shared projects), excluding `row`."""
        out: Counter[int] = Counter()
        for b, c in direct.items():
            for b2, c2 in self.partners(b).items():
                if b2 != row:
                    out[b2] += c * c2
        return out

    def column(self, table: dict[str, Counter[int]], key: str, n: int) -> np.ndarray:
        """Dense per-row counts for one programme / objective key."""
        # Cached until the next edit: popular programmes have tens of thousands of members.
        if self._cache_version != self.version:
            self._column_cache.clear()
            self._cache_version = self.version
        ck = (id(table), key, n)
        hit = self._column_cache.get(ck)
        if hit is not None:
            return hit
        out = np.zeros(n, dtype=np.float32)
        self._column_cache[ck] = out
        c = table.get(key)
        if c:
            rows = np.fromiter(c.keys(), dtype=np.int64, count=len(c))
            vals = np.fromiter(c.values(), dtype=np.float32, count=len(c))
            ok = rows < n
            out[rows[ok]] = vals[ok]
        return out

    def kind_lift(self, n_kinds: int, alpha: float = 2.0) -> np.ndarray:
        """log P(partner kind b | kind a) / P(kind b): which types of organisation team up."""
        m = np.zeros((n_kinds, n_kinds), dtype=np.float64)
        for (a, b), c in self.kind_pairs.items():
            if 0 <= a < n_kinds and 0 <= b < n_kinds and c > 0:
                m[a, b] = c
        col = m.sum(axis=0) + alpha
        p_b = col / col.sum()
        cond = (m + alpha * p_b) / (m.sum(axis=1, keepdims=True) + alpha)
        return np.log(cond / p_b).astype(np.float32)

    def programme_lift(
        self, programme: str, which: str, n_values: int, alpha: float = 3.0
    ) -> np.ndarray:
        """log lift of a region / kind value in a programme versus all programmes (smoothed).

        This is what lets a profile without history be ranked: a municipality in a county
        that often joins the queried programme gets a positive prior.
        """
        prog = programme.casefold()
        pair = self.prog_region if which == "region" else self.prog_kind
        total = self.region_total if which == "region" else self.kind_total
        n_prog = self.prog_total.get(prog, 0)
        n_all = max(self.n_participations, 1)
        out = np.zeros(n_values, dtype=np.float32)
        if n_prog <= 0:
            return out
        for v in range(n_values):
            base = (total.get(v, 0) + alpha) / (n_all + alpha * n_values)
            inprog = (pair.get((prog, v), 0) + alpha * base) / (n_prog + alpha)
            out[v] = np.log(inprog / base)
        return out
