"""Compile a :class:`Problem` into dense integer arrays shared by every solver.

Slots become positions ``0..T-1``, participants and meetings become list indices, tables are
grouped into *pools* of interchangeable tables (same type and owner), and each meeting gets its
domain: the slot positions where it may be held (session, unavailability of both participants,
fixed slot) and the pools it may use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from .model import Id, Placement, Problem


class ProblemError(ValueError):
    """The input itself is malformed (unknown ids, duplicate ids, ...)."""


@dataclass
class Indexed:
    problem: Problem
    n_slots: int
    n_participants: int
    # meetings
    ma: list[int]
    mb: list[int]
    dom: list[list[int]]  # allowed slot positions per meeting
    pools_of: list[list[int]]  # allowed pool indices per meeting
    weight: list[int]
    preds: list[tuple[int, int]]  # (j, m): slot(j) < slot(m)
    # participants
    meetings_of: list[list[int]]
    # agenda groups: sets of meetings that never overlap (one per participant and one per
    # company whose members cannot meet in parallel)
    agendas: list[list[int]]
    # tables
    pool_tables: list[list[int]]  # table indices per pool
    fixed_table: list[int]  # table index or -1
    lunch: list[int]  # lunch slot positions
    min_share: list[int]  # per participant, minimum number of its meetings to place
    prev_slot: list[int]  # previous slot position per meeting or -1
    prev_table: list[int]
    slot_index: dict[Id, int] = field(default_factory=dict)
    meeting_index: dict[Id, int] = field(default_factory=dict)
    participant_index: dict[Id, int] = field(default_factory=dict)
    table_index: dict[Id, int] = field(default_factory=dict)

    @property
    def n_meetings(self) -> int:
        return len(self.ma)

    @property
    def single_pool(self) -> bool:
        return len(self.pool_tables) == 1 and all(t < 0 for t in self.fixed_table)


def _index(items: list, what: str) -> dict[Id, int]:
    out: dict[Id, int] = {}
    for i, it in enumerate(items):
        if it.id in out:
            raise ProblemError(f"duplicate {what} id {it.id!r}")
        out[it.id] = i
    return out


def compile_problem(pr: Problem) -> Indexed:
    """Validate ids and build the dense form. Raises :class:`ProblemError` on bad input."""
    si = _index(pr.slots, "slot")
    pi = _index(pr.participants, "participant")
    mi = _index(pr.meetings, "meeting")
    ti = _index(pr.tables, "table")
    T = len(pr.slots)
    parts = pr.participants
    unavailable: list[set[int]] = []
    for p in parts:
        bad = [s for s in p.unavailable if s not in si]
        if bad:
            raise ProblemError(f"participant {p.id!r}: unknown unavailable slots {bad}")
        unavailable.append({si[s] for s in p.unavailable})

    # Table pools: identical (type, owner) tables are interchangeable, so the model only
    # counts meetings per pool and slot and numbers tables afterwards.
    pool_key: dict[tuple, int] = {}
    pool_tables: list[list[int]] = []
    for k, tb in enumerate(pr.tables):
        key = (tb.type, tb.reserved_for)
        if key not in pool_key:
            pool_key[key] = len(pool_tables)
            pool_tables.append([])
        pool_tables[pool_key[key]].append(k)
    owners = {tb.reserved_for for tb in pr.tables if tb.reserved_for is not None}

    def owner_of(p: int) -> Id | None:
        part = parts[p]
        if part.company is not None and part.company in owners:
            return part.company
        return part.id if part.id in owners else None

    ma, mb, dom, pools_of, weight, fixed_table = [], [], [], [], [], []
    meetings_of: list[list[int]] = [[] for _ in parts]
    for k, m in enumerate(pr.meetings):
        if m.a not in pi or m.b not in pi or m.a == m.b:
            raise ProblemError(f"meeting {m.id!r}: bad participants {m.a!r}, {m.b!r}")
        a, b = pi[m.a], pi[m.b]
        ma.append(a)
        mb.append(b)
        meetings_of[a].append(k)
        meetings_of[b].append(k)
        slots = [
            t
            for t in range(T)
            if (not m.sessions or pr.slots[t].session in m.sessions)
            and t not in unavailable[a]
            and t not in unavailable[b]
        ]
        if m.fixed_slot is not None:
            if m.fixed_slot not in si:
                raise ProblemError(f"meeting {m.id!r}: unknown fixed slot {m.fixed_slot!r}")
            slots = [t for t in slots if t == si[m.fixed_slot]]
        dom.append(slots)
        weight.append(max(1, int(m.priority)))
        if m.fixed_table is not None:
            if m.fixed_table not in ti:
                raise ProblemError(f"meeting {m.id!r}: unknown fixed table {m.fixed_table!r}")
            tk = ti[m.fixed_table]
            fixed_table.append(tk)
            pools_of.append([next(g for g, ts in enumerate(pool_tables) if tk in ts)])
            continue
        fixed_table.append(-1)
        stand = {o for o in (owner_of(a), owner_of(b)) if o is not None}
        if stand:
            allowed = [
                g for g, ts in enumerate(pool_tables) if pr.tables[ts[0]].reserved_for in stand
            ]
        else:
            allowed = [
                g
                for g, ts in enumerate(pool_tables)
                if pr.tables[ts[0]].reserved_for is None
                and (not m.table_type or pr.tables[ts[0]].type == m.table_type)
            ]
        pools_of.append(allowed)

    preds = []
    for k, m in enumerate(pr.meetings):
        for j in m.after:
            if j not in mi:
                raise ProblemError(f"meeting {m.id!r}: unknown predecessor {j!r}")
            preds.append((mi[j], k))

    agendas = [list(ms) for ms in meetings_of]
    companies: dict[Id, set[int]] = {}
    for p, part in enumerate(parts):
        if part.company is not None:
            companies.setdefault(part.company, set()).add(p)
    parallel = pr.parallel_companies
    for c, members in companies.items():
        if len(members) > 1 and parallel is not None and c not in parallel:
            agendas.append(sorted({k for p in members for k in meetings_of[p]}))

    lunch = sorted(si[s] for s in pr.lunch_slots if s in si)
    min_share = [0] * len(parts)
    if pr.sme_min_share > 0:
        for p, part in enumerate(parts):
            if part.is_sme:
                n = len(meetings_of[p])
                min_share[p] = min(n, -int(-pr.sme_min_share * n // 1))

    prev_slot = [-1] * len(ma)
    prev_table = [-1] * len(ma)
    for pl in pr.previous or []:
        if pl.meeting in mi and pl.slot in si:
            prev_slot[mi[pl.meeting]] = si[pl.slot]
            prev_table[mi[pl.meeting]] = ti.get(pl.table, -1)

    return Indexed(
        pr,
        T,
        len(parts),
        ma,
        mb,
        dom,
        pools_of,
        weight,
        preds,
        meetings_of,
        agendas,
        pool_tables,
        fixed_table,
        lunch,
        min_share,
        prev_slot,
        prev_table,
        si,
        mi,
        pi,
        ti,
    )


def participant_breaks(ix: Indexed, slot_of: list[int]) -> list[int]:
    """Breaks per participant for meeting -> slot position (-1 = unplaced). A gap made only of
    lunch slots is the lunch pause, not a break."""
    lunch = set(ix.lunch)
    out = []
    for ms in ix.meetings_of:
        ts = sorted(slot_of[m] for m in ms if slot_of[m] >= 0)
        h = 0
        for x, y in pairwise(ts):
            if y > x + 1 and not all(t in lunch for t in range(x + 1, y)):
                h += 1
        out.append(h)
    return out


def assign_tables(ix: Indexed, slot_of: list[int]) -> list[int]:
    """Table index per meeting (-1 when unplaced or when no table is left). The models keep
    per-pool counts within capacity, so a pool-by-pool fill always succeeds for their output."""
    table = [-1] * ix.n_meetings
    used: set[tuple[int, int]] = set()
    for m, tk in enumerate(ix.fixed_table):
        if tk >= 0 and slot_of[m] >= 0:
            table[m] = tk
            used.add((slot_of[m], tk))
    # Prefer a meeting's previous table to avoid needless moves when rescheduling.
    for m in range(ix.n_meetings):
        t, tk = slot_of[m], ix.prev_table[m]
        ok = any(tk in ix.pool_tables[g] for g in ix.pools_of[m])
        if table[m] < 0 and t >= 0 and tk >= 0 and (t, tk) not in used and ok:
            table[m] = tk
            used.add((t, tk))
    # Meetings with fewer pool choices first so that a flexible one never takes their table.
    order = sorted(range(ix.n_meetings), key=lambda m: len(ix.pools_of[m]))
    cursor: dict[tuple[int, int], int] = {}  # (slot, pool) -> next table position to try
    for m in order:
        t = slot_of[m]
        if t < 0 or table[m] >= 0:
            continue
        for g in ix.pools_of[m]:
            ts = ix.pool_tables[g]
            i = cursor.get((t, g), 0)
            while i < len(ts) and (t, ts[i]) in used:
                i += 1
            cursor[(t, g)] = i
            if i < len(ts):
                table[m] = ts[i]
                used.add((t, ts[i]))
                break
    return table


def placements(ix: Indexed, slot_of: list[int]) -> tuple[list[Placement], list[int]]:
    """Public placements and the indices of meetings left without slot or table."""
    tables = assign_tables(ix, slot_of)
    pr = ix.problem
    out, missing = [], []
    for m, (t, tk) in enumerate(zip(slot_of, tables, strict=True)):
        if t < 0 or tk < 0:
            missing.append(m)
            continue
        out.append(Placement(pr.meetings[m].id, pr.slots[t].id, pr.tables[tk].id))
    return out, missing
