"""Simulated annealing over slot assignments for large events (thousands of meetings).

The state assigns each meeting a slot or leaves it unplaced; hard rules that a move must never
break are: domain (session, forbidden slots, fixed slot), no participant in two meetings at
once, slot capacity (one table pool) and precedences among placed meetings. The cost is
lexicographic through weights: unplaced meetings, then fairness excess (breaks above the cap
``d``, which keeps ``max - min <= d`` since nobody has fewer than 0 breaks), then breaks.

Each participant's busy slots are a bit mask, so the breaks of a participant are the number of
runs of ones minus one, and a move's cost change only touches the participants it moves.
Moves:

* relocate a meeting to a slot where both participants are free (target slots next to the
  participant's existing runs are tried first, which is where a move can close a gap);
* when the target slot is taken, a Kempe-chain swap: the connected set of meetings in the two
  slots linked through shared participants exchanges slots, which never creates a clash;
* insert an unplaced meeting, ejecting whatever blocks it (its participants' meetings in that
  slot, or a random meeting when the slot is full): an ejection chain in small steps.

Worsening moves are accepted with the Metropolis rule under a geometric cooling schedule tied
to the remaining time. Pure Python, no dependencies; about 10^5 moves per second.
"""

from __future__ import annotations

import math
import random
import time

from .cpsat import State
from .indexed import Indexed
from .large_insert import W_UNPLACED, InsertMoves

W_EXCESS = 12.0
MAX_CHAIN = 30


def applicable(ix: Indexed) -> bool:
    """The annealer covers one table pool, per-participant agendas, no lunch rule."""
    pr = ix.problem
    return (
        ix.single_pool
        and not ix.lunch
        and len(ix.agendas) == ix.n_participants
        and not pr.allow_unscheduled
        and not any(t >= 0 for t in ix.prev_slot)
        and not any(ix.min_share)
        and ix.n_slots <= 62
    )


def _breaks(mask: int) -> int:
    runs = (mask & ~(mask << 1)).bit_count()
    return runs - 1 if runs else 0


class Annealer(InsertMoves):
    def __init__(self, ix: Indexed, start: State, seed: int = 0) -> None:
        self.ix = ix
        self.rng = random.Random(seed)
        T = ix.n_slots
        self.T = T
        self.cap = len(ix.pool_tables[0])
        self.d = ix.problem.fairness if ix.problem.fairness is not None else 10**6
        self.full = (1 << T) - 1
        self.table = [_breaks(x) for x in range(1 << T)] if T <= 16 else None
        d = self.d
        self.pct = (
            [v + W_EXCESS * max(0, v - d) for v in self.table] if self.table is not None else None
        )
        n, P = ix.n_meetings, ix.n_participants
        self.dmask = [sum(1 << t for t in d) for d in ix.dom]
        self.dlist = [list(d) for d in ix.dom]
        self.preds: list[list[int]] = [[] for _ in range(n)]
        self.succs: list[list[int]] = [[] for _ in range(n)]
        for j, m in ix.preds:
            self.preds[m].append(j)
            self.succs[j].append(m)
        self.has_prec = [bool(self.preds[m] or self.succs[m]) for m in range(n)]
        self.slot = [-1] * n
        self.occ = [0] * P
        self.at = [[-1] * T for _ in range(P)]
        self.load = [0] * T
        self.h = [0] * P
        self.unplaced: list[int] = []
        self.upos = [-1] * n
        self.bad: list[int] = []  # participants with at least one break
        self.bpos = [-1] * P
        for m in range(n):
            self._add_unplaced(m)
        for m, t in enumerate(start.slot):
            if t >= 0 and self._can_place(m, t):
                self._place(m, t)
        self.breaks = 0
        self.excess = 0
        for p in range(P):
            self._set_h(p, self.brk(self.occ[p]))
        self.breaks = sum(self.h)
        self.excess = sum(max(0, v - self.d) for v in self.h)

    # -- bookkeeping -------------------------------------------------------------------------
    def brk(self, mask: int) -> int:
        tb = self.table
        return tb[mask] if tb is not None else _breaks(mask)

    def _add_unplaced(self, m: int) -> None:
        self.upos[m] = len(self.unplaced)
        self.unplaced.append(m)

    def _del_unplaced(self, m: int) -> None:
        i, last = self.upos[m], self.unplaced[-1]
        self.unplaced[i] = last
        self.upos[last] = i
        self.unplaced.pop()
        self.upos[m] = -1

    def _set_h(self, p: int, v: int) -> None:
        old = self.h[p]
        self.h[p] = v
        if v and self.bpos[p] < 0:
            self.bpos[p] = len(self.bad)
            self.bad.append(p)
        elif not v and self.bpos[p] >= 0:
            i, last = self.bpos[p], self.bad[-1]
            self.bad[i] = last
            self.bpos[last] = i
            self.bad.pop()
            self.bpos[p] = -1
        self.breaks += v - old
        self.excess += max(0, v - self.d) - max(0, old - self.d)

    def _prec_ok(self, m: int, t: int) -> bool:
        slot = self.slot
        return all(slot[j] < t for j in self.preds[m] if slot[j] >= 0) and all(
            slot[s] > t for s in self.succs[m] if slot[s] >= 0
        )

    def _can_place(self, m: int, t: int) -> bool:
        a, b = self.ix.ma[m], self.ix.mb[m]
        bit = 1 << t
        return (
            self.dmask[m] & bit
            and not (self.occ[a] | self.occ[b]) & bit
            and self.load[t] < self.cap
            and (not self.has_prec[m] or self._prec_ok(m, t))
        )

    def _place(self, m: int, t: int) -> None:
        a, b = self.ix.ma[m], self.ix.mb[m]
        self.slot[m] = t
        self.occ[a] |= 1 << t
        self.occ[b] |= 1 << t
        self.at[a][t] = m
        self.at[b][t] = m
        self.load[t] += 1
        self._del_unplaced(m)

    def _unplace(self, m: int) -> None:
        a, b, t = self.ix.ma[m], self.ix.mb[m], self.slot[m]
        self.slot[m] = -1
        self.occ[a] &= ~(1 << t)
        self.occ[b] &= ~(1 << t)
        self.at[a][t] = -1
        self.at[b][t] = -1
        self.load[t] -= 1
        self._add_unplaced(m)

    def cost(self) -> float:
        return W_UNPLACED * len(self.unplaced) + W_EXCESS * self.excess + self.breaks

    def _pcost(self, p: int, mask: int) -> float:
        if self.pct is not None:
            return self.pct[mask]
        v = self.brk(mask)
        return v + W_EXCESS * max(0, v - self.d)

    # -- moves -------------------------------------------------------------------------------
    def _accept(self, delta: float, temp: float) -> bool:
        return delta <= 0 or (temp > 0 and self.rng.random() < math.exp(-delta / temp))

    def try_relocate(self, temp: float, p: int = -1) -> None:
        rng, ix = self.rng, self.ix
        rand = rng.random
        bad = self.bad
        if p < 0:
            n_p = len(bad) if bad and rand() < 0.8 else 0
            p = bad[int(rand() * n_p)] if n_p else int(rand() * ix.n_participants)
        ms = ix.meetings_of[p]
        if not ms:
            return
        m = ms[int(rand() * len(ms))]
        t1 = self.slot[m]
        if t1 < 0:
            return
        occs = self.occ
        occ = occs[p]
        cand = self.dmask[m] & ~occ
        if rand() < 0.7:
            near = cand & ((occ << 1) | (occ >> 1))
            if near:
                cand = near
        if not cand:
            return
        for _ in range(int(rand() * cand.bit_count())):
            cand &= cand - 1  # drop the lowest bits: a uniformly random set bit remains lowest
        t2 = (cand & -cand).bit_length() - 1
        a, b = ix.ma[m], ix.mb[m]
        q = b if a == p else a
        if not occs[q] >> t2 & 1 and self.load[t2] < self.cap:
            if self.has_prec[m] and not self._prec_ok(m, t2):
                return
            move = (1 << t1) | (1 << t2)
            oa, ob = occs[a], occs[b]
            na, nb = oa ^ move, ob ^ move
            pct = self.pct
            if pct is not None:
                delta = pct[na] - pct[oa] + pct[nb] - pct[ob]
            else:
                pc = self._pcost
                delta = pc(a, na) - pc(a, oa) + pc(b, nb) - pc(b, ob)
            if delta <= 0 or (temp > 0 and rand() < math.exp(-delta / temp)):
                self.slot[m] = t2
                occs[a], occs[b] = na, nb
                at_a, at_b = self.at[a], self.at[b]
                at_a[t1] = at_b[t1] = -1
                at_a[t2] = at_b[t2] = m
                self.load[t1] -= 1
                self.load[t2] += 1
                self._set_h(a, self.brk(na))
                self._set_h(b, self.brk(nb))
            return
        self.try_kempe(m, t1, t2, temp)

    def _chain(self, m: int, t1: int, t2: int):
        """The Kempe chain of ``m`` over slots ``t1``/``t2``: (meetings, participants) or None
        when it is too long, leaves a meeting's domain or overfills a slot."""
        ix, at, dmask = self.ix, self.at, self.dmask
        chain = {m}
        stack = [ix.ma[m], ix.mb[m]]
        parts = set(stack)
        bit = (1 << t1) | (1 << t2)
        while stack:
            x = stack.pop()
            row = at[x]
            for t in (t1, t2):
                k = row[t]
                if k >= 0 and k not in chain:
                    if dmask[k] & bit != bit or len(chain) >= MAX_CHAIN:
                        return None
                    chain.add(k)
                    for y in (ix.ma[k], ix.mb[k]):
                        if y not in parts:
                            parts.add(y)
                            stack.append(y)
        slot = self.slot
        c1 = sum(1 for k in chain if slot[k] == t1)
        c2 = len(chain) - c1
        if self.load[t2] - c2 + c1 > self.cap or self.load[t1] - c1 + c2 > self.cap:
            return None
        if any(self.has_prec[k] for k in chain) and not self._chain_prec_ok(chain, t1, t2):
            return None
        return chain, parts, c1, c2

    def _chain_delta(self, parts: set[int], bit: int, extra: dict[int, int]) -> float:
        """Cost change of swapping the chain's slots (``bit`` = both slot bits), with
        ``extra`` slot bits then added per participant (an inserted meeting)."""
        delta = 0.0
        occ = self.occ
        for x in parts.union(extra):
            o = occ[x]
            n = o ^ bit if (o & bit) != bit and o & bit else o
            n |= extra.get(x, 0)
            if n != o:
                delta += self._pcost(x, n) - self._pcost(x, o)
        return delta

    def _apply_chain(self, chain: set[int], parts: set[int], t1: int, t2: int, c1: int, c2: int):
        slot, at, occ = self.slot, self.at, self.occ
        bit = (1 << t1) | (1 << t2)
        for k in chain:
            slot[k] = t2 if slot[k] == t1 else t1
        for x in parts:
            row = at[x]
            row[t1], row[t2] = row[t2], row[t1]
            o = occ[x]
            if (o & bit) != bit and o & bit:
                occ[x] = o ^ bit
                self._set_h(x, self.brk(o ^ bit))
        self.load[t1] += c2 - c1
        self.load[t2] += c1 - c2

    def try_kempe(self, m: int, t1: int, t2: int, temp: float) -> None:
        found = self._chain(m, t1, t2)
        if found is None:
            return
        chain, parts, c1, c2 = found
        bit = (1 << t1) | (1 << t2)
        if self._accept(self._chain_delta(parts, bit, {}), temp):
            self._apply_chain(chain, parts, t1, t2, c1, c2)

    def _chain_prec_ok(self, chain: set[int], t1: int, t2: int) -> bool:
        """Precedences still hold after the chain's meetings exchange ``t1`` and ``t2``."""
        slot = self.slot

        def new(k: int) -> int:
            t = slot[k]
            return t if k not in chain else (t2 if t == t1 else t1)

        for k in chain:
            t = new(k)
            if any(slot[j] >= 0 and new(j) >= t for j in self.preds[k]):
                return False
            if any(slot[j] >= 0 and new(j) <= t for j in self.succs[k]):
                return False
        return True

    def valid(self) -> bool:
        return not self.unplaced and not self.excess

    def run(
        self,
        deadline: float,
        on_best=None,
        t_start: float = 0.35,
        t_end: float = 0.03,
        max_moves: int | None = None,
        stop_when_valid: bool = False,
        give_up_at: float | None = None,
        should_stop=None,
    ):
        """Anneal until ``deadline`` (or ``max_moves`` moves, which makes a run reproducible:
        the cooling then follows the move count); ``on_best(slots)`` gets each new best complete
        and fair schedule (at most every few thousand moves). Returns the best such slots or
        None. ``should_stop()`` is polled every 1,024 moves."""
        best_slots: list[int] | None = None
        best = math.inf
        t0 = time.perf_counter()
        span = max(1e-3, deadline - t0)
        temp = t_start
        it = 0
        last_copy = -(10**9)
        last_bad, bad_since = len(self.unplaced) + self.excess + 1, 0
        unfair: list[int] = []
        rng = self.rng
        while True:
            it += 1
            if it & 1023 == 0:
                if stop_when_valid and self.valid():
                    break
                if should_stop is not None and should_stop():
                    break  # the caller has its answer elsewhere
                now = time.perf_counter()
                if give_up_at is not None and now > give_up_at and best_slots is None:
                    break  # still incomplete or unfair: the caller repairs differently
                if max_moves is not None:
                    if it >= max_moves:
                        break
                    frac = it / max_moves
                else:
                    if now >= deadline:
                        break
                    frac = (now - t0) / span
                temp = t_start * (t_end / t_start) ** frac
            if it & 1023 == 0 and self.excess:
                n_bad = len(self.unplaced) + self.excess
                if n_bad < last_bad:
                    last_bad, bad_since = n_bad, it
                unfair = [p for p in self.bad if self.h[p] > self.d]
            if self.excess and unfair and rng.random() < 0.3:
                # Someone over the fairness cap: work on their agenda (hot when stuck).
                hot = it - bad_since > 20_000
                self.try_relocate(max(temp, 2.0) if hot else temp, rng.choice(unfair))
            elif self.unplaced and rng.random() < (0.3 if len(self.unplaced) > 5 else 0.5):
                # The last unplaced meetings can sit in a local minimum: after a while without
                # progress the ejection chains (not the other moves) run hot.
                n_bad = len(self.unplaced) + self.excess
                if n_bad < last_bad:
                    last_bad, bad_since = n_bad, it
                hot = it - bad_since > 20_000
                ti = max(temp, 2.0) if hot else temp
                if rng.random() < 0.5:
                    self.try_insert_kempe(ti)
                else:
                    self.try_insert(ti)
            else:
                self.try_relocate(temp)
            if (
                not self.unplaced
                and not self.excess
                and self.breaks < best
                and (it - last_copy > 3000 or best_slots is None)
            ):
                best = self.breaks
                best_slots = list(self.slot)
                last_copy = it
                if on_best:
                    on_best(best_slots)
        if self.valid() and self.breaks <= best:
            best_slots = list(self.slot)
            if on_best:
                on_best(best_slots)
        self.iterations = getattr(self, "iterations", 0) + it
        self.temp = temp
        return best_slots
