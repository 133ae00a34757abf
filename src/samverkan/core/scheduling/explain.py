"""Proofs of infeasibility in words, and a cheap lower bound on breaks.

The checks here are *sound* necessary conditions: when one fails, no schedule exists and the
message names the participant, meeting or slot responsible. They run before any search, so the
common mistakes in real events (someone booked for more meetings than the slots they can attend,
two fixed meetings at one table, precedence cycles) get a precise answer instantly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .indexed import Indexed


def max_matching(
    items: list[int], dom: Sequence[Iterable[int]] | Mapping[int, Iterable[int]]
) -> tuple[int, list[int]]:
    """Kuhn's augmenting paths: size of the largest meeting -> distinct-slot matching, and the
    items left unmatched."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for t in dom[i]:
            if t in seen:
                continue
            seen.add(t)
            if t not in owner or augment(owner[t], seen):
                owner[t] = i
                return True
        return False

    unmatched = [i for i in items if not augment(i, set())]
    return len(items) - len(unmatched), unmatched


def _names(ix: Indexed):
    pr = ix.problem

    def part(p: int) -> str:
        return f"participant {pr.participants[p].id}"

    def meet(m: int) -> str:
        return f"meeting {pr.meetings[m].id} ({pr.meetings[m].a}-{pr.meetings[m].b})"

    def slot(t: int) -> str:
        return f"slot {pr.slots[t].id}"

    return part, meet, slot


def infeasibility_reasons(ix: Indexed) -> list[str]:
    """Sound reasons why no complete schedule exists (empty when none is found)."""
    if ix.problem.allow_unscheduled:
        return []
    part, meet, slot = _names(ix)
    pr = ix.problem
    out: list[str] = []
    for m in range(ix.n_meetings):
        if not ix.dom[m]:
            pm = pr.meetings[m]
            why = []
            if pm.fixed_slot is not None:
                why.append(f"fixed to slot {pm.fixed_slot}")
            if pm.sessions:
                why.append(f"sessions {sorted(pm.sessions)}")
            why.append("after removing both participants' unavailable slots")
            out.append(f"{meet(m)} has no possible slot ({', '.join(why)})")
        elif not ix.pools_of[m]:
            out.append(f"{meet(m)} has no suitable table")
    # Each agenda (participant, or company without parallel meetings) needs distinct slots.
    for g, ag in enumerate(ix.agendas):
        ms = [m for m in ag if ix.dom[m]]
        size, unmatched = max_matching(ms, ix.dom)
        if size < len(ms):
            usable = sorted({t for m in ms for t in ix.dom[m]})
            who = part(g) if g < ix.n_participants else "a company that cannot meet in parallel"
            if g >= ix.n_participants:
                p0 = ix.ma[ms[0]]
                who = f"company {pr.participants[p0].company} (members cannot meet in parallel)"
            out.append(
                f"{who} has {len(ms)} meetings but at most {size} can get distinct slots "
                f"({len(usable)} usable slots: sessions, unavailability and fixed slots); "
                f"e.g. {meet(unmatched[0])} cannot be placed"
            )
    # Slot capacity: meetings confined to a set of slots need that many tables there.
    tables = len(pr.tables)
    doms = {tuple(d) for d in ix.dom if d}
    for d in sorted(doms, key=len):
        inside = sum(1 for m in range(ix.n_meetings) if ix.dom[m] and set(ix.dom[m]) <= set(d))
        if inside > tables * len(d):
            where = (
                slot(d[0]) if len(d) == 1 else f"slots {pr.slots[d[0]].id}..{pr.slots[d[-1]].id}"
            )
            out.append(
                f"{inside} meetings must be held in {where} but only "
                f"{tables * len(d)} table-slots exist there"
            )
    by_table: dict[tuple[int, int], list[int]] = {}
    for m, tk in enumerate(ix.fixed_table):
        if tk >= 0 and len(ix.dom[m]) == 1:
            by_table.setdefault((ix.dom[m][0], tk), []).append(m)
    for (t, tk), ms in by_table.items():
        if len(ms) > 1:
            out.append(
                f"{meet(ms[0])} and {meet(ms[1])} are both fixed to table "
                f"{pr.tables[tk].id} in {slot(t)}"
            )
    cyc = _precedence_cycle(ix)
    if cyc:
        out.append("precedence cycle: " + " -> ".join(meet(m) for m in cyc))
    elif ix.preds:
        out += _precedence_windows(ix, meet)
    return out


def _precedence_cycle(ix: Indexed) -> list[int]:
    succ: dict[int, list[int]] = {}
    for j, m in ix.preds:
        succ.setdefault(j, []).append(m)
    color: dict[int, int] = {}
    stack_path: list[int] = []

    def dfs(u: int) -> list[int]:
        color[u] = 1
        stack_path.append(u)
        for v in succ.get(u, ()):
            if color.get(v) == 1:
                return [*stack_path[stack_path.index(v) :], v]
            if v not in color:
                found = dfs(v)
                if found:
                    return found
        stack_path.pop()
        color[u] = 2
        return []

    for u in list(succ):
        if u not in color:
            found = dfs(u)
            if found:
                return found
    return []


def _precedence_windows(ix: Indexed, meet) -> list[str]:
    """Earliest/latest slot propagation along precedence chains."""
    lo = [min(d) if d else 0 for d in ix.dom]
    hi = [max(d) if d else 0 for d in ix.dom]
    for _ in range(len(ix.preds) + 1):
        changed = False
        for j, m in ix.preds:
            if lo[m] < lo[j] + 1:
                lo[m], changed = lo[j] + 1, True
            if hi[j] > hi[m] - 1:
                hi[j], changed = hi[m] - 1, True
        if not changed:
            break
    return [
        f"{meet(m)} cannot satisfy its precedences within its allowed slots"
        for m in range(ix.n_meetings)
        if ix.dom[m] and lo[m] > hi[m]
    ]


def quick_lower_bound(ix: Indexed) -> int:
    """Participants who cannot hold all their meetings in one contiguous run of slots (their
    meetings' own domains only) have at least one break each. Sound for complete schedules."""
    if ix.problem.allow_unscheduled or ix.lunch:
        return 0
    T = ix.n_slots
    lb = 0
    for ms in ix.meetings_of:
        k = len(ms)
        if k <= 1:
            continue
        ok = False
        for a in range(T - k + 1):
            doms = {m: [t for t in ix.dom[m] if a <= t < a + k] for m in ms}
            if any(not doms[m] for m in ms):
                continue
            if max_matching(ms, doms)[0] == k:
                ok = True
                break
        lb += 0 if ok else 1
    return lb
