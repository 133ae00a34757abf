"""Insertion moves of the large-event annealer (:mod:`.large`): placing the meetings a
construction left out.

* direct insertion, or an ejection chain step: the meetings that block the slot are unplaced
  (cost-neutral when one goes out for one coming in, so the walk can travel);
* unblocking: each blocking meeting moves on to a slot with room where its participants are
  free (pushing one meeting of a full target slot on once more);
* pushing: the slot is full but both participants are free, so one of its meetings moves on;
* Kempe insertion: the blocker's Kempe chain swaps to a slot where the blocked participant
  is free (Vizing's argument for edge colouring).
"""

from __future__ import annotations

W_UNPLACED = 60.0


class InsertMoves:
    """Mixed into :class:`.large.Annealer`; uses its state (slot, occ, at, load, ...)."""

    def try_insert_kempe(self, temp: float) -> None:
        """Place an unplaced meeting (a, b) in slot t where one of them is busy: move the
        blocking meeting's Kempe chain to another slot first (Vizing's argument)."""
        rng, ix = self.rng, self.ix
        m = self.unplaced[rng.randrange(len(self.unplaced))]
        dl = self.dlist[m]
        if not dl:
            return
        t = dl[rng.randrange(len(dl))]
        a, b = ix.ma[m], ix.mb[m]
        ka, kb = self.at[a][t], self.at[b][t]
        if (ka >= 0) == (kb >= 0) or self.load[t] >= self.cap:
            return
        k = ka if ka >= 0 else kb
        # Vizing: move the blocker's chain to a slot where its blocked participant is free.
        blocked = a if ka >= 0 else b
        cand = self.dmask[k] & ~(1 << t)
        free = cand & ~self.occ[blocked]
        if free and rng.random() < 0.8:
            cand = free
        if not cand:
            return
        for _ in range(int(rng.random() * cand.bit_count())):
            cand &= cand - 1
        t2 = (cand & -cand).bit_length() - 1
        found = self._chain(k, t, t2)
        if found is None:
            return
        chain, parts, c1, c2 = found
        bit = (1 << t) | (1 << t2)
        # After the swap a and b must be free at t; and the load of t must leave room.
        for x in (a, b):
            o = self.occ[x]
            after = o ^ bit if x in parts and (o & bit) != bit and o & bit else o
            if after >> t & 1:
                return
        if self.load[t] - c1 + c2 >= self.cap:
            return
        if self.has_prec[m] and not self._prec_ok(m, t):
            return
        extra = {a: 1 << t, b: 1 << t}
        delta = self._chain_delta(parts, bit, extra) - W_UNPLACED
        if not self._accept(delta, temp):
            return
        self._apply_chain(chain, parts, t, t2, c1, c2)
        if self.has_prec[m] and not self._prec_ok(m, t):
            self._apply_chain(chain, parts, t, t2, c2, c1)
            return
        self._place(m, t)
        self._set_h(a, self.brk(self.occ[a]))
        self._set_h(b, self.brk(self.occ[b]))

    def try_insert(self, temp: float) -> None:
        rng, ix = self.rng, self.ix
        m = self.unplaced[rng.randrange(len(self.unplaced))]
        dl = self.dlist[m]
        if not dl:
            return
        t = dl[rng.randrange(len(dl))]
        a, b = ix.ma[m], ix.mb[m]
        eject = {k for k in (self.at[a][t], self.at[b][t]) if k >= 0}
        if not eject and self.load[t] >= self.cap:
            self.try_push(m, t, temp)
            return
        if eject and self.load[t] - len(eject) < self.cap and rng.random() < 0.7:
            self.try_unblock(m, t, eject, temp)
            return
        if self.load[t] - len(eject) >= self.cap:
            k = self._random_at(t)
            if k < 0:
                return
            eject.add(k)
        touched = {a, b}
        for k in eject:
            touched.update((ix.ma[k], ix.mb[k]))
        before = {x: self.occ[x] for x in touched}
        old = {k: self.slot[k] for k in eject}
        for k in eject:
            self._unplace(k)
        if self.has_prec[m] and not self._prec_ok(m, t):
            for k in eject:
                self._place(k, old[k])
            return
        self._place(m, t)
        delta = W_UNPLACED * (len(eject) - 1)
        for x in touched:
            delta += self._pcost(x, self.occ[x]) - self._pcost(x, before[x])
        if self._accept(delta, temp):
            for x in touched:
                self._set_h(x, self.brk(self.occ[x]))
            return
        self._unplace(m)
        for k in eject:
            self._place(k, old[k])

    def try_unblock(self, m: int, t: int, blockers: set[int], temp: float) -> None:
        """Insert ``m`` at ``t`` and move each meeting that blocks it there (one per
        participant) to a slot with room where that meeting's participants are free."""
        rng, ix = self.rng, self.ix
        if self.has_prec[m] and not self._prec_ok(m, t):
            return
        load = list(self.load)
        occ = self.occ
        new: dict[int, int] = {}
        moves = []
        for k in blockers:
            ka, kb = ix.ma[k], ix.mb[k]
            cand = self.dmask[k] & ~(new.get(ka, occ[ka]) | new.get(kb, occ[kb]))
            room = sum(1 << u for u in range(self.T) if load[u] < self.cap)
            if cand & room and rng.random() < 0.7:
                cand &= room
            if not cand:
                return
            for _ in range(int(rng.random() * cand.bit_count())):
                cand &= cand - 1
            t2 = (cand & -cand).bit_length() - 1
            if self.has_prec[k] and not self._prec_ok(k, t2):
                return
            if load[t2] >= self.cap:
                # The target slot is full: push one of its meetings on to a slot with room.
                j = self._random_at(t2)
                if j < 0 or j in blockers:
                    return
                ja, jb = ix.ma[j], ix.mb[j]
                room &= ~(1 << t)
                c3 = self.dmask[j] & room & ~(new.get(ja, occ[ja]) | new.get(jb, occ[jb]))
                if not c3:
                    return
                for _ in range(int(rng.random() * c3.bit_count())):
                    c3 &= c3 - 1
                t3 = (c3 & -c3).bit_length() - 1
                if self.has_prec[j] and not self._prec_ok(j, t3):
                    return
                for x in (ja, jb):
                    new[x] = (new.get(x, occ[x]) & ~(1 << t2)) | (1 << t3)
                load[t2] -= 1
                load[t3] += 1
                moves.append((j, t3))
            for x in (ka, kb):
                new[x] = (new.get(x, occ[x]) & ~(1 << t)) | (1 << t2)
            load[t2] += 1
            moves.append((k, t2))
        for x in (ix.ma[m], ix.mb[m]):
            new[x] = new.get(x, occ[x]) | (1 << t)
        delta = -W_UNPLACED
        for x, mask in new.items():
            delta += self._pcost(x, mask) - self._pcost(x, occ[x])
        if not self._accept(delta, temp):
            return
        old = [(k, self.slot[k]) for k, _ in moves]
        for k, _ in moves:
            self._unplace(k)
        for k, t2 in moves:
            self._place(k, t2)
        self._place(m, t)
        moved = [m] + [k for k, _ in moves]
        if any(self.has_prec[k] for k in moved) and not all(
            self._prec_ok(k, self.slot[k]) for k in moved
        ):
            self._unplace(m)
            for k, _ in moves:
                self._unplace(k)
            for k, t0 in old:
                self._place(k, t0)
            return
        for x in new:
            self._set_h(x, self.brk(occ[x]))

    def try_push(self, m: int, t: int, temp: float) -> None:
        """Insert ``m`` into the full slot ``t`` (both its participants free there) by moving
        another meeting of ``t`` to a slot with room where its participants are free."""
        rng, ix = self.rng, self.ix
        a, b = ix.ma[m], ix.mb[m]
        if self.has_prec[m] and not self._prec_ok(m, t):
            return
        room = sum(1 << u for u in range(self.T) if self.load[u] < self.cap)
        best = None
        for _ in range(6):
            k = self._random_at(t)
            if k < 0:
                continue
            ka, kb = ix.ma[k], ix.mb[k]
            cand = self.dmask[k] & room & ~(self.occ[ka] | self.occ[kb])
            if not cand:
                continue
            for _ in range(int(rng.random() * cand.bit_count())):
                cand &= cand - 1
            t2 = (cand & -cand).bit_length() - 1
            if self.has_prec[k] and not self._prec_ok(k, t2):
                continue
            mv = (1 << t) | (1 << t2)
            delta = -W_UNPLACED
            for x, new in (
                (a, self.occ[a] | 1 << t),
                (b, self.occ[b] | 1 << t),
                (ka, self.occ[ka] ^ mv),
                (kb, self.occ[kb] ^ mv),
            ):
                delta += self._pcost(x, new) - self._pcost(x, self.occ[x])
            if best is None or delta < best[0]:
                best = (delta, k, t2)
        if best is None or not self._accept(best[0], temp):
            return
        _, k, t2 = best
        self._unplace(k)
        self._place(k, t2)
        self._place(m, t)
        for x in (a, b, ix.ma[k], ix.mb[k]):
            self._set_h(x, self.brk(self.occ[x]))

    def _random_at(self, t: int) -> int:
        """A random meeting in slot ``t`` (through a random busy participant)."""
        rng, ix = self.rng, self.ix
        for _ in range(50):
            p = rng.randrange(ix.n_participants)
            k = self.at[p][t]
            if k >= 0 and len(self.dlist[k]) > 1:
                return k
        return -1

    # -- driver ------------------------------------------------------------------------------
